/* routes.c: every URL of the site, who may call it, and the handler that answers it.
 * POST routes write and run in one transaction with a CSRF check; GET routes never write. */
#include "routes.h"
#include "handlers.h"
#include "portal/chat.h"
#include "admin/admin_pages.h"
#include "admin/desk.h"
#include "conv/live_auth.h"
#include "portal/privacy.h"
#include "admin/compliance.h"
#include "portal/help.h"
#include "admin/help.h"
#include "portal/surveys.h"
#include "admin/surveys.h"

#define STAFF_ALL ROLE_ANY_STAFF
#define ADMIN ROLE_ADMIN
/* who answers conversations */
#define DESK_ROLES (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN)

const route routes[] = {
	/* method  path                              handler                  who           roles, flags */
	{ "GET",  "/",                               portal_home,             WHO_ANYONE,   0, 0 },
	{ "GET",  "/healthz",                        health,                  WHO_ANYONE,   0, 0 },
	{ "POST", "/lang",                           set_language,            WHO_ANYONE,   0, 0 },

	/* customer accounts */
	{ "GET",  "/signup",                         signup_form,             WHO_ANYONE,   0, 0 },
	{ "POST", "/signup",                         signup_submit,           WHO_ANYONE,   0, 0 },
	{ "GET",  "/signin",                         signin_form,             WHO_ANYONE,   0, 0 },
	{ "POST", "/signin",                         signin_submit,           WHO_ANYONE,   0, 0 },
	{ "POST", "/signout",                        signout_submit,          WHO_CUSTOMER, 0, 0 },
	{ "GET",  "/account",                        profile_form,            WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account",                        profile_submit,          WHO_CUSTOMER, 0, 0 },
	{ "GET",  "/account/password",               password_form,           WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account/password",               password_submit,         WHO_CUSTOMER, 0, 0 },
	{ "GET",  "/account/forgot",                 forgot_form,             WHO_ANYONE,   0, 0 },
	{ "POST", "/account/forgot",                 forgot_submit,           WHO_ANYONE,   0, 0 },
	{ "GET",  "/account/reset",                  reset_form,              WHO_ANYONE,   0, 0 },
	{ "POST", "/account/reset",                  reset_submit,            WHO_ANYONE,   0, 0 },
	{ "GET",  "/account/verify",                 verify_form,             WHO_ANYONE,   0, 0 },
	{ "POST", "/account/verify",                 verify_submit,           WHO_ANYONE,   0, 0 },

	/* staff sign-in */
	{ "GET",  "/admin/signin",                   admin_signin_form,       WHO_ANYONE,   0, 0 },
	{ "POST", "/admin/signin",                   admin_signin_submit,     WHO_ANYONE,   0, 0 },
	{ "POST", "/admin/signout",                  admin_signout_submit,    WHO_STAFF,    STAFF_ALL, 0 },
	{ "GET",  "/admin/forgot",                   admin_forgot_form,       WHO_ANYONE,   0, 0 },
	{ "POST", "/admin/forgot",                   admin_forgot_submit,     WHO_ANYONE,   0, 0 },
	{ "GET",  "/admin/reset",                    admin_reset_form,        WHO_ANYONE,   0, 0 },
	{ "POST", "/admin/reset",                    admin_reset_submit,      WHO_ANYONE,   0, 0 },
	{ "POST", "/admin/lang",                     set_language,            WHO_ANYONE,   0, 0 },

	/* admin */
	{ "GET",  "/admin",                          admin_home,              WHO_STAFF,    STAFF_ALL, 0 },
	{ "GET",  "/admin/staff",                    staff_index,             WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/staff/new",                staff_new_form,          WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/staff",                    staff_create_submit,     WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/staff/{id}",               staff_edit_form,         WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/staff/{id}",               staff_update_submit,     WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/staff/{id}/deactivate",    staff_deactivate_submit, WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/staff/{id}/reactivate",    staff_reactivate_submit, WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/outbox",                   outbox_index,            WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/outbox/{id}",              outbox_show,             WHO_STAFF,    ADMIN, 0 },

	/* help center (portal/help.c, admin/help.c) */
	{ "GET",  "/help",                           help_home,               WHO_ANYONE,   0, 0 },
	{ "GET",  "/help/search",                    help_search_page,        WHO_ANYONE,   0, 0 },
	{ "GET",  "/help/categories/{slug}",         help_category_page,      WHO_ANYONE,   0, 0 },
	{ "GET",  "/help/articles/{slug}",           help_article_page,       WHO_ANYONE,   0, 0 },
	{ "POST", "/help/articles/{slug}/vote",      help_vote_submit,        WHO_ANYONE,   0, 0 },
	{ "GET",  "/admin/help",                     help_admin_index,        WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/new",                 help_admin_new,          WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help",                     help_admin_create,       WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/categories",          help_admin_categories,   WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help/categories",          help_admin_category_create, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help/categories/{id}",     help_admin_category_update, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/gaps",                help_admin_gaps,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/deflection",          help_admin_deflection,   WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/{id}",                help_admin_edit,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help/{id}",                help_admin_save,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help/{id}/status",         help_admin_status,       WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/help/{id}/revisions/{rev}", help_admin_revision,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/help/{id}/revisions/{rev}/restore", help_admin_restore, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },

	/* consent, privacy center and compliance (portal/privacy.c, admin/compliance.c) */
	{ "GET",  "/account/privacy",                privacy_page,            WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account/privacy",                privacy_submit,          WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account/privacy/export",         privacy_export,          WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account/privacy/delete",         privacy_delete,          WHO_CUSTOMER, 0, 0 },
	{ "GET",  "/account/deleted",                privacy_deleted,         WHO_ANYONE,   0, 0 },
	{ "GET",  "/account/details",                details_form,            WHO_CUSTOMER, 0, 0 },
	{ "POST", "/account/details",                details_submit,          WHO_CUSTOMER, 0, 0 },
	{ "GET",  "/unsubscribe",                    unsubscribe_form,        WHO_ANYONE,   0, 0 },
	{ "POST", "/unsubscribe",                    unsubscribe_submit,      WHO_SIGNED_LINK, 0, 0 },
	{ "GET",  "/admin/compliance",               compliance_home,         WHO_STAFF,    ROLE_COMPLIANCE, 0 },
	{ "GET",  "/admin/compliance/ledger",        compliance_ledger,       WHO_STAFF,    ROLE_COMPLIANCE, 0 },
	{ "POST", "/admin/compliance/export",        compliance_export,       WHO_STAFF,    ROLE_COMPLIANCE, 0 },
	{ "POST", "/admin/compliance/access-export", compliance_access_export, WHO_STAFF,   ROLE_COMPLIANCE, 0 },
	{ "POST", "/admin/compliance/erasure",       compliance_erasure,      WHO_STAFF,    ROLE_COMPLIANCE, 0 },
	{ "GET",  "/admin/compliance/access-log",    compliance_access_log,   WHO_STAFF,    ROLE_COMPLIANCE, 0 },
	{ "GET",  "/admin/compliance/purposes/{code}", compliance_purpose_form, WHO_STAFF,  ROLE_COMPLIANCE, 0 },
	{ "POST", "/admin/compliance/purposes/{code}", compliance_purpose_submit, WHO_STAFF, ROLE_COMPLIANCE, 0 },
	{ "GET",  "/admin/consent",                  staff_consent_form,      WHO_STAFF,    STAFF_ALL, 0 },
	{ "POST", "/admin/consent",                  staff_consent_submit,    WHO_STAFF,    STAFF_ALL, 0 },

	/* the customer's web chat (portal/chat.c) and the live streams' authoriser (conv/live_auth.c) */
	{ "GET",  "/chat",                           chat_page,               WHO_ANYONE,   0, 0 },
	{ "POST", "/chat",                           chat_start_submit,       WHO_ANYONE,   0, 0 },
	{ "GET",  "/chat/{id}",                      chat_show,               WHO_ANYONE,   0, 0 },
	{ "GET",  "/chat/{id}/messages",             chat_messages_json,      WHO_ANYONE,   0, 0 },
	{ "POST", "/chat/{id}/messages",             chat_post_submit,        WHO_ANYONE,   0, ROUTE_UPLOADS },
	{ "GET",  "/chat/{id}/attachments/{aid}",    chat_attachment,         WHO_ANYONE,   0, 0 },
	{ "POST", "/chat/{id}/typing",               chat_typing_submit,      WHO_ANYONE,   0, 0 },
	{ "POST", "/chat/{id}/transcript",           chat_transcript_submit,  WHO_ANYONE,   0, 0 },
	{ "GET",  "/live-auth/staff/{mine}/{inbox}", live_auth_staff,         WHO_ANYONE,   0, 0 },
	{ "GET",  "/live-auth/{channel}",            live_auth_conversation,  WHO_ANYONE,   0, 0 },

	/* the agent desktop: every channel's conversations (admin/desk.c, admin/desk_actions.c) */
	{ "GET",  "/admin/inbox",                    desk_index,              WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/inbox/list",               desk_list_fragment,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/inbox/new",                desk_new_form,           WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/new",                desk_new_submit,         WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/presence",           desk_presence_submit,    WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/bulk",               desk_bulk_submit,        WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/inbox/{id}",               desk_show,               WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/inbox/{id}/messages",      desk_messages_json,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/messages",      desk_reply_submit,       WHO_STAFF,    DESK_ROLES, ROUTE_UPLOADS },
	{ "GET",  "/admin/inbox/{id}/attachments/{aid}", desk_attachment,     WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/inbox/{id}/mails/{mid}",   desk_raw_mail,           WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/typing",        desk_typing_submit,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/assign",        desk_assign_submit,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/status",        desk_status_submit,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/priority",      desk_priority_submit,    WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/snooze",        desk_snooze_submit,      WHO_STAFF,    DESK_ROLES, 0 },
	{ "POST", "/admin/inbox/{id}/tags",          desk_tags_submit,        WHO_STAFF,    DESK_ROLES, 0 },
	{ "GET",  "/admin/canned",                   canned_index,            WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/canned",                   canned_create_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/canned/{id}/delete",       canned_delete_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/routing",                  routing_page,            WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/routing/agents/{id}",      routing_agent_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/routing/teams/{id}",       routing_team_submit,     WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/channels",                 channels_index,          WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/channels/new",             channel_new_form,        WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/channels",                 channel_create_submit,   WHO_STAFF,    ADMIN, 0 },
	{ "GET",  "/admin/channels/{id}",            channel_edit_form,       WHO_STAFF,    ADMIN, 0 },
	{ "POST", "/admin/channels/{id}",            channel_update_submit,   WHO_STAFF,    ADMIN, 0 },

	/* surveys: answering by single-use link, portal surveys, builder and results (portal/surveys.c,
	 * admin/surveys.c); agents see the results of their own conversations only */
	{ "GET",  "/s/thanks",                       survey_thanks,           WHO_ANYONE,   0, 0 },
	{ "GET",  "/s/{token}",                      survey_answer_form,      WHO_ANYONE,   0, 0 },
	{ "POST", "/s/{token}",                      survey_answer_submit,    WHO_ANYONE,   0, 0 },
	{ "GET",  "/surveys",                        portal_surveys_index,    WHO_ANYONE,   0, 0 },
	{ "GET",  "/surveys/{id}",                   portal_survey_show,      WHO_ANYONE,   0, 0 },
	{ "POST", "/surveys/{id}/start",             portal_survey_start,     WHO_ANYONE,   0, 0 },
	{ "GET",  "/admin/surveys",                  surveys_index,           WHO_STAFF,    ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/surveys/new",              survey_new_form,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys",                  survey_create_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/surveys/{id}",             survey_results_page,     WHO_STAFF,    ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/surveys/{id}/responses.csv", survey_export,         WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/surveys/{id}/edit",        survey_edit_form,        WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/edit",        survey_update_submit,    WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "GET",  "/admin/surveys/{id}/preview",     survey_preview,          WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/send",        survey_send_submit,      WHO_STAFF,    ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/questions",   survey_question_add_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/delete", survey_question_delete_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/up", survey_question_up_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },
	{ "POST", "/admin/surveys/{id}/questions/{qid}/down", survey_question_down_submit, WHO_STAFF, ROLE_SUPERVISOR | ROLE_ADMIN, 0 },

	{ NULL, NULL, NULL, WHO_ANYONE, 0, 0 },
};
