/* server.h: the FastCGI thread pool and the dispatcher that runs every request */
#ifndef CXMS_SERVER_H
#define CXMS_SERVER_H
#include "router.h"

/* Serves until SIGTERM or SIGINT; returns the process exit status. */
int server_run(const route *routes);

/* The request pipeline without FastCGI (parsing aside), for tests and the dispatcher. */
void dispatch(const route *routes, req *r);

#endif
