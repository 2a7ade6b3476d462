// SimPaymentClients: payments through a provider in the durable-path simulator
// (durable_path_simulation_test.cpp), with the provider modelled beside the buyers; both outlive
// every crash of tix. Tests only; single-threaded.
//
// Buyers open the payment of orders they were told are held (OpenPayment); tix then asks the
// provider for the order's intent "pi_<order>" and records it (AttachPayment), or, when the
// provider is down, gives the seats back (AbandonPayment); now and then the recording is lost, as
// when tixd dies between the two. Buyers pay most intents: the provider emits
// payment_intent.succeeded, or a decline (payment_failed) and perhaps a success after it, and
// refund.succeeded for every refund tix asks for (an answer's RefundDue, or Engine::RefundsDue at
// start-up) and for a few it makes on its own (a dashboard). Each event ("evt_<n>", the order's
// amount and its zone's currency) is delivered until tix acknowledges it with a durable answer,
// after a restart too, and up to twice more regardless; some deliveries come long after the
// deadlines passed. Owners and admins ask refunds of orders they were told are paid.
//
// Checked:
//   - every durable answer to an event: the event is in the durable log, and an event answered
//     before is answered kDuplicate; a refund tix asks for is of money the provider took;
//   - after every recovery: Load returned the payments of the durable log; the engine's payments
//     are what Load returned; every acknowledged event is seen (Engine::PaymentEventSeen), and
//     delivering it again answers kDuplicate and changes nothing;
//   - CheckBooks (periodic, and after recovery): money taken (a payment kSucceeded) is a paid
//     order;
//   - CheckSettled (at the end, once every event is acknowledged): tix's books are the
//     provider's: money kept at the provider is a paid order with a succeeded payment, money
//     given back a refunded payment, and no payment tix knows of is left refund_pending.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/command.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/reply.h"
#include "service/sim_durable_log.h"

namespace tix::service {

class SimPaymentClients {
  public:
    using Problems = std::vector<std::string>;

    // An acknowledged state of an order: held ones may be paid for, paid ones refunded.
    void Told(const engine::Order& order);

    // A buyer opens a payment, or an owner or `admin` asks a refund; nullopt when nobody can.
    std::optional<engine::Command> NextClientCommand(std::mt19937_64& rng, UserId admin);
    // What the provider and tix's payment service send now: deliveries of events that are due
    // and intents to record (or abandon).
    std::vector<engine::Command> DueCommands(std::mt19937_64& rng, TimePoint now);

    // The answer to `sent`, durable or not (a delivery not answered durably is delivered again).
    void OnAnswer(const engine::Command& sent, const engine::Reply& reply, bool durable,
                  const SimDurableLog& log, std::mt19937_64& rng, TimePoint now,
                  Problems& problems);
    // `sent` was refused (503): the provider delivers it again later.
    void OnRefused(const engine::Command& sent, TimePoint now);
    // The process died: every delivery in flight went unanswered.
    void OnRestart(TimePoint now);

    // After a recovery from `loaded`; asks the provider for the refunds tix waits for, as tixd
    // does at start-up. Applies acknowledged events again: the engine must not change.
    void CheckRecovered(const engine::RecoveredState& loaded, engine::Engine& engine,
                        const SimDurableLog& log, std::mt19937_64& rng, TimePoint now,
                        Problems& problems);
    void CheckBooks(const engine::Engine& engine, Problems& problems) const;
    // REQUIRES: settled().
    void CheckSettled(const engine::Engine& engine, Problems& problems) const;
    // Every event acknowledged, nothing left to send.
    bool settled() const { return outbox_.empty() && follow_ups_.empty(); }

    // Whether a payment_intent.succeeded of the order was ever submitted: its change may be
    // durable though its answer was lost.
    bool SucceededSubmitted(OrderId order_id) const {
        return succeeded_submitted_.contains(order_id);
    }
    // "OpenPayment of order 12", "ApplyPaymentEvent evt_7 (payment_intent.succeeded, order 12)".
    static std::string Describe(const engine::Command& sent);

    const std::map<std::string, std::uint64_t>& stats() const { return stats_; }

  private:
    // The provider's side of an order's payment.
    struct Intent {
        UserId user_id{};
        std::int64_t amount_minor = 0;
        std::string currency;
        bool succeeded = false;  // the money is taken
        bool refunded = false;   // and given back
    };
    // An event the provider sends until tix acknowledges it.
    struct Delivery {
        engine::PaymentEvent event;
        TimePoint due_at{};
        int copies = 0;     // deliveries still to send even once acknowledged
        int in_flight = 0;  // sent to this process, not answered
        bool acked = false;
    };

    void Emit(std::mt19937_64& rng, engine::PaymentEventKind kind, OrderId order_id, TimePoint now);
    void CreateIntent(std::mt19937_64& rng, const engine::OrderSnapshot& order, TimePoint now);
    void Refund(std::mt19937_64& rng, const engine::RefundDue& due, TimePoint now,
                Problems& problems);
    void OnEventAnswer(const engine::PaymentEvent& event, const engine::PaymentEventReply& reply,
                       bool durable, const SimDurableLog& log, std::mt19937_64& rng, TimePoint now,
                       Problems& problems);
    Delivery* FindDelivery(const std::string& event_id);

    std::map<OrderId, Intent> intents_;
    std::vector<Delivery> outbox_;
    std::uint64_t next_event_ = 1;
    std::vector<engine::Command> follow_ups_;
    std::map<std::string, engine::PaymentEvent> acked_;  // by event id
    std::vector<std::string> acked_ids_;                 // the same, as acknowledged
    std::set<OrderId> succeeded_submitted_;
    std::vector<std::pair<OrderId, UserId>> held_;  // recent orders told held, with the owner
    std::vector<std::pair<OrderId, UserId>> paid_;  // recent orders told paid, with the owner
    std::map<std::string, std::uint64_t> stats_;
};

}  // namespace tix::service
