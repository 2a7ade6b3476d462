// SimPaymentTables: the payments as the SQLite journal keeps them (store/payment_tables.h), for
// the durable-path simulator: each payment's latest snapshot (the upsert) and the id of every
// applied provider event (an insert). SimJournal folds its frames into one; SimDurableLog folds
// the durable batches into another, and a Load must return the same. Tests only; single-threaded.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/payment_ledger.h"

namespace tix::service {

struct SimPaymentTables {
    std::map<OrderId, engine::Payment> payments;
    std::set<std::string> event_ids;  // payment_events.event_id

    // Folds a batch's payments. An event id already there is a problem (payment_events.event_id
    // is the PRIMARY KEY: SQLite would fail the insert).
    void Fold(const engine::PaymentChanges& changes, std::vector<std::string>& problems) {
        for (const engine::Payment& payment : changes.payments) {
            payments[payment.order_id] = payment;  // ON CONFLICT DO UPDATE, every column
        }
        for (const engine::AppliedPaymentEvent& applied : changes.events) {
            if (!event_ids.insert(applied.event.event_id).second) {
                problems.push_back("payment event " + applied.event.event_id + " journaled twice");
            }
        }
    }

    // What Load returns: payments ascending order id, event ids sorted.
    engine::PaymentSnapshot Snapshot() const {
        engine::PaymentSnapshot snapshot;
        for (const auto& [order_id, payment] : payments) snapshot.payments.push_back(payment);
        snapshot.event_ids.assign(event_ids.begin(), event_ids.end());
        return snapshot;
    }
};

// The number of records a batch's payments carry.
inline std::size_t PaymentRecordCount(const engine::PaymentChanges& changes) {
    return changes.payments.size() + changes.events.size();
}

}  // namespace tix::service
