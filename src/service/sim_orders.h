// Orders as the durable-path simulator's clients see them (durable_path_simulation_test.cpp and
// its sim_*_clients): descriptions for failure messages, "the same request" of a keyed retry,
// and which states an order may reach from one a client was told. Tests only.
#pragma once

#include <string>

#include "engine/command.h"
#include "engine/order.h"

namespace tix::service {

std::string Describe(const engine::Order& order);
std::string Describe(const engine::PlaceHold& hold);

// "The same request" for a retry with the same key, as the client sees it: by seats, the same
// set of seats; by quantity, the same zone, quantity and allow_split.
bool SameRequest(const engine::PlaceHold& a, const engine::PlaceHold& b);

// Whether an order a client was told is `told` may later be `now`, in any number of steps: the
// same order, dated no earlier; held and payment_pending reach every status; a cancelled or
// expired order only a late payment's (paid, refund_pending, refunded); a paid one only its
// refund (refund_pending or refunded, as requested); a refund_pending one only refunded, for
// the same reason; a refunded one nothing. An order in any status but held or payment_pending
// that is still in that status is exactly as told.
bool MayBecome(const engine::Order& told, const engine::Order& now);

}  // namespace tix::service
