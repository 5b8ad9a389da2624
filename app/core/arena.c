/* arena.c: per-request bump allocator (the copies and formatting built on it: arena_str.c) */
#include "arena.h"
#include "log.h"
#include <stdlib.h>
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

size_t arena_used(const arena *a)
{
	return a->total;
}
