/* stream.h: streamed responses (exports): headers first, then chunks straight to FastCGI */
#ifndef CXMS_STREAM_H
#define CXMS_STREAM_H
#include <stdbool.h>
#include <stddef.h>
#include "http.h"

/* Sends the status line and headers (with r->out_headers) now and marks the request streamed,
 * so the dispatcher sends nothing more. filename: a download name (ASCII, no quotes) or NULL.
 * Without FastCGI (unit tests) everything goes to r->out. */
bool stream_begin(req *r, int status, const char *content_type, const char *filename);
/* Writes bytes of the body; false once the client has gone away. */
bool stream_write(req *r, const void *data, size_t n);
/* Writes b's content and empties it when it holds at least min bytes (min 0: always). */
bool stream_flush(req *r, buf *b, size_t min);

#endif
