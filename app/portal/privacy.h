/* privacy.h: the customer's privacy center, and the consent boxes sign-up shares with it */
#ifndef CXMS_PRIVACY_H
#define CXMS_PRIVACY_H
#include "../core/http.h"
#include "../core/tmpl.h"
#include <stdint.h>

int privacy_page(req *r);
int privacy_submit(req *r);
int privacy_export(req *r);
int privacy_delete(req *r);
int privacy_deleted(req *r);
int details_form(req *r);
int details_submit(req *r);
int unsubscribe_form(req *r);
int unsubscribe_submit(req *r);

/* The signed token of a one-click unsubscribe link: "<customer id>.<purpose>.<keyed hash>". */
const char *unsubscribe_token(arena *a, int64_t customer_id, const char *purpose);

/* The optional purposes as unticked (or, checked_from_form: as the form sent them) boxes, in
 * section CONSENT of d. false on a database error. */
bool consent_boxes(req *r, tdict *d, bool checked_from_form);
/* The purpose codes ticked in field "consent": NULL-terminated; false when one is unknown. */
bool consent_codes_from_form(req *r, const char ***out);

#endif
