/* auth.c: signing in and out, session cookies, password rules */
#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "../data/data.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *area_cookie(account_kind kind)
{
	return kind == ACCOUNT_STAFF ? COOKIE_STAFF : COOKIE_CUSTOMER;
}

void auth_load_viewer(req *r)
{
	account_kind kind = r->is_admin_area ? ACCOUNT_STAFF : ACCOUNT_CUSTOMER;
	const char *token = req_cookie(r, area_cookie(kind));
	if (!token || strlen(token) != 43)
		return;
	if (session_lookup(r->db, r->a, kind, token_hash(r->a, token), &r->who))
		r->who.session_token = token;
	else
		memset(&r->who, 0, sizeof r->who);
}

bool auth_sign_in(req *r, account_kind kind, int64_t id)
{
	/* the old session of this browser, if any, ends: sign-in always rotates the token */
	if (r->who.session_token)
		session_delete(r->db, token_hash(r->a, r->who.session_token));
	char *token = token_new(r->a);
	if (!session_create(r->db, r->a, kind, id, token_hash(r->a, token), r->user_agent))
		return false;
	/* no Max-Age: the browser forgets it on close, the server expires it when idle */
	resp_cookie(r, area_cookie(kind), token, -1, true);
	r->who.session_token = token;
	return true;
}

void auth_sign_out(req *r)
{
	if (r->who.session_token)
		session_delete(r->db, token_hash(r->a, r->who.session_token));
	resp_cookie(r, area_cookie(r->is_admin_area ? ACCOUNT_STAFF : ACCOUNT_CUSTOMER), "", 0, true);
	memset(&r->who, 0, sizeof r->who);
}

const char *auth_session_hash(req *r)
{
	return r->who.session_token ? token_hash(r->a, r->who.session_token) : NULL;
}

/* Sorted copy of the common-password list, compared case-insensitively. */
static char **common;
static size_t ncommon;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

bool passwords_init(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		log_error("cannot open the common password list %s", path);
		return false;
	}
	size_t cap = 8192;
	common = malloc(cap * sizeof *common);
	char line[512];
	while (common && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		lower(line);
		if (ncommon == cap) {
			char **c = realloc(common, (cap *= 2) * sizeof *common);
			if (!c)
				break;
			common = c;
		}
		common[ncommon++] = strdup(line);
	}
	fclose(f);
	qsort(common, ncommon, sizeof *common, cmp);
	return ncommon > 0;
}

void passwords_free(void)
{
	for (size_t i = 0; i < ncommon; i++)
		free(common[i]);
	free(common);
	common = NULL;
	ncommon = 0;
}

#define PASSWORD_MIN 8
#define PASSWORD_MAX 128

const char *password_problem(const char *pw)
{
	size_t n = utf8_length(pw);
	if (n < PASSWORD_MIN)
		return N_("The password must have at least 8 characters.");
	if (n > PASSWORD_MAX || strlen(pw) > 4 * PASSWORD_MAX)
		return N_("The password must have at most 128 characters.");
	char low[4 * PASSWORD_MAX + 1];
	snprintf(low, sizeof low, "%s", pw);
	lower(low);
	const char *key = low;
	if (common && bsearch(&key, common, ncommon, sizeof *common, cmp))
		return N_("That password is too common. Please choose another.");
	return NULL;
}

bool email_plausible(const char *e)
{
	size_t n = strlen(e);
	if (n < 3 || n > 254)
		return false;
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    e[n - 1] == '.')
		return false;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' ||
		    *p == ';' || *p == '\\' || *p == '(' || *p == ')')
			return false;
	return true;
}
