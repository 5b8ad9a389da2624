/* data/conversations_sql.h: the columns of a conversation as the data layer reads them (shared by
 * conversations.c and inbox.c; not for use outside app/data/) */
#ifndef CXMS_DATA_CONVERSATIONS_SQL_H
#define CXMS_DATA_CONVERSATIONS_SQL_H
#include "conversations.h"

/* Columns of a conversation as its viewer ($3, a staff id or 0) sees it, times in zone $2. */
#define CONV_COLS \
	"c.id, coalesce(c.customer_id, 0), coalesce(c.assigned_to, 0), c.channel_account_id," \
	" coalesce(c.team_id, 0), ca.kind, ca.name, c.subject, c.status, c.priority, coalesce(c.skill, '')," \
	" coalesce(c.topic, ''), c.lang, coalesce(cu.name, w.visitor_name, ec.name, '')," \
	" coalesce(cu.email, w.visitor_email, ec.address, '')," \
	" s.name, t.name, to_char(c.created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')," \
	" to_char(c.last_message_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')," \
	" CASE WHEN (c.last_message_at AT TIME ZONE $2)::date = (now() AT TIME ZONE $2)::date" \
	"   THEN to_char(c.last_message_at AT TIME ZONE $2, 'HH24:MI')" \
	"   ELSE to_char(c.last_message_at AT TIME ZONE $2, 'YYYY-MM-DD') END," \
	" CASE WHEN c.snoozed_until > now() THEN to_char(c.snoozed_until AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') END," \
	" coalesce(extract(epoch FROM now() - c.waiting_since)::bigint, -1)," \
	" coalesce(extract(epoch FROM c.waiting_since)::bigint, 0), c.preview," \
	" (SELECT string_agg(g.tag, ' ' ORDER BY g.tag) FROM conversation_tags g WHERE g.conversation_id = c.id)," \
	" c.transfers, c.last_customer_message_at > coalesce(rd.read_at, '-infinity'::timestamptz)," \
	" EXISTS (SELECT 1 FROM staff_notifications n WHERE n.staff_id = $3::bigint AND n.conversation_id = c.id" \
	"   AND n.seen_at IS NULL)," \
	" w.live_channel, w.visitor_token_hash, w.conversation_id IS NOT NULL AND c.customer_id IS NULL," \
	" coalesce(w.offline, false), coalesce(c.follows_id, 0)"
#define CONV_FROM \
	" FROM conversations c JOIN channel_accounts ca ON ca.id = c.channel_account_id" \
	" LEFT JOIN chat_conversations w ON w.conversation_id = c.id" \
	" LEFT JOIN email_contacts ec ON ec.conversation_id = c.id" \
	" LEFT JOIN customers cu ON cu.id = c.customer_id" \
	" LEFT JOIN staff s ON s.id = c.assigned_to" \
	" LEFT JOIN teams t ON t.id = c.team_id" \
	" LEFT JOIN conversation_reads rd ON rd.staff_id = $3::bigint AND rd.conversation_id = c.id"

/* The search words as a tsquery, the last one also as a prefix ("late deliv" -> "late & deliv:*"), at most 8. */
const char *search_tsquery(arena *a, const char *q);
/* Fills a conversation from a row of CONV_COLS. */
void conv_row(arena *a, PGresult *res, int i, void *item);

#endif
