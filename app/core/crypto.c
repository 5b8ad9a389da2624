/* crypto.c: tokens, keyed hashes and password hashing through libsodium */
#include "crypto.h"
#include "log.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static unsigned char master_key[crypto_generichash_KEYBYTES];
static char dummy_hash[crypto_pwhash_STRBYTES];

void crypto_init_with_secret(const unsigned char *secret, size_t len)
{
	if (sodium_init() < 0)
		die("libsodium failed to initialise");
	crypto_generichash(master_key, sizeof master_key, secret, len,
			   (const unsigned char *)"cxms master key", 15);
	if (!dummy_hash[0] &&
	    crypto_pwhash_str(dummy_hash, "not a real password", 19,
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		die("cannot compute the dummy password hash");
}

bool crypto_init(const char *secret_file)
{
	FILE *f = fopen(secret_file, "rb");
	if (!f) {
		log_error("cannot open secret file %s", secret_file);
		return false;
	}
	unsigned char raw[512];
	size_t n = fread(raw, 1, sizeof raw, f);
	fclose(f);
	while (n > 0 && isspace(raw[n - 1]))
		n--;
	if (n < 32) {
		log_error("secret file %s holds fewer than 32 bytes", secret_file);
		return false;
	}
	crypto_init_with_secret(raw, n);
	sodium_memzero(raw, sizeof raw);
	return true;
}

static char *b64url(arena *a, const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

char *token_new(arena *a)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	return b64url(a, raw, sizeof raw);
}

char *token_hash(arena *a, const char *token)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	char *hex = arena_alloc(a, sizeof h * 2 + 1);
	sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
	return hex;
}

static void keyed(const char *purpose, const char *msg, unsigned char h[32])
{
	unsigned char key[crypto_generichash_KEYBYTES];
	crypto_generichash(key, sizeof key, (const unsigned char *)purpose, strlen(purpose),
			   master_key, sizeof master_key);
	crypto_generichash(h, 32, (const unsigned char *)msg, strlen(msg), key, sizeof key);
	sodium_memzero(key, sizeof key);
}

char *keyed_hash(arena *a, const char *purpose, const char *msg)
{
	unsigned char h[32];
	keyed(purpose, msg, h);
	return b64url(a, h, sizeof h);
}

char *keyed_hash_hex(arena *a, const char *purpose, const char *msg, size_t bytes)
{
	unsigned char h[32];
	keyed(purpose, msg, h);
	if (bytes > sizeof h)
		bytes = sizeof h;
	char *out = arena_alloc(a, bytes * 2 + 1);
	sodium_bin2hex(out, bytes * 2 + 1, h, bytes);
	return out;
}

bool secure_streq(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

char *password_hash(arena *a, const char *password)
{
	char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str(out, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return NULL;
	return out;
}

bool password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_verify_dummy(const char *password)
{
	if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		log_error("the dummy password hash matched");
}
