/* libgit2's start-up without the system's CA bundle.
 *
 * Debian builds libgit2 with mbedTLS, and git_libgit2_init() parses the whole CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, about 140 certificates) for HTTPS remotes: 10 ms of
 * CPU in every confsync command, measured on the project's 2-core VM. confsync never uses
 * libgit2's network transports (its own TLS, OpenSSL, carries deploys and replication), so
 * the executable defines the one mbedTLS function that parse calls; the dynamic linker binds
 * libgit2's call to this definition before libmbedx509's. It loads no certificate and says
 * so (0 = none failed to parse). An HTTPS remote through libgit2 would then fail certificate
 * verification: closed, never open. With a libgit2 built on OpenSSL, nothing calls this.
 * Tested by Tests/CommandsTests/OfflineStartTests.swift. */
#include "CGit2Offline.h"

struct mbedtls_x509_crt;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path) {
    (void)chain;
    (void)path;
    return 0;
}
