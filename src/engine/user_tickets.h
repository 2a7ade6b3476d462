// Per user: the tickets held or paid for each event (the per-user limit) and the order ids,
// oldest first. Owned by Engine::State; single-threaded. Users are kept for good.
#pragma once

#include <cstdint>
#include <span>

#include "common/types.h"
#include "engine/chunked_vector.h"
#include "engine/flat_table.h"
#include "engine/order_id_list.h"
#include "engine/tix_assert.h"

namespace tix::engine {

class UserTickets {
  public:
    // Held + paid tickets of the user for the event.
    std::uint32_t TicketsOf(UserId user_id, EventId event_id) const {
        const TicketEntry* entry = FindTickets(user_id, event_id);
        return entry == nullptr ? 0 : entry->tickets;
    }

    // The user's slot in the order lists, made on first use.
    std::uint32_t UserIndex(UserId user_id) {
        const std::uint64_t hash = UserHash(user_id);
        const UserEntry* user =
            user_index_.Find(hash, [&](const UserEntry& e) { return e.user_id == user_id; });
        if (user != nullptr) return user->index;
        const auto index = static_cast<std::uint32_t>(user_orders_.size());
        user_index_.Insert(hash, {user_id, index});
        user_orders_.emplace_back();
        return index;
    }

    // Adds delta to the user's tickets for the event; returns the user's UserIndex.
    std::uint32_t AddTickets(UserId user_id, EventId event_id, std::int32_t delta) {
        const std::uint64_t hash = TicketHash(user_id, event_id);
        TicketEntry* entry = tickets_.Find(hash, [&](const TicketEntry& e) {
            return e.user_id == user_id && e.event_id == event_id;
        });
        if (entry == nullptr) {
            const std::uint32_t user = UserIndex(user_id);
            entry = &tickets_.Insert(hash, {user_id, event_id, 0, user});
        }
        TIX_ASSERT(delta >= 0 || entry->tickets >= static_cast<std::uint32_t>(-delta),
                   "user ticket count would go negative");
        entry->tickets += delta;
        return entry->user_index;
    }

    // REQUIRES: user == UserIndex(the order's user); order ids ascend per user.
    void AddOrder(std::uint32_t user, OrderId order_id) { user_orders_[user].push_back(order_id); }

    // Oldest first.
    std::span<const OrderId> OrdersOf(UserId user_id) const {
        const UserEntry* entry = user_index_.Find(
            UserHash(user_id), [&](const UserEntry& e) { return e.user_id == user_id; });
        if (entry == nullptr) return {};
        return user_orders_[entry->index].ids();
    }

    // visit(user_id, event_id, tickets) for every (user, event) that ever had tickets.
    template <typename Visit>
    void ForEachTickets(Visit visit) const {
        tickets_.ForEach([&](const TicketEntry& e) { visit(e.user_id, e.event_id, e.tickets); });
    }
    // visit(user_id, OrdersOf(user_id)) for every user with an order.
    template <typename Visit>
    void ForEachUser(Visit visit) const {
        user_index_.ForEach(
            [&](const UserEntry& e) { visit(e.user_id, user_orders_[e.index].ids()); });
    }

    // For invariant checks: adds to a recount of the tickets, kept apart from the engine's (no
    // user slots, no order lists).
    void Recount(UserId user_id, EventId event_id, std::uint32_t tickets) {
        const std::uint64_t hash = TicketHash(user_id, event_id);
        TicketEntry* entry = tickets_.Find(hash, [&](const TicketEntry& e) {
            return e.user_id == user_id && e.event_id == event_id;
        });
        if (entry == nullptr) entry = &tickets_.Insert(hash, {user_id, event_id, 0, 0});
        entry->tickets += tickets;
    }
    // Aborts unless every count here equals the one in `counted` (the tickets recounted from the
    // orders with Recount) and every count's user slot is its user's.
    void CheckCounts(const UserTickets& counted) const;

  private:
    struct UserEntry {
        UserId user_id{};
        std::uint32_t index = 0;  // into user_orders_
    };
    struct TicketEntry {
        UserId user_id{};
        EventId event_id{};
        std::uint32_t tickets = 0;     // held + paid
        std::uint32_t user_index = 0;  // the user's UserEntry::index: saves a lookup per hold
    };

    static std::uint64_t UserHash(UserId user_id) { return MixHash(user_id.value()); }
    static std::uint64_t TicketHash(UserId user_id, EventId event_id) {
        return MixHash(user_id.value(), event_id.value());
    }

    const TicketEntry* FindTickets(UserId user_id, EventId event_id) const {
        return tickets_.Find(TicketHash(user_id, event_id), [&](const TicketEntry& e) {
            return e.user_id == user_id && e.event_id == event_id;
        });
    }

    FlatTable<TicketEntry> tickets_;
    FlatTable<UserEntry> user_index_;
    ChunkedVector<OrderIdList> user_orders_;
};

}  // namespace tix::engine
