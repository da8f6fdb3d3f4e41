/* CGit2Offline: confsync uses libgit2 on local repositories only, never over HTTPS. See
 * offline.c: this header only gives Swift a module to depend on. */
#ifndef CGIT2_OFFLINE_H
#define CGIT2_OFFLINE_H

/* Always 1: lets Swift refer to this module, so that the executable links offline.c. */
int cgit2_offline_linked(void);

#endif
