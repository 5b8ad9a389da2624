/* http.h: the request context every handler gets, and the response it builds */
#ifndef CXMS_HTTP_H
#define CXMS_HTTP_H
#include <stdbool.h>
#include <stdint.h>
#include "arena.h"
#include "buf.h"
#include "multipart.h"
#include "text.h"

/* Marks a msgid for the catalog extractor where it is not passed to tr() directly. */
#define N_(s) (s)

struct db;
struct FCGX_Request;

/* Staff roles are bits so a route can name several. */
enum {
	ROLE_AGENT = 1 << 0,
	ROLE_SUPERVISOR = 1 << 1,
	ROLE_ADMIN = 1 << 2,
	ROLE_COMPLIANCE = 1 << 3,
};
#define ROLE_ANY_STAFF (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN | ROLE_COMPLIANCE)

typedef enum { ACCOUNT_NONE = 0, ACCOUNT_CUSTOMER, ACCOUNT_STAFF } account_kind;

/* Who is signed in (a customer on the portal, or staff in /admin). */
typedef struct viewer {
	account_kind kind;
	int64_t id;
	int roles;            /* staff only */
	const char *name;
	const char *email;
	const char *lang;     /* account preference, may be NULL */
	const char *tz;       /* IANA zone */
	const char *session_token; /* raw cookie value, for CSRF binding */
} viewer;

typedef struct deferred {
	void (*fn)(void *);
	void *arg;
	struct deferred *next;
} deferred;

typedef struct req {
	arena *a;
	struct FCGX_Request *fcgi; /* NULL in unit tests */
	struct db *db;
	char id[17];                /* request id, hex, in logs and error pages */

	/* parsed input */
	const char *method, *path, *query_string;
	const char *remote_addr, *user_agent, *host, *origin, *referer;
	const char *accept_language, *content_type;
	bool is_post, https;
	kvlist query, form, cookies, params;
	const char *body;  /* raw body for non-form posts (JSON API) */
	size_t body_len;
	uploads files;     /* files of a multipart form (routes that take uploads only) */
	/* reads the POST body once the route is known (server.c); NULL when it is set already (tests) */
	int (*read_body)(struct req *r, bool uploads_ok);
	bool body_read;

	viewer who;
	const char *lang;   /* "en" or "bn", negotiated */
	const char *tz;     /* viewer's time zone, default UTC */
	bool is_admin_area;

	/* output */
	int status;
	kvlist out_headers;
	buf *out;               /* body, owned by the thread, reused */
	const char *content_type_out;
	const char *flash_out;  /* flash code to set for the next page */
	bool streamed;          /* the handler sent the response itself (stream.c) */
	deferred *defers;
	deferred *after_commit;  /* run by dispatch() only once the POST's transaction committed */

	/* the page being rendered (page.c) */
	struct tdict *layout, *page;
	const char *fragment;   /* a template rendered on its own, without the layout (fragment_new) */
	const char *csrf;       /* cached token */
	const char *csrf_basis; /* what the token is bound to */
} req;

/* Input accessors: never NULL for form/query (empty string when absent) */
const char *req_form(req *r, const char *name);
const char *req_query(req *r, const char *name);
const char *req_param(req *r, const char *name);
const char *req_cookie(req *r, const char *name);
/* Route parameter as a positive id; 0 when absent or malformed. */
int64_t req_param_id(req *r, const char *name);
/* Query parameter as an id: *out = 0 when absent; false when present but not a number. */
bool req_query_id(req *r, const char *name, int64_t *out);

void req_defer(req *r, void (*fn)(void *), void *arg);
/* Runs fn(arg) after the request's transaction has committed (never after a rollback), in the
 * order registered; for side effects outside the database such as live-stream publishing. */
void req_after_commit(req *r, void (*fn)(void *), void *arg);

/* Output */
void resp_header(req *r, const char *name, const char *value);
void resp_cookie(req *r, const char *name, const char *value, int max_age_seconds,
		 bool http_only);
/* name of a cookie as set in this deployment (__Host- prefixed behind TLS) */
const char *cookie_name(req *r, const char *base);
/* 303 See Other to a local path; anything not starting with a single '/' becomes "/". */
int redirect(req *r, const char *path);
int redirect_flash(req *r, const char *path, const char *flash_code);
int resp_text(req *r, int status, const char *content_type, const char *body);
bool local_path_ok(const char *path);

#endif
