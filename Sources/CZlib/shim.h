// What Swift needs from zlib: deflating the objects of the packs GitStore writes.
// Everything reaches Swift through GitStore only.
#ifndef CONFSYNC_CZLIB_SHIM_H
#define CONFSYNC_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit is a macro (it passes the library's version and the stream's size).
static inline int confsync_deflateInit(z_stream *stream, int level) {
    return deflateInit(stream, level);
}
#endif
