/* stats.c: the figures on the staff dashboard */
#include "data.h"
#include <stdlib.h>

static const stmt counts = {
	"SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM staff WHERE active),"
	" (SELECT count(*) FROM mails WHERE created_at > now() - interval '7 days')"
};

bool admin_counts_get(db *d, admin_counts *out)
{
	PGresult *res = db_run(d, &counts, 0, NULL);
	if (!res)
		return false;
	out->customers = db_i64(res, 0, 0);
	out->active_staff = db_i64(res, 0, 1);
	out->mails_week = db_i64(res, 0, 2);
	PQclear(res);
	return true;
}
