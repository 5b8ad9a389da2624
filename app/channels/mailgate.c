/* mailgate.c: one mail from the MTA, stored raw before "0" is answered (see mailgate.h). Only what
 * storing needs is done here (is it a mail, its Message-ID and sender); the worker threads it, so the
 * MTA never waits for routing, and a mail is never lost between the two: it is either stored and
 * committed with its job, or the MTA hears 75 and keeps it. */
#include "mailgate.h"
#include "email_parse.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/db.h"
#include "../data/mail_inbound.h"
#include <sodium.h>
#include <string.h>

/* the whole of in into out; false when it is larger than max (*too_large) or cannot be read */
static bool read_all(FILE *in, size_t max, buf *out, bool *too_large)
{
	char chunk[64 * 1024];
	size_t got;
	*too_large = false;
	while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
		if (out->len + got > max) {
			*too_large = true;
			return false;
		}
		buf_append(out, chunk, got);
	}
	return !ferror(in);
}

int mailgate_run(FILE *in, const char *channel, const char *database_url)
{
	buf data = { 0 };
	bool too_large;
	if (!read_all(in, MAILGATE_MAX_BYTES, &data, &too_large)) {
		if (too_large)
			fprintf(stderr, "mailgate: the mail is larger than %ld MB\n", MAILGATE_MAX_BYTES / (1024 * 1024));
		else
			fprintf(stderr, "mailgate: cannot read the mail from standard input\n");
		buf_free(&data);
		return too_large ? MAILGATE_DATAERR : MAILGATE_TEMPFAIL;
	}
	unsigned char *mail = (unsigned char *)buf_cstr(&data);
	size_t len = data.len;
	/* Postfix's F flag and mbox-style pipes put the envelope line "From sender date" first: not part
	 * of the message */
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
	buf_free(&data);
	return rc;
}
