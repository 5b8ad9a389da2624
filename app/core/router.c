/* router.c: matches a method and path against the route table */
#include "router.h"
#include <string.h>

/* Walks pattern and path segment by segment; {name} captures one non-empty segment. */
static bool match(arena *a, const char *pat, const char *path, kvlist *params)
{
	while (*pat && *path) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			if (!close)
				return false;
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0)
				return false;
			if (params)
				kv_add(a, params, arena_strndup(a, pat + 1, (size_t)(close - pat - 1)),
				       arena_strndup(a, path, len));
			pat = close + 1;
			path += len;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

bool route_pattern_matches(const char *pattern, const char *path)
{
	return match(NULL, pattern, path, NULL);
}

match_result route_match(const route *routes, req *r, const char *method, const char *path,
			 const route **found)
{
	bool path_exists = false;
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (const route *rt = routes; rt->pattern; rt++) {
		if (!match(NULL, rt->pattern, path, NULL))
			continue;
		path_exists = true;
		if (strcmp(rt->method, m) != 0)
			continue;
		r->params.n = 0;
		match(r->a, rt->pattern, path, &r->params);
		*found = rt;
		return MATCH_OK;
	}
	return path_exists ? MATCH_BAD_METHOD : MATCH_NOT_FOUND;
}
