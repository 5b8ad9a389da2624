/* main.c: the cxms command: serve, worker, migrate, seed-demo */
#include "routes.h"
#include "channels/mailgate.h"
#include "core/auth.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/filestore.h"
#include "core/multipart.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/server.h"
#include "core/tmpl.h"
#include "data/data.h"
#include "data/consent.h"
#include "jobs/jobs.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fprintf(stderr, "usage: cxms serve | worker [--once] | migrate | seed-demo | verify-ledger\n"
			"       cxms mailgate [--channel NAME]   (one mail on standard input, from the MTA)\n"
			"Settings come from the environment: DATABASE_URL, CXMS_ROOT, CXMS_SOCKET,\n"
			"CXMS_THREADS, CXMS_SECRET_FILE, CXMS_BASE_URL, SMTP_URL, CXMS_DEV, CXMS_SECURE,\n"
			"CXMS_MASTER_KEY_FILE, CXMS_NCHAN_PUB, CXMS_FILES_DIR.\n");
}

static bool init_common(void)
{
	if (!crypto_init(cfg.secret_file))
		return false;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	multipart_init();
	return true;
}

static void free_common(void)
{
	multipart_shutdown();
	curl_global_cleanup();
}

static int cmd_serve(void)
{
	char path[4096];
	if (!init_common() || !i18n_init(config_path(path, sizeof path, "locale")) ||
	    !passwords_init(config_path(path, sizeof path, "data/common-passwords.txt")) ||
	    !tmpl_init(config_path(path, sizeof path, "templates"), cfg.dev) || !filestore_init(cfg.files_dir))
		return 1;
	db *d = db_connect(cfg.database_url);
	if (!d || !timezones_load(d)) {
		db_close(d);
		return 1;
	}
	db_close(d);
	/* analytics page views, written only for customers who granted that purpose */
	int rc = server_run(routes, consent_track_request);
	tmpl_shutdown();
	passwords_free();
	i18n_free();
	free_common();
	return rc;
}

static int cmd_worker(bool once)
{
	char path[4096];
	if (!init_common() || !i18n_init(config_path(path, sizeof path, "locale")) || !filestore_init(cfg.files_dir))
		return 1;
	int rc = worker_run(once);
	i18n_free();
	free_common();
	return rc;
}

static int cmd_migrate(void)
{
	char path[4096];
	if (!init_common())
		return 1;
	db *d = db_connect(cfg.database_url);
	if (!d)
		return 1;
	bool ok = migrate_run(d, config_path(path, sizeof path, "migrations"));
	db_close(d);
	free_common();
	return ok ? 0 : 1;
}

static int cmd_seed(void)
{
	if (!init_common())
		return 1;
	db *d = db_connect(cfg.database_url);
	if (!d)
		return 1;
	arena *a = arena_new();
	bool ok = seed_demo(d, a);
	arena_free(a);
	db_close(d);
	free_common();
	return ok ? 0 : 1;
}

/* cxms verify-ledger: walks the whole consent ledger; exit 0 when whole, 1 naming the first bad row */
static int cmd_verify_ledger(void)
{
	if (!init_common())
		return 1;
	db *d = db_connect(cfg.database_url);
	if (!d)
		return 1;
	arena *a = arena_new();
	ledger_check c;
	int rc = 1;
	if (!ledger_verify(d, a, &c))
		fprintf(stderr, "verify-ledger: database error\n");
	else if (c.ok) {
		printf("ledger whole: %lld rows, last hash %s\n", c.rows, c.last_hash);
		rc = 0;
	} else
		printf("ledger BROKEN at row %lld: %s (%lld rows before it verified)\n",
		       (long long)c.bad_id, c.problem, c.rows);
	arena_free(a);
	db_close(d);
	free_common();
	return rc;
}

/* cxms bench-ledger N: appends N synthetic, properly chained rows (benchmarks only) */
static int cmd_bench_ledger(const char *n)
{
	long long count = n ? strtoll(n, NULL, 10) : 0;
	if (count <= 0 || !init_common())
		return 2;
	db *d = db_connect(cfg.database_url);
	if (!d)
		return 1;
	arena *a = arena_new();
	bool ok = ledger_bench_fill(d, a, count);
	arena_free(a);
	db_close(d);
	free_common();
	return ok ? 0 : 1;
}

/* cxms mailgate [--channel NAME]: sysexits as the MTA expects (channels/mailgate.h) */
static int cmd_mailgate(int argc, char **argv)
{
	const char *channel = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--channel") == 0 && i + 1 < argc)
			channel = argv[++i];
		else {
			fprintf(stderr, "usage: cxms mailgate [--channel NAME]\n");
			return 64; /* EX_USAGE */
		}
	}
	multipart_init(); /* GMime; the mailgate needs no keys */
	int rc = mailgate_run(stdin, channel, cfg.database_url);
	multipart_shutdown();
	return rc;
}

int main(int argc, char **argv)
{
	config_load();
	if (argc < 2) {
		usage();
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve();
	if (strcmp(cmd, "worker") == 0)
		return cmd_worker(argc > 2 && strcmp(argv[2], "--once") == 0);
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate();
	if (strcmp(cmd, "seed-demo") == 0)
		return cmd_seed();
	if (strcmp(cmd, "verify-ledger") == 0)
		return cmd_verify_ledger();
	if (strcmp(cmd, "mailgate") == 0)
		return cmd_mailgate(argc, argv);
	if (strcmp(cmd, "bench-ledger") == 0)
		return cmd_bench_ledger(argc > 2 ? argv[2] : NULL);
	usage();
	return 2;
}
