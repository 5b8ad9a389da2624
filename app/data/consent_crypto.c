/* consent_crypto.c: sensitive fields sealed with a per-customer key (XChaCha20-Poly1305); each
 * customer's key is stored wrapped by the master key from CXMS_MASTER_KEY_FILE. Erasure deletes
 * the wrapped key, so the sealed fields become unreadable everywhere, old backups included. */
#include "consent.h"
#include "../core/crypto.h"
#include "../core/log.h"
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEYLEN crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCELEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAGLEN crypto_aead_xchacha20poly1305_ietf_ABYTES

static unsigned char master[KEYLEN];
static bool master_ok;
static pthread_once_t master_once = PTHREAD_ONCE_INIT;

/* set once, before any reader, by pthread_once */
static void master_load(void)
{
	const char *path = getenv("CXMS_MASTER_KEY_FILE");
	if (!path) {
		log_error("CXMS_MASTER_KEY_FILE is not set: sensitive fields cannot be stored");
		return;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_error("cannot open master key file %s", path);
		return;
	}
	char raw[256];
	size_t n = fread(raw, 1, sizeof raw - 1, f);
	fclose(f);
	while (n > 0 && isspace((unsigned char)raw[n - 1]))
		n--;
	raw[n] = '\0';
	size_t got = 0;
	if (n == KEYLEN * 2 && sodium_hex2bin(master, sizeof master, raw, n, NULL, &got, NULL) == 0 &&
	    got == KEYLEN)
		master_ok = true;
	else if (n >= KEYLEN) { /* raw bytes: hash them down to a key */
		crypto_generichash(master, sizeof master, (unsigned char *)raw, n, NULL, 0);
		master_ok = true;
	} else
		log_error("master key file %s holds fewer than 32 bytes", path);
	sodium_memzero(raw, sizeof raw);
}

void master_key_set_for_tests(const unsigned char key[32])
{
	pthread_once(&master_once, master_load);
	memcpy(master, key, KEYLEN);
	master_ok = true;
}

static char *b64(arena *a, const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, bin, n, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

char *seal_text(arena *a, const unsigned char key[32], const char *plain, const char *ad)
{
	size_t n = strlen(plain);
	unsigned char *out = arena_alloc(a, NONCELEN + n + TAGLEN);
	randombytes_buf(out, NONCELEN);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCELEN, &clen, (const unsigned char *)plain, n,
						   (const unsigned char *)ad, strlen(ad), NULL, out, key);
	return b64(a, out, NONCELEN + (size_t)clen);
}

char *open_text(arena *a, const unsigned char key[32], const char *sealed, const char *ad)
{
	size_t max = strlen(sealed);
	unsigned char *bin = arena_alloc(a, max + 1);
	size_t n = 0;
	if (sodium_base642bin(bin, max, sealed, max, NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n < NONCELEN + TAGLEN)
		return NULL;
	char *plain = arena_alloc(a, n - NONCELEN - TAGLEN + 1);
	unsigned long long plen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &plen, NULL, bin + NONCELEN,
						       n - NONCELEN, (const unsigned char *)ad, strlen(ad),
						       bin, key) != 0)
		return NULL;
	plain[plen] = '\0';
	return plain;
}

static const stmt key_get = { "SELECT wrapped_key FROM customer_keys WHERE customer_id = $1::bigint" };
static const stmt key_put = {
	"INSERT INTO customer_keys (customer_id, wrapped_key) VALUES ($1::bigint, $2)"
	" ON CONFLICT (customer_id) DO NOTHING"
};

/* The customer's data key; created when create and none exists. false: none, or no master key. */
static bool customer_key(db *d, arena *a, int64_t customer_id, bool create, unsigned char key[32])
{
	pthread_once(&master_once, master_load);
	if (!master_ok)
		return false;
	const char *id = db_id(a, customer_id);
	const char *ad = arena_printf(a, "cxms-customer-key:%s", id);
	for (int attempt = 0; attempt < 2; attempt++) {
		PGresult *res = db_run(d, &key_get, 1, (const char *[]){ id });
		if (!res)
			return false;
		const char *wrapped = PQntuples(res) == 1 ? db_str(a, res, 0, 0) : NULL;
		PQclear(res);
		if (wrapped) {
			char *k = open_text(a, master, wrapped, ad);
			size_t got = 0;
			bool ok = k && sodium_hex2bin(key, KEYLEN, k, strlen(k), NULL, &got, NULL) == 0 &&
				  got == KEYLEN;
			if (k)
				sodium_memzero(k, strlen(k));
			return ok;
		}
		if (!create)
			return false;
		unsigned char fresh[KEYLEN + 1];
		randombytes_buf(fresh, KEYLEN);
		fresh[KEYLEN] = '\0';
		/* sealed as text: the key bytes may hold NULs, so wrap their hex form */
		char hex[KEYLEN * 2 + 1];
		sodium_bin2hex(hex, sizeof hex, fresh, KEYLEN);
		sodium_memzero(fresh, sizeof fresh);
		const char *p[] = { id, seal_text(a, master, hex, ad) };
		sodium_memzero(hex, sizeof hex);
		if (!db_do(d, &key_put, 2, p))
			return false;
	}
	return false;
}

/* ---- sensitive fields ---- */

static const char *const field_names[] = { "phone", "birthday", "address", "notes" };

static const stmt private_put = {
	"INSERT INTO customer_private (customer_id, phone_enc, birthday_enc, address_enc, notes_enc, phone_index)"
	" VALUES ($1::bigint, $2, $3, $4, $5, $6) ON CONFLICT (customer_id) DO UPDATE SET"
	" phone_enc = excluded.phone_enc, birthday_enc = excluded.birthday_enc,"
	" address_enc = excluded.address_enc, notes_enc = excluded.notes_enc,"
	" phone_index = excluded.phone_index, updated_at = now()"
};

const char *phone_index_of(arena *a, const char *phone)
{
	char digits[16];
	size_t n = 0;
	for (const char *p = phone ? phone : ""; *p; p++) {
		if (!isdigit((unsigned char)*p))
			continue;
		if (n == sizeof digits - 1) /* keep the last 15 */
			memmove(digits, digits + 1, --n);
		digits[n++] = *p;
	}
	if (n < 7)
		return NULL;
	digits[n] = '\0';
	return keyed_hash(a, "phone-index", n > 10 ? digits + n - 10 : digits);
}

char *master_seal(arena *a, const char *plain, const char *ad)
{
	pthread_once(&master_once, master_load);
	return master_ok ? seal_text(a, master, plain, ad) : NULL;
}

char *master_open(arena *a, const char *sealed, const char *ad)
{
	pthread_once(&master_once, master_load);
	return master_ok && sealed ? open_text(a, master, sealed, ad) : NULL;
}
static const stmt private_get = {
	"SELECT phone_enc, birthday_enc, address_enc, notes_enc FROM customer_private"
	" WHERE customer_id = $1::bigint"
};

bool private_save(db *d, arena *a, int64_t customer_id, const private_fields *f)
{
	unsigned char key[KEYLEN];
	if (!customer_key(d, a, customer_id, true, key))
		return false;
	const char *id = db_id(a, customer_id);
	const char *in[] = { f->phone, f->birthday, f->address, f->notes };
	const char *p[6] = { id };
	for (int i = 0; i < 4; i++)
		p[i + 1] = in[i] && *in[i]
			? seal_text(a, key, in[i], arena_printf(a, "%s:%s", field_names[i], id)) : NULL;
	sodium_memzero(key, sizeof key);
	p[5] = phone_index_of(a, f->phone);
	return db_do(d, &private_put, 6, p);
}

bool private_load(db *d, arena *a, int64_t customer_id, private_fields *out)
{
	memset(out, 0, sizeof *out);
	const char *id = db_id(a, customer_id);
	PGresult *res = db_run(d, &private_get, 1, (const char *[]){ id });
	if (!res)
		return false;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return true;
	}
	unsigned char key[KEYLEN];
	bool have_key = customer_key(d, a, customer_id, false, key);
	const char **dst[] = { &out->phone, &out->birthday, &out->address, &out->notes };
	bool ok = true;
	for (int i = 0; i < 4; i++) {
		if (PQgetisnull(res, 0, i))
			continue;
		const char *plain = have_key ? open_text(a, key, PQgetvalue(res, 0, i),
							 arena_printf(a, "%s:%s", field_names[i], id)) : NULL;
		if (!plain)
			ok = false;
		*dst[i] = plain;
	}
	sodium_memzero(key, sizeof key);
	PQclear(res);
	return ok;
}
