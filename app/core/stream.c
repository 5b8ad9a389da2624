/* stream.c: streamed responses (exports): headers first, then chunks straight to FastCGI.
 * The rest of the site buffers the page in r->out and sends it at the end (server.c); a streamed
 * handler sets r->streamed, and the dispatcher then sends no second response. nginx is told not
 * to buffer (X-Accel-Buffering), so memory stays constant at both ends whatever the size. */
#include "stream.h"
#include <fcgiapp.h>
#include <string.h>

bool stream_begin(req *r, int status, const char *content_type, const char *filename)
{
	r->status = status;
	r->streamed = true;
	r->content_type_out = content_type;
	if (filename)
		resp_header(r, "Content-Disposition",
			    arena_printf(r->a, "attachment; filename=\"%s\"", filename));
	if (!r->fcgi)
		return true;
	FCGX_Stream *out = r->fcgi->out;
	FCGX_FPrintF(out, "Status: %d OK\r\nContent-Type: %s\r\n", status, content_type);
	FCGX_PutS("Cache-Control: no-store\r\nX-Accel-Buffering: no\r\n", out);
	FCGX_FPrintF(out, "X-Request-Id: %s\r\n", r->id);
	for (size_t i = 0; i < r->out_headers.n; i++)
		FCGX_FPrintF(out, "%s: %s\r\n", r->out_headers.items[i].key,
			     r->out_headers.items[i].val);
	FCGX_PutS("\r\n", out);
	return !FCGX_GetError(out);
}

bool stream_write(req *r, const void *data, size_t n)
{
	if (!r->fcgi) {
		buf_append(r->out, data, n);
		return true;
	}
	if (n && FCGX_PutStr(data, (int)n, r->fcgi->out) < 0)
		return false;
	return !FCGX_GetError(r->fcgi->out);
}

bool stream_flush(req *r, buf *b, size_t min)
{
	if (b->len < min || b->len == 0)
		return true;
	bool ok = stream_write(r, b->data, b->len);
	buf_clear(b);
	return ok;
}
