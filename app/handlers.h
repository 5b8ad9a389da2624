/* handlers.h: every page handler, grouped by the file that holds it */
#ifndef CXMS_HANDLERS_H
#define CXMS_HANDLERS_H
#include "core/http.h"

/* portal/home.c */
int portal_home(req *r);
int health(req *r);
int set_language(req *r);
/* portal/account.c */
int signup_form(req *r);
int signup_submit(req *r);
int signin_form(req *r);
int signin_submit(req *r);
int signout_submit(req *r);
int profile_form(req *r);
int profile_submit(req *r);
int password_form(req *r);
int password_submit(req *r);
/* portal/reset.c (customers) and admin/auth.c (staff) share core/reset_flow.c */
int forgot_form(req *r);
int forgot_submit(req *r);
int reset_form(req *r);
int reset_submit(req *r);
int verify_form(req *r);
int verify_submit(req *r);
/* admin/auth.c */
int admin_signin_form(req *r);
int admin_signin_submit(req *r);
int admin_signout_submit(req *r);
int admin_forgot_form(req *r);
int admin_forgot_submit(req *r);
int admin_reset_form(req *r);
int admin_reset_submit(req *r);
/* admin/home.c */
int admin_home(req *r);
/* admin/staff.c */
int staff_index(req *r);
int staff_new_form(req *r);
int staff_create_submit(req *r);
int staff_edit_form(req *r);
int staff_update_submit(req *r);
int staff_deactivate_submit(req *r);
int staff_reactivate_submit(req *r);
/* admin/outbox.c */
int outbox_index(req *r);
int outbox_show(req *r);

#endif
