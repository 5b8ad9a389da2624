/* consent_export.c: streamed exports in constant memory: the consent ledger as CSV or JSON Lines,
 * and everything stored about one customer as JSON (access export, "download my data").
 * Rows are read by keyset pages (id > last ORDER BY id LIMIT n) and written out as they come. */
#include "consent.h"
#include "../core/filestore.h"
#include <sodium.h>
#include "../core/stream.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS "2000"
#define FLUSH_AT (64 * 1024)

bool iso_date_valid(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}


/* Documented on the compliance page, in this order. */
const char *const consent_export_columns[] = {
	"event_id", "at_utc", "customer_id", "subject_ref", "purpose", "purpose_version", "state",
	"channel", "staff_id", "staff_reason", "request_id", "ip_hash", "user_agent", "prev_hash",
	"hash", NULL,
};

static const stmt export_page = {
	"SELECT e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
	" s.customer_id, e.subject_ref, e.purpose, e.purpose_version,"
	" CASE WHEN e.granted THEN 'granted' ELSE 'withdrawn' END, e.channel, e.staff_id,"
	" e.staff_reason, e.request_id, e.ip_hash, e.user_agent, e.prev_hash, e.hash"
	" FROM consent_events e LEFT JOIN consent_subjects s ON s.subject_ref = e.subject_ref"
	" WHERE e.id > $1::bigint AND ($2 = '' OR e.purpose = $2)"
	"   AND ($3 = '' OR e.granted = ($3 = 'granted')) AND ($4 = '' OR e.channel = $4)"
	"   AND ($5 = '' OR e.at >= (NULLIF($5, '')::date)::timestamp AT TIME ZONE 'UTC')"
	"   AND ($6 = '' OR e.at < (NULLIF($6, '')::date + 1)::timestamp AT TIME ZONE 'UTC')"
	" ORDER BY e.id LIMIT " PAGE_ROWS
};

static const int int_cols[] = { 0, 2, 5, 8 }; /* written as JSON numbers */

static bool is_int_col(int c)
{
	for (size_t i = 0; i < sizeof int_cols / sizeof int_cols[0]; i++)
		if (int_cols[i] == c)
			return true;
	return false;
}

static void jsonl_row(buf *out, PGresult *res, int i)
{
	json_t *o = json_object();
	for (int c = 0; consent_export_columns[c]; c++) {
		json_t *v;
		if (PQgetisnull(res, i, c))
			v = json_null();
		else if (is_int_col(c))
			v = json_integer(strtoll(PQgetvalue(res, i, c), NULL, 10));
		else
			v = json_string(PQgetvalue(res, i, c));
		json_object_set_new(o, consent_export_columns[c], v ? v : json_null());
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (s) {
		buf_puts(out, s);
		free(s);
	}
	buf_puts(out, "\n");
	json_decref(o);
}

long long consent_export_stream(req *r, const export_filter *f, const char *format)
{
	bool csv = strcmp(format, "csv") == 0;
	char last[24] = "0";
	const char *p[] = { last, f->purpose, f->state, f->channel, f->from, f->to };
	/* the first page is read before anything is sent, so a failure is still a clean error page */
	PGresult *res = db_run(r->db, &export_page, 6, p);
	if (!res)
		return -1;
	if (!stream_begin(r, 200, csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
			  csv ? "consent-events.csv" : "consent-events.jsonl")) {
		PQclear(res);
		return -1;
	}
	buf out = { 0 };
	long long rows = 0;
	bool ok = true;
	if (csv) {
		for (int c = 0; consent_export_columns[c]; c++) {
			buf_puts(&out, c ? "," : "");
			buf_puts(&out, consent_export_columns[c]);
		}
		buf_puts(&out, "\r\n");
	}
	while (res && ok) {
		int n = PQntuples(res);
		for (int i = 0; i < n && ok; i++) {
			if (csv) {
				for (int c = 0; consent_export_columns[c]; c++) {
					if (c)
						buf_puts(&out, ",");
					csv_cell(&out, PQgetisnull(res, i, c) ? NULL : PQgetvalue(res, i, c));
				}
				buf_puts(&out, "\r\n");
			} else {
				jsonl_row(&out, res, i);
			}
			rows++;
			ok = stream_flush(r, &out, FLUSH_AT);
		}
		if (n > 0)
			snprintf(last, sizeof last, "%s", PQgetvalue(res, n - 1, 0));
		PQclear(res);
		res = NULL;
		if (n == 0 || !ok)
			break;
		res = db_run(r->db, &export_page, 6, p);
		if (!res)
			ok = false;
	}
	if (ok)
		ok = stream_flush(r, &out, 0);
	buf_free(&out);
	return ok ? rows : -1;
}

/* ---- everything about one customer ----
 * One section per table; each statement takes ($1 key, $2 last id) and returns (id, row as JSON),
 * keyed by the customer id, or by the email address for tables that hold addresses (mails).
 * Features that add tables holding personal data add their section here. */
static const stmt sec_customer = {
	"SELECT id, (to_jsonb(c) - 'password_hash')::text FROM customers c"
	" WHERE id = $1::bigint AND id > $2::bigint"
};
static const stmt sec_consent = {
	"SELECT e.id, jsonb_build_object('id', e.id, 'at', e.at, 'purpose', e.purpose,"
	" 'purpose_version', e.purpose_version, 'granted', e.granted, 'channel', e.channel,"
	" 'staff_reason', e.staff_reason, 'request_id', e.request_id)::text"
	" FROM consent_subjects s JOIN consent_events e ON e.subject_ref = s.subject_ref"
	" WHERE s.customer_id = $1::bigint AND e.id > $2::bigint ORDER BY e.id LIMIT " PAGE_ROWS
};
static const stmt sec_sessions = {
	"SELECT row_number() OVER (ORDER BY created_at), jsonb_build_object('created_at', created_at,"
	" 'last_seen_at', last_seen_at, 'user_agent', user_agent)::text FROM sessions"
	" WHERE customer_id = $1::bigint AND $2::bigint = $2::bigint ORDER BY created_at LIMIT 1000"
};
static const stmt sec_mails = {
	"SELECT id, jsonb_build_object('id', id, 'to', to_address, 'subject', subject,"
	" 'body', CASE WHEN sensitive THEN NULL ELSE body_text END, 'status', status,"
	" 'created_at', created_at)::text FROM mails"
	" WHERE lower(to_address) = lower($1) AND id > $2::bigint ORDER BY id LIMIT " PAGE_ROWS
};
static const stmt sec_tracking = {
	"SELECT id, jsonb_build_object('path', path, 'at', at)::text FROM tracking_events"
	" WHERE customer_id = $1::bigint AND id > $2::bigint ORDER BY id LIMIT " PAGE_ROWS
};
static const stmt sec_scores = {
	"SELECT row_number() OVER (ORDER BY kind), jsonb_build_object('kind', kind, 'score', score,"
	" 'computed_at', computed_at)::text FROM profile_scores"
	" WHERE customer_id = $1::bigint AND $2::bigint = $2::bigint ORDER BY kind"
};

/* the customer's conversations on every channel (a web chat's visitor name and address with them) */
static const stmt sec_conversations = {
	"SELECT c.id, jsonb_build_object('id', c.id, 'channel', ca.kind, 'channel_account', ca.name,"
	" 'subject', c.subject, 'topic', c.topic, 'status', c.status, 'language', c.lang, 'created_at', c.created_at,"
	" 'resolved_at', c.resolved_at, 'visitor_name', w.visitor_name, 'visitor_email', w.visitor_email)::text"
	" FROM conversations c JOIN channel_accounts ca ON ca.id = c.channel_account_id"
	" LEFT JOIN chat_conversations w ON w.conversation_id = c.id"
	" WHERE c.customer_id = $1::bigint AND c.id > $2::bigint ORDER BY c.id LIMIT " PAGE_ROWS
};
/* and their messages (internal notes are staff's, not theirs) */
static const stmt sec_messages = {
	"SELECT m.id, jsonb_build_object('conversation', c.id, 'at', m.created_at, 'from', m.author,"
	" 'direction', m.direction, 'subject', m.subject,"
	" 'text', CASE WHEN m.author = 'system' THEN m.code ELSE m.body END, 'html', m.html,"
	" 'delivery', m.delivery)::text"
	" FROM conversations c JOIN messages m ON m.conversation_id = c.id"
	" WHERE c.customer_id = $1::bigint AND NOT m.internal AND m.id > $2::bigint ORDER BY m.id LIMIT " PAGE_ROWS
};

#define VERIFIED_ADDRESS " AND EXISTS (SELECT 1 FROM customers vc WHERE lower(vc.email) = lower($1)" \
	" AND vc.email_verified_at IS NOT NULL)"
/* email conversations with their address that no account held (email_contacts), and their messages */
static const stmt sec_email_conversations = {
	"SELECT c.id, jsonb_build_object('id', c.id, 'channel', ca.kind, 'channel_account', ca.name,"
	" 'subject', c.subject, 'status', c.status, 'created_at', c.created_at, 'resolved_at', c.resolved_at,"
	" 'contact_name', e.name, 'contact_address', e.address)::text"
	" FROM email_contacts e JOIN conversations c ON c.id = e.conversation_id"
	" JOIN channel_accounts ca ON ca.id = c.channel_account_id"
	" WHERE lower(e.address) = lower($1) AND c.id > $2::bigint" VERIFIED_ADDRESS " ORDER BY c.id LIMIT " PAGE_ROWS
};
static const stmt sec_email_messages = {
	"SELECT m.id, jsonb_build_object('conversation', m.conversation_id, 'at', m.created_at, 'from', m.author,"
	" 'direction', m.direction, 'subject', m.subject,"
	" 'text', CASE WHEN m.author = 'system' THEN m.code ELSE m.body END, 'delivery', m.delivery)::text"
	" FROM email_contacts e JOIN messages m ON m.conversation_id = e.conversation_id"
	" WHERE lower(e.address) = lower($1) AND NOT m.internal AND m.id > $2::bigint" VERIFIED_ADDRESS
	" ORDER BY m.id LIMIT " PAGE_ROWS
};
/* the mails they sent, as received (raw, base64): one a page, as each may be megabytes. The address
 * sections hold others' words if the account's address is not its owner's: only a verified one. */
static const stmt sec_inbound_mails = {
	"SELECT id, jsonb_build_object('id', id, 'received_at', received_at, 'message_id', rfc_message_id,"
	" 'conversation', conversation_id, 'size', size, 'raw_base64', encode(raw, 'base64'))::text"
	" FROM inbound_mails WHERE lower(from_address) = lower($1) AND id > $2::bigint" VERIFIED_ADDRESS
	" ORDER BY id LIMIT 1"
};

static const struct {
	const char *name;
	const stmt *s;
	bool by_email, paged;
} sections[] = {
	{ "customer", &sec_customer, false, false },
	{ "consent_events", &sec_consent, false, true },
	{ "sessions", &sec_sessions, false, false },
	{ "mails", &sec_mails, true, true },
	{ "tracking_events", &sec_tracking, false, true },
	{ "profile_scores", &sec_scores, false, false },
	{ "conversations", &sec_conversations, false, true },
	{ "messages", &sec_messages, false, true },
	{ "email_conversations", &sec_email_conversations, true, true },
	{ "email_messages", &sec_email_messages, true, true },
	{ "inbound_mails", &sec_inbound_mails, true, true },
};

/* the files the customer sent or received (not those on staff's notes), their bytes in base64 */
static const stmt sec_attachments = {
	"SELECT f.id, jsonb_build_object('id', f.id, 'conversation', f.conversation_id, 'message', f.message_id,"
	" 'name', f.filename, 'type', f.content_type, 'size', f.size, 'sha256', f.sha256, 'at', f.created_at)::text,"
	" f.sha256 FROM attachments f JOIN conversations c ON c.id = f.conversation_id"
	" JOIN messages m ON m.id = f.message_id"
	" WHERE c.customer_id = $1::bigint AND NOT m.internal AND f.id > $2::bigint ORDER BY f.id LIMIT 100"
};

/* One attachment: its row, with "content_base64" streamed from the file store in pieces. */
static bool export_attachment(req *r, buf *out, const char *row_json, const char *sha256)
{
	size_t n = strlen(row_json);
	buf_append(out, row_json, n - 1); /* the object without its closing brace */
	FILE *f = fopen(filestore_path(r->a, sha256), "rb");
	if (!f) {
		buf_puts(out, ", \"content_base64\": null}");
		return stream_flush(r, out, FLUSH_AT);
	}
	buf_puts(out, ", \"content_base64\": \"");
	unsigned char chunk[3 * 16384];
	char enc[sodium_base64_ENCODED_LEN(sizeof chunk, sodium_base64_VARIANT_ORIGINAL)];
	size_t got;
	bool ok = true;
	while (ok && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sodium_bin2base64(enc, sizeof enc, chunk, got, sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, enc);
		ok = stream_flush(r, out, FLUSH_AT);
	}
	ok = ok && !ferror(f);
	fclose(f);
	buf_puts(out, "\"}");
	return ok && stream_flush(r, out, FLUSH_AT);
}

static bool export_attachments(req *r, buf *out, const char *id)
{
	buf_puts(out, ",\n\"attachments\": [");
	char last[24] = "0";
	bool first = true, ok = true;
	for (;;) {
		PGresult *res = db_run(r->db, &sec_attachments, 2, (const char *[]){ id, last });
		if (!res)
			return false;
		int n = PQntuples(res);
		for (int i = 0; i < n && ok; i++) {
			buf_puts(out, first ? "\n" : ",\n");
			first = false;
			ok = export_attachment(r, out, PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
		}
		if (n > 0)
			snprintf(last, sizeof last, "%s", PQgetvalue(res, n - 1, 0));
		PQclear(res);
		if (n == 0 || !ok)
			break;
	}
	buf_puts(out, "]");
	return ok;
}

static const stmt customer_email = { "SELECT email FROM customers WHERE id = $1::bigint" };

bool customer_export_stream(req *r, int64_t customer_id)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)customer_id);
	PGresult *res = db_run(r->db, &customer_email, 1, (const char *[]){ id });
	if (!res)
		return false;
	char *email = PQntuples(res) == 1 ? db_str(r->a, res, 0, 0) : NULL;
	PQclear(res);
	if (!email)
		return false;
	if (!stream_begin(r, 200, "application/json; charset=utf-8",
			  arena_printf(r->a, "cxms-data-%s.json", id)))
		return false;
	buf out = { 0 };
	bool ok = true;
	buf_printf(&out, "{\"format\": \"cxms-export-v1\", \"customer_id\": %s", id);
	for (size_t k = 0; ok && k < sizeof sections / sizeof sections[0]; k++) {
		buf_printf(&out, ",\n\"%s\": [", sections[k].name);
		char last[24] = "0";
		bool first = true;
		for (;;) {
			const char *p[] = { sections[k].by_email ? email : id, last };
			res = db_run(r->db, sections[k].s, 2, p);
			if (!res) {
				ok = false;
				break;
			}
			int n = PQntuples(res);
			for (int i = 0; i < n && ok; i++) {
				buf_puts(&out, first ? "\n" : ",\n");
				first = false;
				buf_puts(&out, PQgetvalue(res, i, 1));
				ok = stream_flush(r, &out, FLUSH_AT);
			}
			if (n > 0)
				snprintf(last, sizeof last, "%s", PQgetvalue(res, n - 1, 0));
			PQclear(res);
			if (n == 0 || !sections[k].paged)
				break;
		}
		buf_puts(&out, "]");
	}
	if (ok)
		ok = export_attachments(r, &out, id);
	if (ok) { /* sealed fields, opened with the customer's key */
		private_fields pf;
		bool opened = private_load(r->db, r->a, customer_id, &pf);
		json_t *o = json_pack("{s:s?,s:s?,s:s?,s:s?,s:b}", "phone", pf.phone, "birthday", pf.birthday,
				      "address", pf.address, "notes", pf.notes, "complete", opened);
		char *js = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		buf_printf(&out, ",\n\"private\": %s", js ? js : "null");
		free(js);
		json_decref(o);
	}
	buf_puts(&out, "\n}\n");
	if (ok)
		ok = stream_flush(r, &out, 0);
	buf_free(&out);
	return ok;
}
