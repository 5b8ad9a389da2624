/* admin/help.h: the help center's staff pages (admin/help.c) */
#ifndef CXMS_ADMIN_HELP_H
#define CXMS_ADMIN_HELP_H
#include "../core/http.h"

int help_admin_index(req *r);
int help_admin_new(req *r);
int help_admin_create(req *r);
int help_admin_edit(req *r);
int help_admin_save(req *r);
int help_admin_status(req *r);
int help_admin_revision(req *r);
int help_admin_restore(req *r);
int help_admin_categories(req *r);
int help_admin_category_create(req *r);
int help_admin_category_update(req *r);
int help_admin_gaps(req *r);
int help_admin_deflection(req *r);

#endif
