import CGit2Offline
import Commands
import GitStore

_ = cgit2_offline_linked()
GitLibrary.startInBackground()
Confsync.main()
