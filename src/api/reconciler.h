// Reconciler: compares the provider's records with tix's books and fixes what it can (issue 9).
//
//   1. The provider's events since the last run are applied like webhooks: the engine applies
//      each event id once, so the ones already delivered change nothing, and each that had been
//      lost is a mismatch "missed_webhook", now applied.
//   2. Every intent is compared with the order it names: succeeded (or refunded) at the provider
//      but not in tix -> applied from the intent; another amount or currency -> flagged.
//   3. Every order money touched is compared with its intent: paid in tix with no succeeded
//      payment at the provider -> flagged for a person; a refund tix is waiting for that the
//      provider has not made -> asked again (idempotent there).
//
// A run blocks on the provider and on the sequencer: it runs on a ProviderCallPool thread
// (POST /admin/reconcile, the periodic timer) or on a thread of its own (tests). One run at a time.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/payment_service.h"

namespace tix::api {

struct ReconcileMismatch {
    // "missed_webhook", "paid_at_provider_not_in_tix", "refund_not_applied",
    // "amount_mismatch", "paid_without_payment", "refund_missing", "flagged_event"
    std::string kind;
    OrderId order_id{};
    std::string payment_id;
    std::string detail;
    std::string action;  // "applied", "refunded", "flagged"
};

struct ReconcileReport {
    TimePoint started_at{};
    TimePoint finished_at{};
    std::size_t provider_events = 0;   // events read from the provider
    std::size_t provider_intents = 0;  // intents read from the provider
    std::size_t orders_checked = 0;    // tix orders money touched
    std::vector<ReconcileMismatch> mismatches;
    std::string error;  // the provider or the engine could not be read: the run stopped there
};

boost::json::object ReportJson(const ReconcileReport& report);

class Reconciler {
  public:
    using Clock = std::function<TimePoint()>;

    // REQUIRES: payments outlives the reconciler.
    Reconciler(PaymentService& payments, Clock clock);

    // Starts a run on the provider pool; `done` gets its report there. False (nothing started)
    // when the pool is full.
    bool Run(std::function<void(const ReconcileReport&)> done);
    // Runs on the calling thread (not an IO thread, not the engine's). Runs one at a time.
    ReconcileReport RunNow();

  private:
    void ApplyProviderEvents(ReconcileReport& report);
    // tix's books as they are now; nullopt (with report.error set) if the engine did not answer.
    std::optional<engine::PaymentsReply> ReadBooks(ReconcileReport& report);
    void CompareIntents(const std::vector<payments::Intent>& intents, ReconcileReport& report);
    void CompareBooks(const std::vector<payments::Intent>& intents, ReconcileReport& report);

    PaymentService& payments_;
    Clock clock_;
    std::mutex run_mutex_;      // one run at a time
    std::string event_cursor_;  // the last provider event a run read (guarded by run_mutex_)
};

}  // namespace tix::api
