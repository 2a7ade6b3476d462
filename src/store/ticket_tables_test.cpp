// Tickets in the SQLite journal: tickets and scans round trip across a reopen, a later snapshot
// of a ticket replaces the earlier one, Load returns tickets in issue order whatever order they
// were written in, a journal from before tickets opens with none, a ticket of no journaled order
// fails its batch, and damaged rows are Corruption, not a crash.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "engine/test_events.h"
#include "engine/test_tickets.h"
#include "store/journal_test_support.h"
#include "store/sqlite.h"
#include "store/sqlite_journal.h"

namespace tix::store {
namespace {

using test::Reload;

constexpr EventId kEvent{1};
constexpr OrderId kOrder{1};

engine::EventSpec EventOne() {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = kEvent;
    return spec;
}

// User 7's paid order of three seats in INF (zone 1).
engine::Order PaidOrder() {
    engine::Order order;
    order.order_id = kOrder;
    order.user_id = UserId{7};
    order.event_id = kEvent;
    order.zone_index = 1;
    order.quantity = 3;
    order.status = engine::OrderStatus::kPaid;
    order.created_at = At(1'000);
    order.expires_at = At(61'000);
    order.updated_at = At(2'000);
    order.amount_minor = 3'750;
    order.seats[0] = 2;
    order.seats[1] = 3;
    order.seats[2] = 7;
    return order;
}

engine::Ticket TicketOf(std::uint8_t unit) {
    engine::Ticket ticket;
    for (std::size_t i = 0; i < ticket.ticket_id.bytes.size(); ++i) {
        ticket.ticket_id.bytes[i] = static_cast<std::uint8_t>(0xa0 + 16 * unit + i);
    }
    ticket.event_id = kEvent;
    ticket.order_id = kOrder;
    ticket.holder = UserId{7};
    ticket.zone_index = 1;
    ticket.unit = unit;
    ticket.seat = PaidOrder().seats[unit];
    ticket.issue_seq = unit + 1u;
    ticket.issued_at = At(2'000);
    ticket.updated_at = At(2'000);
    return ticket;
}

engine::Scan ScanOf(const engine::Ticket& ticket, std::string gate, std::int64_t at_ms,
                    bool online) {
    return {ticket.ticket_id, kEvent, std::move(gate), At(at_ms), online};
}

// The event and the order the tickets belong to.
engine::JournalBatch WithOrder() {
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    batch.orders.push_back({PaidOrder(), "key", engine::RequestKind::kSeats});
    return batch;
}

Status Append(const std::string& path, const engine::JournalBatch& batch) {
    auto journal = SqliteJournal::Open(path);
    if (!journal.ok()) return journal.status();
    return (*journal)->Append(batch);
}

TEST(TicketTables, TicketsAndScansRoundTripAcrossAReopen) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch = WithOrder();
    const std::vector<engine::Ticket> tickets{TicketOf(0), TicketOf(1), TicketOf(2)};
    engine::Ticket transferred = tickets[2];
    transferred.holder = UserId{8};
    transferred.version = 2;
    transferred.bundle_version = 5;
    transferred.updated_at = At(3'000);
    const std::vector<engine::Ticket> kept{tickets[0], tickets[1], transferred};
    batch.tickets.tickets = tickets;
    batch.tickets.tickets.push_back(transferred);  // issued and given in one group commit
    const std::vector<engine::Scan> scans{ScanOf(tickets[0], "north", 5'000, true),
                                          ScanOf(tickets[0], "vip-1", 4'000, false),
                                          ScanOf(transferred, "south", 6'000, true)};
    batch.tickets.scans = scans;
    ASSERT_TRUE(Append(path, batch).ok());

    const engine::RecoveredState state = Reload(path);
    EXPECT_EQ(state.tickets.tickets, kept);
    EXPECT_EQ(state.tickets.scans, scans) << "every scan, in the order kept";
    ASSERT_EQ(state.orders.size(), 1U);
}

TEST(TicketTables, ALaterSnapshotOfATicketReplacesTheEarlier) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch first = WithOrder();
    first.tickets.tickets = {TicketOf(0), TicketOf(1), TicketOf(2)};
    ASSERT_TRUE(Append(path, first).ok());

    engine::Ticket given = TicketOf(1);
    given.holder = UserId{9};
    given.version = 2;
    given.bundle_version = 1;
    given.updated_at = At(10'000);
    engine::JournalBatch second;
    second.tickets.tickets = {given};
    ASSERT_TRUE(Append(path, second).ok());

    engine::Ticket revoked = given;
    revoked.status = engine::TicketStatus::kRevoked;
    revoked.bundle_version = 3;
    revoked.updated_at = At(20'000);
    engine::Ticket used = TicketOf(2);
    used.status = engine::TicketStatus::kUsed;
    engine::JournalBatch third;
    third.tickets.tickets = {revoked, used};
    third.tickets.scans = {ScanOf(used, "north", 15'000, true)};
    ASSERT_TRUE(Append(path, third).ok());

    const engine::RecoveredState state = Reload(path);
    EXPECT_EQ(state.tickets.tickets, (std::vector<engine::Ticket>{TicketOf(0), revoked, used}));
    EXPECT_EQ(state.tickets.scans.size(), 1U);
}

TEST(TicketTables, LoadReturnsTicketsInIssueOrderAndScansInTheOrderWritten) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch first = WithOrder();
    first.tickets.tickets = {TicketOf(2)};
    first.tickets.scans = {ScanOf(TicketOf(2), "north", 9'000, true)};
    ASSERT_TRUE(Append(path, first).ok());
    engine::JournalBatch second;
    second.tickets.tickets = {TicketOf(1), TicketOf(0)};
    second.tickets.scans = {ScanOf(TicketOf(0), "south", 1'000, false),
                            ScanOf(TicketOf(2), "east", 8'000, true)};
    ASSERT_TRUE(Append(path, second).ok());

    const engine::RecoveredState state = Reload(path);
    EXPECT_EQ(state.tickets.tickets,
              (std::vector<engine::Ticket>{TicketOf(0), TicketOf(1), TicketOf(2)}));
    ASSERT_EQ(state.tickets.scans.size(), 3U);
    EXPECT_EQ(state.tickets.scans[0].gate, "north");
    EXPECT_EQ(state.tickets.scans[1].gate, "south");
    EXPECT_FALSE(state.tickets.scans[1].online);
    EXPECT_EQ(state.tickets.scans[2].gate, "east");
}

TEST(TicketTables, AJournalFromBeforeTicketsOpensWithNone) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    ASSERT_TRUE(Append(path, WithOrder()).ok());
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->Exec("DROP TABLE ticket_scans; DROP TABLE tickets").ok());
    }
    const engine::RecoveredState state = Reload(path);
    EXPECT_TRUE(state.tickets.tickets.empty());
    EXPECT_TRUE(state.tickets.scans.empty());
    ASSERT_EQ(state.orders.size(), 1U) << "its paid order: recovery issues its tickets";

    engine::JournalBatch issued;
    issued.tickets.tickets = {TicketOf(0), TicketOf(1), TicketOf(2)};
    ASSERT_TRUE(Append(path, issued).ok()) << "the tables were created on open";
    EXPECT_EQ(Reload(path).tickets.tickets.size(), 3U);
}

TEST(TicketTables, ATicketOfNoJournaledOrderFailsItsBatch) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    ASSERT_TRUE(Append(path, WithOrder()).ok());
    engine::Ticket stray = TicketOf(0);
    stray.order_id = OrderId{99};
    engine::JournalBatch batch;
    batch.tickets.tickets = {TicketOf(1), stray};
    batch.tickets.scans = {ScanOf(TicketOf(1), "north", 5'000, true)};
    EXPECT_FALSE(Append(path, batch).ok());
    const engine::RecoveredState state = Reload(path);
    EXPECT_TRUE(state.tickets.tickets.empty()) << "the failed batch left nothing";
    EXPECT_TRUE(state.tickets.scans.empty());
}

TEST(TicketTables, DamagedRowsAreCorruption) {
    TempDir dir;
    int journals = 0;
    for (const char* damage :
         {"UPDATE tickets SET ticket_id = 'not hex'",
          "UPDATE tickets SET ticket_id = 'zz' || substr(ticket_id, 3)",
          "UPDATE tickets SET ticket_id = ticket_id || '00'", "UPDATE tickets SET status = 'lost'",
          "UPDATE ticket_scans SET ticket_id = 'xyz'",
          "UPDATE ticket_scans SET ticket_id = 'g' || substr(ticket_id, 2)"}) {
        const std::string path = dir.File("tix-" + std::to_string(++journals) + ".db");
        engine::JournalBatch batch = WithOrder();
        batch.tickets.tickets = {TicketOf(0)};
        batch.tickets.scans = {ScanOf(TicketOf(0), "north", 5'000, true)};
        const Status status = test::LoadDamaged(path, batch, damage);
        EXPECT_EQ(status.code(), Status::Code::kCorruption) << damage << ": " << status.ToString();
    }
}

}  // namespace
}  // namespace tix::store
