/* consent_ledger.c: the append-only, hash-chained consent ledger and its verification
 *
 * Canonical form of a row (what its hash covers), version 1. The bytes are:
 *
 *   "cxms-consent-v1\n"
 *   then for each field, in this order:
 *     id, at, subject, purpose, version, granted, channel, staff_id, staff_reason,
 *     request_id, ip_hash, user_agent, prev_hash
 *   the field name, "=", the value's length in bytes (decimal), ":", the value, "\n";
 *   or, for an absent (SQL NULL) value, the field name followed by "=-\n".
 *
 *   id, version, staff_id: decimal integers; granted: "1" or "0";
 *   at: UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ (microseconds, always six digits);
 *   prev_hash: the previous row's hash (lowercase hex), or 64 "0"s for the first row.
 *
 * hash = lowercase hex of BLAKE2b-256 (libsodium crypto_generichash, no key) of those bytes.
 * The length prefixes make the form unambiguous whatever the values contain.
 *
 * Appending: under a transaction-level advisory lock, read the last row's hash, take the next id
 * and the time, hash, insert. The lock is held until commit, so two concurrent appends cannot
 * chain to the same predecessor, and ids grow in chain order. */
#include "consent.h"
#include "../core/crypto.h"
#include "../core/log.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const channel_names[] = { "portal", "chat", "email_link", "staff_phone", "api", NULL };

const char *consent_channel_name(consent_channel ch)
{
	return channel_names[ch];
}

bool consent_channel_valid(const char *name)
{
	for (int i = 0; channel_names[i]; i++)
		if (strcmp(channel_names[i], name) == 0)
			return true;
	return false;
}

static void field(buf *out, const char *name, const char *value)
{
	buf_puts(out, name);
	if (!value) {
		buf_puts(out, "=-\n");
		return;
	}
	buf_printf(out, "=%zu:", strlen(value));
	buf_puts(out, value);
	buf_puts(out, "\n");
}

void ledger_canonical(buf *out, const ledger_row *row)
{
	char id[24], ver[24], staff[24];
	snprintf(id, sizeof id, "%lld", (long long)row->id);
	snprintf(ver, sizeof ver, "%d", row->purpose_version);
	snprintf(staff, sizeof staff, "%lld", (long long)row->staff_id);
	buf_puts(out, "cxms-consent-v1\n");
	field(out, "id", id);
	field(out, "at", row->at);
	field(out, "subject", row->subject_ref);
	field(out, "purpose", row->purpose);
	field(out, "version", ver);
	field(out, "granted", row->granted ? "1" : "0");
	field(out, "channel", row->channel);
	field(out, "staff_id", row->staff_id ? staff : NULL);
	field(out, "staff_reason", row->staff_reason);
	field(out, "request_id", row->request_id);
	field(out, "ip_hash", row->ip_hash);
	field(out, "user_agent", row->user_agent);
	field(out, "prev_hash", row->prev_hash);
}

void ledger_hash(char out[65], const ledger_row *row)
{
	buf b = { 0 };
	ledger_canonical(&b, row);
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)b.data, b.len, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
	buf_free(&b);
}

/* ---- subjects ---- */

static const stmt subject_get = { "SELECT subject_ref FROM consent_subjects WHERE customer_id = $1" };
static const stmt subject_new = {
	"INSERT INTO consent_subjects (customer_id, subject_ref) VALUES ($1, $2)"
	" ON CONFLICT (customer_id) DO NOTHING"
};

const char *consent_subject(db *d, arena *a, int64_t customer_id)
{
	const char *p[] = { db_id(a, customer_id), NULL };
	for (int attempt = 0; attempt < 2; attempt++) {
		PGresult *res = db_run(d, &subject_get, 1, p);
		if (!res)
			return NULL;
		char *ref = PQntuples(res) == 1 ? db_str(a, res, 0, 0) : NULL;
		PQclear(res);
		if (ref)
			return ref;
		/* random, not derived from the id: deleting the mapping unlinks the ledger for good */
		p[1] = arena_printf(a, "s_%s", token_new(a));
		if (!db_do(d, &subject_new, 2, p))
			return NULL;
	}
	return NULL;
}

/* ---- appending ---- */

consent_ctx consent_ctx_from_req(req *r, consent_channel ch)
{
	consent_ctx c = { 0 };
	c.channel = ch;
	c.request_id = r->id;
	c.remote_addr = r->remote_addr;
	c.user_agent = r->user_agent;
	if (r->who.kind == ACCOUNT_STAFF)
		c.staff_id = r->who.id;
	return c;
}

/* user agents are kept short; cut on a UTF-8 boundary */
static const char *short_text(arena *a, const char *s, size_t max)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (n <= max)
		return s;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return arena_strndup(a, s, max);
}

static const stmt ledger_lock = { "SELECT pg_advisory_xact_lock(4242000301)" };
static const stmt ledger_head = {
	"SELECT (SELECT hash FROM consent_events ORDER BY id DESC LIMIT 1),"
	" nextval('consent_events_id_seq'),"
	" to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
	" (SELECT max(version) FROM consent_purposes WHERE code = $1)"
};
static const stmt ledger_insert = {
	"INSERT INTO consent_events (id, at, subject_ref, purpose, purpose_version, granted, channel,"
	" staff_id, staff_reason, request_id, ip_hash, user_agent, prev_hash, hash)"
	" VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
};
/* withdrawal deletes what was derived for the purpose */
static const stmt drop_tracking = { "DELETE FROM tracking_events WHERE customer_id = $1" };
static const stmt drop_scores = { "DELETE FROM profile_scores WHERE customer_id = $1" };

bool consent_record(db *d, arena *a, int64_t customer_id, const char *purpose, bool granted,
		    const consent_ctx *ctx)
{
	if (!db_in_tx(d)) {
		log_error("consent_record outside a transaction");
		return false;
	}
	const char *subject = consent_subject(d, a, customer_id);
	if (!subject || !db_do(d, &ledger_lock, 0, NULL))
		return false;
	const char *hp[] = { purpose };
	PGresult *res = db_run(d, &ledger_head, 1, hp);
	if (!res)
		return false;
	ledger_row row = { 0 };
	row.prev_hash = PQgetisnull(res, 0, 0) ? LEDGER_GENESIS : db_str(a, res, 0, 0);
	row.id = db_i64(res, 0, 1);
	row.at = db_str(a, res, 0, 2);
	bool known = !PQgetisnull(res, 0, 3);
	row.purpose_version = known ? (int)db_i64(res, 0, 3) : 0;
	PQclear(res);
	if (!known) {
		log_error("consent_record: unknown purpose %s", purpose);
		return false;
	}
	row.subject_ref = subject;
	row.purpose = purpose;
	row.granted = granted;
	row.channel = consent_channel_name(ctx->channel);
	row.staff_id = ctx->staff_id;
	row.staff_reason = ctx->staff_id ? short_text(a, ctx->staff_reason ? ctx->staff_reason : "", 1000) : NULL;
	row.request_id = ctx->request_id;
	row.ip_hash = ctx->remote_addr ? keyed_hash(a, "consent-ip", ctx->remote_addr) : NULL;
	row.user_agent = short_text(a, ctx->user_agent, 300);
	char hash[65];
	ledger_hash(hash, &row);
	const char *p[] = { db_id(a, row.id), row.at, row.subject_ref, row.purpose,
			    arena_printf(a, "%d", row.purpose_version), granted ? "t" : "f", row.channel,
			    row.staff_id ? db_id(a, row.staff_id) : NULL, row.staff_reason,
			    row.request_id, row.ip_hash, row.user_agent, row.prev_hash, hash };
	if (!db_do(d, &ledger_insert, 14, p))
		return false;
	if (!granted) {
		const char *cp[] = { db_id(a, customer_id) };
		if (strcmp(purpose, "analytics") == 0 && !db_do(d, &drop_tracking, 1, cp))
			return false;
		if (strcmp(purpose, "profiling") == 0 && !db_do(d, &drop_scores, 1, cp))
			return false;
	}
	return true;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

int consent_set_all(db *d, arena *a, int64_t customer_id, const char *const *granted_codes,
		    const consent_ctx *ctx)
{
	consent_purpose *ps;
	int n = consent_state_for(d, a, customer_id, "en", "UTC", &ps);
	if (n < 0)
		return -1;
	int written = 0;
	for (int i = 0; i < n; i++) {
		if (!ps[i].optional)
			continue;
		bool want = in_list(granted_codes, ps[i].code);
		/* never recorded counts as withdrawn: a first "no" is not worth a row */
		if (want == ps[i].granted)
			continue;
		if (!consent_record(d, a, customer_id, ps[i].code, want, ctx))
			return -1;
		written++;
	}
	return written;
}

/* ---- verification ---- */

static const stmt ledger_page = {
	"SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), subject_ref,"
	" purpose, purpose_version, granted, channel, staff_id, staff_reason, request_id, ip_hash,"
	" user_agent, prev_hash, hash FROM consent_events WHERE id > $1 ORDER BY id LIMIT 5000"
};

static const char *cell(PGresult *res, int i, int col)
{
	return PQgetisnull(res, i, col) ? NULL : PQgetvalue(res, i, col);
}

bool ledger_verify(db *d, arena *a, ledger_check *out)
{
	memset(out, 0, sizeof *out);
	char prev[65] = LEDGER_GENESIS;
	int64_t last = 0;
	for (;;) {
		char lastbuf[24];
		snprintf(lastbuf, sizeof lastbuf, "%lld", (long long)last);
		const char *p[] = { lastbuf };
		PGresult *res = db_run(d, &ledger_page, 1, p);
		if (!res)
			return false;
		int n = PQntuples(res);
		for (int i = 0; i < n; i++) {
			ledger_row row = {
				.id = db_i64(res, i, 0), .at = cell(res, i, 1), .subject_ref = cell(res, i, 2),
				.purpose = cell(res, i, 3), .purpose_version = atoi(PQgetvalue(res, i, 4)),
				.granted = db_bool(res, i, 5), .channel = cell(res, i, 6),
				.staff_id = PQgetisnull(res, i, 7) ? 0 : db_i64(res, i, 7),
				.staff_reason = cell(res, i, 8), .request_id = cell(res, i, 9),
				.ip_hash = cell(res, i, 10), .user_agent = cell(res, i, 11),
				.prev_hash = cell(res, i, 12),
			};
			const char *stored = PQgetvalue(res, i, 13);
			char h[65];
			ledger_hash(h, &row);
			const char *problem = NULL;
			if (strcmp(row.prev_hash, prev) != 0)
				problem = N_("does not link to the row before it (a row was removed or changed)");
			else if (strcmp(h, stored) != 0)
				problem = N_("its content does not match its hash (the row was changed)");
			if (problem) {
				out->bad_id = row.id;
				out->problem = problem;
				PQclear(res);
				out->ok = false;
				return true;
			}
			memcpy(prev, stored, 64);
			prev[64] = '\0';
			last = row.id;
			out->rows++;
		}
		PQclear(res);
		if (n == 0)
			break;
	}
	out->ok = true;
	out->last_hash = arena_strdup(a, prev);
	return true;
}

/* ---- benchmark filling: synthetic rows, chained exactly like real ones ---- */

static const stmt bench_insert = {
	"INSERT INTO consent_events (id, at, subject_ref, purpose, purpose_version, granted, channel,"
	" request_id, prev_hash, hash)"
	" SELECT id, at::timestamptz, s, p, 1, g, 'portal', rq, ph, h FROM unnest($1::bigint[],"
	" $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::text[])"
	" AS t(id, at, s, p, g, rq, ph, h)"
};
static const stmt bench_ids = {
	"SELECT (SELECT hash FROM consent_events ORDER BY id DESC LIMIT 1),"
	" nextval('consent_events_id_seq'),"
	" to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
};
static const stmt bench_skip = { "SELECT setval('consent_events_id_seq', $1)" };

bool ledger_bench_fill(db *d, arena *a, long long n)
{
	static const char *const codes[] = { "marketing_email", "analytics", "profiling", "surveys" };
	if (!db_begin(d) || !db_do(d, &ledger_lock, 0, NULL))
		goto fail;
	PGresult *res = db_run(d, &bench_ids, 0, NULL);
	if (!res)
		goto fail;
	char prev[65];
	snprintf(prev, sizeof prev, "%s", PQgetisnull(res, 0, 0) ? LEDGER_GENESIS : PQgetvalue(res, 0, 0));
	int64_t id = db_i64(res, 0, 1);
	const char *at = db_str(a, res, 0, 2);
	PQclear(res);
	if (!db_do(d, &bench_skip, 1, (const char *[]){ db_id(a, id + n) }))
		goto fail;
	const int batch = 5000;
	buf cols[8] = { 0 };
	for (long long done = 0; done < n;) {
		for (int c = 0; c < 8; c++) {
			buf_clear(&cols[c]);
			buf_puts(&cols[c], "{");
		}
		int k = 0;
		for (; k < batch && done < n; k++, done++, id++) {
			char subj[32], rq[32], h[65];
			snprintf(subj, sizeof subj, "s_bench%lld", (long long)(done % 100000));
			snprintf(rq, sizeof rq, "bench%lld", (long long)done);
			ledger_row row = { .id = id, .at = at, .subject_ref = subj,
					   .purpose = codes[done % 4], .purpose_version = 1,
					   .granted = (done % 3) != 0, .channel = "portal",
					   .request_id = rq, .prev_hash = prev };
			ledger_hash(h, &row);
			const char *sep = k ? "," : "";
			buf_printf(&cols[0], "%s%lld", sep, (long long)id);
			buf_printf(&cols[1], "%s%s", sep, at);
			buf_printf(&cols[2], "%s%s", sep, subj);
			buf_printf(&cols[3], "%s%s", sep, row.purpose);
			buf_printf(&cols[4], "%s%s", sep, row.granted ? "t" : "f");
			buf_printf(&cols[5], "%s%s", sep, rq);
			buf_printf(&cols[6], "%s%s", sep, prev);
			buf_printf(&cols[7], "%s%s", sep, h);
			memcpy(prev, h, sizeof prev);
		}
		const char *p[8];
		for (int c = 0; c < 8; c++) {
			buf_puts(&cols[c], "}");
			p[c] = buf_cstr(&cols[c]);
		}
		bool ok = db_do(d, &bench_insert, 8, p);
		if (!ok) {
			for (int c = 0; c < 8; c++)
				buf_free(&cols[c]);
			goto fail;
		}
	}
	for (int c = 0; c < 8; c++)
		buf_free(&cols[c]);
	return db_commit(d);
fail:
	db_rollback(d);
	return false;
}
