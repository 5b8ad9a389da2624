/* mailgate.c: one mail from the MTA, stored raw before "0" is answered (see mailgate.h). Only what
 * storing needs is done here (is it a mail, its Message-ID and sender); the worker threads it, so the
 * MTA never waits for routing, and a mail is never lost between the two: it is either stored and
 * committed with its job, or the MTA hears 75 and keeps it. */
#include "mailgate.h"
#include "email_parse.h"
#include "../core/arena.h"
#include "../core/db.h"
#include "../data/mail_inbound.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* the whole of in, at most max bytes; NULL when larger (or unreadable) */
static unsigned char *read_all(FILE *in, size_t max, size_t *len, bool *too_large)
{
	size_t cap = 64 * 1024, n = 0;
	unsigned char *data = malloc(cap + 1);
	*too_large = false;
	while (data) {
		if (n == cap) {
			if (cap >= max + 1) {
				*too_large = true;
				free(data);
				return NULL;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			unsigned char *more = realloc(data, cap + 1);
			if (!more) {
				free(data);
				return NULL;
			}
			data = more;
		}
		size_t got = fread(data + n, 1, cap - n, in);
		n += got;
		if (got == 0) {
			if (ferror(in)) {
				free(data);
				return NULL;
			}
			break;
		}
	}
	if (data && n > max) {
		*too_large = true;
		free(data);
		return NULL;
	}
	if (data)
		data[n] = '\0';
	*len = n;
	return data;
}

int mailgate_run(FILE *in, const char *channel, const char *database_url)
{
	size_t len = 0;
	bool too_large;
	unsigned char *data = read_all(in, MAILGATE_MAX_BYTES, &len, &too_large);
	if (!data) {
		fprintf(stderr, too_large ? "mailgate: the mail is larger than %ld MB\n" : "mailgate: cannot read the mail (%ld)\n",
			MAILGATE_MAX_BYTES / (1024 * 1024));
		return too_large ? MAILGATE_DATAERR : MAILGATE_TEMPFAIL;
	}
	/* Postfix's F flag and mbox-style pipes put the envelope line "From sender date" first: not part
	 * of the message */
	unsigned char *mail = data;
	if (len > 5 && memcmp(mail, "From ", 5) == 0) {
		unsigned char *nl = memchr(mail, '\n', len);
		size_t skip = nl ? (size_t)(nl - mail) + 1 : len;
		mail += skip;
		len -= skip;
	}
	int rc = MAILGATE_TEMPFAIL;
	arena *a = arena_new();
	db *d = NULL;
	mail_in m;
	const char *why;
	if (!mail_parse_headers(a, (const char *)mail, len, &m, &why)) {
		fprintf(stderr, "mailgate: %s\n", why);
		rc = MAILGATE_DATAERR;
		goto done;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, mail, len);
	char hex[2 * sizeof h + 1];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);

	d = db_connect(database_url);
	if (!d) {
		fprintf(stderr, "mailgate: the database cannot be reached; the mail stays with the MTA\n");
		goto done;
	}
	channel_account box;
	int found = db_begin(d) ? mailbox_find(d, a, channel, &box) : -1;
	if (found == 0) {
		fprintf(stderr, "mailgate: no active mailbox %s%s; the mail stays with the MTA\n", channel ? "named " : "",
			channel ? channel : "(an email channel account) exists");
		db_rollback(d);
		goto done;
	}
	int64_t id = found > 0 ? inbound_mail_store(d, a, box.id, hex, m.message_id, m.from_addr, mail, len) : -1;
	if (id < 0 || !db_commit(d)) {
		db_rollback(d);
		fprintf(stderr, "mailgate: the database failed while storing; the mail stays with the MTA\n");
		goto done;
	}
	rc = MAILGATE_STORED;
done:
	db_close(d);
	arena_free(a);
	free(data);
	return rc;
}
