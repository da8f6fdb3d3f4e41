/* CGit2Offline: confsync uses libgit2 on local repositories only, never over HTTPS. The
 * target holds offline.c, which the confsync executable links because it depends on the
 * target (SwiftPM links a dependency's objects whole); nothing needs to be called. */
#ifndef CGIT2_OFFLINE_H
#define CGIT2_OFFLINE_H
#endif
