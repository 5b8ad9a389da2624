/* conv/compose.c: checks of message texts */
#include "compose.h"
#include "../core/crypto.h"
#include "../core/page.h"
#include <string.h>

const char *body_problem(req *r, const char *body, size_t max, int *status)
{
	*status = 400;
	if (!*body)
		return tr(r, "Please write a message.");
	if (!utf8_valid(body, strlen(body)))
		return tr(r, "The message is not valid text.");
	if (utf8_length(body) > max) {
		*status = 413;
		const char *t = tr(r, "A message can be at most {n} characters long.");
		const char *at = strstr(t, "{n}");
		return at ? arena_printf(r->a, "%.*s%zu%s", (int)(at - t), t, max, at + 3) : t;
	}
	return NULL;
}

bool client_id_valid(const char *id)
{
	size_t n = strlen(id);
	return n >= 8 && n <= 64 &&
	       strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

const char *message_key(req *r, const char *source, const char *client_id, const char *body)
{
	const char *what = body; /* the text, and the files sent with it */
	for (size_t i = 0; i < r->files.n; i++)
		what = arena_printf(r->a, "%s\n%s", what, r->files.items[i].sha256);
	return arena_printf(r->a, "%s:%s:%.32s", source, client_id, token_hash(r->a, what));
}
