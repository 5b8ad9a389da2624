/* arena.h: per-request bump allocator, reset after every request */
#ifndef CXMS_ARENA_H
#define CXMS_ARENA_H
#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Frees everything allocated since creation but keeps the first chunk,
 * so a steady request load does not hit malloc at all. */
void arena_reset(arena *a);
/* Never returns NULL: out of memory aborts (a half-served request is worse). */
void *arena_alloc(arena *a, size_t n);
void *arena_calloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
size_t arena_used(const arena *a);

#endif
