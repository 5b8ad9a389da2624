/* data/channel_accounts.h: the configured ways in (the web chat, each mailbox, number, page, line);
 * their secrets are sealed with the master key and only ever read back by the code that needs them */
#ifndef CXMS_DATA_CHANNEL_ACCOUNTS_H
#define CXMS_DATA_CHANNEL_ACCOUNTS_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

typedef struct channel_account {
	int64_t id, team_id;
	const char *kind, *name, *skill, *address, *team, *updated_at;
	bool active;
	const char *secrets_sealed; /* NULL when none: open with channel_secrets_open */
	long long open_conversations;
} channel_account;

typedef struct channel_account_input {
	const char *kind, *name, *skill, *address; /* skill, address: "" for none */
	int64_t team_id;                           /* 0: none */
	bool active;
} channel_account_input;

int channel_accounts_list(db *d, arena *a, const char *tz, channel_account **out);
/* 1 found, 0 none, -1 error */
int channel_account_get(db *d, arena *a, int64_t id, const char *tz, channel_account *out);
/* id; 0 when the name is taken (or a second web chat), the team or skill unknown; -1 error */
int64_t channel_account_create(db *d, arena *a, const channel_account_input *in);
/* 1 saved; 0 no such account, name taken, team or skill unknown; -1 error. The kind never changes. */
int channel_account_update(db *d, arena *a, int64_t id, const channel_account_input *in);

/* The account's secrets: a JSON object, sealed with the master key bound to the account's id.
 * open: the JSON text (NULL when none is stored or it cannot be opened). */
const char *channel_secrets_open(arena *a, int64_t id, const char *sealed);
/* json NULL removes them. false on error or without a master key. */
bool channel_secrets_save(db *d, arena *a, int64_t id, const char *json);

#endif
