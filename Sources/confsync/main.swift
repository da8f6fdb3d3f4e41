import Commands

// libgit2 starts on first use, on the thread that needs it. (It used to start on a
// background queue to overlap start-up; that thread raced the process's exit and crashed
// about 1 run in 50 of a short command, exit 139 after a correct verdict.)
Confsync.main()
