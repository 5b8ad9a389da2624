/* admin/desk_filters.c: the desktop list's filters, labels and small formatting helpers */
#include "desk.h"
#include "../channels/kinds.h"
#include "../core/page.h"
#include <stdlib.h>
#include <string.h>

const char *const DESK_VIEWS[] = { "mine", "unassigned", "mentions", "all", NULL };
const char *const DESK_STATUSES[] = { "open", "pending", "resolved", NULL };
const char *const DESK_PRIORITIES[] = { "urgent", "high", "normal", "low", NULL };
const char *const DESK_SORTS[] = { "recent", "waiting", "priority", NULL };
const char *const DESK_SNOOZED[] = { "hide", "only", "any", NULL };
const char *const DESK_PRESENCES[] = { "online", "away", "offline", NULL };

bool one_of(const char *v, const char *const *list)
{
	for (int i = 0; v && list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

const char *desk_label(req *r, const char *code)
{
	static const struct { const char *code, *msgid; } labels[] = {
		{ "mine", N_("Mine") }, { "unassigned", N_("Unassigned") }, { "mentions", N_("Mentions") },
		{ "all", N_("All") }, { "open", N_("Open") }, { "pending", N_("Pending") },
		{ "resolved", N_("Resolved") }, { "urgent", N_("Urgent") }, { "high", N_("High") },
		{ "normal", N_("Normal") }, { "low", N_("Low") }, { "recent", N_("Newest activity") },
		{ "waiting", N_("Waiting longest") }, { "priority", N_("Priority") },
		{ "hide", N_("Hide snoozed") }, { "only", N_("Snoozed only") }, { "any", N_("With snoozed") },
		{ "online", N_("Online") }, { "away", N_("Away") }, { "offline", N_("Offline") },
		{ NULL, NULL },
	};
	for (int i = 0; labels[i].code; i++)
		if (strcmp(labels[i].code, code) == 0)
			return tr(r, labels[i].msgid);
	const channel_kind *k = channel_kind_get(code);
	return k ? tr(r, k->label) : code;
}

void desk_choices(req *r, tdict *d, const char *section, const char *const *list, const char *selected)
{
	for (int i = 0; list[i]; i++) {
		tdict *o = tmpl_section(d, section);
		tmpl_set(o, "CODE", list[i]);
		tmpl_set(o, "LABEL", desk_label(r, list[i]));
		if (selected && strcmp(selected, list[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
}

bool tag_valid(const char *t)
{
	size_t n = strlen(t);
	if (n < 1 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '-' && c != '_')))
			return false;
	}
	return true;
}

static const char *pick(const kvlist *from, const char *name, const char *const *list, const char *fallback)
{
	const char *v = kv_get(from, name);
	return one_of(v, list) ? v : fallback;
}

void desk_filters(req *r, const kvlist *from, inbox_query *q, int *page)
{
	memset(q, 0, sizeof *q);
	q->view = pick(from, "view", DESK_VIEWS, "all");
	const char *st = kv_get(from, "status");
	q->status = st && strcmp(st, "any") == 0 ? "" : pick(from, "status", DESK_STATUSES, "open");
	const char *kind = kv_get(from, "channel");
	q->kind = channel_kind_get(kind) ? kind : "";
	const char *team_id = kv_get(from, "team");
	q->team_id = team_id && str_is_digits(team_id) && strlen(team_id) < 18 ? strtoll(team_id, NULL, 10) : 0;
	q->priority = pick(from, "priority", DESK_PRIORITIES, "");
	const char *tag = kv_get(from, "tag");
	q->tag = tag && tag_valid(tag) ? tag : "";
	q->snoozed = pick(from, "snoozed", DESK_SNOOZED, "hide");
	const char *s = kv_get(from, "q");
	s = s ? str_trim(r->a, s) : "";
	q->q = utf8_length(s) <= 200 ? s : "";
	q->sort = pick(from, "sort", DESK_SORTS, "recent");
	q->me = r->who.id;
	q->limit = 50;
	const char *pg = kv_get(from, "page");
	*page = pg && str_is_digits(pg) && strlen(pg) < 4 ? atoi(pg) : 1;
	if (*page < 1 || *page > 200)
		*page = 1;
	q->offset = (*page - 1) * q->limit;
}

void desk_filters_of_form(req *r, inbox_query *q, int *page)
{
	kvlist list = { 0 };
	const char *qs = req_form(r, "list");
	if (parse_urlencoded(r->a, qs, strlen(qs), &list, 20, 400) != PARSE_OK)
		list.n = 0;
	desk_filters(r, &list, q, page);
}

const char *desk_filters_qs(req *r, const inbox_query *q, int page)
{
	buf b = { 0 };
	struct { const char *name, *value, *fallback; } parts[] = {
		{ "view", q->view, "all" }, { "status", *q->status ? q->status : "any", "open" },
		{ "channel", q->kind, "" }, { "priority", q->priority, "" }, { "tag", q->tag, "" },
		{ "snoozed", q->snoozed, "hide" }, { "q", q->q, "" }, { "sort", q->sort, "recent" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (strcmp(parts[i].value, parts[i].fallback) != 0)
			buf_printf(&b, "%s%s=%s", b.len ? "&" : "", parts[i].name, url_encode(r->a, parts[i].value));
	if (q->team_id)
		buf_printf(&b, "%steam=%lld", b.len ? "&" : "", (long long)q->team_id);
	if (page > 1)
		buf_printf(&b, "%spage=%d", b.len ? "&" : "", page);
	const char *out = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

const char *desk_duration(req *r, long long s)
{
	const char *msgid;
	long long n;
	if (s < 60)
		return tr(r, "under a minute");
	if (s < 3600) {
		msgid = N_("{n} min");
		n = s / 60;
	} else if (s < 2 * 86400) {
		msgid = N_("{n} h");
		n = s / 3600;
	} else {
		msgid = N_("{n} d");
		n = s / 86400;
	}
	const char *t = tr(r, msgid);
	const char *at = strstr(t, "{n}");
	return at ? arena_printf(r->a, "%.*s%lld%s", (int)(at - t), t, n, at + 3) : t;
}
