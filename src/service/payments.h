// The payment seam between confirming an order and money moving. Until the payments issue lands,
// SimulatedPayments approves every charge at once; a real provider answers later, on any thread.
#pragma once

#include <cstdint>
#include <functional>

#include "common/types.h"

namespace tix::service {

class Payments {
  public:
    virtual ~Payments() = default;
    // Charges `amount_minor` for the order and calls `done(approved)` exactly once.
    virtual void Charge(OrderId order_id, UserId user_id, std::int64_t amount_minor,
                        std::function<void(bool approved)> done) = 0;
};

class SimulatedPayments final : public Payments {
  public:
    void Charge(OrderId, UserId, std::int64_t, std::function<void(bool)> done) override {
        done(true);
    }
};

}  // namespace tix::service
