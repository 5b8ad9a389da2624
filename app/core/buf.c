/* buf.c: growable byte buffer */
#include "buf.h"
#include "log.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(buf *b, size_t need)
{
	if (b->cap - b->len > need)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len <= need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		die("out of memory (buffer of %zu bytes)", cap);
	b->data = p;
	b->cap = cap;
}

void buf_append(buf *b, const void *p, size_t n)
{
	grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_clear(buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *buf_cstr(buf *b)
{
	if (!b->data)
		grow(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}
