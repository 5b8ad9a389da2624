/* tmpl.h: the C API to Google ctemplate; every value is escaped by the template's context */
#ifndef CXMS_TMPL_H
#define CXMS_TMPL_H
#include <stdbool.h>
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tdict tdict;

#define TMPL_AUTOESCAPE_LINE "{{%AUTOESCAPE context=\"HTML\"}}"

/* Loads every *.tpl under dir once per UI language: "[[text]]" markers are replaced by
 * the catalog's translation (HTML-escaped, keeping {{VARIABLE}} placeholders), and each
 * result is cached under "<lang>/<relative path without .tpl>". A template that does not
 * start with the AUTOESCAPE line is refused. dev: re-read files that change. */
bool tmpl_init(const char *dir, bool dev);
void tmpl_shutdown(void);
/* In development, re-reads templates whose files changed since they were loaded. */
void tmpl_reload_if_changed(void);
/* The translation step on its own (for tests): returns a malloc'd string. */
char *tmpl_translate(const char *lang, const char *text);
/* Parses a template text the same way tmpl_init does; false when it does not compile. */
bool tmpl_check(const char *key, const char *text);

tdict *tmpl_dict_new(void);
void tmpl_dict_free(tdict *d);
/* the dictionary of {{>name}}, expanding the cached template "key" */
tdict *tmpl_include(tdict *d, const char *name, const char *key);
tdict *tmpl_section(tdict *d, const char *name);  /* one more repetition of {{#name}} */
void tmpl_show(tdict *d, const char *name);       /* show {{#name}} once */
void tmpl_set(tdict *d, const char *key, const char *value);
void tmpl_setf(tdict *d, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tmpl_set_int(tdict *d, const char *key, long long v);
/* Visible in every dictionary of the page, includes too (layout values). */
void tmpl_set_global(tdict *d, const char *key, const char *value);
/* Expands the cached template key with d into out; false if it is unknown. */
bool tmpl_expand(const char *key, tdict *d, buf *out);

#ifdef __cplusplus
}
#endif
#endif
