/* data/canned.c: canned answers */
#include "canned.h"

#define ID(x) db_id(a, (x))

static void canned_row(arena *a, PGresult *res, int i, void *item)
{
	canned *c = item;
	c->id = db_i64(res, i, 0);
	c->title = db_str(a, res, i, 1);
	c->body = db_str(a, res, i, 2);
}

static const stmt all = { "SELECT id, title, body FROM canned_answers ORDER BY title, id" };

int canned_list(db *d, arena *a, canned **out)
{
	int n;
	*out = db_rows(d, a, &all, 0, NULL, sizeof **out, canned_row, &n);
	return n;
}

static const stmt one = { "SELECT id, title, body FROM canned_answers WHERE id = $1::bigint" };

int canned_get(db *d, arena *a, int64_t id, canned *out)
{
	const char *p[] = { ID(id) };
	int n;
	canned *rows = db_rows(d, a, &one, 1, p, sizeof *rows, canned_row, &n);
	if (n == 1)
		*out = rows[0];
	return n < 0 ? -1 : n == 1;
}

static const stmt insert = {
	"INSERT INTO canned_answers (title, body, created_by) VALUES ($1, $2, nullif($3::bigint, 0)) RETURNING id"
};

int64_t canned_create(db *d, arena *a, const char *title, const char *body, int64_t by)
{
	const char *p[] = { title, body, ID(by) };
	PGresult *res = db_run(d, &insert, 3, p);
	if (!res)
		return -1;
	int64_t id = db_i64(res, 0, 0);
	PQclear(res);
	return id;
}

static const stmt del = { "DELETE FROM canned_answers WHERE id = $1::bigint" };

bool canned_delete(db *d, arena *a, int64_t id)
{
	const char *p[] = { ID(id) };
	return db_do(d, &del, 1, p);
}
