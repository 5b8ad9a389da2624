/* portal/surveys.h: answering surveys by single-use link (/s/{token}) and portal-published surveys */
#ifndef CXMS_PORTAL_SURVEYS_H
#define CXMS_PORTAL_SURVEYS_H
#include "../core/http.h"

int survey_thanks(req *r);
int survey_answer_form(req *r);
int survey_answer_submit(req *r);
int portal_surveys_index(req *r);
int portal_survey_show(req *r);
int portal_survey_start(req *r);

#endif
