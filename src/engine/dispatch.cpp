#include "engine/dispatch.h"

#include <algorithm>
#include <utility>

#include "engine/any_order.h"
#include "engine/dispatch_bidding.h"
#include "engine/dispatch_payments.h"
#include "engine/dispatch_tickets.h"

namespace tix::engine {
namespace {

OrderSnapshot Snapshot(const Engine& engine, const Order& order) {
    return {order, engine.SharedEvent(order.event_id)};
}

// A room's config as replies carry it: without the seed, which stays secret until sale start.
std::optional<QueueConfig> PublicConfig(const WaitingRoom* room) {
    if (room == nullptr) return std::nullopt;
    QueueConfig config = room->config();
    config.seed = {};
    return config;
}

// Runs `transition` on an order (of either kind) the actor owns; the reply carries the order
// after it.
template <typename Transition>
OrderReply Transit(Engine& engine, const Actor& actor, OrderId order_id, Transition transition) {
    OrderReply reply;
    if (const std::optional<OrderOutcome> refusal = RefuseActor(engine, actor, order_id)) {
        reply.outcome = *refusal;
        return reply;
    }
    reply.outcome = transition();
    DescribeOrder(engine, order_id, reply);
    return reply;
}

struct Dispatcher {
    Engine& engine;
    TimePoint now;

    Reply operator()(CreateEvent& command) {
        const EventId event_id = engine.AddEvent(std::move(command.spec));
        if (command.queue) engine.AddQueue(event_id, *command.queue);
        return EventReply{engine.SharedEvent(event_id), PublicConfig(engine.FindQueue(event_id))};
    }

    Reply operator()(PlaceHold& command) {
        HoldResult result;
        if (command.seats.empty()) {
            result = engine.Hold(
                HoldByQuantity{command.user_id, command.event_id, command.zone_id, command.quantity,
                               command.allow_split, command.idempotency_key},
                now);
        } else {
            result = engine.Hold(HoldBySeats{command.user_id, command.event_id, command.seats,
                                             command.idempotency_key},
                                 now);
        }
        HoldReply reply{result.outcome, std::nullopt};
        if (result.order != nullptr) reply.order = Snapshot(engine, *result.order);
        return reply;
    }

    Reply operator()(BeginPayment& command) {
        return Transit(engine, command.actor, command.order_id,
                       [&] { return engine.BeginPayment(command.order_id, now, command.window); });
    }

    Reply operator()(CompletePayment& command) {
        OrderReply reply;
        reply.outcome = engine.CompletePayment(command.order_id, command.approved, now);
        DescribeOrder(engine, command.order_id, reply);
        return reply;
    }

    Reply operator()(CancelOrder& command) {
        return Transit(engine, command.actor, command.order_id,
                       [&] { return engine.Cancel(command.order_id, now); });
    }

    Reply operator()(GetOrder& command) {
        return Transit(engine, command.actor, command.order_id, [] { return OrderOutcome::kOk; });
    }

    // Ticket and campaign orders share one id sequence: both, newest first, in one page.
    Reply operator()(ListOrders& command) {
        const std::span<const OrderId> ids = engine.OrdersOf(command.user_id);
        const std::vector<CampaignOrder> won = engine.Bidding().OrdersOf(command.user_id);
        const auto older = [&](auto begin, auto end, auto id_of) {
            if (!command.before) return end;
            return std::lower_bound(begin, end, command.before,
                                    [&](const auto& item, OrderId id) { return id_of(item) < id; });
        };
        auto ticket_end = older(ids.begin(), ids.end(), [](OrderId id) { return id; });
        auto won_end =
            older(won.begin(), won.end(), [](const CampaignOrder& o) { return o.order_id; });
        OrderListReply reply;
        OrderId last{};  // the oldest in the page: the next page is older than it
        while (ticket_end != ids.begin() || won_end != won.begin()) {
            const bool ticket_next =
                won_end == won.begin() ||
                (ticket_end != ids.begin() && *(ticket_end - 1) > (won_end - 1)->order_id);
            const OrderId next = ticket_next ? *(ticket_end - 1) : (won_end - 1)->order_id;
            if (reply.orders.size() + reply.campaign_orders.size() == command.limit) {
                reply.next_cursor = last;
                break;
            }
            last = next;
            if (ticket_next) {
                reply.orders.push_back(Snapshot(engine, *engine.FindOrder(*--ticket_end)));
            } else {
                reply.campaign_orders.push_back(*--won_end);
            }
        }
        return reply;
    }

    Reply operator()(ListEvents& command) {
        EventListReply reply;
        for (const EventId id : engine.EventIds()) {
            std::shared_ptr<const EventSpec> spec = engine.SharedEvent(id);
            if (command.series && spec->series != *command.series) continue;
            if (command.starts_from && spec->starts_at < *command.starts_from) continue;
            if (command.starts_before && spec->starts_at >= *command.starts_before) continue;
            reply.events.push_back(std::move(spec));
        }
        return reply;
    }

    Reply operator()(GetEvent& command) {
        return EventReply{engine.SharedEvent(command.event_id),
                          PublicConfig(engine.FindQueue(command.event_id))};
    }

    Reply operator()(GetAvailability& command) {
        AvailabilityReply reply;
        reply.event = engine.SharedEvent(command.event_id);
        if (reply.event == nullptr) return reply;
        reply.version = engine.EventVersion(command.event_id);
        reply.zones.reserve(reply.event->zones.size());
        for (std::uint16_t z = 0; z < reply.event->zones.size(); ++z) {
            reply.zones.push_back(engine.Counts(command.event_id, z));
        }
        if (command.seats) reply.seat_states = engine.SeatStates(command.event_id);
        return reply;
    }

    // ---- Waiting rooms ----

    Reply operator()(ConfigureQueue& command) {
        QueueInfoReply reply;
        reply.setup = engine.ConfigureQueue(command.event_id, command.patch, command.seed, now);
        return Describe(command.event_id, std::move(reply));
    }

    Reply operator()(JoinQueue& command) {
        const QueueJoinResult result =
            engine.JoinQueue(command.user_id, command.event_id, command.challenge,
                             command.challenge_expires_at, now);
        QueueStatusReply reply{result.lookup, std::nullopt, {}};
        if (result.lookup != QueueLookup::kFound) return reply;
        reply.join = result.join.outcome;
        reply.view = engine.FindQueue(command.event_id)->Status(command.user_id, now);
        return reply;
    }

    Reply operator()(GetQueueStatus& command) {
        QueueStatusReply reply{engine.LookUpQueue(command.event_id), std::nullopt, {}};
        if (const WaitingRoom* room = engine.FindQueue(command.event_id)) {
            reply.view = room->Status(command.user_id, now);
        }
        return reply;
    }

    Reply operator()(GetQueue& command) { return Describe(command.event_id, QueueInfoReply{}); }

    Reply operator()(GetQueueDraw& command) {
        QueueDrawReply reply;
        reply.lookup = engine.LookUpQueue(command.event_id);
        const WaitingRoom* room = engine.FindQueue(command.event_id);
        if (room == nullptr) return reply;
        reply.stats = room->Stats(now);
        reply.first_rank = command.after_rank + 1;
        const std::uint64_t size = room->DrawSize();
        for (std::uint64_t rank = reply.first_rank;
             rank <= size && reply.entries.size() < command.limit; ++rank) {
            reply.entries.push_back(room->DrawnAt(rank));
        }
        return reply;
    }

    Reply operator()(RemoveUser& command) {
        return UserRemovalReply{engine.RemoveUser(command.user_id, now)};
    }

    // ---- Payments (dispatch_payments.cpp) ----

    Reply operator()(OpenPayment& command) { return Dispatch(engine, command, now); }
    Reply operator()(AttachPayment& command) { return Dispatch(engine, command, now); }
    Reply operator()(AbandonPayment& command) { return Dispatch(engine, command, now); }
    Reply operator()(ApplyPaymentEvent& command) { return Dispatch(engine, command, now); }
    Reply operator()(RequestRefund& command) { return Dispatch(engine, command, now); }
    Reply operator()(GetPayments& command) { return Dispatch(engine, command); }
    Reply operator()(GetTickets& command) { return Dispatch(engine, command); }
    Reply operator()(GetTicket& command) { return Dispatch(engine, command); }
    Reply operator()(TransferTicket& command) { return Dispatch(engine, command, now); }
    Reply operator()(CheckIn& command) { return Dispatch(engine, command); }
    Reply operator()(UploadScans& command) { return Dispatch(engine, command); }
    Reply operator()(GetCheckInStats& command) { return Dispatch(engine, command); }
    Reply operator()(GetScanConflicts& command) { return Dispatch(engine, command); }
    Reply operator()(GetTicketBundle& command) { return Dispatch(engine, command); }

    Reply operator()(CreateProduct& command) { return Dispatch(engine, command, now); }
    Reply operator()(ListProducts& command) { return Dispatch(engine, command); }
    Reply operator()(GetProduct& command) { return Dispatch(engine, command); }
    Reply operator()(CreateCampaign& command) { return Dispatch(engine, command, now); }
    Reply operator()(ListCampaigns& command) { return Dispatch(engine, command, now); }
    Reply operator()(GetCampaign& command) { return Dispatch(engine, command, now); }
    Reply operator()(PlaceBid& command) { return Dispatch(engine, command, now); }
    Reply operator()(GetBidHistory& command) { return Dispatch(engine, command); }
    Reply operator()(GetRanking& command) { return Dispatch(engine, command, now); }
    Reply operator()(GetFinalRanking& command) { return Dispatch(engine, command, now); }
    Reply operator()(GetCampaignOrders& command) { return Dispatch(engine, command); }
    Reply operator()(GetStandings& command) { return Dispatch(engine, command, now); }

    // The room's config and figures, as they are now.
    QueueInfoReply Describe(EventId event_id, QueueInfoReply reply) {
        reply.lookup = engine.LookUpQueue(event_id);
        if (const WaitingRoom* room = engine.FindQueue(event_id)) {
            reply.config = *PublicConfig(room);
            reply.stats = room->Stats(now);
        }
        return reply;
    }
};

}  // namespace

Reply Apply(Engine& engine, Command& command, TimePoint now) {
    return std::visit(Dispatcher{engine, now}, command);
}
}  // namespace tix::engine
