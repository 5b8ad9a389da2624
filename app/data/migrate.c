/* migrate.c: applies migrations/NNNN_name.sql in order, each in a transaction, with checksums */
#include "data.h"
#include "../core/log.h"
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const stmt create_table = { "CREATE TABLE IF NOT EXISTS schema_migrations ("
				   " version text PRIMARY KEY, checksum text NOT NULL,"
				   " applied_at timestamptz NOT NULL DEFAULT now())" };
static const stmt lock = { "SELECT pg_advisory_xact_lock(7405001)" };
static const stmt applied = { "SELECT checksum FROM schema_migrations WHERE version = $1" };
static const stmt record = { "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)" };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		fclose(f);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

static bool is_migration(const char *name)
{
	size_t n = strlen(name);
	return n > 9 && name[0] >= '0' && name[0] <= '9' && name[4] == '_' &&
	       strcmp(name + n - 4, ".sql") == 0;
}

/* Applies one file unless already applied; false on a checksum mismatch or SQL error. */
static bool apply_one(db *d, const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t len;
	char *sql = read_all(path, &len);
	if (!sql) {
		log_error("cannot read %s", path);
		return false;
	}
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (unsigned char *)sql, len, NULL, 0);
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);

	bool ok = db_begin(d) && db_do(d, &lock, 0, NULL);
	const char *p[] = { name, hex };
	PGresult *res = ok ? db_run(d, &applied, 1, p) : NULL;
	if (res && PQntuples(res) == 1) {
		if (strcmp(PQgetvalue(res, 0, 0), hex) != 0) {
			log_error("migration %s changed after it was applied; refusing to go on", name);
			ok = false;
		}
		PQclear(res);
		db_rollback(d);
		free(sql);
		return ok;
	}
	PQclear(res);
	ok = ok && db_exec_script(d, sql) && db_do(d, &record, 2, p) && db_commit(d);
	if (ok)
		log_info("applied migration %s", name);
	else
		db_rollback(d);
	free(sql);
	return ok;
}

bool migrate_run(db *d, const char *dir)
{
	if (!db_do(d, &create_table, 0, NULL))
		return false;
	DIR *dp = opendir(dir);
	if (!dp) {
		log_error("cannot open migrations directory %s", dir);
		return false;
	}
	char *names[1000];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) && n < 1000)
		if (is_migration(e->d_name))
			names[n++] = strdup(e->d_name);
	closedir(dp);
	qsort(names, (size_t)n, sizeof names[0], by_name);
	bool ok = true;
	for (int i = 0; i < n; i++) {
		if (ok)
			ok = apply_one(d, dir, names[i]);
		free(names[i]);
	}
	return ok;
}
