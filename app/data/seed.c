/* seed.c: demo data for `make run`, loaded once */
#include "data.h"
#include "help.h"
#include "conversations.h"
#include "surveys.h"
#include "consent.h"
#include "../core/crypto.h"
#include "../core/log.h"

static const stmt already = { "SELECT 1 FROM staff WHERE lower(email) = 'admin@example.com'" };
static const stmt customer = {
	"INSERT INTO customers (email, password_hash, name, lang, tz, email_verified_at, created_at)"
	" VALUES ($1, $2, $3, $4, $5, now(), now() - $6::integer * interval '1 day')"
};
static const stmt staff = {
	"INSERT INTO staff (email, password_hash, name, roles, tz, last_seen_at)"
	" VALUES ($1, $2, $3, $4::text[], $5, now() - interval '2 hours')"
};

static const struct { const char *email, *password, *name, *lang, *tz; int days; } customers[] = {
	{ "customer@example.com", "demo-customer-pass", "Ayesha Rahman", "en", "Asia/Dhaka", 120 },
	{ "karim@example.com", "demo-customer-pass", "Karim Hossain", "bn", "Asia/Dhaka", 60 },
	{ "emma@example.com", "demo-customer-pass", "Emma Clarke", "en", "Europe/London", 30 },
	{ "lucas@example.com", "demo-customer-pass", "Lucas Silva", "en", "America/Sao_Paulo", 7 },
};

static const struct { const char *email, *password, *name, *roles, *tz; } staffers[] = {
	{ "agent@example.com", "demo-agent-pass", "Nadia Agent", "{agent}", "Asia/Dhaka" },
	{ "supervisor@example.com", "demo-supervisor-pass", "Sam Supervisor", "{agent,supervisor}", "Europe/London" },
	{ "admin@example.com", "demo-admin-pass", "Ada Admin", "{admin,supervisor}", "UTC" },
	{ "compliance@example.com", "demo-compliance-pass", "Chris Compliance", "{compliance}", "Europe/Berlin" },
};

bool seed_demo(db *d, arena *a)
{
	PGresult *res = db_run(d, &already, 0, NULL);
	if (!res)
		return false;
	bool done = PQntuples(res) > 0;
	PQclear(res);
	if (done) {
		log_info("demo data already loaded");
		return true;
	}
	if (!db_begin(d))
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof customers / sizeof customers[0]; i++) {
		const char *p[] = { customers[i].email, password_hash(a, customers[i].password),
				    customers[i].name, customers[i].lang, customers[i].tz,
				    arena_printf(a, "%d", customers[i].days) };
		ok = db_do(d, &customer, 6, p);
	}
	for (size_t i = 0; ok && i < sizeof staffers / sizeof staffers[0]; i++) {
		const char *p[] = { staffers[i].email, password_hash(a, staffers[i].password),
				    staffers[i].name, staffers[i].roles, staffers[i].tz };
		ok = db_do(d, &staff, 5, p);
	}
	if (ok)
		ok = seed_help(d, a);
	if (ok)
		ok = seed_chat(d, a);
	if (ok)
		ok = seed_surveys(d, a);
	if (ok)
		ok = seed_consent(d, a);
	if (ok && db_commit(d)) {
		log_info("demo data loaded");
		return true;
	}
	db_rollback(d);
	return false;
}
