/* data/routing.h: who answers what, for every channel: teams and their hours, skills, agents' presence,
 * languages and limits, the queues, and the routing of waiting conversations to agents */
#ifndef CXMS_DATA_ROUTING_H
#define CXMS_DATA_ROUTING_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

/* Assigns waiting conversations, oldest first, to online agents who have the skill and the language
 * and room below their limit (live channels against the live limit; email and web chats left while
 * nobody was there against the email limit), fewest open first, under one lock so that two requests
 * never fill an agent past it. Writes each assignment's event. Fills the conversations assigned;
 * returns their count, -1 on error. */
int route_waiting(db *d, arena *a, int64_t **convs);
/* 1-based place of the conversation among those waiting for its skill and language; 0 when it does
 * not wait; -1 on error */
int queue_position(db *d, int64_t conv);

typedef struct skill {
	const char *code, *title; /* title is a msgid */
	int64_t team_id;
} skill;
int skills_list(db *d, arena *a, skill **out);

/* staff who answer conversations, with their presence and load */
typedef struct agent_status {
	int64_t staff_id;
	const char *name, *presence;
	int open_live, open_email, max_live, max_email;
} agent_status;
/* Staff who take conversations, by name, with their open loads (a query over the open conversations). */
int agents_list(db *d, arena *a, agent_status **out);
/* The same without the loads (open_live, open_email 0): for the lists to pick a colleague from. */
int agents_list_names(db *d, arena *a, agent_status **out);
/* "online", "away" or "offline"; NULL on error */
const char *presence_get(db *d, arena *a, int64_t staff_id);
bool presence_set(db *d, arena *a, int64_t staff_id, const char *presence);

typedef struct queue_row {
	const char *skill, *lang, *oldest; /* skill "" when none */
	int waiting;
} queue_row;
int queues_list(db *d, arena *a, const char *tz, queue_row **out);

/* settings (supervisors): agents' limits, skills and languages */
typedef struct agent_settings {
	int64_t staff_id;
	const char *name, *skills, *langs; /* space-separated */
	int max_live, max_email;
} agent_settings;
int agent_settings_list(db *d, arena *a, agent_settings **out);
/* arrays as PostgreSQL literals ("{a,b}"); unknown skills and languages are ignored.
 * 1 saved, 0 not a staff member who answers conversations, -1 error */
int agent_settings_save(db *d, arena *a, int64_t staff_id, int max_live, int max_email,
			const char *skills_array, const char *langs_array);

/* teams and their business hours */
typedef struct team {
	int64_t id;
	const char *name, *tz, *opens, *closes, *days; /* days: "0 1 2" (0 = Sunday) */
} team;
int teams_list(db *d, arena *a, team **out);
/* same hours on the given days (closes > opens, "HH:MM"); 1 saved, 0 unknown team, -1 error */
int team_hours_save(db *d, arena *a, int64_t id, const char *tz, const char *opens, const char *closes,
		    const char *days_array);

#endif
