/* server.h: the FastCGI thread pool and the dispatcher that runs every request */
#ifndef CXMS_SERVER_H
#define CXMS_SERVER_H
#include "router.h"

/* Called after every dispatched request with its final status (e.g. purpose-gated page-view
 * tracking); may be NULL. Set by main, so the core knows nothing of what it does. */
typedef void (*request_hook)(req *r, int status);

/* Serves until SIGTERM or SIGINT; returns the process exit status. */
int server_run(const route *routes, request_hook after_request);

/* The request pipeline without FastCGI (parsing aside), for tests and the dispatcher. */
void dispatch(const route *routes, req *r);

#endif
