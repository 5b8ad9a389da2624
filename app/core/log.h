/* log.h: logging to stderr, one line per event */
#ifndef CXMS_LOG_H
#define CXMS_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For bugs and impossible states: log and abort. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
