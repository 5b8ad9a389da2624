/* jobs.h: the background worker and the jobs it knows */
#ifndef CXMS_JOBS_H
#define CXMS_JOBS_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/arena.h"
#include "../core/db.h"
#include "../data/data.h"

/* A job handler returns false with a reason in err to be retried later. */
typedef bool (*job_fn)(db *d, arena *a, const job *j, char *err, size_t errlen);

bool job_send_mail(db *d, arena *a, const job *j, char *err, size_t errlen);
bool job_erase_customer(db *d, arena *a, const job *j, char *err, size_t errlen);  /* erasure.c */
bool job_retention(db *d, arena *a, const job *j, char *err, size_t errlen);       /* retention.c */
bool job_marketing_mailing(db *d, arena *a, const job *j, char *err, size_t errlen); /* marketing.c */

bool job_wake_snoozed(db *d, arena *a, const job *j, char *err, size_t errlen);       /* conversations.c */
bool job_files_gc(db *d, arena *a, const job *j, char *err, size_t errlen);           /* conversations.c */
bool job_mail_inbound(db *d, arena *a, const job *j, char *err, size_t errlen);       /* mail_inbound.c */

/* Runs fn(arg) once the running job's transaction has committed (never after a rollback): for what
 * leaves the database, such as live notifications. arg lives in the job's arena. */
void job_after_commit(void (*fn)(void *), void *arg);

/* Runs jobs until SIGTERM/SIGINT; returns the exit status. once: run what is due, then exit. */
int worker_run(bool once);

#endif
