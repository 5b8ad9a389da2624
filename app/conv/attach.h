/* conv/attach.h: files attached to messages, for customers and staff alike: what may be attached, how
 * it is stored, how pages list it, and how it is sent (only after the caller's access check) */
#ifndef CXMS_CONV_ATTACH_H
#define CXMS_CONV_ATTACH_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/http.h"
#include "../core/tmpl.h"
#include "../data/conversations.h"

/* the form carries at least one file */
bool uploads_present(req *r);
/* NULL when every file of the form may be attached on a channel taking max_bytes per file; else the
 * problem in the viewer's language, with *status 413 (too large) or 415 (a refused type, named). */
const char *uploads_problem(req *r, long long max_bytes, int *status);
/* Stores the form's files (once per content) and attaches them to the message. */
bool attach_uploads(req *r, int64_t conv, int64_t message_id);
/* A file that came with a received message (a mail's attachment): stored as an upload would be.
 * 1 stored; 0 refused (a program: it stays in the raw mail only); -1 error. */
int attach_received(db *d, arena *a, int64_t conv, int64_t message_id, const char *filename, const char *declared,
		    const unsigned char *data, size_t len);
/* {{#ATTACHMENT}} rows (HREF NAME SIZE, {{#IMAGE}}) inside the {{#MSG}} sections msgs_fill made for m
 * (rows); base is the conversation's path ("/chat/7", "/admin/inbox/7"). */
bool attachments_fill(req *r, tdict **rows, int64_t conv, const message *m, int n, const char *base);
/* The attachment's bytes through nginx (X-Accel-Redirect) when it belongs to conv (and, unless staff,
 * not to a note), else 404. Pictures of a few raster types are shown in the page; everything else
 * downloads, never sniffed. */
int attachment_send(req *r, int64_t conv, int64_t attachment_id, bool staff);

#endif
