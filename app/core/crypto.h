/* crypto.h: tokens, keyed hashes and password hashing, all through libsodium */
#ifndef CXMS_CRYPTO_H
#define CXMS_CRYPTO_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

/* Loads the deployment secret (at least 32 bytes, hex or raw) and derives
 * the per-purpose keys. Must run before threads start. */
bool crypto_init(const char *secret_file);
/* For unit tests: derive keys from a given secret. */
void crypto_init_with_secret(const unsigned char *secret, size_t len);

/* 32 random bytes, base64url without padding (43 characters). */
char *token_new(arena *a);
/* BLAKE2b-256 of a token, hex: what the database stores instead of the token. */
char *token_hash(arena *a, const char *token);
/* Keyed BLAKE2b-256 for a named purpose ("csrf", "ip", ...), base64url. */
char *keyed_hash(arena *a, const char *purpose, const char *msg);
/* Its first bytes (at most 32) in lower-case hex: for places that may change letter case (mail addresses). */
char *keyed_hash_hex(arena *a, const char *purpose, const char *msg, size_t bytes);
/* Constant-time string equality. */
bool secure_streq(const char *a, const char *b);

/* Argon2id with libsodium's interactive limits (at least). NULL on failure. */
char *password_hash(arena *a, const char *password);
bool password_verify(const char *hash, const char *password);
/* Burns the same time as a real verification, so unknown accounts are not revealed by timing. */
void password_verify_dummy(const char *password);

#endif
