/* choices.h: the language and time zone pickers shared by account forms */
#ifndef CXMS_CHOICES_H
#define CXMS_CHOICES_H
#include "http.h"
#include "tmpl.h"

void choices_lang(tdict *d, const char *selected);
void choices_tz(tdict *d, const char *selected);

#endif
