/* survey_dispatch.c: the daily NPS round (invitations by email, at most once per customer per 90 days) */
#include "survey_dispatch.h"
#include "../data/surveys.h"
#include "../core/log.h"
#include <stdio.h>

/* A round sends at most this many mails; the next round (tomorrow) continues with the rest. */
#define NPS_ROUND_LIMIT 500

bool job_survey_nps_round(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	(void)j;
	int sent = survey_nps_round(d, a, NPS_ROUND_LIMIT);
	if (sent < 0) {
		snprintf(err, errlen, "NPS round failed");
		return false;
	}
	log_info("survey NPS round: %d invitations", sent);
	return survey_nps_reschedule(d);
}
