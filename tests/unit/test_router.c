/* test_router.c: route matching, parameters, 404 and 405, and the route table itself */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/router.h"
#include "routes.h"

static int h(req *r) { (void)r; return 200; }

static const route table[] = {
	{ "GET", "/", h, WHO_ANYONE, 0, 0 },
	{ "GET", "/items/{id}", h, WHO_ANYONE, 0, 0 },
	{ "POST", "/items/{id}", h, WHO_CUSTOMER, 0, 0 },
	{ "GET", "/items/{id}/parts/{part}", h, WHO_STAFF, ROLE_ADMIN, 0 },
	{ NULL, NULL, NULL, WHO_ANYONE, 0, 0 },
};

static void matching(void **s)
{
	(void)s;
	req r;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	const route *rt;
	assert_int_equal(route_match(table, &r, "GET", "/", &rt), MATCH_OK);
	assert_int_equal(route_match(table, &r, "GET", "/items/42", &rt), MATCH_OK);
	assert_string_equal(kv_get(&r.params, "id"), "42");
	assert_int_equal(route_match(table, &r, "POST", "/items/7", &rt), MATCH_OK);
	assert_int_equal(rt->who, WHO_CUSTOMER);
	assert_int_equal(route_match(table, &r, "GET", "/items/7/parts/x", &rt), MATCH_OK);
	assert_string_equal(kv_get(&r.params, "part"), "x");
	assert_int_equal(route_match(table, &r, "HEAD", "/items/9", &rt), MATCH_OK);
	assert_int_equal(route_match(table, &r, "DELETE", "/items/9", &rt), MATCH_BAD_METHOD);
	assert_int_equal(route_match(table, &r, "POST", "/", &rt), MATCH_BAD_METHOD);
	assert_int_equal(route_match(table, &r, "GET", "/items/", &rt), MATCH_NOT_FOUND);
	assert_int_equal(route_match(table, &r, "GET", "/items/1/", &rt), MATCH_NOT_FOUND);
	assert_int_equal(route_match(table, &r, "GET", "/nope", &rt), MATCH_NOT_FOUND);
	arena_free(r.a);
}

/* The site's table: every POST is reachable, every admin route needs staff. */
static void site_table(void **s)
{
	(void)s;
	int n = 0;
	for (const route *rt = routes; rt->pattern; rt++, n++) {
		assert_true(strcmp(rt->method, "GET") == 0 || strcmp(rt->method, "POST") == 0);
		assert_true(rt->pattern[0] == '/');
		assert_non_null(rt->handler);
		bool admin = strncmp(rt->pattern, "/admin", 6) == 0;
		bool public_admin = strstr(rt->pattern, "signin") || strstr(rt->pattern, "forgot") ||
				    strstr(rt->pattern, "reset") || strstr(rt->pattern, "/lang");
		if (admin && !public_admin)
			assert_int_equal(rt->who, WHO_STAFF);
		if (rt->who == WHO_STAFF)
			assert_true(rt->roles != 0);
		/* no two rows with the same method and pattern */
		for (const route *o = routes; o != rt; o++)
			assert_false(strcmp(o->method, rt->method) == 0 && strcmp(o->pattern, rt->pattern) == 0);
	}
	assert_true(n > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matching),
		cmocka_unit_test(site_table),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
