/* erasure.c: the job that erases a customer (steps in app/data/consent_erasure.c) and completes
 * the receipt */
#include "jobs.h"
#include "../data/consent.h"
#include <jansson.h>
#include <stdio.h>

bool job_erase_customer(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *p = json_loads(j->payload, 0, &jerr);
	json_int_t id = p ? json_integer_value(json_object_get(p, "customer_id")) : 0;
	const char *r = p ? json_string_value(json_object_get(p, "receipt")) : NULL;
	const char *receipt = r ? arena_strdup(a, r) : NULL;
	json_decref(p);
	if (id <= 0 || !receipt) {
		snprintf(err, errlen, "bad payload");
		return false;
	}
	const char *report = NULL;
	if (!erasure_run(d, a, id, &report) || !erasure_complete(d, id, receipt, report) ||
	    !access_log_add(d, 0, id, "erasure", "", report, NULL)) {
		snprintf(err, errlen, "erasure failed");
		return false;
	}
	return true;
}
