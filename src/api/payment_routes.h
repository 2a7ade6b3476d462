// Payment routes (issue 9, docs/payments.md): pay an order through the provider, refund it, the
// provider's webhook and the admin's reconciliation. With payments = "instant" there is no
// provider: pay and refund answer 409 payments_not_configured and there is no webhook.
#pragma once

#include "api/payment_service.h"
#include "api/reconciler.h"
#include "http/router.h"

namespace tix::api {

// POST /api/v1/orders/{order_id}/pay, /api/v1/orders/{order_id}/refund,
// /api/v1/payments/webhook and /api/v1/admin/reconcile.
void AddPaymentRoutes(http::Router& router, PaymentService& payments, Reconciler& reconciler);

// payments = "instant": pay and refund answer 409 payments_not_configured.
void AddInstantPaymentRoutes(http::Router& router);

}  // namespace tix::api
