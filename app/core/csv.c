/* csv.c: one CSV cell per RFC 4180, safe to open in a spreadsheet */
#include "csv.h"
#include <stdbool.h>
#include <string.h>

void csv_cell(buf *out, const char *s)
{
	if (!s)
		return;
	/* a spreadsheet would run a cell starting with these as a formula */
	bool neutralise = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
			  s[0] == '\t' || s[0] == '\r';
	bool quote = neutralise || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_puts(out, "\"");
	if (neutralise)
		buf_puts(out, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_puts(out, "\"\"");
		else
			buf_append(out, p, 1);
	}
	buf_puts(out, "\"");
}
