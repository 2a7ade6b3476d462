// The payment seam between confirming an order and money moving. Until the payments issue lands,
// SimulatedPayments approves every charge at once; a real provider answers later, on any thread.
// The engine keeps a paid-for order payment_pending while a charge runs (Engine::BeginPayment).
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
    // Gives back a charge that the engine could not turn into a paid order (it arrived after
    // the payment deadline).
    virtual void Refund(OrderId order_id, UserId user_id, std::int64_t amount_minor) = 0;
    // How long the seats of an order being paid wait for the charge's answer: past it the order
    // expires (also after a restart, if the answer never came) and a later approval is refunded.
    virtual std::chrono::milliseconds payment_window() const = 0;
};

class SimulatedPayments final : public Payments {
  public:
    void Charge(OrderId, UserId, std::int64_t, std::function<void(bool)> done) override {
        done(true);
    }
    void Refund(OrderId, UserId, std::int64_t) override {}
    // The answer comes at once: the window covers only the trip back through the sequencer.
    std::chrono::milliseconds payment_window() const override { return std::chrono::seconds{10}; }
};

}  // namespace tix::service
