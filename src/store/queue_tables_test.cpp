// The waiting rooms in the SQLite journal: records round trip exactly across a reopen, later
// records supersede earlier ones, a journal made before waiting rooms opens and takes them, and
// damaged rows are Corruption, not a crash.
#include <gtest/gtest.h>

#include <string>

#include "common/temp_dir.h"
#include "engine/queue_test_support.h"
#include "engine/test_events.h"
#include "store/event_codec.h"
#include "store/journal_test_support.h"
#include "store/sqlite.h"
#include "store/sqlite_journal.h"

namespace tix::store {
namespace {

using test::Reload;

using namespace std::chrono_literals;
using engine::EntryStatus;
using engine::QueueEntryId;
using engine::QueueEntryRecord;

constexpr EventId kEvent{1};

engine::EventSpec EventOne() {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = kEvent;
    spec.sale_starts_at = engine::test::kSaleStart;
    return spec;
}

engine::QueueRoomRecord Room(bool drawn) {
    engine::QueueRoomRecord room;
    room.event_id = kEvent;
    room.config = engine::test::TestConfig();
    room.config.seed = engine::test::SeedOf(0xa7, 0x0123'4567'89ab'cdef);
    room.drawn = drawn;
    room.next_admission_at = engine::PaceTime{std::chrono::nanoseconds{1'800'000'000'123'456'789}};
    return room;
}

QueueEntryRecord Entry(std::uint64_t id, std::uint64_t user, EntryStatus status) {
    QueueEntryRecord entry{kEvent, QueueEntryId{id}, UserId{user}, At(1'000 + id), status,
                           true,   std::nullopt};
    if (status != EntryStatus::kWaiting) {
        entry.admission = engine::QueueAdmission{At(5'000), At(305'000)};
    }
    return entry;
}

Status Append(const std::string& path, const engine::JournalBatch& batch) {
    auto journal = SqliteJournal::Open(path);
    if (!journal.ok()) return journal.status();
    return (*journal)->Append(batch);
}

TEST(QueueTables, RecordsRoundTripAndLaterOnesSupersede) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch first;
    first.events.push_back(EventOne());
    first.queues.rooms.push_back(Room(false));
    first.queues.entries.push_back(Entry(1, 7, EntryStatus::kWaiting));
    first.queues.entries.push_back(Entry(2, 8, EntryStatus::kWaiting));
    // Challenge ids are 64 random bits: the top bit set is stored as a negative integer.
    first.queues.challenges.push_back({kEvent, 0xfedc'ba98'7654'3210, At(60'000)});
    first.queues.challenges.push_back({kEvent, 42, At(61'000)});
    ASSERT_TRUE(Append(path, first).ok());

    engine::JournalBatch second;
    second.queues.rooms.push_back(Room(true));
    second.queues.entries.push_back(Entry(1, 7, EntryStatus::kAdmitted));
    second.queues.entries.push_back(Entry(1, 7, EntryStatus::kPaid));
    second.queues.entries.push_back(Entry(3, 9, EntryStatus::kWaiting));
    second.queues.entries.back().in_draw = false;
    ASSERT_TRUE(Append(path, second).ok());

    const engine::RecoveredState state = Reload(path);
    ASSERT_EQ(state.queues.size(), 1U);
    const engine::QueueSnapshot& room = state.queues[0];
    EXPECT_EQ(room.room, Room(true));
    ASSERT_EQ(room.entries.size(), 3U);
    EXPECT_EQ(room.entries[0], Entry(1, 7, EntryStatus::kPaid));
    EXPECT_EQ(room.entries[1], Entry(2, 8, EntryStatus::kWaiting));
    EXPECT_EQ(room.entries[2].entry_id, QueueEntryId{3});
    EXPECT_FALSE(room.entries[2].in_draw);
    EXPECT_EQ(room.entries[2].admission, std::nullopt);
    ASSERT_EQ(room.challenges.size(), 2U);
    bool found_high = false;
    for (const engine::QueueChallengeRecord& c : room.challenges) {
        found_high |= c.challenge == 0xfedc'ba98'7654'3210 && c.expires_at == At(60'000);
    }
    EXPECT_TRUE(found_high);
}

TEST(QueueTables, ARoomRebuiltFromTheJournalIsTheRoomThatWroteIt) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::WaitingRoom room(kEvent, Room(false).config);
    for (std::uint64_t u = 1; u <= 20; ++u) {
        engine::test::JoinFresh(room, UserId{u}, engine::test::kOpens + std::chrono::seconds(u));
    }
    room.Pump(engine::test::kSaleStart, engine::test::kPlenty);
    room.Pump(engine::test::kSaleStart + 10s, engine::test::kPlenty);
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    room.DrainChanges(batch.queues);
    ASSERT_TRUE(Append(path, batch).ok());

    const engine::RecoveredState state = Reload(path);
    ASSERT_EQ(state.queues.size(), 1U);
    const engine::WaitingRoom restored = engine::WaitingRoom::Restore(state.queues[0]);
    const TimePoint now = engine::test::kSaleStart + 10s;
    EXPECT_EQ(engine::test::Comparable(restored.Snapshot(), now),
              engine::test::Comparable(room.Snapshot(), now));
}

// The schema before waiting rooms: events and orders only.
constexpr std::string_view kSchemaBeforeQueues = R"sql(
CREATE TABLE events (event_id INTEGER PRIMARY KEY, spec TEXT NOT NULL);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(event_id), zone_index INTEGER NOT NULL,
    quantity INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, amount_minor INTEGER NOT NULL,
    seats TEXT NOT NULL, idempotency_key TEXT, payment_expires_at INTEGER NOT NULL DEFAULT 0,
    request_kind INTEGER);
)sql";

TEST(QueueTables, AJournalFromBeforeWaitingRoomsOpensAndTakesThem) {
    TempDir dir;
    const std::string path = dir.File("old.db");
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok()) << db.status().ToString();
        ASSERT_TRUE((*db)->Exec(kSchemaBeforeQueues).ok());
        auto insert = (*db)->Prepare("INSERT INTO events(event_id, spec) VALUES (1, ?1)");
        ASSERT_TRUE(insert.ok());
        (*insert)->Bind(1, EncodeEventSpec(EventOne()));
        ASSERT_TRUE((*insert)->Run().ok());
    }
    const engine::RecoveredState before = Reload(path);
    EXPECT_EQ(before.events.size(), 1U);
    EXPECT_TRUE(before.queues.empty());

    engine::JournalBatch batch;
    batch.queues.rooms.push_back(Room(false));
    batch.queues.entries.push_back(Entry(1, 7, EntryStatus::kWaiting));
    ASSERT_TRUE(Append(path, batch).ok());
    const engine::RecoveredState after = Reload(path);
    ASSERT_EQ(after.queues.size(), 1U);
    EXPECT_EQ(after.queues[0].entries.size(), 1U);
}

// Loads with one row of the journal damaged by `sql`.
Status LoadDamaged(std::string_view sql) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    batch.queues.rooms.push_back(Room(false));
    batch.queues.entries.push_back(Entry(1, 7, EntryStatus::kWaiting));
    return test::LoadDamaged(path, batch, sql);
}

TEST(QueueTables, DamagedRowsAreCorruption) {
    EXPECT_EQ(LoadDamaged("UPDATE queue_rooms SET seed = 'xyz'").code(), Status::Code::kCorruption);
    EXPECT_EQ(LoadDamaged("UPDATE queue_entries SET status = 'lost'").code(),
              Status::Code::kCorruption);
    EXPECT_EQ(
        LoadDamaged("PRAGMA foreign_keys = OFF; UPDATE queue_entries SET event_id = 2").code(),
        Status::Code::kCorruption);
}

}  // namespace
}  // namespace tix::store
