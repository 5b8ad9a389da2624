/* arena.c: per-request bump allocator */
#include "arena.h"
#include "log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define CHUNK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
} chunk;

struct arena {
	chunk *head;   /* current chunk; the first chunk is the last in the list */
	size_t total;
};

static chunk *chunk_new(size_t size)
{
	chunk *c = malloc(sizeof *c + size);
	if (!c)
		die("out of memory (arena chunk of %zu bytes)", size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

arena *arena_new(void)
{
	arena *a = malloc(sizeof *a);
	if (!a)
		die("out of memory");
	a->head = chunk_new(CHUNK_SIZE);
	a->total = 0;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c) {
		chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
}

void arena_reset(arena *a)
{
	chunk *c = a->head;
	while (c->next) {
		chunk *n = c->next;
		free(c);
		c = n;
	}
	c->used = 0;
	a->head = c;
	a->total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN)
		die("arena allocation too large");
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	chunk *c = a->head;
	if (c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		chunk *nc = chunk_new(size);
		nc->next = c;
		a->head = c = nc;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *arena_calloc(arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("arena_vprintf: bad format");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}
