/* retention.c: the nightly job that deletes what is past its retention, then schedules itself */
#include "jobs.h"
#include "../data/consent.h"
#include "../core/log.h"
#include <stdio.h>

bool job_retention(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	(void)j;
	const char *report = NULL;
	if (!retention_run(d, a, &report)) {
		snprintf(err, errlen, "retention failed");
		return false;
	}
	log_info("retention: %s", report);
	return true;
}
