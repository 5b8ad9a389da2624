/* compliance.h: the compliance officers' pages */
#ifndef CXMS_COMPLIANCE_H
#define CXMS_COMPLIANCE_H
#include "../core/http.h"

int compliance_home(req *r);
int compliance_ledger(req *r);
int compliance_export(req *r);
int compliance_access_export(req *r);
int compliance_erasure(req *r);
int compliance_access_log(req *r);
int compliance_purpose_form(req *r);
int compliance_purpose_submit(req *r);
int staff_consent_form(req *r);
int staff_consent_submit(req *r);

#endif
