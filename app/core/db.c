/* db.c: one PostgreSQL connection per thread, statements prepared once, reconnect on loss */
#include "db.h"
#include "log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <unistd.h>

#define MAX_PREPARED 1024

struct db {
	PGconn *conn;
	char *conninfo;
	const stmt *prepared[MAX_PREPARED];
	int nprepared;
	bool in_tx, tx_failed;
	unsigned long generation; /* counts connections made: a new one has no LISTEN, no prepared statements */
	int statement_timeout_ms; /* 0: none; applied to every connection made */
};

static void notice_ignore(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void set_statement_timeout(PGconn *c, int ms)
{
	char value[16];
	snprintf(value, sizeof value, "%d", ms);
	const char *params[] = { value };
	PGresult *r = PQexecParams(c, "SELECT set_config('statement_timeout', $1, false)", 1, NULL, params, NULL,
				   NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		log_error("statement_timeout not set: %s", PQresultErrorMessage(r));
	PQclear(r);
}

static PGconn *open_conn(const char *conninfo, int statement_timeout_ms)
{
	PGconn *c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK) {
		log_error("database connection failed: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, notice_ignore, NULL);
	/* Times are always exchanged in UTC; conversion to the viewer's zone is explicit. Every statement is
	 * a short indexed one: JIT compiling (20-35 ms for any plan the planner costs above 100,000, as the
	 * desktop's counts at a million conversations) and parallel workers (15-80 ms to start, and cores
	 * that the other requests need) only cost time here. Pages are on SSD or in memory: PostgreSQL's
	 * random_page_cost of 4 models a spinning disk, and made the planner walk an index of a million rows
	 * rather than fetch the 7,000 a search matched. */
	PGresult *r = PQexec(c, "SET TIME ZONE 'UTC'; SET jit = off; SET max_parallel_workers_per_gather = 0;"
				" SET random_page_cost = 1.1");
	PQclear(r);
	if (statement_timeout_ms > 0)
		set_statement_timeout(c, statement_timeout_ms);
	return c;
}

db *db_connect(const char *conninfo)
{
	PGconn *c = open_conn(conninfo, 0);
	if (!c)
		return NULL;
	db *d = calloc(1, sizeof *d);
	if (!d)
		die("out of memory");
	d->conn = c;
	d->conninfo = strdup(conninfo);
	d->generation = 1;
	return d;
}

void db_close(db *d)
{
	if (!d)
		return;
	PQfinish(d->conn);
	free(d->conninfo);
	free(d);
}

void db_limit_statements(db *d, int ms)
{
	d->statement_timeout_ms = ms;
	if (d->conn && PQstatus(d->conn) == CONNECTION_OK)
		set_statement_timeout(d->conn, ms);
}

PGconn *db_conn(db *d)
{
	return d->conn;
}

bool db_ensure(db *d)
{
	if (d->conn && PQstatus(d->conn) == CONNECTION_OK)
		return true;
	log_error("database connection lost; reconnecting");
	if (d->conn)
		PQfinish(d->conn);
	d->conn = NULL;
	d->nprepared = 0;
	d->in_tx = d->tx_failed = false;
	for (int attempt = 0; attempt < 5 && !d->conn; attempt++) {
		d->conn = open_conn(d->conninfo, d->statement_timeout_ms);
		if (!d->conn)
			usleep(200000u << attempt);
	}
	if (d->conn)
		d->generation++;
	return d->conn != NULL;
}

static int prepared_index(db *d, const stmt *s)
{
	for (int i = 0; i < d->nprepared; i++)
		if (d->prepared[i] == s)
			return i;
	if (d->nprepared == MAX_PREPARED)
		die("too many prepared statements");
	char name[16];
	snprintf(name, sizeof name, "s%d", d->nprepared);
	PGresult *r = PQprepare(d->conn, name, s->sql, 0, NULL);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		log_error("prepare failed: %s-- %s", PQresultErrorMessage(r), s->sql);
	PQclear(r);
	if (!ok)
		return -1;
	d->prepared[d->nprepared] = s;
	return d->nprepared++;
}

/* lengths, formats: NULL when every parameter is text (else per parameter, as libpq takes them) */
static PGresult *run_once(db *d, const stmt *s, int n, const char *const *params, bool custom, const int *lengths,
			  const int *formats, int result_format)
{
	if (custom)
		return PQexecParams(d->conn, s->sql, n, NULL, params, lengths, formats, result_format);
	int idx = prepared_index(d, s);
	if (idx < 0)
		return NULL;
	char name[16];
	snprintf(name, sizeof name, "s%d", idx);
	return PQexecPrepared(d->conn, name, n, params, lengths, formats, result_format);
}

static PGresult *run_with(db *d, const stmt *s, int n, const char *const *params, bool custom, const int *lengths,
			  const int *formats, int result_format)
{
	if (!d->in_tx && !db_ensure(d))
		return NULL;
	if (d->tx_failed)
		return NULL;
	PGresult *r = run_once(d, s, n, params, custom, lengths, formats, result_format);
	/* A lost connection outside a transaction is retried once on a new one;
	 * inside a transaction the whole request fails and is rolled back. */
	if (!d->in_tx && PQstatus(d->conn) != CONNECTION_OK) {
		PQclear(r);
		if (!db_ensure(d))
			return NULL;
		r = run_once(d, s, n, params, custom, lengths, formats, result_format);
	}
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		if (r) {
			const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			log_error("query failed (%s): %s-- %.200s", state ? state : "?",
				  PQresultErrorMessage(r), s->sql);
		}
		PQclear(r);
		if (d->in_tx)
			d->tx_failed = true;
		return NULL;
	}
	return r;
}

PGresult *db_run(db *d, const stmt *s, int n, const char *const *params)
{
	return run_with(d, s, n, params, false, NULL, NULL, 0);
}

PGresult *db_run_custom(db *d, const stmt *s, int n, const char *const *params)
{
	return run_with(d, s, n, params, true, NULL, NULL, 0);
}

PGresult *db_run_bytes(db *d, const stmt *s, int n, const char *const *params, const int *lengths)
{
	int formats[64];
	if (n > 64)
		return NULL;
	for (int i = 0; i < n; i++)
		formats[i] = lengths[i] >= 0;
	return run_with(d, s, n, params, false, lengths, formats, 0);
}

PGresult *db_run_binary_result(db *d, const stmt *s, int n, const char *const *params)
{
	return run_with(d, s, n, params, false, NULL, NULL, 1);
}

bool db_do(db *d, const stmt *s, int n, const char *const *params)
{
	PGresult *r = db_run(d, s, n, params);
	PQclear(r);
	return r != NULL;
}

int64_t db_id_of(db *d, const stmt *s, int n, const char *const *params)
{
	PGresult *r = db_run(d, s, n, params);
	if (!r)
		return -1;
	int64_t id = PQntuples(r) ? db_i64(r, 0, 0) : 0;
	PQclear(r);
	return id;
}

/* Transaction control (BEGIN, COMMIT): one fixed statement, no parameters. */
static bool exec_command(db *d, const char *sql)
{
	PGresult *r = PQexecParams(d->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		log_error("%s failed: %s", sql, PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

bool db_exec_script(db *d, const char *script)
{
	/* A migration file holds several statements (functions with their own semicolons among
	 * them), which only the simple query protocol runs. Its text comes from the repository's
	 * migrations/ folder, never from a request. */
	PGresult *r = PQexec(d->conn, script);
	ExecStatusType st = PQresultStatus(r);
	bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (!ok)
		log_error("migration failed: %s", PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

unsigned long db_generation(const db *d)
{
	return d->generation;
}

bool db_begin(db *d)
{
	if (!db_ensure(d))
		return false;
	/* a connection the server closed (a restart) looks fine until it is used: nothing has happened in
	 * the transaction yet, so one new connection and a second BEGIN are safe */
	if (!exec_command(d, "BEGIN") && (PQstatus(d->conn) == CONNECTION_OK || !db_ensure(d) ||
					  !exec_command(d, "BEGIN")))
		return false;
	d->in_tx = true;
	d->tx_failed = false;
	return true;
}

bool db_commit(db *d)
{
	if (!d->in_tx)
		return true;
	if (d->tx_failed) {
		db_rollback(d);
		return false;
	}
	bool ok = exec_command(d, "COMMIT");
	d->in_tx = false;
	if (!ok)
		db_rollback(d);
	return ok;
}

void db_rollback(db *d)
{
	if (d->conn && PQstatus(d->conn) == CONNECTION_OK &&
	    PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		PGresult *r = PQexecParams(d->conn, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0);
		PQclear(r);
	}
	d->in_tx = false;
	d->tx_failed = false;
}

bool db_commit_and_continue(db *d)
{
	return db_commit(d) && db_begin(d);
}

bool db_in_tx(const db *d)
{
	return d->in_tx;
}

bool db_tx_failed(const db *d)
{
	return d->tx_failed;
}

void *db_rows_of(arena *a, PGresult *res, size_t size, row_fill fill, int *count)
{
	if (!res) {
		*count = -1;
		return NULL;
	}
	int n = PQntuples(res);
	unsigned char *items = arena_calloc(a, size * ((size_t)n + 1));
	for (int i = 0; i < n; i++)
		fill(a, res, i, items + size * (size_t)i);
	PQclear(res);
	*count = n;
	return items;
}

void *db_rows(db *d, arena *a, const stmt *s, int n, const char *const *params, size_t size,
	      row_fill fill, int *count)
{
	return db_rows_of(a, db_run(d, s, n, params), size, fill, count);
}

char *db_str(arena *a, PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return arena_strndup(a, PQgetvalue(res, row, col), (size_t)PQgetlength(res, row, col));
}

int64_t db_i64(PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

bool db_bool(PGresult *res, int row, int col)
{
	return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

char *db_id(arena *a, int64_t id)
{
	return arena_printf(a, "%" PRId64, id);
}
