/* channels/kinds.c: the kinds of channel and their limits (see kinds.h) */
#include "kinds.h"
#include "../core/http.h"
#include <string.h>

#define MB (1024LL * 1024)

static const char *const no_secrets[] = { NULL };
static const char *const email_secrets[] = { "imap_password", "smtp_password", NULL };
static const char *const twilio_secrets[] = { "auth_token", NULL };
static const char *const meta_secrets[] = { "app_secret", "access_token", "verify_token", NULL };
static const char *const telegram_secrets[] = { "bot_token", "secret_token", NULL };
static const char *const phone_secrets[] = { "cti_token", NULL };

/* Text limits are the providers' own (Twilio: 1,600 characters; WhatsApp: 4,096; Messenger: 2,000;
 * Instagram: 1,000; Telegram: 4,096); web chat and email take what the database does. */
const channel_kind channel_kinds[] = {
	{ "web", N_("Web chat"), true, 10000, 20 * MB, REPLY_LIVE, no_secrets },
	{ "email", N_("Email"), false, MESSAGE_MAX_CHARS, 20 * MB, REPLY_MAIL, email_secrets },
	{ "sms", N_("SMS"), true, 1600, 5 * MB, REPLY_NONE, twilio_secrets },
	{ "whatsapp", N_("WhatsApp"), true, 4096, 16 * MB, REPLY_NONE, meta_secrets },
	{ "messenger", N_("Messenger"), true, 2000, 25 * MB, REPLY_NONE, meta_secrets },
	{ "instagram", N_("Instagram"), true, 1000, 8 * MB, REPLY_NONE, meta_secrets },
	{ "telegram", N_("Telegram"), true, 4096, 20 * MB, REPLY_NONE, telegram_secrets },
	{ "phone", N_("Phone"), true, MESSAGE_MAX_CHARS, 0, REPLY_NOTES_ONLY, phone_secrets },
	{ NULL, NULL, false, 0, 0, REPLY_NONE, NULL },
};

const channel_kind *channel_kind_get(const char *code)
{
	if (!code)
		return NULL;
	for (int i = 0; channel_kinds[i].code; i++)
		if (strcmp(channel_kinds[i].code, code) == 0)
			return &channel_kinds[i];
	return NULL;
}
