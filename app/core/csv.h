/* csv.h: one CSV cell per RFC 4180, safe to open in a spreadsheet */
#ifndef CXMS_CSV_H
#define CXMS_CSV_H
#include "buf.h"

/* Appends s (NULL: an empty cell) quoted when needed; a cell starting with = + - @, tab or CR
 * is prefixed with ' so a spreadsheet shows it instead of running it as a formula. */
void csv_cell(buf *out, const char *s);

#endif
