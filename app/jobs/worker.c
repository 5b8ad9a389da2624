/* worker.c: runs jobs from the jobs table, woken by LISTEN/NOTIFY */
#include "jobs.h"
#include "survey_dispatch.h"
#include "../core/config.h"
#include "../core/log.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *kind;
	job_fn fn;
} job_kinds[] = {
	{ "send_mail", job_send_mail },
	{ "erase_customer", job_erase_customer },
	{ "retention", job_retention },
	{ "marketing_mailing", job_marketing_mailing },
	{ "survey_nps_round", job_survey_nps_round },
	{ "wake_snoozed", job_wake_snoozed },
	{ "files_gc", job_files_gc },
	{ "mail_inbound", job_mail_inbound },
	{ NULL, NULL },
};

static atomic_bool stop;

static void on_stop(int sig)
{
	(void)sig;
	atomic_store(&stop, true);
}

static const stmt listen_jobs = { "LISTEN cxms_jobs" };

/* after-commit actions of the running job (the worker runs one job at a time) */
enum { MAX_AFTER = 32 };
typedef struct after_action { void (*fn)(void *); void *arg; } after_action;
static after_action after[MAX_AFTER];
static int nafter;

void job_after_commit(void (*fn)(void *), void *arg)
{
	if (nafter < MAX_AFTER)
		after[nafter++] = (after_action){ fn, arg };
	else
		log_error("job_after_commit: too many actions, one dropped");
}

/* Claims and runs one job in its own transaction. 1 ran, 0 nothing due, -1 error. */
static int run_one(db *d, arena *a)
{
	nafter = 0;
	if (!db_begin(d))
		return -1;
	job j;
	int got = job_claim(d, a, &j);
	if (got <= 0) {
		db_rollback(d);
		return got;
	}
	job_fn fn = NULL;
	for (int i = 0; job_kinds[i].kind; i++)
		if (strcmp(job_kinds[i].kind, j.kind) == 0)
			fn = job_kinds[i].fn;
	char err[512] = "";
	bool ok = fn ? fn(d, a, &j, err, sizeof err) : false;
	if (!fn)
		snprintf(err, sizeof err, "unknown job kind %s", j.kind);
	if (db_tx_failed(d)) {
		/* the handler's writes are gone; record the failure in a fresh transaction */
		db_rollback(d);
		if (!db_begin(d) || job_relock(d, a, j.id, &j) <= 0) {
			db_rollback(d);
			return -1;
		}
		ok = false;
		if (!err[0])
			snprintf(err, sizeof err, "database error");
	}
	if (ok)
		job_done(d, a, j.id);
	else {
		log_error("job %lld (%s) failed, attempt %d: %s", (long long)j.id, j.kind,
			  j.attempts + 1, err);
		job_failed(d, a, &j, err);
	}
	if (!db_commit(d))
		return -1;
	for (int i = 0; ok && i < nafter; i++)
		after[i].fn(after[i].arg);
	nafter = 0;
	return 1;
}

/* Waits for a NOTIFY, a signal or the timeout. */
static void wait_for_work(db *d, int seconds)
{
	PGconn *c = db_conn(d);
	struct pollfd p = { .fd = PQsocket(c), .events = POLLIN };
	if (poll(&p, 1, seconds * 1000) > 0) {
		PQconsumeInput(c);
		PGnotify *n;
		while ((n = PQnotifies(c)))
			PQfreemem(n);
	}
}

int worker_run(bool once)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	db *d = NULL;
	while (!d && !atomic_load(&stop)) {
		d = db_connect(cfg.database_url);
		if (!d)
			sleep(1);
	}
	if (!d)
		return 1;
	arena *a = arena_new();
	/* LISTEN is per connection: renewed after every reconnect (a new PGconn may sit at the old address,
	 * so the connection's generation tells, not its pointer) */
	unsigned long listening_on = 0;
	log_info("worker started%s", cfg.smtp_url ? " (SMTP)" : " (mails stored, no SMTP_URL)");
	while (!atomic_load(&stop)) {
		int rc = run_one(d, a);
		arena_reset(a);
		if (rc > 0)
			continue;
		if (once)
			break;
		if (rc < 0) {
			sleep(1);
			continue;
		}
		/* the connection waited on must be the one that listens (running a job, or asking for the next
		 * one's time, may have made a new one); after a new LISTEN look for jobs once more: one may have
		 * come in meanwhile */
		int seconds = job_seconds_until_next(d);
		if (listening_on != db_generation(d)) {
			bool ok = db_do(d, &listen_jobs, 0, NULL);
			listening_on = ok ? db_generation(d) : 0;
			if (!ok)
				sleep(1);
			continue;
		}
		wait_for_work(d, seconds > 0 ? seconds : 1);
	}
	arena_free(a);
	db_close(d);
	log_info("worker stopped");
	return 0;
}
