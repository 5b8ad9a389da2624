/* admin/surveys.h: survey list, builder with preview, distribution, results with charts, CSV export */
#ifndef CXMS_ADMIN_SURVEYS_H
#define CXMS_ADMIN_SURVEYS_H
#include "../core/http.h"

int surveys_index(req *r);
int survey_new_form(req *r);
int survey_create_submit(req *r);
int survey_edit_form(req *r);
int survey_update_submit(req *r);
int survey_question_add_submit(req *r);
int survey_question_delete_submit(req *r);
int survey_question_up_submit(req *r);
int survey_question_down_submit(req *r);
int survey_send_submit(req *r);
int survey_preview(req *r);
int survey_results_page(req *r);
int survey_export(req *r);

#endif
