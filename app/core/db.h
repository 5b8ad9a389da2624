/* db.h: one PostgreSQL connection per thread, statements prepared once, reconnect on loss */
#ifndef CXMS_DB_H
#define CXMS_DB_H
#include <stdbool.h>
#include <stdint.h>
#include <libpq-fe.h>
#include "arena.h"

/* A statement is declared once, as a static const, next to the data function using it.
 * Each connection prepares it the first time it is used. */
typedef struct stmt {
	const char *sql;
} stmt;

typedef struct db db;

db *db_connect(const char *conninfo);  /* NULL when the server cannot be reached */
/* Cancels any statement running longer than ms (0: no limit), on this and every later connection. */
void db_limit_statements(db *d, int ms);
void db_close(db *d);
PGconn *db_conn(db *d);
/* true when the connection is usable, reconnecting if it was lost */
bool db_ensure(db *d);
/* Changes each time a new connection is made: what is per connection (LISTEN) must be set again. */
unsigned long db_generation(const db *d);

/* Runs a prepared statement. Returns NULL on error (logged, and the current
 * transaction is marked failed). The caller PQclear()s the result. */
PGresult *db_run(db *d, const stmt *s, int n, const char *const *params);
/* Like db_run, but planned for its parameters' values every time (not prepared): for statements with
 * optional filters, where one generic plan would be wrong for most combinations of them. */
PGresult *db_run_custom(db *d, const stmt *s, int n, const char *const *params);
/* Like db_run, with the parameters whose lengths[i] >= 0 sent as that many raw bytes (a bytea, without
 * hex-encoding it: received mail is megabytes); lengths[i] < 0: text. At most 64 parameters. */
PGresult *db_run_bytes(db *d, const stmt *s, int n, const char *const *params, const int *lengths);
/* Like db_run, with every column of the result in binary: for a statement that reads one bytea (its
 * bytes as they are, PQgetlength long), not for numbers or text. */
PGresult *db_run_binary_result(db *d, const stmt *s, int n, const char *const *params);
/* Runs a statement that returns no rows of interest; false on error. */
bool db_do(db *d, const stmt *s, int n, const char *const *params);
/* The first column of the first row, as an id (a RETURNING id, a lookup): 0 when no row, -1 error. */
int64_t db_id_of(db *d, const stmt *s, int n, const char *const *params);
/* Runs a migration file (several statements) inside the caller's transaction. Migrations only. */
bool db_exec_script(db *d, const char *script);

bool db_begin(db *d);
bool db_commit(db *d);
void db_rollback(db *d);
/* Commits what the request wrote so far and opens a new transaction: for writes that must
 * stay although the request ends in an error (a failed sign-in is counted). */
bool db_commit_and_continue(db *d);
bool db_in_tx(const db *d);
/* a statement failed inside the current transaction */
bool db_tx_failed(const db *d);

/* Copies one result row into an item of the caller's array. */
typedef void (*row_fill)(arena *a, PGresult *res, int row, void *item);
/* Copies every row of res (which it clears) with fill into a new zeroed arena array of
 * `size`-byte items, with one spare zeroed item past the last. Returns the array and sets
 * *count; on a NULL res (a failed statement) returns NULL and sets *count to -1. */
void *db_rows_of(arena *a, PGresult *res, size_t size, row_fill fill, int *count);
/* db_run, then db_rows_of. */
void *db_rows(db *d, arena *a, const stmt *s, int n, const char *const *params, size_t size,
	      row_fill fill, int *count);

/* Helpers to turn result cells into arena values */
char *db_str(arena *a, PGresult *res, int row, int col); /* NULL when SQL NULL */
int64_t db_i64(PGresult *res, int row, int col);
bool db_bool(PGresult *res, int row, int col);
/* id formatting for parameters */
char *db_id(arena *a, int64_t id);

#endif
