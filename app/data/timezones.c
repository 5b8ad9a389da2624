/* timezones.c: the IANA time zone names PostgreSQL knows, loaded once at start */
#include "data.h"
#include <stdlib.h>
#include <string.h>

static char **zones;
static int nzones;

/* Region/City names only (and UTC): the legacy aliases only clutter the picker. */
static const stmt list = {
	"SELECT name FROM pg_timezone_names"
	" WHERE name ~ '^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/'"
	" OR name = 'UTC' ORDER BY name"
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool timezones_load(db *d)
{
	if (zones)
		return true;
	PGresult *res = db_run(d, &list, 0, NULL);
	if (!res)
		return false;
	nzones = PQntuples(res);
	zones = calloc((size_t)nzones + 1, sizeof *zones);
	for (int i = 0; i < nzones; i++)
		zones[i] = strdup(PQgetvalue(res, i, 0));
	PQclear(res);
	qsort(zones, (size_t)nzones, sizeof *zones, cmp);
	return true;
}

bool timezone_valid(const char *tz)
{
	if (!tz || !zones)
		return false;
	return bsearch(&tz, zones, (size_t)nzones, sizeof *zones, cmp) != NULL;
}

int timezones_count(void)
{
	return nzones;
}

const char *timezone_at(int i)
{
	return i >= 0 && i < nzones ? zones[i] : NULL;
}

static const stmt ping = { "SELECT 1" };

bool db_healthy(db *d)
{
	PGresult *res = db_run(d, &ping, 0, NULL);
	PQclear(res);
	return res != NULL;
}
