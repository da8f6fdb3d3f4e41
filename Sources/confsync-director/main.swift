import Commands

// `confsync serve` replaces itself with this binary; it can be run directly too.
ProcessStart.resetSignals()
DirectorCommand.main()
