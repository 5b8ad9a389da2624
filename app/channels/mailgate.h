/* channels/mailgate.h: `cxms mailgate`, what an MTA pipes one received mail to (Postfix pipe(8), Exim's
 * pipe transport, an /etc/aliases pipe). Its exit status is the MTA's answer (sysexits.h). */
#ifndef CXMS_CHANNELS_MAILGATE_H
#define CXMS_CHANNELS_MAILGATE_H
#include <stdio.h>

#define MAILGATE_MAX_BYTES (50L * 1024 * 1024) /* a mail with 20 MB of files, base64-encoded, fits */
#define MAILGATE_STORED 0    /* stored (or stored before): the MTA is done with it */
#define MAILGATE_DATAERR 65  /* EX_DATAERR: cannot be a mail, or too large; the MTA bounces it */
#define MAILGATE_TEMPFAIL 75 /* EX_TEMPFAIL: the database or the mailbox is not there; the MTA retries */

/* Reads the mail from in and stores it for the worker on the mailbox called channel (NULL: the
 * default one). Says why on stderr when it does not return MAILGATE_STORED. Needs g_mime_init. */
int mailgate_run(FILE *in, const char *channel, const char *database_url);

#endif
