// What Swift needs from libgit2. Everything reaches Swift through GitStore only.
#ifndef CONFSYNC_CGIT2_SHIM_H
#define CONFSYNC_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/repository.h>
#endif
