/* smtp.c: sending one mail over SMTP with libcurl */
#include "smtp.h"
#include "buf.h"
#include "text.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct upload {
	const char *data;
	size_t len, pos;
} upload;

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
	upload *u = userp;
	size_t room = size * nmemb;
	size_t n = u->len - u->pos < room ? u->len - u->pos : room;
	memcpy(ptr, u->data + u->pos, n);
	u->pos += n;
	return n;
}

/* The bare address inside "Name <addr>" or the string itself. */
static void bare_address(const char *s, char *out, size_t n)
{
	const char *lt = strchr(s, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		snprintf(out, n, "<%.*s>", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, n, "<%s>", s);
}

static bool header_safe(const char *s)
{
	return !strpbrk(s, "\r\n");
}

/* RFC 2047 encoded-words for UTF-8 text (base64), each of at most 45 bytes of text cut between
 * characters, folded onto lines of their own: a long subject stays under the 998-byte line limit. */
static void encode_words(buf *b, const char *text, size_t n)
{
	if (n > 4000) {
		buf_puts(b, "(too long)");
		return;
	}
	size_t at = 0;
	do {
		size_t len = utf8_cut(text + at, n - at, 45);
		if (!len && at < n) /* not UTF-8 after all: cut where the bytes fall */
			len = n - at > 45 ? 45 : n - at;
		char enc[sodium_base64_ENCODED_LEN(45, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(enc, sizeof enc, (const unsigned char *)text + at, len, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "%s=?UTF-8?B?%s?=", at ? "\r\n " : "", enc);
		at += len;
	} while (at < n);
}

/* "Name <addr>" as a header value: a name with anything but printable ASCII as encoded-words */
static void put_address(buf *b, const char *s)
{
	const char *lt = strrchr(s, '<');
	bool ascii = true;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x7f)
			ascii = false;
	if (ascii || !lt) {
		buf_puts(b, s);
		return;
	}
	const char *start = s, *end = lt;
	while (start < end && (*start == ' ' || *start == '"'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '"'))
		end--;
	encode_words(b, start, (size_t)(end - start));
	buf_printf(b, " %s", lt);
}

/* a Message-ID without <>: printable ASCII, no spaces or brackets */
static bool msgid_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || *s == '<' || *s == '>')
			return false;
	return true;
}

bool smtp_send(const char *url, const smtp_mail *m, char *err, size_t errlen)
{
	const char *from = m->from, *to = m->to, *subject = m->subject, *body = m->body;
	const char *list_unsubscribe = m->list_unsubscribe;
	if (!header_safe(from) || !header_safe(to) || !header_safe(subject) ||
	    (list_unsubscribe && (!header_safe(list_unsubscribe) || strpbrk(list_unsubscribe, "<>"))) ||
	    (m->reply_to && (!header_safe(m->reply_to) || strpbrk(m->reply_to, "<>,"))) ||
	    (m->message_id && !msgid_safe(m->message_id)) || (m->references && !header_safe(m->references))) {
		snprintf(err, errlen, "a header field is not well-formed (a line break, or a bad address or id)");
		return false;
	}
	buf msg = { 0 };
	char date[64], mid[80];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (!m->message_id) {
		unsigned char rnd[12];
		randombytes_buf(rnd, sizeof rnd);
		char hex[25];
		sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
		snprintf(mid, sizeof mid, "%s@cxms", hex);
	}
	buf_printf(&msg, "Date: %s\r\nFrom: ", date);
	put_address(&msg, from);
	buf_printf(&msg, "\r\nTo: %s\r\nMessage-ID: <%s>\r\n", to, m->message_id ? m->message_id : mid);
	if (m->reply_to)
		buf_printf(&msg, "Reply-To: %s\r\n", m->reply_to);
	if (m->in_reply_to && msgid_safe(m->in_reply_to)) /* a sender's odd id is left out, not fatal */
		buf_printf(&msg, "In-Reply-To: <%s>\r\n", m->in_reply_to);
	if (m->references) { /* one id a line, folded (RFC 5322 2.2.3); only ids that are well-formed */
		const char *sep = "References:";
		buf ids = { 0 };
		for (const char *p = m->references; *p;) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (!n)
				break;
			buf_clear(&ids);
			buf_append(&ids, p, n);
			if (msgid_safe(buf_cstr(&ids))) {
				buf_printf(&msg, "%s <%s>", sep, buf_cstr(&ids));
				sep = "\r\n";
			}
			p += n;
		}
		buf_free(&ids);
		if (strcmp(sep, "\r\n") == 0)
			buf_puts(&msg, "\r\n");
	}
	if (m->auto_submitted) /* no auto-responder should answer it (RFC 3834; Exchange's own header) */
		buf_puts(&msg, "Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n");
	buf_puts(&msg, "Subject: ");
	encode_words(&msg, subject, strlen(subject));
	if (list_unsubscribe)
		buf_printf(&msg, "\r\nList-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click",
			   list_unsubscribe);
	buf_puts(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		       "Content-Transfer-Encoding: 8bit\r\n\r\n");
	/* SMTP wants CRLF line ends (a bare CR or LF is never sent: RFC 5321 2.3.8), and a line
	 * with a lone dot is escaped by curl */
	for (const char *p = body; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue; /* the LF that follows ends the line */
		if (*p == '\n' || *p == '\r')
			buf_puts(&msg, "\r\n");
		else
			buf_append(&msg, p, 1);
	}
	buf_puts(&msg, "\r\n");

	char from_addr[320], to_addr[320];
	bare_address(from, from_addr, sizeof from_addr);
	bare_address(to, to_addr, sizeof to_addr);
	CURL *c = curl_easy_init();
	if (!c) {
		buf_free(&msg);
		snprintf(err, errlen, "curl_easy_init failed");
		return false;
	}
	struct curl_slist *rcpt = curl_slist_append(NULL, to_addr);
	upload u = { msg.data, msg.len, 0 };
	char curl_err[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&msg);
	return rc == CURLE_OK;
}
