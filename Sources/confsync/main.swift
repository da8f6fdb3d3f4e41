import Commands

await Confsync.main()
