/* data/inbox.c: the agent desktop's list (filters, search, sort, pages), its counts, read state and
 * mentions */
#include "conversations_sql.h"
#include "consent.h"
#include "../core/buf.h"
#include <ctype.h>
#include <string.h>

#define ID(x) db_id(a, (x))

/* The list is read in two steps. First the ids of one page: a statement on conversations alone, with
 * optional filters written "($n = '' OR ...)" and planned for its values every time (db_run_custom), so
 * an unused filter folds away and the planner picks the index of the ones used (an agent's own
 * conversations, a channel, the search). Then those rows with everything the list shows, by id, with a
 * statement prepared once: planning the columns' seven joins for every page cost 8 ms, more than all
 * the rest of it.
 *   $1 view  $2 me  $3 status  $4 kind  $5 team  $6 priority  $7 tag  $8 snoozed  $9 q (raw)
 *   $10 tsquery  $11 ILIKE pattern  $12 phone index  $13 conversation id  $14 limit  $15 offset
 * Search: words of the messages and of the subject (any language; the last one also as a prefix), the
 * customer's or visitor's name and address (substrings of 3 characters or more), phone number (keyed
 * hash of its last 10 digits), or the conversation's number. Each source gives its most recent matches
 * only: 1,000 for words (a stored vector is cheap to test), 500 for names and addresses (ten pages: a
 * common name walks back through 3,000 conversations and their customers for them, 20 ms at a million).
 * They are an array the conversations are looked up by ("c.id IN (...)" was taken for half the table,
 * and the planner walked all conversations newest first for the few that matched: a second at a
 * million). */
#define INBOX_WHERE \
	" WHERE ($1 = 'all' OR ($1 = 'mine' AND c.assigned_to = $2::bigint)" \
	"   OR ($1 = 'unassigned' AND c.assigned_to IS NULL)" \
	"   OR ($1 = 'mentions' AND EXISTS (SELECT 1 FROM staff_notifications mn WHERE mn.staff_id = $2::bigint" \
	"     AND mn.conversation_id = c.id AND mn.seen_at IS NULL)))" \
	" AND ($3 = '' OR c.status = $3)" \
	" AND ($4 = '' OR c.channel_account_id IN (SELECT ka.id FROM channel_accounts ka WHERE ka.kind = $4))" \
	" AND ($5::bigint = 0 OR c.team_id = $5::bigint) AND ($6 = '' OR c.priority = $6)" \
	" AND ($7 = '' OR EXISTS (SELECT 1 FROM conversation_tags tg WHERE tg.conversation_id = c.id AND tg.tag = $7))" \
	" AND ($8 = 'any' OR ($8 = 'only' AND c.snoozed_until > now())" \
	"   OR ($8 = 'hide' AND (c.snoozed_until IS NULL OR c.snoozed_until <= now())))" \
	" AND ($9 = '' OR c.id = ANY (ARRAY(" \
	"   (SELECT sm.conversation_id FROM messages sm WHERE $10 <> ''" \
	"     AND sm.search_words @@ to_tsquery('simple', $10) ORDER BY sm.id DESC LIMIT 1000)" \
	"   UNION ALL (SELECT sc.id FROM conversations sc WHERE $10 <> ''" \
	"     AND sc.subject_words @@ to_tsquery('simple', $10) ORDER BY sc.last_message_at DESC LIMIT 1000)" \
	"   UNION ALL (SELECT sc.id FROM customers scu JOIN conversations sc ON sc.customer_id = scu.id" \
	"     WHERE $11 <> '' AND (scu.name ILIKE $11 OR scu.email ILIKE $11)" \
	"     ORDER BY sc.last_message_at DESC LIMIT 500)" \
	"   UNION ALL (SELECT sw.conversation_id FROM chat_conversations sw" \
	"     WHERE $11 <> '' AND (sw.visitor_name ILIKE $11 OR sw.visitor_email ILIKE $11)" \
	"     ORDER BY sw.conversation_id DESC LIMIT 500)" \
	"   UNION ALL (SELECT se.conversation_id FROM email_contacts se" \
	"     WHERE $11 <> '' AND (se.name ILIKE $11 OR se.address ILIKE $11)" \
	"     ORDER BY se.conversation_id DESC LIMIT 500)" \
	"   UNION ALL (SELECT sc.id FROM customer_private sp JOIN conversations sc ON sc.customer_id = sp.customer_id" \
	"     WHERE $12 <> '' AND sp.phone_index = $12)" \
	"   UNION ALL (SELECT $13::bigint WHERE $13::bigint > 0))))"
#define INBOX_PAGE " LIMIT $14::integer + 1 OFFSET $15::integer"

static const stmt list_recent = {
	"SELECT c.id FROM conversations c" INBOX_WHERE " ORDER BY c.last_message_at DESC, c.id DESC" INBOX_PAGE
};
/* the customers who have waited longest for an answer first, then the rest by last activity */
static const stmt list_waiting = {
	"SELECT c.id FROM conversations c" INBOX_WHERE
	" ORDER BY c.waiting_since ASC NULLS LAST, c.last_message_at DESC, c.id DESC" INBOX_PAGE
};
static const stmt list_priority = {
	"SELECT c.id FROM conversations c" INBOX_WHERE
	" ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], c.priority),"
	" c.waiting_since ASC NULLS LAST, c.last_message_at DESC, c.id DESC" INBOX_PAGE
};
/* $1 the ids in their order, $2 tz, $3 viewer */
static const stmt list_rows = {
	"SELECT " CONV_COLS CONV_FROM " WHERE c.id = ANY ($1::bigint[]) ORDER BY array_position($1::bigint[], c.id)"
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
	const char *p[] = { q->view, ID(q->me), q->status, q->kind, ID(q->team_id), q->priority, q->tag,
			    q->snoozed, search, *search ? search_tsquery(a, search) : "",
			    *search ? like_pattern(a, search) : "", *search ? phone_lookup(a, search) : "",
			    *search ? conversation_number(a, search) : "0", arena_printf(a, "%d", q->limit),
			    arena_printf(a, "%d", q->offset) };
	const stmt *s = strcmp(q->sort, "waiting") == 0    ? &list_waiting
			: strcmp(q->sort, "priority") == 0 ? &list_priority
							   : &list_recent;
	PGresult *ids = db_run_custom(d, s, 15, p);
	if (!ids)
		return -1;
	int n = PQntuples(ids);
	*more = n > q->limit;
	if (*more)
		n = q->limit;
	buf arr = { 0 };
	buf_puts(&arr, "{");
	for (int i = 0; i < n; i++)
		buf_printf(&arr, "%s%s", i ? "," : "", PQgetvalue(ids, i, 0));
	buf_puts(&arr, "}");
	PQclear(ids);
	const char *rp[] = { arena_strdup(a, buf_cstr(&arr)), tz, ID(q->me) };
	buf_free(&arr);
	int got = 0;
	*out = n ? db_rows(d, a, &list_rows, 3, rp, sizeof **out, conv_row, &got) : NULL;
	/* a conversation erased between the two statements is simply not on the page */
	return got;
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
