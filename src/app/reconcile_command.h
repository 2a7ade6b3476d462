// `tixd admin reconcile`: logs in to a running tixd as an admin and asks it to reconcile with its
// payment provider (POST /api/v1/admin/reconcile), then prints the report as JSON. Exit status 0
// when the run found nothing to report, 3 when it reported mismatches, 1 when it could not run.
#pragma once

#include "app/config.h"

namespace tix::app {

int RunReconcileCommand(const ReconcileConfig& config);

}  // namespace tix::app
