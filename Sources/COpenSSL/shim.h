// What Swift needs from OpenSSL: macros and variadics become small inline functions.
// Everything reaches Swift through the Transport module, but for the SHA-1 of the packs
// GitStore writes (GitStore/SHA1.swift).
#ifndef CONFSYNC_COPENSSL_SHIM_H
#define CONFSYNC_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>

static inline long confsync_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long confsync_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_max_proto_version(ctx, version);
}
static inline long confsync_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline long confsync_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}
static inline void confsync_BIO_set_retry_read(BIO *bio) {
    BIO_set_retry_read(bio);
}
static inline void confsync_BIO_set_retry_write(BIO *bio) {
    BIO_set_retry_write(bio);
}
static inline void confsync_BIO_clear_retry_flags(BIO *bio) {
    BIO_clear_retry_flags(bio);
}
static inline void confsync_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}
#endif
