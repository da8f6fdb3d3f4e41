import Commands

Confsync.main()
