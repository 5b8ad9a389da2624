/* routes.h: the route table */
#ifndef CXMS_ROUTES_H
#define CXMS_ROUTES_H
#include "core/router.h"

extern const route routes[];

#endif
