/* jobs.c: the background job queue (FOR UPDATE SKIP LOCKED, retries with backoff) */
#include "data.h"
#include <stdlib.h>

static const stmt insert = {
	"INSERT INTO jobs (kind, payload, run_at) VALUES ($1, $2::jsonb, now() + make_interval(secs => $3::int))"
};

bool job_enqueue_in(db *d, arena *a, const char *kind, const char *payload_json, int seconds)
{
	const char *p[] = { kind, payload_json, arena_printf(a, "%d", seconds) };
	return db_do(d, &insert, 3, p);
}

bool job_enqueue(db *d, arena *a, const char *kind, const char *payload_json)
{
	return job_enqueue_in(d, a, kind, payload_json, 0);
}

/* SKIP LOCKED lets any number of workers on any number of hosts share the queue. */
static const stmt claim = {
	"SELECT id, kind, payload::text, attempts, max_attempts FROM jobs"
	" WHERE status = 'queued' AND run_at <= now()"
	" ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED"
};

int job_claim(db *d, arena *a, job *out)
{
	PGresult *res = db_run(d, &claim, 0, NULL);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		out->id = db_i64(res, 0, 0);
		out->kind = db_str(a, res, 0, 1);
		out->payload = db_str(a, res, 0, 2);
		out->attempts = (int)db_i64(res, 0, 3);
		out->max_attempts = (int)db_i64(res, 0, 4);
	}
	PQclear(res);
	return n == 1;
}

/* The same job again, after its handler's transaction was rolled back: never another one. */
static const stmt relock = {
	"SELECT id, kind, payload::text, attempts, max_attempts FROM jobs"
	" WHERE id = $1 AND status = 'queued' FOR UPDATE SKIP LOCKED"
};

int job_relock(db *d, arena *a, int64_t id, job *out)
{
	const char *p[] = { db_id(a, id) };
	PGresult *res = db_run(d, &relock, 1, p);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		out->id = db_i64(res, 0, 0);
		out->kind = db_str(a, res, 0, 1);
		out->payload = db_str(a, res, 0, 2);
		out->attempts = (int)db_i64(res, 0, 3);
		out->max_attempts = (int)db_i64(res, 0, 4);
	}
	PQclear(res);
	return n == 1;
}

static const stmt done = {
	"UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = now(),"
	" last_error = NULL WHERE id = $1"
};

bool job_done(db *d, arena *a, int64_t id)
{
	const char *p[] = { db_id(a, id) };
	return db_do(d, &done, 1, p);
}

/* Backoff: 2^attempts seconds (2 s, 4 s, 8 s, ...), capped at an hour. */
static const stmt failed = {
	"UPDATE jobs SET attempts = attempts + 1, last_error = left($2, 2000),"
	" status = CASE WHEN attempts + 1 >= max_attempts THEN 'dead' ELSE 'queued' END,"
	" finished_at = CASE WHEN attempts + 1 >= max_attempts THEN now() END,"
	" run_at = now() + least(interval '1 hour', interval '1 second' * power(2, attempts + 1))"
	" WHERE id = $1"
};

bool job_failed(db *d, arena *a, const job *j, const char *error)
{
	const char *p[] = { db_id(a, j->id), error };
	return db_do(d, &failed, 2, p);
}

static const stmt next_due = {
	"SELECT greatest(0, ceil(extract(epoch FROM min(run_at) - now())))::integer"
	" FROM jobs WHERE status = 'queued'"
};

int job_seconds_until_next(db *d)
{
	PGresult *res = db_run(d, &next_due, 0, NULL);
	int s = 60;
	if (res && !PQgetisnull(res, 0, 0))
		s = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return s > 60 ? 60 : s;
}
