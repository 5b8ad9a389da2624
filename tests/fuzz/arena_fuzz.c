/* arena_fuzz.c: core/arena.h for the fuzz targets, one malloc per allocation. The real arena hands out
 * pieces of 64 KiB chunks rounded up to 16 bytes, so a write past the end of one lands in padding or in
 * the next allocation and AddressSanitizer cannot see it; here every allocation is its own heap block
 * of exactly the size asked for (as the real one: 0 bytes is 1), freed by arena_reset/arena_free. Copies
 * and formatting are the real ones (app/core/arena_str.c). */
#include "core/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
	struct block *next;
	void *p;
} block;

struct arena {
	block *blocks;
	size_t total;
};

arena *arena_new(void)
{
	arena *a = calloc(1, sizeof *a);
	if (!a)
		abort();
	return a;
}

void arena_reset(arena *a)
{
	block *b = a->blocks;
	while (b) {
		block *n = b->next;
		free(b->p);
		free(b);
		b = n;
	}
	a->blocks = NULL;
	a->total = 0;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	arena_reset(a);
	free(a);
}

void *arena_alloc(arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	block *b = malloc(sizeof *b);
	void *p = NULL;
	if (!b || posix_memalign(&p, 16, n) != 0) /* the real arena aligns to 16 */
		abort();
	b->p = p;
	b->next = a->blocks;
	a->blocks = b;
	a->total += n;
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}
