/* i18n.h: message catalogs (gettext .po files) and language negotiation */
#ifndef CXMS_I18N_H
#define CXMS_I18N_H
#include <stdbool.h>

#define I18N_DEFAULT_LANG "en"
/* The languages the UI is complete in; English is the source language. */
extern const char *const i18n_langs[];

/* Loads locale/<lang>.po for every non-source language. Call before threads start. */
bool i18n_init(const char *locale_dir);
void i18n_free(void);
/* The translation of msgid, or msgid itself when there is none. */
const char *i18n_lookup(const char *lang, const char *msgid);
/* true when lang is one of i18n_langs */
bool i18n_supported(const char *lang);
/* Account preference, then the switcher's cookie, then Accept-Language. */
const char *i18n_negotiate(const char *account_lang, const char *cookie_lang,
			   const char *accept_language);
/* Parses one .po file into a callback (exposed for tests and the catalog checker). */
bool po_parse(const char *path, void (*entry)(void *ctx, const char *msgid, const char *msgstr,
					       bool fuzzy),
	      void *ctx);

#endif
