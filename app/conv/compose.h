/* conv/compose.h: checks of what someone writes into a conversation, the same for customers and staff */
#ifndef CXMS_CONV_COMPOSE_H
#define CXMS_CONV_COMPOSE_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/http.h"

/* NULL when body (trimmed) may be sent on a channel taking max characters; else the problem, in the
 * viewer's language. *status: 400 for an empty or invalid text, 413 for a long one. */
const char *body_problem(req *r, const char *body, size_t max, int *status);

/* A page's own id of a message it posts (8 to 64 of A-Z a-z 0-9 - _): a post repeated with the same
 * id is stored once. */
bool client_id_valid(const char *id);

/* The external id of a message a page posts: its form's id with the hash of its text and files, so a retry of the same
 * message is stored once while another text sent from a stale form is not mistaken for it. */
const char *message_key(req *r, const char *source, const char *client_id, const char *body);

#endif
