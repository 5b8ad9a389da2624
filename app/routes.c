/* routes.c: every URL of the site, who may call it, and the handler that answers it.
 * POST routes write and run in one transaction with a CSRF check; GET routes never write. */
#include "routes.h"
#include "handlers.h"
#include "portal/chat.h"
#include "admin/inbox.h"
#include "portal/privacy.h"
#include "admin/compliance.h"
#include "portal/help.h"
#include "admin/help.h"
#include "portal/surveys.h"
#include "admin/surveys.h"

#define STAFF_ALL ROLE_ANY_STAFF
#define ADMIN ROLE_ADMIN

const route routes[] = {
	/* method  path                              handler                  who           roles */
	{ "GET",  "/",                               portal_home,             WHO_ANYONE,   0 },
	{ "GET",  "/healthz",                        health,                  WHO_ANYONE,   0 },
	{ "POST", "/lang",                           set_language,            WHO_ANYONE,   0 },

	/* customer accounts */
	{ "GET",  "/signup",                         signup_form,             WHO_ANYONE,   0 },
	{ "POST", "/signup",                         signup_submit,           WHO_ANYONE,   0 },
	{ "GET",  "/signin",                         signin_form,             WHO_ANYONE,   0 },
	{ "POST", "/signin",                         signin_submit,           WHO_ANYONE,   0 },
	{ "POST", "/signout",                        signout_submit,          WHO_CUSTOMER, 0 },
	{ "GET",  "/account",                        profile_form,            WHO_CUSTOMER, 0 },
	{ "POST", "/account",                        profile_submit,          WHO_CUSTOMER, 0 },
	{ "GET",  "/account/password",               password_form,           WHO_CUSTOMER, 0 },
	{ "POST", "/account/password",               password_submit,         WHO_CUSTOMER, 0 },
	{ "GET",  "/account/forgot",                 forgot_form,             WHO_ANYONE,   0 },
	{ "POST", "/account/forgot",                 forgot_submit,           WHO_ANYONE,   0 },
	{ "GET",  "/account/reset",                  reset_form,              WHO_ANYONE,   0 },
	{ "POST", "/account/reset",                  reset_submit,            WHO_ANYONE,   0 },
	{ "GET",  "/account/verify",                 verify_form,             WHO_ANYONE,   0 },
	{ "POST", "/account/verify",                 verify_submit,           WHO_ANYONE,   0 },

	/* staff sign-in */
	{ "GET",  "/admin/signin",                   admin_signin_form,       WHO_ANYONE,   0 },
	{ "POST", "/admin/signin",                   admin_signin_submit,     WHO_ANYONE,   0 },
	{ "POST", "/admin/signout",                  admin_signout_submit,    WHO_STAFF,    STAFF_ALL },
	{ "GET",  "/admin/forgot",                   admin_forgot_form,       WHO_ANYONE,   0 },
	{ "POST", "/admin/forgot",                   admin_forgot_submit,     WHO_ANYONE,   0 },
	{ "GET",  "/admin/reset",                    admin_reset_form,        WHO_ANYONE,   0 },
	{ "POST", "/admin/reset",                    admin_reset_submit,      WHO_ANYONE,   0 },
	{ "POST", "/admin/lang",                     set_language,            WHO_ANYONE,   0 },

	/* admin */
	{ "GET",  "/admin",                          admin_home,              WHO_STAFF,    STAFF_ALL },
	{ "GET",  "/admin/staff",                    staff_index,             WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/staff/new",                staff_new_form,          WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff",                    staff_create_submit,     WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/staff/{id}",               staff_edit_form,         WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}",               staff_update_submit,     WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}/deactivate",    staff_deactivate_submit, WHO_STAFF,    ADMIN },
	{ "POST", "/admin/staff/{id}/reactivate",    staff_reactivate_submit, WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/outbox",                   outbox_index,            WHO_STAFF,    ADMIN },
	{ "GET",  "/admin/outbox/{id}",              outbox_show,             WHO_STAFF,    ADMIN },

	/* help center (portal/help.c, admin/help.c) */
	{ "GET",  "/help",                           help_home,               WHO_ANYONE,   0 },
	{ "GET",  "/help/search",                    help_search_page,        WHO_ANYONE,   0 },
	{ "GET",  "/help/categories/{slug}",         help_category_page,      WHO_ANYONE,   0 },
	{ "GET",  "/help/articles/{slug}",           help_article_page,       WHO_ANYONE,   0 },
	{ "POST", "/help/articles/{slug}/vote",      help_vote_submit,        WHO_ANYONE,   0 },
	{ "GET",  "/admin/help",                     help_admin_index,        WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/new",                 help_admin_new,          WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help",                     help_admin_create,       WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/categories",          help_admin_categories,   WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help/categories",          help_admin_category_create, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help/categories/{id}",     help_admin_category_update, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/gaps",                help_admin_gaps,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/deflection",          help_admin_deflection,   WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/{id}",                help_admin_edit,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help/{id}",                help_admin_save,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help/{id}/status",         help_admin_status,       WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/help/{id}/revisions/{rev}", help_admin_revision,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/help/{id}/revisions/{rev}/restore", help_admin_restore, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },

	/* consent, privacy center and compliance (portal/privacy.c, admin/compliance.c) */
	{ "GET",  "/account/privacy",                privacy_page,            WHO_CUSTOMER, 0 },
	{ "POST", "/account/privacy",                privacy_submit,          WHO_CUSTOMER, 0 },
	{ "POST", "/account/privacy/export",         privacy_export,          WHO_CUSTOMER, 0 },
	{ "POST", "/account/privacy/delete",         privacy_delete,          WHO_CUSTOMER, 0 },
	{ "GET",  "/account/deleted",                privacy_deleted,         WHO_ANYONE,   0 },
	{ "GET",  "/account/details",                details_form,            WHO_CUSTOMER, 0 },
	{ "POST", "/account/details",                details_submit,          WHO_CUSTOMER, 0 },
	{ "GET",  "/unsubscribe",                    unsubscribe_form,        WHO_ANYONE,   0 },
	{ "POST", "/unsubscribe",                    unsubscribe_submit,      WHO_SIGNED_LINK, 0 },
	{ "GET",  "/admin/compliance",               compliance_home,         WHO_STAFF,    ROLE_COMPLIANCE },
	{ "GET",  "/admin/compliance/ledger",        compliance_ledger,       WHO_STAFF,    ROLE_COMPLIANCE },
	{ "POST", "/admin/compliance/export",        compliance_export,       WHO_STAFF,    ROLE_COMPLIANCE },
	{ "POST", "/admin/compliance/access-export", compliance_access_export, WHO_STAFF,   ROLE_COMPLIANCE },
	{ "POST", "/admin/compliance/erasure",       compliance_erasure,      WHO_STAFF,    ROLE_COMPLIANCE },
	{ "GET",  "/admin/compliance/access-log",    compliance_access_log,   WHO_STAFF,    ROLE_COMPLIANCE },
	{ "GET",  "/admin/compliance/purposes/{code}", compliance_purpose_form, WHO_STAFF,  ROLE_COMPLIANCE },
	{ "POST", "/admin/compliance/purposes/{code}", compliance_purpose_submit, WHO_STAFF, ROLE_COMPLIANCE },
	{ "GET",  "/admin/consent",                  staff_consent_form,      WHO_STAFF,    STAFF_ALL },
	{ "POST", "/admin/consent",                  staff_consent_submit,    WHO_STAFF,    STAFF_ALL },

	/* live chat and the agent inbox (portal/chat.c, admin/inbox.c) */
	{ "GET",  "/chat",                           chat_page,               WHO_ANYONE,   0 },
	{ "POST", "/chat",                           chat_start_submit,       WHO_ANYONE,   0 },
	{ "GET",  "/chat/{id}",                      chat_show,               WHO_ANYONE,   0 },
	{ "GET",  "/chat/{id}/messages",             chat_messages_json,      WHO_ANYONE,   0 },
	{ "POST", "/chat/{id}/messages",             chat_post_submit,        WHO_ANYONE,   0 },
	{ "POST", "/chat/{id}/typing",               chat_typing_submit,      WHO_ANYONE,   0 },
	{ "POST", "/chat/{id}/transcript",           chat_transcript_submit,  WHO_ANYONE,   0 },
	{ "GET",  "/live-auth/{channel}",            live_auth,               WHO_ANYONE,   0 },
	{ "GET",  "/admin/inbox",                    inbox_index,             WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/presence",           inbox_presence_submit,   WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "GET",  "/admin/inbox/{id}",               inbox_show,              WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "GET",  "/admin/inbox/{id}/messages",      inbox_messages_json,     WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/{id}/messages",      inbox_reply_submit,      WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/{id}/typing",        inbox_typing_submit,     WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/{id}/assign",        inbox_assign_submit,     WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/{id}/status",        inbox_status_submit,     WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "POST", "/admin/inbox/{id}/tags",          inbox_tags_submit,       WHO_STAFF,    CHAT_STAFF_ROLES },
	{ "GET",  "/admin/canned",                   canned_index,            WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/canned",                   canned_create_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/canned/{id}/delete",       canned_delete_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/chat-settings",            chat_settings_page,      WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/chat-settings/agents/{id}", chat_settings_agent_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/chat-settings/teams/{id}", chat_settings_team_submit, WHO_STAFF,  ROLE_SUPERVISOR | ROLE_ADMIN },

	/* surveys: answering by single-use link, portal surveys, builder and results (portal/surveys.c,
	 * admin/surveys.c); agents see the results of their own conversations only */
	{ "GET",  "/s/thanks",                       survey_thanks,           WHO_ANYONE,   0 },
	{ "GET",  "/s/{token}",                      survey_answer_form,      WHO_ANYONE,   0 },
	{ "POST", "/s/{token}",                      survey_answer_submit,    WHO_ANYONE,   0 },
	{ "GET",  "/surveys",                        portal_surveys_index,    WHO_ANYONE,   0 },
	{ "GET",  "/surveys/{id}",                   portal_survey_show,      WHO_ANYONE,   0 },
	{ "POST", "/surveys/{id}/start",             portal_survey_start,     WHO_ANYONE,   0 },
	{ "GET",  "/admin/surveys",                  surveys_index,           WHO_STAFF,    ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/surveys/new",              survey_new_form,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys",                  survey_create_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/surveys/{id}",             survey_results_page,     WHO_STAFF,    ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/surveys/{id}/responses.csv", survey_export,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/surveys/{id}/edit",        survey_edit_form,        WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/edit",        survey_update_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "GET",  "/admin/surveys/{id}/preview",     survey_preview,          WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/send",        survey_send_submit,      WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/questions",   survey_question_add_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/delete", survey_question_delete_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/up", survey_question_up_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/down", survey_question_down_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN },

	{ NULL, NULL, NULL, WHO_ANYONE, 0 },
};
