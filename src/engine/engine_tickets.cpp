// Tickets (issue 10): issued when an order becomes paid, revoked when its money goes back,
// transferred between accounts, scanned at the gates. The book itself is ticket_book.h; the rules
// that need orders and events are here. docs/tickets.md has the why.
#include <algorithm>
#include <utility>

#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/tix_assert.h"

namespace tix::engine {

void Engine::State::IssueTickets(const Order& order, TimePoint now) {
    const Zone& zone = events.Find(order.event_id)->zones[order.zone_index];
    tickets.Issue(order, zone.seat_map != nullptr, now);
}

void Engine::SetTicketIdKey(const std::array<std::uint8_t, 32>& key) {
    state_->tickets.SetIdKey(key);
}

const Ticket* Engine::FindTicket(const TicketId& ticket_id) const {
    return state_->tickets.Find(ticket_id);
}

std::vector<Ticket> Engine::TicketsOfOrder(OrderId order_id) const {
    return state_->tickets.OfOrder(order_id);
}

std::vector<Ticket> Engine::TicketsHeldBy(UserId holder) const {
    return state_->tickets.HeldBy(holder);
}

std::optional<Scan> Engine::FirstScan(const TicketId& ticket_id) const {
    return state_->tickets.FirstScan(ticket_id);
}

ScanResult Engine::RecordScan(const ScanRequest& request) {
    return state_->tickets.RecordScan(request);
}

TransferOutcome Engine::TransferTicket(const TicketId& ticket_id, UserId from, UserId to,
                                       TimePoint now) {
    State& s = *state_;
    const Ticket* ticket = s.tickets.Find(ticket_id);
    if (ticket == nullptr || ticket->holder != from) return TransferOutcome::kUnknownTicket;
    if (to == from) return TransferOutcome::kSameHolder;
    if (ticket->status == TicketStatus::kRevoked) return TransferOutcome::kRevoked;
    if (ticket->status == TicketStatus::kUsed) return TransferOutcome::kCheckedIn;
    if (now >= s.events.Find(ticket->event_id)->spec.starts_at) {
        return TransferOutcome::kEventStarted;
    }
    s.tickets.Transfer(ticket_id, to, now);
    return TransferOutcome::kOk;
}

CheckInStats Engine::TicketStats(EventId event_id) const {
    const EventState* event = state_->events.Find(event_id);
    return state_->tickets.Stats(event_id, event == nullptr ? 0 : event->spec.zones.size());
}

std::vector<ScanConflict> Engine::ScanConflicts(EventId event_id) const {
    return state_->tickets.Conflicts(event_id);
}

BundleDelta Engine::TicketBundle(EventId event_id, std::uint64_t since) const {
    return state_->tickets.Bundle(event_id, since);
}

void Engine::RestoreTickets(const TicketSnapshot& snapshot) {
    for (const Ticket& ticket : snapshot.tickets) {
        TIX_ASSERT(state_->orders.Find(ticket.order_id) != nullptr, "a ticket of an unknown order");
    }
    State& s = *state_;
    s.tickets.Restore(snapshot);
    // A journal from before tickets existed has paid orders without any: issued now, recorded.
    for (const OrderId order_id : std::exchange(s.tickets_awaited, {})) {
        const Order* order = s.orders.Find(order_id);
        if (order->status == OrderStatus::kPaid && s.tickets.OfOrder(order_id).empty()) {
            s.IssueTickets(*order, order->updated_at);
        }
    }
}

// ---- Invariants ----

void Engine::State::CheckTickets() const {
    tickets.CheckInvariants();
    for (std::size_t id = 1; id < orders.size(); ++id) {
        const Order& order = orders.Get(OrderId{id});
        if (!order.order_id) continue;
        // Restored in ascending id order, so the list is sorted.
        if (std::binary_search(tickets_awaited.begin(), tickets_awaited.end(), order.order_id)) {
            continue;  // restored; RestoreTickets has not run yet
        }
        const std::vector<Ticket> issued = tickets.OfOrder(order.order_id);
        const bool paid = order.status == OrderStatus::kPaid;
        const bool given_back = (order.status == OrderStatus::kRefundPending ||
                                 order.status == OrderStatus::kRefunded) &&
                                order.refund_reason == RefundReason::kRequested;
        if (paid) {
            TIX_ASSERT(issued.size() == order.quantity, "a paid order without its tickets");
        } else if (!given_back) {
            TIX_ASSERT(issued.empty(), "tickets of an order that was never paid");
        }
        for (const Ticket& ticket : issued) {
            TIX_ASSERT(ticket.event_id == order.event_id && ticket.zone_index == order.zone_index,
                       "a ticket for another event or zone than its order's");
            TIX_ASSERT((ticket.status == TicketStatus::kRevoked) == given_back,
                       "a ticket revoked unless its money went back");
        }
    }
}

}  // namespace tix::engine
