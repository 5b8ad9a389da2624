/* auth.h: signing in and out, session cookies, password rules */
#ifndef CXMS_AUTH_H
#define CXMS_AUTH_H
#include "http.h"

/* Cookie names (without the __Host- prefix added behind TLS) */
#define COOKIE_CUSTOMER "cxms_session"
#define COOKIE_STAFF "cxms_staff"

/* Loads the viewer for the area of the request from its session cookie. */
void auth_load_viewer(req *r);
/* Starts a new session (a fresh token: sign-in rotates) and sets the cookie. */
bool auth_sign_in(req *r, account_kind kind, int64_t account_id);
void auth_sign_out(req *r);
/* The hash of the current session's token, for "end my other sessions". */
const char *auth_session_hash(req *r);

/* NULL when acceptable, else the msgid of the reason. */
const char *password_problem(const char *password);
/* Loads data/common-passwords.txt; call before threads start. */
bool passwords_init(const char *path);
void passwords_free(void);
bool email_plausible(const char *email);

#endif
