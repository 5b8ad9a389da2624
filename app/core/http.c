/* http.c: request accessors and response building */
#include "http.h"
#include <stdlib.h>
#include <string.h>

const char *req_form(req *r, const char *name)
{
	const char *v = kv_get(&r->form, name);
	return v ? v : "";
}

const char *req_query(req *r, const char *name)
{
	const char *v = kv_get(&r->query, name);
	return v ? v : "";
}

const char *req_param(req *r, const char *name)
{
	const char *v = kv_get(&r->params, name);
	return v ? v : "";
}

const char *req_cookie(req *r, const char *name)
{
	return kv_get(&r->cookies, cookie_name(r, name));
}

int64_t req_param_id(req *r, const char *name)
{
	const char *v = req_param(r, name);
	if (!str_is_digits(v) || strlen(v) > 18)
		return 0;
	return strtoll(v, NULL, 10);
}

bool req_query_id(req *r, const char *name, int64_t *out)
{
	const char *v = req_query(r, name);
	*out = 0;
	if (!*v)
		return true;
	if (!str_is_digits(v) || strlen(v) > 18)
		return false;
	*out = strtoll(v, NULL, 10);
	return true;
}

void req_defer(req *r, void (*fn)(void *), void *arg)
{
	deferred *d = arena_alloc(r->a, sizeof *d);
	d->fn = fn;
	d->arg = arg;
	d->next = r->defers;
	r->defers = d;
}

void req_after_commit(req *r, void (*fn)(void *), void *arg)
{
	deferred *d = arena_alloc(r->a, sizeof *d);
	d->fn = fn;
	d->arg = arg;
	d->next = NULL;
	deferred **tail = &r->after_commit;
	while (*tail)
		tail = &(*tail)->next;
	*tail = d;
}

void resp_header(req *r, const char *name, const char *value)
{
	kv_add(r->a, &r->out_headers, name, value);
}

const char *cookie_name(req *r, const char *base)
{
	/* __Host- cookies must be Secure, Path=/ and have no Domain: only behind TLS */
	return r->https ? arena_printf(r->a, "__Host-%s", base) : base;
}

void resp_cookie(req *r, const char *name, const char *value, int max_age, bool http_only)
{
	const char *v = arena_printf(r->a, "%s=%s; Path=/; SameSite=Lax%s%s%s",
				     cookie_name(r, name), value,
				     http_only ? "; HttpOnly" : "", r->https ? "; Secure" : "",
				     max_age >= 0 ? arena_printf(r->a, "; Max-Age=%d", max_age) : "");
	resp_header(r, "Set-Cookie", v);
}

bool local_path_ok(const char *p)
{
	/* a single leading slash: "//host" and "/\host" would leave the site */
	if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int redirect(req *r, const char *path)
{
	resp_header(r, "Location", local_path_ok(path) ? path : "/");
	r->status = 303;
	return 303;
}

int redirect_flash(req *r, const char *path, const char *flash_code)
{
	r->flash_out = flash_code;
	return redirect(r, path);
}

int resp_text(req *r, int status, const char *content_type, const char *body)
{
	r->status = status;
	r->content_type_out = content_type;
	buf_clear(r->out);
	buf_puts(r->out, body);
	return status;
}
