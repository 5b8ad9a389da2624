/* data/inbox.c: the agent desktop's list (filters, search, sort, pages), its counts, read state and
 * mentions */
#include "conversations_sql.h"
#include "consent.h"
#include "../core/buf.h"
#include <ctype.h>
#include <string.h>

#define ID(x) db_id(a, (x))

/* The list's filters. Each is written "($n = '' OR ...)": the statement is planned for its values
 * every time (db_run_custom), so an unused filter folds away and the planner picks the index of the
 * ones used (an agent's own conversations, a channel, the search).
 *   $1 view  $2 tz  $3 me  $4 status  $5 kind  $6 team  $7 priority  $8 tag  $9 snoozed  $10 q (raw)
 *   $11 prefix tsquery  $12 ILIKE pattern  $13 phone index  $14 conversation id  $15 limit  $16 offset
 * Search: message words (any language; the last one also as a prefix), subject, the customer's or visitor's name and
 * address (substrings of 3 characters or more), phone number (keyed hash of its last 10 digits), or
 * the conversation's number. Each source gives its most recent matches only. */
#define INBOX_WHERE \
	" WHERE ($1 = 'all' OR ($1 = 'mine' AND c.assigned_to = $3::bigint)" \
	"   OR ($1 = 'unassigned' AND c.assigned_to IS NULL)" \
	"   OR ($1 = 'mentions' AND EXISTS (SELECT 1 FROM staff_notifications mn WHERE mn.staff_id = $3::bigint" \
	"     AND mn.conversation_id = c.id AND mn.seen_at IS NULL)))" \
	" AND ($4 = '' OR c.status = $4) AND ($5 = '' OR ca.kind = $5)" \
	" AND ($6::bigint = 0 OR c.team_id = $6::bigint) AND ($7 = '' OR c.priority = $7)" \
	" AND ($8 = '' OR EXISTS (SELECT 1 FROM conversation_tags tg WHERE tg.conversation_id = c.id AND tg.tag = $8))" \
	" AND ($9 = 'any' OR ($9 = 'only' AND c.snoozed_until > now())" \
	"   OR ($9 = 'hide' AND (c.snoozed_until IS NULL OR c.snoozed_until <= now())))" \
	" AND ($10 = '' OR c.id IN (" \
	"   (SELECT sm.conversation_id FROM messages sm WHERE $11 <> ''" \
	"     AND sm.search_words @@ to_tsquery('simple', $11) ORDER BY sm.id DESC LIMIT 1000)" \
	"   UNION ALL (SELECT sc.id FROM conversations sc WHERE $12 <> '' AND sc.subject ILIKE $12" \
	"     ORDER BY sc.last_message_at DESC LIMIT 1000)" \
	"   UNION ALL (SELECT sc.id FROM customers scu JOIN conversations sc ON sc.customer_id = scu.id" \
	"     WHERE $12 <> '' AND (scu.name ILIKE $12 OR scu.email ILIKE $12)" \
	"     ORDER BY sc.last_message_at DESC LIMIT 1000)" \
	"   UNION ALL (SELECT sw.conversation_id FROM chat_conversations sw" \
	"     WHERE $12 <> '' AND (sw.visitor_name ILIKE $12 OR sw.visitor_email ILIKE $12) LIMIT 1000)" \
	"   UNION ALL (SELECT sc.id FROM customer_private sp JOIN conversations sc ON sc.customer_id = sp.customer_id" \
	"     WHERE $13 <> '' AND sp.phone_index = $13)" \
	"   UNION ALL (SELECT $14::bigint WHERE $14::bigint > 0)))"
#define INBOX_PAGE " LIMIT $15::integer + 1 OFFSET $16::integer"

static const stmt list_recent = {
	"SELECT " CONV_COLS CONV_FROM INBOX_WHERE " ORDER BY c.last_message_at DESC, c.id DESC" INBOX_PAGE
};
/* the customers who have waited longest for an answer first, then the rest by last activity */
static const stmt list_waiting = {
	"SELECT " CONV_COLS CONV_FROM INBOX_WHERE
	" ORDER BY c.waiting_since ASC NULLS LAST, c.last_message_at DESC, c.id DESC" INBOX_PAGE
};
static const stmt list_priority = {
	"SELECT " CONV_COLS CONV_FROM INBOX_WHERE
	" ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], c.priority),"
	" c.waiting_since ASC NULLS LAST, c.last_message_at DESC, c.id DESC" INBOX_PAGE
};

/* Length of the well-formed UTF-8 character at p (1 to 4), 0 when it is not one; *cp its code point. */
static int utf8_char(const unsigned char *p, unsigned *cp)
{
	int n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (!n || !utf8_valid((const char *)p, (size_t)n))
		return 0;
	unsigned v = n == 1 ? p[0] : p[0] & (0x7f >> n);
	for (int i = 1; i < n; i++)
		v = (v << 6) | (p[i] & 0x3f);
	*cp = v;
	return n;
}

/* Unicode spaces, which PostgreSQL's tsquery parser takes as separators (an IME's full-width space, a
 * pasted em space): inside a term they make the query a syntax error. */
static bool unicode_space(unsigned cp)
{
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a && cp != 0x2007) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x205f || cp == 0x3000;
}

/* The search words as a tsquery: "late deliv" -> "late & deliv:*", at most 8 whole words, the last one
 * also as a prefix (it may be half typed; every word a prefix made a common short one such as "order"
 * collect every word it begins in the index: 80 ms at ten million messages, for a handful of rows). A word is a run of ASCII letters and digits and of non-ASCII characters (any script) that are
 * not spaces; everything else separates words, so nothing a person types can be a tsquery operator, and
 * what is not well-formed UTF-8 never reaches PostgreSQL. */
const char *search_tsquery(arena *a, const char *q)
{
	buf b = { 0 };
	bool in_word = false;
	int words = 0;
	for (const unsigned char *p = (const unsigned char *)q; *p;) {
		unsigned cp = 0;
		int n = utf8_char(p, &cp);
		bool word_char = n > 1 ? !unicode_space(cp) : n == 1 && isalnum(*p);
		if (word_char && !in_word) {
			if (words == 8)
				break;
			if (words++)
				buf_puts(&b, " & ");
		}
		if (word_char)
			buf_append(&b, (const char *)p, (size_t)n);
		in_word = word_char;
		p += n ? n : 1;
	}
	if (words)
		buf_puts(&b, ":*");
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* "%q%" with ILIKE's own characters escaped; "" when q is too short for the trigram indexes */
static const char *like_pattern(arena *a, const char *q)
{
	if (utf8_length(q) < 3)
		return "";
	buf b = { 0 };
	buf_puts(&b, "%");
	for (const char *p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_puts(&b, "\\");
		buf_append(&b, p, 1);
	}
	buf_puts(&b, "%");
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* A phone number (7 or more digits, with + - ( ) . and spaces between): the keyed hash the customer's
 * sealed number is found by; "" otherwise. */
static const char *phone_lookup(arena *a, const char *q)
{
	char digits[32];
	size_t n = 0;
	for (const char *p = q; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				return "";
			digits[n++] = *p;
		} else if (!strchr("+-(). ", *p)) {
			return "";
		}
	}
	digits[n] = '\0';
	return n >= 7 ? phone_index_of(a, digits) : "";
}

/* "#123" or "123": that conversation too */
static const char *conversation_number(arena *a, const char *q)
{
	const char *s = q[0] == '#' ? q + 1 : q;
	if (!str_is_digits(s) || strlen(s) > 15)
		return "0";
	return arena_strdup(a, s);
}

int inbox_list(db *d, arena *a, const inbox_query *q, const char *tz, bool *more, conversation **out)
{
	const char *search = q->q ? q->q : "";
	const char *p[] = { q->view, tz, ID(q->me), q->status, q->kind, ID(q->team_id), q->priority,
			    q->tag, q->snoozed, search, *search ? search_tsquery(a, search) : "",
			    *search ? like_pattern(a, search) : "", *search ? phone_lookup(a, search) : "",
			    *search ? conversation_number(a, search) : "0", arena_printf(a, "%d", q->limit),
			    arena_printf(a, "%d", q->offset) };
	const stmt *s = strcmp(q->sort, "waiting") == 0    ? &list_waiting
			: strcmp(q->sort, "priority") == 0 ? &list_priority
							   : &list_recent;
	int n;
	conversation *rows = db_rows_of(a, db_run_custom(d, s, 16, p), sizeof *rows, conv_row, &n);
	*more = n > q->limit;
	if (*more)
		n = q->limit;
	*out = rows;
	return n;
}

#define NOT_SNOOZED " AND (snoozed_until IS NULL OR snoozed_until <= now())"
static const stmt counts = {
	"SELECT (SELECT count(*) FROM conversations WHERE assigned_to = $1::bigint AND status = 'open'" NOT_SNOOZED "),"
	" (SELECT count(*) FROM conversations WHERE assigned_to IS NULL AND status = 'open'" NOT_SNOOZED "),"
	" (SELECT count(DISTINCT conversation_id) FROM staff_notifications WHERE staff_id = $1::bigint"
	"   AND seen_at IS NULL),"
	" (SELECT count(*) FROM conversations c LEFT JOIN conversation_reads r ON r.staff_id = $1::bigint"
	"   AND r.conversation_id = c.id WHERE c.assigned_to = $1::bigint AND c.status <> 'resolved'"
	"   AND c.last_customer_message_at > coalesce(r.read_at, '-infinity'::timestamptz))"
};

bool inbox_counts_get(db *d, int64_t me, inbox_counts *out)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)me);
	const char *p[] = { id };
	PGresult *res = db_run(d, &counts, 1, p);
	if (!res)
		return false;
	out->mine = db_i64(res, 0, 0);
	out->unassigned = db_i64(res, 0, 1);
	out->mentions = db_i64(res, 0, 2);
	out->unread = db_i64(res, 0, 3);
	PQclear(res);
	return true;
}

static const stmt mark_read = {
	"WITH r AS (INSERT INTO conversation_reads (staff_id, conversation_id) VALUES ($1::bigint, $2::bigint)"
	"   ON CONFLICT (staff_id, conversation_id) DO UPDATE SET read_at = now()),"
	" n AS (UPDATE staff_notifications SET seen_at = now() WHERE staff_id = $1::bigint"
	"   AND conversation_id = $2::bigint AND seen_at IS NULL)"
	" SELECT 1"
};

bool conv_mark_read(db *d, arena *a, int64_t staff_id, int64_t conv)
{
	const char *p[] = { ID(staff_id), ID(conv) };
	return db_do(d, &mark_read, 2, p);
}

static const stmt mention = {
	"INSERT INTO staff_notifications (staff_id, conversation_id, message_id, kind, by_staff_id)"
	" SELECT s.id, $1::bigint, $2::bigint, 'mention', $3::bigint FROM staff s"
	" WHERE s.id = ANY ($4::bigint[]) AND s.active AND s.id <> $3::bigint"
};

bool mentions_add(db *d, arena *a, int64_t conv, int64_t message_id, int64_t by, const int64_t *staff_ids,
		  int n)
{
	if (n <= 0)
		return true;
	buf b = { 0 };
	buf_puts(&b, "{");
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)staff_ids[i]);
	buf_puts(&b, "}");
	const char *p[] = { ID(conv), ID(message_id), ID(by), arena_strdup(a, buf_cstr(&b)) };
	buf_free(&b);
	return db_do(d, &mention, 4, p);
}
