#include "engine/user_tickets.h"

#include <cstddef>

namespace tix::engine {

void UserTickets::CheckCounts(const UserTickets& counted) const {
    std::size_t ticket_entries = 0;
    tickets_.ForEach([&](const TicketEntry& entry) {
        const TicketEntry* expected = counted.FindTickets(entry.user_id, entry.event_id);
        TIX_ASSERT(entry.tickets == (expected == nullptr ? 0 : expected->tickets),
                   "user ticket count disagrees with orders");
        const UserEntry* user = user_index_.Find(UserHash(entry.user_id), [&](const UserEntry& e) {
            return e.user_id == entry.user_id;
        });
        TIX_ASSERT(user != nullptr && user->index == entry.user_index,
                   "ticket entry names another user's orders");
        ticket_entries += expected != nullptr;
    });
    TIX_ASSERT(ticket_entries == counted.tickets_.size(), "a user's tickets are not counted");
}

}  // namespace tix::engine
