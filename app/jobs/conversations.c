/* jobs/conversations.c: jobs of the conversation model: a snooze that ends, and removing stored files
 * that no attachment names any more */
#include "jobs.h"
#include "../conv/notify.h"
#include "../core/filestore.h"
#include "../core/log.h"
#include "../data/attachments.h"
#include "../data/conversations.h"
#include <jansson.h>
#include <stdio.h>

typedef struct woke {
	arena *a;
	int64_t conv, assignee;
	const char *live;
} woke;

static void tell_woke(void *arg)
{
	woke *w = arg;
	conv_changed_now(w->a, w->conv, w->live);
	if (w->assignee)
		staff_notify_now(w->a, w->assignee, "woke", w->conv);
}

/* wake_snoozed {"conversation": N, "until": T}: the snooze set to end at T ends, if it still stands
 * (snoozed again, woken, or answered since: nothing to do), and the assignee hears of it. */
bool job_wake_snoozed(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	json_t *p = json_loads(j->payload, 0, NULL);
	json_int_t conv = p ? json_integer_value(json_object_get(p, "conversation")) : 0;
	const char *u = p ? json_string_value(json_object_get(p, "until")) : NULL;
	const char *until = u ? arena_strdup(a, u) : NULL;
	json_decref(p);
	if (conv <= 0 || !until) {
		snprintf(err, errlen, "bad payload");
		return false;
	}
	int changed = conv_wake_snoozed(d, a, conv, until);
	if (changed < 0) {
		snprintf(err, errlen, "database error");
		return false;
	}
	conversation c;
	if (changed && conv_get(d, a, conv, "UTC", 0, &c) == 1) {
		woke *w = arena_alloc(a, sizeof *w);
		*w = (woke){ a, c.id, c.assigned_to, c.live_channel };
		job_after_commit(tell_woke, w);
	}
	return true;
}

/* files_gc: each content queued when its last attachment went is removed, unless an attachment names it
 * again; more than a batch, and the job queues itself again. */
bool job_files_gc(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	(void)j;
	enum { BATCH = 200 };
	const char **hashes;
	int n = file_gc_queued(d, a, BATCH, &hashes);
	if (n < 0) {
		snprintf(err, errlen, "database error");
		return false;
	}
	int removed = 0;
	for (int i = 0; i < n; i++) {
		bool used;
		if (!file_gc_take(d, a, hashes[i], &used)) {
			snprintf(err, errlen, "database error");
			return false;
		}
		/* under the content's lock until commit: an upload of the same bytes waits, then stores them anew */
		if (!used) {
			if (!filestore_remove(a, hashes[i])) {
				snprintf(err, errlen, "cannot remove a stored file");
				return false;
			}
			removed++;
		}
	}
	if (removed)
		log_info("files_gc: %d files removed", removed);
	return n < BATCH || job_enqueue(d, a, "files_gc", "{}");
}
