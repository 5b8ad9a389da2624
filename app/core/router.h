/* router.h: the route table's types and the matcher the dispatcher uses */
#ifndef CXMS_ROUTER_H
#define CXMS_ROUTER_H
#include <stdbool.h>
#include "http.h"

typedef int (*handler_fn)(req *r);

typedef enum {
	WHO_ANYONE = 0,   /* visitors, customers and staff alike */
	WHO_CUSTOMER,     /* a signed-in customer (portal session) */
	WHO_STAFF,        /* signed-in staff holding one of .roles */
	WHO_SIGNED_LINK,  /* anyone holding a signed token in the URL; no CSRF token: the signed
			   * token is the proof, and mail clients post without cookies (RFC 8058) */
} who_t;

typedef struct route {
	const char *method;   /* "GET" or "POST"; HEAD is answered by GET routes */
	const char *pattern;  /* "/admin/staff/{id}": {name} matches one path segment */
	handler_fn handler;
	who_t who;
	int roles;            /* WHO_STAFF: any of these roles may call it */
	int flags;            /* ROUTE_* */
} route;

/* A POST route that takes files (a multipart/form-data body up to MAX_UPLOAD_BODY_BYTES). */
#define ROUTE_UPLOADS 1

typedef enum { MATCH_OK, MATCH_NOT_FOUND, MATCH_BAD_METHOD } match_result;

/* Finds the route for method and path, filling r->params from {name} segments.
 * MATCH_BAD_METHOD when the path exists for another method only. */
match_result route_match(const route *routes, req *r, const char *method, const char *path,
			 const route **found);
/* true when path matches pattern (without collecting parameters) */
bool route_pattern_matches(const char *pattern, const char *path);

#endif
