// On-sale routes: hold (create an order), read, list, confirm (pay) and cancel orders.
#pragma once

#include "http/router.h"
#include "service/payments.h"
#include "service/sequencer.h"

namespace tix::api {

// /api/v1/orders..., /api/v1/users/{user_id}/orders, and the original spec's /orders/create,
// /orders/{order_id}/confirm, /orders/{order_id}/cancel and GET /orders/{user_id}. Confirm pays
// at once through `instant_payments` (payments = "instant"); with none (payments = "provider")
// it answers 409 payment_required: orders are paid through POST /orders/{id}/pay.
void AddOrderRoutes(http::Router& router, service::Sequencer& sequencer,
                    service::Payments* instant_payments);

}  // namespace tix::api
