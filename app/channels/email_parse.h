/* channels/email_parse.h: one RFC 5322 mail as CXMS needs it, through GMime: who sent it and to whom,
 * the ids that thread it, its subject and text in UTF-8, and whether a person wrote it */
#ifndef CXMS_CHANNELS_EMAIL_PARSE_H
#define CXMS_CHANNELS_EMAIL_PARSE_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/arena.h"

#define MAIL_MAX_REFS 50        /* References kept (the newest): a thread deeper than this is rare */
#define MAIL_MAX_RECIPIENTS 100 /* To, Cc and the MTA's delivery headers */
/* the text of a mail whose only part is HTML past the parsing budget (email_parse.c) */
#define MAIL_HTML_TOO_LARGE "[This mail has only HTML, too large to show as text here: see the original mail.]"

#define MAIL_MAX_FILES 30 /* files kept as attachments; past that they stay in the raw mail only */

/* A file the mail carries: an attachment, or an inline image (by cid:) of its HTML. */
typedef struct mail_file {
	const char *filename;     /* as sent (RFC 2231/2047 decoded), not yet cleaned; NULL when none */
	const char *declared;     /* its Content-Type's type/subtype */
	const unsigned char *data; /* decoded bytes */
	size_t len;
} mail_file;

typedef struct mail_in {
	const char *message_id;    /* without <>, NULL when it has none */
	const char **refs;         /* In-Reply-To first, then References newest first; distinct */
	int nrefs;
	const char *from_addr;     /* lower case; never NULL after a successful parse */
	const char *from_name;     /* "" when none */
	const char **recipients;   /* To, Cc, Delivered-To, X-Original-To, Envelope-To (lower case) */
	int nrecipients;
	const char *subject;       /* decoded, "" when none */
	const char *text;          /* the text/plain part; else the text of the HTML part; "" when neither */
	const char *html;          /* the HTML part as sent (never shown unsanitised); NULL when none */
	const char *automatic;     /* why no person wrote it ("Auto-Submitted: auto-replied", ...); NULL */
	const char *x_loop;        /* the X-Loop header (the caller knows whether it names us); NULL */
	bool bounce;               /* a delivery status notification (RFC 3464) */
	const char *bounced_id;    /* a bounce's: the Message-ID of the mail that was not delivered; NULL */
	const char *bounce_reason; /* a bounce's: its Status and Diagnostic-Code ("5.1.1: smtp; 550 ..."); NULL */
	int attachments;           /* parts that are attachments */
	mail_file *files;          /* the first MAIL_MAX_FILES of them, decoded (mail_parse only) */
	int nfiles;
} mail_in;

/* Parses len bytes. false when they cannot be a mail (*why: a sentence) — no header block, or no
 * sender address (local@domain). Every string is valid UTF-8 (invalid bytes become U+FFFD), in the arena.
 * Needs g_mime_init (multipart_init). */
bool mail_parse(arena *a, const char *data, size_t len, mail_in *out, const char **why);

/* The same from the header block alone (text "", no parts looked at): what storing a mail needs. */
bool mail_parse_headers(arena *a, const char *data, size_t len, mail_in *out, const char **why);

/* The visible text of an HTML document (gumbo): scripts, styles and the head left out, blocks and
 * <br> as line breaks, runs of white space as one. At most max bytes of output. */
char *html_to_text(arena *a, const char *html, size_t len, size_t max);

#endif
