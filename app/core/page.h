/* page.h: rendering pages in the layout, translations, flash messages, error pages */
#ifndef CXMS_PAGE_H
#define CXMS_PAGE_H
#include "http.h"
#include "tmpl.h"

/* The translation of msgid in the viewer's language. */
const char *tr(req *r, const char *msgid);

/* Starts a page: returns the dictionary of the page template (e.g. "portal/home"),
 * which is expanded inside the layout of the area (portal or admin). */
tdict *page_new(req *r, const char *tpl);
/* Starts a piece of a page, rendered without the layout (page_render expands it alone): what a
 * page's script fetches to swap in. */
tdict *fragment_new(req *r, const char *tpl);
/* Expands the page started with page_new into the response. title is a msgid. */
int page_render(req *r, int status, const char *title_msgid);
/* Same, with an already translated/dynamic title (e.g. an article's). */
int page_render_title(req *r, int status, const char *title);

/* Renders the error page for status (400, 403, 404, 405, 413, 429, 500). */
int error_page(req *r, int status);
/* 400 with a specific message (msgid) on the error page. */
int error_page_msg(req *r, int status, const char *msgid);
/* The same with a text already in the viewer's language. */
int error_page_text(req *r, int status, const char *text);

/* The CSRF token to put in forms, creating the anonymous basis cookie if needed. */
const char *csrf_token(req *r);
bool csrf_valid(req *r);

/* Form errors: the page re-renders with the message and the user's input kept. */
void page_error(tdict *d, req *r, const char *msgid);
void page_error_text(tdict *d, const char *text); /* already translated */

/* Flash message codes (cookie carries the code; text comes from the catalog). */
const char *flash_msgid(const char *code);

/* Current time in the viewer's time zone is formatted by SQL; this names the zone. */
const char *viewer_tz(req *r);

#endif
