#include "engine/dispatch_tickets.h"

#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

TicketView View(const Engine& engine, const Ticket& ticket) {
    return {ticket, engine.FirstScan(ticket.ticket_id), engine.SharedEvent(ticket.event_id)};
}

std::vector<TicketView> Views(const Engine& engine, const std::vector<Ticket>& tickets) {
    std::vector<TicketView> views;
    views.reserve(tickets.size());
    for (const Ticket& ticket : tickets) views.push_back(View(engine, ticket));
    return views;
}

}  // namespace

TicketListReply Dispatch(const Engine& engine, const GetTickets& command) {
    if (!command.order_id)
        return {OrderOutcome::kOk, Views(engine, engine.TicketsHeldBy(command.actor.user_id))};
    const Order* order = engine.FindOrder(command.order_id);
    if (order == nullptr) return {OrderOutcome::kUnknownOrder, {}};
    if (order->user_id != command.actor.user_id && !command.actor.is_admin) {
        return {OrderOutcome::kForbidden, {}};
    }
    return {OrderOutcome::kOk, Views(engine, engine.TicketsOfOrder(command.order_id))};
}

TicketReply Dispatch(const Engine& engine, const GetTicket& command) {
    const Ticket* ticket = engine.FindTicket(command.ticket_id);
    // Someone else's ticket is as good as none: its id must not be confirmed to a stranger.
    if (ticket == nullptr || (ticket->holder != command.actor.user_id && !command.actor.is_admin)) {
        return {};
    }
    return {View(engine, *ticket)};
}

TransferReply Dispatch(Engine& engine, const TransferTicket& command, TimePoint now) {
    TransferReply reply;
    reply.outcome =
        engine.TransferTicket(command.ticket_id, command.actor.user_id, command.to, now);
    if (reply.outcome == TransferOutcome::kUnknownTicket) return reply;
    reply.ticket = View(engine, *engine.FindTicket(command.ticket_id));
    return reply;
}

CheckInReply Dispatch(Engine& engine, const CheckIn& command) {
    const ScanResult result =
        engine.RecordScan({command.ticket_id, command.version, command.event_id, command.gate,
                           command.scanned_at, /*online=*/true});
    CheckInReply reply{result.outcome, std::nullopt};
    if (result.ticket != nullptr) reply.ticket = View(engine, *result.ticket);
    return reply;
}

UploadScansReply Dispatch(Engine& engine, const UploadScans& command) {
    UploadScansReply reply{engine.SharedEvent(command.event_id), {}};
    if (reply.event == nullptr) return reply;
    TIX_ASSERT(command.tickets.size() == command.scanned_at.size(), "one time per scan");
    reply.outcomes.reserve(command.tickets.size());
    for (std::size_t i = 0; i < command.tickets.size(); ++i) {
        const UploadScans::Entry& entry = command.tickets[i];
        reply.outcomes.push_back(engine
                                     .RecordScan({entry.ticket_id, entry.version, command.event_id,
                                                  command.gate, command.scanned_at[i],
                                                  /*online=*/false})
                                     .outcome);
    }
    return reply;
}

CheckInStatsReply Dispatch(const Engine& engine, const GetCheckInStats& command) {
    CheckInStatsReply reply{engine.SharedEvent(command.event_id), {}};
    if (reply.event != nullptr) reply.stats = engine.TicketStats(command.event_id);
    return reply;
}

ScanConflictsReply Dispatch(const Engine& engine, const GetScanConflicts& command) {
    ScanConflictsReply reply{engine.SharedEvent(command.event_id), {}};
    if (reply.event != nullptr) reply.conflicts = engine.ScanConflicts(command.event_id);
    return reply;
}

TicketBundleReply Dispatch(const Engine& engine, const GetTicketBundle& command) {
    TicketBundleReply reply{engine.SharedEvent(command.event_id), {}, {}};
    if (reply.event == nullptr) return reply;
    reply.delta = engine.TicketBundle(command.event_id, command.since);
    for (const Ticket& ticket : reply.delta.changed) {
        if (ticket.status != TicketStatus::kUsed) continue;  // a revoked one is only revoked
        std::optional<Scan> first = engine.FirstScan(ticket.ticket_id);
        TIX_ASSERT(first.has_value(), "a used ticket without a scan");
        reply.checked_in.push_back(std::move(*first));
    }
    return reply;
}

}  // namespace tix::engine
