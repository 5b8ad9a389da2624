/* choices.c: the language and time zone pickers shared by account forms */
#include "choices.h"
#include "i18n.h"
#include "../data/data.h"
#include <string.h>

void choices_lang(tdict *d, const char *selected)
{
	for (int i = 0; i18n_langs[i]; i++) {
		tdict *o = tmpl_section(d, "LANG_CHOICE");
		tmpl_set(o, "CODE", i18n_langs[i]);
		tmpl_set(o, "LABEL", strcmp(i18n_langs[i], "bn") == 0 ? "বাংলা" : "English");
		if (selected && strcmp(selected, i18n_langs[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
}

void choices_tz(tdict *d, const char *selected)
{
	for (int i = 0; i < timezones_count(); i++) {
		tdict *o = tmpl_section(d, "TZ");
		tmpl_set(o, "ZONE", timezone_at(i));
		if (selected && strcmp(selected, timezone_at(i)) == 0)
			tmpl_show(o, "SELECTED");
	}
}
