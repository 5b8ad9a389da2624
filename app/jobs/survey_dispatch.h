/* survey_dispatch.h: the survey jobs the worker knows */
#ifndef CXMS_SURVEY_DISPATCH_H
#define CXMS_SURVEY_DISPATCH_H
#include "jobs.h"

/* survey_nps_round: invites customers due for NPS (at most once per 90 days), then runs again tomorrow */
bool job_survey_nps_round(db *d, arena *a, const job *j, char *err, size_t errlen);

#endif
