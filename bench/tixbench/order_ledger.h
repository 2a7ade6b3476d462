// OrderLedger: every order the bench created and the state its follow-ups left it in, so the
// run can be checked against the server's own availability afterwards. One ledger per
// connection, filled on that connection's thread; merged (moved) into one when the run ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tix::bench {

// kUnknown: a follow-up got no definite answer (timeout, reset, unexpected status), so the
// order may be held, paid or cancelled; verification leaves such orders out and says so.
enum class OrderState : std::uint8_t { kHeld, kPaid, kCancelled, kUnknown };

struct OrderRecord {
    std::int64_t order_id = 0;
    std::uint32_t user = 0;        // index into the run's users
    std::uint32_t zone_index = 0;  // index into the event's zones, in listed order
    std::uint32_t quantity = 0;
    OrderState state = OrderState::kHeld;
    std::vector<std::string> seats;  // empty for general admission
};

class OrderLedger {
  public:
    // Returns the index to pass to SetState later.
    std::size_t Add(OrderRecord record);
    void SetState(std::size_t index, OrderState state) { orders_[index].state = state; }
    // A hold request that got no answer: the server may have made an order the ledger lacks.
    void CountUnansweredHold() { ++unanswered_holds_; }
    void Merge(OrderLedger&& other);

    const std::vector<OrderRecord>& orders() const { return orders_; }
    std::uint64_t unanswered_holds() const { return unanswered_holds_; }
    std::uint64_t unknown_orders() const;

  private:
    std::vector<OrderRecord> orders_;
    std::uint64_t unanswered_holds_ = 0;
};

}  // namespace tix::bench
