/* routes.c: every URL of the site, who may call it, and the handler that answers it.
 * POST routes write and run in one transaction with a CSRF check; GET routes never write. */
#include "routes.h"
#include "handlers.h"

#define STAFF_ALL ROLE_ANY_STAFF
#define ADMIN ROLE_ADMIN

const route routes[] = {
	/* method  path                              handler                  who           roles */
	{ "GET",  "/",                               portal_home,             WHO_ANYONE,   0 },
	{ "GET",  "/healthz",                        health,                  WHO_ANYONE,   0 },
	{ "POST", "/lang",                           set_language,            WHO_ANYONE,   0 },

	/* customer accounts */
	{ "GET",  "/signup",                         signup_form,             WHO_ANYONE,   0 },
	{ "POST", "/signup",                         signup_submit,           WHO_ANYONE,   0 },
	{ "GET",  "/signin",                         signin_form,             WHO_ANYONE,   0 },
	{ "POST", "/signin",                         signin_submit,           WHO_ANYONE,   0 },
	{ "POST", "/signout",                        signout_submit,          WHO_CUSTOMER, 0 },
	{ "GET",  "/account",                        profile_form,            WHO_CUSTOMER, 0 },
	{ "POST", "/account",                        profile_submit,          WHO_CUSTOMER, 0 },
	{ "GET",  "/account/password",               password_form,           WHO_CUSTOMER, 0 },
	{ "POST", "/account/password",               password_submit,         WHO_CUSTOMER, 0 },
	{ "GET",  "/account/forgot",                 forgot_form,             WHO_ANYONE,   0 },
	{ "POST", "/account/forgot",                 forgot_submit,           WHO_ANYONE,   0 },
	{ "GET",  "/account/reset",                  reset_form,              WHO_ANYONE,   0 },
	{ "POST", "/account/reset",                  reset_submit,            WHO_ANYONE,   0 },
	{ "GET",  "/account/verify",                 verify_form,             WHO_ANYONE,   0 },
	{ "POST", "/account/verify",                 verify_submit,           WHO_ANYONE,   0 },

	/* staff sign-in */
	{ "GET",  "/admin/signin",                   admin_signin_form,       WHO_ANYONE,   0 },
	{ "POST", "/admin/signin",                   admin_signin_submit,     WHO_ANYONE,   0 },
	{ "POST", "/admin/signout",                  admin_signout_submit,    WHO_STAFF,    STAFF_ALL },
	{ "GET",  "/admin/forgot",                   admin_forgot_form,       WHO_ANYONE,   0 },
	{ "POST", "/admin/forgot",                   admin_forgot_submit,     WHO_ANYONE,   0 },
	{ "GET",  "/admin/reset",                    admin_reset_form,        WHO_ANYONE,   0 },
	{ "POST", "/admin/reset",                    admin_reset_submit,      WHO_ANYONE,   0 },
	{ "POST", "/admin/lang",                     set_language,            WHO_ANYONE,   0 },

	/* admin */
	{ "GET",  "/admin",                          admin_home,              WHO_STAFF,    STAFF_ALL },
	{ "GET",  "/admin/staff",                    staff_index,             WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/staff/new",                staff_new_form,          WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff",                    staff_create_submit,     WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/staff/{id}",               staff_edit_form,         WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}",               staff_update_submit,     WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}/deactivate",    staff_deactivate_submit, WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}/reactivate",    staff_reactivate_submit, WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/outbox",                   outbox_index,            WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/outbox/{id}",              outbox_show,             WHO_STAFF,    ADMIN },

	{ NULL, NULL, NULL, WHO_ANYONE, 0 },
};
