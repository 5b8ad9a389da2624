/* email_parse.c: a received mail through GMime (see email_parse.h) */
#include "email_parse.h"
#include "../core/buf.h"
#include "../core/text.h"
#include <gmime/gmime.h>
#include <string.h>
#include <strings.h>

/* s as valid UTF-8 in the arena (one copy); with one_line, control characters (folded headers) become
 * spaces */
static char *clean(arena *a, const char *s, bool one_line)
{
	if (!s)
		return NULL;
	char *out;
	if (g_utf8_validate(s, -1, NULL))
		out = arena_strdup(a, s);
	else {
		gchar *valid = g_utf8_make_valid(s, -1);
		out = arena_strdup(a, valid);
		g_free(valid);
	}
	if (one_line)
		for (char *p = out; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
	return out;
}

/* at most max bytes of valid UTF-8 s, never ending inside a character */
static const char *cut(arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);
	return n <= max ? s : arena_strndup(a, s, utf8_cut(s, n, max));
}

static char *lower(arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* ---- addresses ---- */

typedef struct addr_list { /* addresses or ids, distinct */
	const char **items;
	int n, cap;
} addr_list;

/* appends s unless the list holds it already or has max items */
static void list_add(arena *a, addr_list *l, const char *s, int max)
{
	if (l->n == max)
		return;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		const char **items = arena_alloc(a, sizeof *items * (size_t)cap);
		if (l->n)
			memcpy(items, l->items, sizeof *items * (size_t)l->n);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = s;
}

/* "local@domain", both sides there: what an answer can be sent to (RFC 5321 allows 254 bytes) */
static bool address_ok(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	return at && at > addr && at[1] && strlen(addr) <= 254;
}

static void addr_add(arena *a, addr_list *l, const char *addr)
{
	if (address_ok(addr))
		list_add(a, l, lower(a, clean(a, addr, true)), MAIL_MAX_RECIPIENTS);
}

static void addr_add_list(arena *a, addr_list *l, InternetAddressList *list, int depth)
{
	int n = list ? internet_address_list_length(list) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			addr_add(a, l, internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		else if (INTERNET_ADDRESS_IS_GROUP(ia) && depth < 2)
			addr_add_list(a, l, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), depth + 1);
	}
}

static void addr_add_header(arena *a, addr_list *l, GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	if (!v)
		return;
	InternetAddressList *list = internet_address_list_parse(NULL, v);
	if (list) {
		addr_add_list(a, l, list, 0);
		g_object_unref(list);
	}
}

/* ---- thread ids ---- */

static void ref_add(arena *a, addr_list *l, const char *id)
{
	if (id && *id && strlen(id) <= 998)
		list_add(a, l, clean(a, id, true), MAIL_MAX_REFS);
}

/* In-Reply-To, then References from the newest (the end) back */
static void refs_of(arena *a, GMimeObject *o, addr_list *out)
{
	const char *irt = g_mime_object_get_header(o, "In-Reply-To");
	GMimeReferences *r = irt ? g_mime_references_parse(NULL, irt) : NULL;
	if (r) {
		for (int i = 0; i < g_mime_references_length(r); i++)
			ref_add(a, out, g_mime_references_get_message_id(r, i));
		g_mime_references_free(r);
	}
	const char *refs = g_mime_object_get_header(o, "References");
	r = refs ? g_mime_references_parse(NULL, refs) : NULL;
	if (r) {
		for (int i = g_mime_references_length(r) - 1; i >= 0; i--)
			ref_add(a, out, g_mime_references_get_message_id(r, i));
		g_mime_references_free(r);
	}
}

/* ---- who wrote it ---- */

static bool header_is(GMimeObject *o, const char *name, const char *const *values)
{
	const char *v = g_mime_object_get_header(o, name);
	if (!v)
		return false;
	while (*v == ' ' || *v == '\t')
		v++;
	for (; *values; values++) {
		size_t n = strlen(*values);
		if (strncasecmp(v, *values, n) == 0 && (!v[n] || v[n] == ';' || v[n] == ' ' || v[n] == '\r' ||
							 v[n] == '\n' || v[n] == '\t'))
			return true;
	}
	return false;
}

/* RFC 3834 and what Outlook, Exchange and the peers' users met in practice (research/channels.md) */
static const char *automatic_of(arena *a, GMimeObject *o, const char *from)
{
	const char *v = g_mime_object_get_header(o, "Auto-Submitted");
	if (v && !header_is(o, "Auto-Submitted", (const char *const[]){ "no", NULL }))
		return arena_printf(a, "Auto-Submitted: %s", cut(a, clean(a, v, true), 60));
	if (header_is(o, "Precedence", (const char *const[]){ "bulk", "list", "junk", NULL }))
		return arena_printf(a, "Precedence: %s", cut(a, clean(a, g_mime_object_get_header(o, "Precedence"), true), 40));
	static const char *const presence[] = { "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", NULL };
	for (int i = 0; presence[i]; i++)
		if (g_mime_object_get_header(o, presence[i]))
			return presence[i];
	const char *rp = g_mime_object_get_header(o, "Return-Path");
	if (rp) {
		while (*rp == ' ' || *rp == '\t')
			rp++;
		if (strncmp(rp, "<>", 2) == 0 || strncasecmp(rp, "<mailer-daemon@", 15) == 0)
			return "Return-Path: <>";
	}
	if (strncmp(from, "mailer-daemon@", 14) == 0 || strncmp(from, "postmaster@", 11) == 0)
		return "From: mailer-daemon";
	return NULL;
}

/* ---- the body ---- */

typedef struct walk {
	arena *a;
	bool report; /* a delivery status notification: its report parts are read */
	GMimeTextPart *text, *html;
	int attachments;
	mail_file *files;
	int nfiles;
	const char *bounced_id, *status, *diagnostic;
} walk;

/* a part's decoded bytes (base64, quoted-printable undone), at most max, NUL-terminated; NULL none */
static unsigned char *part_bytes(arena *a, GMimePart *p, size_t max, size_t *len)
{
	GMimeDataWrapper *content = g_mime_part_get_content(p);
	if (!content)
		return NULL;
	GMimeStream *mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, mem);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*len = bytes->len > max ? max : bytes->len;
	unsigned char *out = arena_alloc(a, *len + 1);
	if (*len)
		memcpy(out, bytes->data, *len);
	out[*len] = '\0';
	g_object_unref(mem);
	return out;
}

/* a part's decoded bytes as a string (at most 64 KB: a report's fields or returned headers) */
static const char *part_string(arena *a, GMimePart *p)
{
	size_t len;
	return (const char *)part_bytes(a, p, 65536, &len);
}

/* the value of the first "Name:" line of a field block, one line, valid UTF-8; NULL */
static const char *field_of(arena *a, const char *block, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = block; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1, *end = v + strcspn(v, "\r\n");
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			return end > v ? clean(a, arena_strndup(a, v, (size_t)(end - v > 300 ? 300 : end - v)), true) : NULL;
		}
	}
	return NULL;
}

/* a report's parts: the delivery status (why), and the returned headers or message (which mail) */
static void visit_report(walk *w, GMimeObject *part)
{
	if (GMIME_IS_MESSAGE_PART(part)) { /* message/rfc822: the whole mail came back */
		GMimeMessage *orig = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		const char *id = orig ? g_mime_message_get_message_id(orig) : NULL;
		if (id && !w->bounced_id)
			w->bounced_id = clean(w->a, id, true);
		return;
	}
	if (!GMIME_IS_PART(part))
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	if (g_mime_content_type_is_type(ct, "message", "delivery-status")) {
		const char *fields = part_string(w->a, GMIME_PART(part));
		if (fields && !w->status) {
			w->status = field_of(w->a, fields, "Status");
			w->diagnostic = field_of(w->a, fields, "Diagnostic-Code");
		}
	} else if (g_mime_content_type_is_type(ct, "text", "rfc822-headers") ||
		   g_mime_content_type_is_type(ct, "message", "rfc822-headers")) {
		const char *headers = part_string(w->a, GMIME_PART(part));
		const char *id = headers ? field_of(w->a, headers, "Message-ID") : NULL;
		if (id && !w->bounced_id) {
			GMimeReferences *r = g_mime_references_parse(NULL, id);
			if (r && g_mime_references_length(r) > 0)
				w->bounced_id = clean(w->a, g_mime_references_get_message_id(r, 0), true);
			if (r)
				g_mime_references_free(r);
		}
	}
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	(void)parent;
	walk *w = data;
	if (w->report)
		visit_report(w, part);
	if (!GMIME_IS_PART(part))
		return;
	bool attachment = g_mime_part_is_attachment(GMIME_PART(part));
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	if (!attachment && GMIME_IS_TEXT_PART(part) && g_mime_content_type_is_type(ct, "text", "plain")) {
		if (!w->text)
			w->text = GMIME_TEXT_PART(part);
	} else if (!attachment && GMIME_IS_TEXT_PART(part) && g_mime_content_type_is_type(ct, "text", "html")) {
		if (!w->html)
			w->html = GMIME_TEXT_PART(part);
	} else if (attachment || !g_mime_content_type_is_type(ct, "text", "*")) {
		w->attachments++;
		/* a report's own parts are its words, not files */
		if (w->report && (g_mime_content_type_is_type(ct, "message", "*") ||
				  g_mime_content_type_is_type(ct, "text", "rfc822-headers")))
			return;
		if (w->nfiles < MAIL_MAX_FILES) {
			mail_file *f = &w->files[w->nfiles];
			f->data = part_bytes(w->a, GMIME_PART(part), (size_t)-1 / 2, &f->len);
			if (f->data) {
				const char *name = g_mime_part_get_filename(GMIME_PART(part));
				f->filename = name ? clean(w->a, name, true) : NULL;
				f->declared = arena_printf(w->a, "%s/%s", g_mime_content_type_get_media_type(ct),
							   g_mime_content_type_get_media_subtype(ct));
				w->nfiles++;
			}
		}
	}
}

/* gumbo 0.10's time grows with the square of the nesting depth (35 s for 100,000 nested elements): only
 * HTML within a size and a tag count is parsed, so that one mail cannot hold the worker (and every job
 * behind it) for minutes. A real mail's HTML is far within both. */
#define HTML_MAX_BYTES (2 * 1024 * 1024)
#define HTML_MAX_TAGS 20000

static bool html_budget_ok(const char *html)
{
	size_t n = 0, tags = 0;
	for (; html[n]; n++)
		if (html[n] == '<' && ++tags > HTML_MAX_TAGS)
			return false;
	return n <= HTML_MAX_BYTES;
}

static const char *text_of(arena *a, GMimeTextPart *p)
{
	char *t = g_mime_text_part_get_text(p); /* decoded from its charset to UTF-8 */
	if (!t)
		return NULL;
	char *out = clean(a, t, false);
	g_free(t);
	size_t n = crlf_to_lf(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
	return out;
}

static bool parse(arena *a, const char *data, size_t len, mail_in *out, const char **why, bool body);

/* the length of the header block (through its blank line), or len when there is no blank line */
static size_t header_block(const char *data, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (data[i] == '\n' && (data[i + 1] == '\n' || (data[i + 1] == '\r' && i + 2 < len && data[i + 2] == '\n')))
			return i + 1;
	return len;
}

bool mail_parse(arena *a, const char *data, size_t len, mail_in *out, const char **why)
{
	return parse(a, data, len, out, why, true);
}

bool mail_parse_headers(arena *a, const char *data, size_t len, mail_in *out, const char **why)
{
	return parse(a, data, header_block(data, len), out, why, false);
}

static bool parse(arena *a, const char *data, size_t len, mail_in *out, const char **why, bool body)
{
	memset(out, 0, sizeof *out);
	*why = NULL;
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	GMimeMessage *m = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (!m) {
		*why = "not a mail: no header block";
		return false;
	}
	GMimeObject *o = GMIME_OBJECT(m);
	InternetAddressList *from = g_mime_message_get_from(m);
	addr_list senders = { 0 };
	addr_add_list(a, &senders, from, 0);
	if (!senders.n) { /* a Sender: header names who sent it on someone's behalf */
		addr_add_list(a, &senders, g_mime_message_get_sender(m), 0);
	}
	if (!senders.n) {
		g_object_unref(m);
		*why = "not a mail: no sender address (From:)";
		return false;
	}
	out->from_addr = senders.items[0];
	out->from_name = "";
	for (int i = 0; from && i < internet_address_list_length(from); i++) {
		InternetAddress *ia = internet_address_list_get_address(from, i);
		const char *name = internet_address_get_name(ia);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia) && name && *name) {
			out->from_name = clean(a, name, true);
			break;
		}
	}
	if (strlen(out->from_name) > 200)
		out->from_name = "";

	const char *mid = g_mime_message_get_message_id(m);
	out->message_id = mid && *mid && strlen(mid) <= 998 ? clean(a, mid, true) : NULL;
	addr_list refs = { 0 };
	refs_of(a, o, &refs);
	out->refs = refs.items;
	out->nrefs = refs.n;

	addr_list to = { 0 };
	addr_add_list(a, &to, g_mime_message_get_to(m), 0);
	addr_add_list(a, &to, g_mime_message_get_cc(m), 0);
	static const char *const delivery[] = { "Delivered-To", "X-Original-To", "Envelope-To", NULL };
	for (int i = 0; delivery[i]; i++)
		addr_add_header(a, &to, o, delivery[i]);
	out->recipients = to.items;
	out->nrecipients = to.n;

	const char *subject = g_mime_message_get_subject(m);
	out->subject = subject ? clean(a, subject, true) : "";

	GMimeObject *top = g_mime_message_get_mime_part(m);
	GMimeContentType *ct = top ? g_mime_object_get_content_type(top) : NULL;
	const char *report = ct ? g_mime_content_type_get_parameter(ct, "report-type") : NULL;
	out->bounce = ct && g_mime_content_type_is_type(ct, "multipart", "report") && report &&
		      strcasecmp(report, "delivery-status") == 0;
	out->automatic = out->bounce ? "delivery status notification" : automatic_of(a, o, out->from_addr);

	const char *loop = g_mime_object_get_header(o, "X-Loop");
	out->x_loop = loop ? lower(a, clean(a, loop, true)) : NULL;

	if (!body) {
		out->text = "";
		g_object_unref(m);
		return true;
	}
	walk w = { .a = a, .report = out->bounce, .files = arena_calloc(a, sizeof(mail_file) * MAIL_MAX_FILES) };
	g_mime_message_foreach(m, visit, &w);
	out->attachments = w.attachments;
	out->files = w.files;
	out->nfiles = w.nfiles;
	if (out->bounce) {
		out->bounced_id = w.bounced_id && *w.bounced_id && strlen(w.bounced_id) <= 998 ? w.bounced_id : NULL;
		if (w.status || w.diagnostic)
			out->bounce_reason = arena_printf(a, "%s%s%s", w.status ? w.status : "",
							  w.status && w.diagnostic ? ": " : "", w.diagnostic ? w.diagnostic : "");
	}
	const char *html = w.html ? text_of(a, w.html) : NULL;
	out->html = html;
	const char *text = w.text ? text_of(a, w.text) : NULL;
	if (!text && html)
		text = html_budget_ok(html) ? html_to_text(a, html, strlen(html), 400000) : MAIL_HTML_TOO_LARGE;
	out->text = text ? text : "";
	g_object_unref(m);
	return true;
}
