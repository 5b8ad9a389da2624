/* data/canned.h: canned answers ({name} and {agent} are filled in when one is used) */
#ifndef CXMS_DATA_CANNED_H
#define CXMS_DATA_CANNED_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

#define CANNED_MAX_TITLE 100
#define CANNED_MAX_BODY 10000

typedef struct canned {
	int64_t id;
	const char *title, *body;
} canned;
int canned_list(db *d, arena *a, canned **out);
/* 1 found, 0 none, -1 error */
int canned_get(db *d, arena *a, int64_t id, canned *out);
int64_t canned_create(db *d, arena *a, const char *title, const char *body, int64_t by);
bool canned_delete(db *d, arena *a, int64_t id);

#endif
