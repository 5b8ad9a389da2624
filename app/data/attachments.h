/* data/attachments.h: files attached to messages. The bytes live once per content in the file store
 * (core/filestore.c); these rows name them for a message, and deleting the last row of a content queues
 * its file for removal (file_gc, emptied by the files_gc job). */
#ifndef CXMS_DATA_ATTACHMENTS_H
#define CXMS_DATA_ATTACHMENTS_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

typedef struct attachment {
	int64_t id, message_id, conversation_id;
	const char *sha256, *content_type, *filename, *created_at;
	long long size;
	bool inline_image; /* a picture type that may be shown in the page; everything else downloads */
} attachment;

/* Types shown inline: raster images only (never SVG, which can carry script). */
bool attachment_type_inline(const char *content_type);

int attachments_of_message(db *d, arena *a, int64_t message_id, attachment **out);
/* every attachment of the conversation's messages, in message order */
int attachments_of_conversation(db *d, arena *a, int64_t conv, attachment **out);
/* The attachment id when it belongs to conversation conv (and, unless staff, not to a note): 1 found,
 * 0 not, -1 error. */
int attachment_get(db *d, arena *a, int64_t conv, int64_t id, bool staff, attachment *out);
/* Takes the content's lock for the rest of the transaction: the file store and the removal of
 * unreferenced files never race on one content. */
bool attachment_lock_content(db *d, arena *a, const char *sha256);
int64_t attachment_add(db *d, arena *a, int64_t message_id, int64_t conv, const char *sha256, long long size,
		       const char *content_type, const char *filename);

/* ---- removal of files nothing refers to (the files_gc job) ---- */
/* Up to limit contents queued for removal; -1 error. */
int file_gc_queued(db *d, arena *a, int limit, const char ***out);
/* Under the content's lock: whether an attachment still names it, and the queue entry gone. */
bool file_gc_take(db *d, arena *a, const char *sha256, bool *still_used);

#endif
