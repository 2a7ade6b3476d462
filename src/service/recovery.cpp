#include "service/recovery.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace tix::service {
namespace {

// What WaitingRoom::Restore would abort on, as a Corruption the operator can read: a room of a
// missing event, a config no room can run, entries that are not 1..n of the room.
Status CheckQueue(const engine::Engine& engine, const engine::QueueSnapshot& snapshot) {
    const EventId event_id = snapshot.room.event_id;
    const std::string what = "waiting room of event " + std::to_string(event_id.value());
    const engine::EventSpec* event = engine.FindEvent(event_id);
    if (event == nullptr) return Status::Corruption(what + " names a missing event");
    if (auto problem = engine::ValidateQueueConfig(snapshot.room.config)) {
        return Status::Corruption(what + ": " + *problem);
    }
    if (snapshot.room.config.sale_starts_at != event->sale_starts_at) {
        return Status::Corruption(what + ": its sale start is not the event's");
    }
    for (std::size_t i = 0; i < snapshot.entries.size(); ++i) {
        const engine::QueueEntryRecord& entry = snapshot.entries[i];
        if (entry.event_id != event_id || entry.entry_id.value() != i + 1 || !entry.user_id) {
            return Status::Corruption(what + ": entry " + std::to_string(i + 1) +
                                      " is missing or not the room's");
        }
    }
    return Status::Ok();
}

// What Engine::RestoreTickets requires, as a Status: a corrupt journal is reported, not aborted on.
Status CheckTickets(const engine::Engine& engine, const engine::TicketSnapshot& snapshot) {
    std::unordered_set<engine::TicketId, engine::TicketIdHash> ids;
    std::uint64_t last_seq = 0;
    for (const engine::Ticket& ticket : snapshot.tickets) {
        const engine::Order* order = engine.FindOrder(ticket.order_id);
        if (order == nullptr || order->event_id != ticket.event_id ||
            ticket.unit >= order->quantity || ticket.issue_seq <= last_seq ||
            !ids.insert(ticket.ticket_id).second) {
            return Status::Corruption("ticket " + engine::ToHex(ticket.ticket_id) +
                                      " does not fit its order or repeats");
        }
        last_seq = ticket.issue_seq;
    }
    for (const engine::Scan& scan : snapshot.scans) {
        if (!ids.contains(scan.ticket_id)) {
            return Status::Corruption("a scan of unknown ticket " + engine::ToHex(scan.ticket_id));
        }
    }
    return Status::Ok();
}

Status BiddingCorrupt(const std::string& what, std::uint64_t id) {
    return Status::Corruption(what + " " + std::to_string(id) + " does not fit the journal");
}

// Ids 1..n, and each campaign's product and each bid's campaign journaled.
Status CheckBiddingIds(const engine::BiddingSnapshot& snapshot) {
    const auto& products = snapshot.products;
    const auto& campaigns = snapshot.campaigns;
    const auto& bids = snapshot.bids;
    for (std::size_t i = 0; i < products.size(); ++i) {
        const std::uint64_t id = products[i].product_id.value();
        if (id != i + 1) return BiddingCorrupt("product", id);
    }
    for (std::size_t i = 0; i < campaigns.size(); ++i) {
        const std::uint64_t id = campaigns[i].campaign_id.value();
        const std::uint64_t product = campaigns[i].product_id.value();
        if (id != i + 1 || product == 0 || product > products.size()) {
            return BiddingCorrupt("campaign", id);
        }
    }
    for (std::size_t i = 0; i < bids.size(); ++i) {
        const std::uint64_t id = bids[i].bid_id.value();
        const std::uint64_t campaign = bids[i].campaign_id.value();
        if (id != i + 1 || campaign == 0 || campaign > campaigns.size()) {
            return BiddingCorrupt("bid", id);
        }
    }
    return Status::Ok();
}

// What BiddingBook::Restore aborts on, as a Status: each campaign order belongs to a settled
// campaign, ranks 1..winners, under an id no ticket order has; a product's stock is its initial
// stock less the units its live orders take. (Whether the winners are the ranking's top is the
// engine's check.)
Status CheckCampaignOrders(const engine::Engine& engine, const engine::BiddingSnapshot& snapshot) {
    std::vector<std::uint32_t> made(snapshot.campaigns.size(), 0);
    for (const engine::CampaignOrder& order : snapshot.orders) {
        const std::uint64_t campaign = order.campaign_id.value();
        if (campaign == 0 || campaign > made.size() || !snapshot.campaigns[campaign - 1].settled ||
            order.final_rank != ++made[campaign - 1] ||
            engine.FindOrder(order.order_id) != nullptr) {
            return BiddingCorrupt("campaign order", order.order_id.value());
        }
    }
    for (const engine::Campaign& campaign : snapshot.campaigns) {
        if (campaign.settled && made[campaign.campaign_id.value() - 1] != campaign.winners) {
            return BiddingCorrupt("settled campaign", campaign.campaign_id.value());
        }
    }
    std::vector<std::uint64_t> taken(snapshot.products.size(), 0);
    for (const engine::CampaignOrder& order : snapshot.orders) {
        const engine::Campaign& campaign = snapshot.campaigns[order.campaign_id.value() - 1];
        if (order.product_id != campaign.product_id) {
            return BiddingCorrupt("campaign order", order.order_id.value());
        }
        if (engine::IsLive(order)) ++taken[order.product_id.value() - 1];
    }
    for (const engine::Product& product : snapshot.products) {
        if (product.stock + taken[product.product_id.value() - 1] != product.initial_stock) {
            return BiddingCorrupt("the stock of product", product.product_id.value());
        }
    }
    return Status::Ok();
}

Status CheckBidding(const engine::Engine& engine, const engine::BiddingSnapshot& snapshot) {
    if (Status status = CheckBiddingIds(snapshot); !status.ok()) return status;
    return CheckCampaignOrders(engine, snapshot);
}

}  // namespace

Result<RecoveryStats> Recover(engine::Journal& journal, engine::Engine& engine, TimePoint now) {
    engine::RecoveredState state;
    if (Status status = journal.Load(state); !status.ok()) return status;

    RecoveryStats stats;
    for (engine::EventSpec& spec : state.events) {
        if (auto problem = engine::ValidateEventSpec(spec)) {
            return Status::Corruption("event " + std::to_string(spec.event_id.value()) + ": " +
                                      *problem);
        }
        engine.RestoreEvent(std::move(spec));
        ++stats.events;
    }
    for (const engine::OrderRecord& record : state.orders) {
        if (engine.FindEvent(record.order.event_id) == nullptr) {
            return Status::Corruption("order " + std::to_string(record.order.order_id.value()) +
                                      " names a missing event");
        }
        engine.Restore(record);
        ++stats.orders;
        if (engine::HasSeats(record.order.status)) ++stats.live_holds;
    }

    // After every ticket order: campaign orders share their id sequence.
    if (Status status = CheckBidding(engine, state.bidding); !status.ok()) return status;
    engine.RestoreBidding(state.bidding);
    stats.products = state.bidding.products.size();
    stats.campaigns = state.bidding.campaigns.size();
    stats.bids = state.bidding.bids.size();
    stats.campaign_orders = state.bidding.orders.size();

    // After the orders of both kinds: either may have a payment.
    for (const engine::Payment& payment : state.payments.payments) {
        if (engine.FindOrder(payment.order_id) == nullptr &&
            engine.Bidding().FindOrder(payment.order_id) == nullptr) {
            return Status::Corruption("the payment of order " +
                                      std::to_string(payment.order_id.value()) +
                                      " names a missing order");
        }
    }
    engine.RestorePayments(state.payments);
    stats.payments = state.payments.payments.size();
    stats.payment_events = state.payments.event_ids.size();

    if (Status status = CheckTickets(engine, state.tickets); !status.ok()) return status;
    engine.RestoreTickets(state.tickets);
    stats.tickets = state.tickets.tickets.size();
    stats.scans = state.tickets.scans.size();

    for (const engine::QueueSnapshot& snapshot : state.queues) {
        if (Status status = CheckQueue(engine, snapshot); !status.ok()) return status;
        engine.RestoreQueue(snapshot);
        ++stats.queues;
        stats.queue_entries += snapshot.entries.size();
    }

    std::vector<OrderId> expired;
    engine.ExpireDue(now, expired);
    engine::JournalBatch batch;
    engine.DrainChanges(batch);
    if (Status status = journal.Append(batch); !status.ok()) return status;
    stats.expired_at_start = expired.size();
    for (const engine::Campaign& campaign : batch.bidding.campaigns) {
        stats.settled_at_start += campaign.settled ? 1 : 0;  // a settlement is its one record
    }
    stats.settled_orders_at_start = batch.bidding.orders.size();
    stats.live_holds -= expired.size();
    return stats;
}

}  // namespace tix::service
