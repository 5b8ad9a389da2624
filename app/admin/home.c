/* admin/home.c: the staff dashboard */
#include "../handlers.h"
#include "../core/page.h"
#include "../data/data.h"
#include <string.h>

/* GET /admin — any staff. */
int admin_home(req *r)
{
	admin_counts c;
	if (!admin_counts_get(r->db, &c))
		return 500;
	tdict *d = page_new(r, "admin/home");
	tmpl_set(d, "NAME", r->who.name);
	char roles[256] = "";
	for (int i = 0; role_names[i].name; i++) {
		if (!(r->who.roles & role_names[i].bit))
			continue;
		if (roles[0])
			strncat(roles, ", ", sizeof roles - strlen(roles) - 1);
		strncat(roles, tr(r, role_names[i].label), sizeof roles - strlen(roles) - 1);
	}
	tmpl_set(d, "ROLES", roles);
	tmpl_set_int(d, "CUSTOMERS", c.customers);
	tmpl_set_int(d, "STAFF", c.active_staff);
	tmpl_set_int(d, "MAILS", c.mails_week);
	return page_render(r, 200, N_("Dashboard"));
}
