import Commands
import GitStore

GitLibrary.startInBackground()
Confsync.main()
