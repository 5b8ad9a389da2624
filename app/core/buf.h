/* buf.h: growable byte buffer for response bodies and exports */
#ifndef CXMS_BUF_H
#define CXMS_BUF_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(buf *b);  /* keeps capacity */
void buf_free(buf *b);
/* NUL-terminated view (the NUL is not counted in len) */
const char *buf_cstr(buf *b);

#ifdef __cplusplus
}
#endif

#endif
