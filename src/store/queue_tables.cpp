#include "store/queue_tables.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "engine/waiting_room.h"

namespace tix::store {
namespace {

using engine::EntryStatus;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS queue_rooms (
    event_id         INTEGER PRIMARY KEY REFERENCES events(event_id),
    opens_at         INTEGER NOT NULL,
    sale_starts_at   INTEGER NOT NULL,
    admit_per_minute INTEGER NOT NULL,
    active_max       INTEGER NOT NULL,
    admission_s      INTEGER NOT NULL,
    pow_bits         INTEGER NOT NULL,
    paused           INTEGER NOT NULL,
    seed             TEXT NOT NULL,     -- 64 hex digits: secret until sale start
    drawn            INTEGER NOT NULL,
    next_admission_at_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_entries (
    event_id     INTEGER NOT NULL REFERENCES queue_rooms(event_id),
    entry_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    joined_at    INTEGER NOT NULL,
    status       TEXT NOT NULL,
    in_draw      INTEGER NOT NULL,
    admitted_at  INTEGER,               -- null until admitted
    admission_expires_at INTEGER,
    PRIMARY KEY (event_id, entry_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS queue_challenges (
    event_id   INTEGER NOT NULL REFERENCES queue_rooms(event_id),
    challenge  INTEGER NOT NULL,        -- the 64-bit id, as a signed integer
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, challenge)
) WITHOUT ROWID;
)sql";

std::string SeedHex(const engine::QueueSeed& seed) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const std::uint8_t byte : seed) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0xf]);
    }
    return hex;
}

bool ParseSeedHex(std::string_view hex, engine::QueueSeed& seed) {
    if (hex.size() != 2 * seed.size()) return false;
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const int high = digit(hex[2 * i]);
        const int low = digit(hex[2 * i + 1]);
        if (high < 0 || low < 0) return false;
        seed[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return true;
}

std::optional<EntryStatus> ParseEntryStatus(std::string_view text) {
    for (const EntryStatus status :
         {EntryStatus::kWaiting, EntryStatus::kAdmitted, EntryStatus::kExpired, EntryStatus::kPaid,
          EntryStatus::kRemoved}) {
        if (engine::ToString(status) == text) return status;
    }
    return std::nullopt;
}

std::int64_t Nanos(engine::PaceTime t) { return t.time_since_epoch().count(); }

Status Corrupt(EventId event_id, std::string_view what) {
    return Status::Corruption("waiting room of event " + std::to_string(event_id.value()) + ": " +
                              std::string(what));
}

// The room of `event_id` in `rooms` (ascending event id), or null.
engine::QueueSnapshot* RoomOf(std::vector<engine::QueueSnapshot>& rooms, EventId event_id) {
    const auto it = std::lower_bound(
        rooms.begin(), rooms.end(), event_id,
        [](const engine::QueueSnapshot& room, EventId id) { return room.room.event_id < id; });
    return it == rooms.end() || it->room.event_id != event_id ? nullptr : &*it;
}

}  // namespace

Result<QueueTables> QueueTables::Open(Database& db) {
    if (Status status = db.Exec(kSchema); !status.ok()) return status;
    QueueTables tables(db);
    if (Status status = tables.Prepare(); !status.ok()) return status;
    return tables;
}

Status QueueTables::Prepare() {
    auto room = db_->Prepare(
        "INSERT INTO queue_rooms(event_id, opens_at, sale_starts_at, admit_per_minute, "
        "active_max, admission_s, pow_bits, paused, seed, drawn, next_admission_at_ns) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT(event_id) DO UPDATE SET opens_at = excluded.opens_at, "
        "sale_starts_at = excluded.sale_starts_at, admit_per_minute = excluded.admit_per_minute, "
        "active_max = excluded.active_max, admission_s = excluded.admission_s, "
        "pow_bits = excluded.pow_bits, paused = excluded.paused, seed = excluded.seed, "
        "drawn = excluded.drawn, next_admission_at_ns = excluded.next_admission_at_ns");
    if (!room.ok()) return room.status();
    upsert_room_ = std::move(room).value();
    auto entry = db_->Prepare(
        "INSERT INTO queue_entries(event_id, entry_id, user_id, joined_at, status, in_draw, "
        "admitted_at, admission_expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT(event_id, entry_id) DO UPDATE SET status = excluded.status, "
        "admitted_at = excluded.admitted_at, "
        "admission_expires_at = excluded.admission_expires_at");
    if (!entry.ok()) return entry.status();
    upsert_entry_ = std::move(entry).value();
    auto challenge = db_->Prepare(
        "INSERT INTO queue_challenges(event_id, challenge, expires_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(event_id, challenge) DO UPDATE SET expires_at = excluded.expires_at");
    if (!challenge.ok()) return challenge.status();
    upsert_challenge_ = std::move(challenge).value();
    return Status::Ok();
}

Status QueueTables::Append(const engine::QueueChanges& changes) {
    for (const engine::QueueRoomRecord& room : changes.rooms) {
        const engine::QueueConfig& c = room.config;
        upsert_room_->Reset();
        upsert_room_->Bind(1, static_cast<std::int64_t>(room.event_id.value()))
            .Bind(2, ToUnixMillis(c.opens_at))
            .Bind(3, ToUnixMillis(c.sale_starts_at))
            .Bind(4, std::int64_t{c.admit_per_minute})
            .Bind(5, std::int64_t{c.active_max})
            .Bind(6, static_cast<std::int64_t>(c.admission.count()))
            .Bind(7, std::int64_t{c.pow_bits})
            .Bind(8, std::int64_t{c.paused})
            .Bind(9, SeedHex(c.seed))
            .Bind(10, std::int64_t{room.drawn})
            .Bind(11, Nanos(room.next_admission_at));
        if (Status status = upsert_room_->Run(); !status.ok()) return status;
    }
    for (const engine::QueueEntryRecord& entry : changes.entries) {
        upsert_entry_->Reset();
        upsert_entry_->Bind(1, static_cast<std::int64_t>(entry.event_id.value()))
            .Bind(2, static_cast<std::int64_t>(entry.entry_id.value()))
            .Bind(3, static_cast<std::int64_t>(entry.user_id.value()))
            .Bind(4, ToUnixMillis(entry.joined_at))
            .Bind(5, engine::ToString(entry.status))
            .Bind(6, std::int64_t{entry.in_draw});
        if (entry.admission) {
            upsert_entry_->Bind(7, ToUnixMillis(entry.admission->admitted_at))
                .Bind(8, ToUnixMillis(entry.admission->expires_at));
        } else {
            upsert_entry_->BindNull(7).BindNull(8);
        }
        if (Status status = upsert_entry_->Run(); !status.ok()) return status;
    }
    for (const engine::QueueChallengeRecord& challenge : changes.challenges) {
        upsert_challenge_->Reset();
        upsert_challenge_->Bind(1, static_cast<std::int64_t>(challenge.event_id.value()))
            .Bind(2, static_cast<std::int64_t>(challenge.challenge))
            .Bind(3, ToUnixMillis(challenge.expires_at));
        if (Status status = upsert_challenge_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status QueueTables::Load(std::vector<engine::QueueSnapshot>& rooms) {
    auto select = db_->Prepare(
        "SELECT event_id, opens_at, sale_starts_at, admit_per_minute, active_max, admission_s, "
        "pow_bits, paused, seed, drawn, next_admission_at_ns FROM queue_rooms ORDER BY event_id");
    if (!select.ok()) return select.status();
    Statement& row = **select;
    Status status;
    while (row.Step(status)) {
        engine::QueueSnapshot snapshot;
        engine::QueueRoomRecord& room = snapshot.room;
        engine::QueueConfig& c = room.config;
        room.event_id = EventId{static_cast<std::uint64_t>(row.ColumnInt(0))};
        c.opens_at = FromUnixMillis(row.ColumnInt(1));
        c.sale_starts_at = FromUnixMillis(row.ColumnInt(2));
        c.admit_per_minute = static_cast<std::uint32_t>(row.ColumnInt(3));
        c.active_max = static_cast<std::uint32_t>(row.ColumnInt(4));
        c.admission = std::chrono::seconds{row.ColumnInt(5)};
        c.pow_bits = static_cast<std::uint32_t>(row.ColumnInt(6));
        c.paused = row.ColumnInt(7) != 0;
        if (!ParseSeedHex(row.ColumnText(8), c.seed)) return Corrupt(room.event_id, "seed");
        room.drawn = row.ColumnInt(9) != 0;
        room.next_admission_at = engine::PaceTime{std::chrono::nanoseconds{row.ColumnInt(10)}};
        rooms.push_back(std::move(snapshot));
    }
    if (!status.ok()) return status;
    if (Status entries = LoadEntries(rooms); !entries.ok()) return entries;
    return LoadChallenges(rooms);
}

Status QueueTables::LoadEntries(std::vector<engine::QueueSnapshot>& rooms) {
    auto select = db_->Prepare(
        "SELECT event_id, entry_id, user_id, joined_at, status, in_draw, admitted_at, "
        "admission_expires_at FROM queue_entries ORDER BY event_id, entry_id");
    if (!select.ok()) return select.status();
    Statement& row = **select;
    Status status;
    while (row.Step(status)) {
        engine::QueueEntryRecord entry;
        entry.event_id = EventId{static_cast<std::uint64_t>(row.ColumnInt(0))};
        entry.entry_id = engine::QueueEntryId{static_cast<std::uint64_t>(row.ColumnInt(1))};
        entry.user_id = UserId{static_cast<std::uint64_t>(row.ColumnInt(2))};
        entry.joined_at = FromUnixMillis(row.ColumnInt(3));
        const std::optional<EntryStatus> entry_status = ParseEntryStatus(row.ColumnText(4));
        if (!entry_status) return Corrupt(entry.event_id, "an entry's status");
        entry.status = *entry_status;
        entry.in_draw = row.ColumnInt(5) != 0;
        if (!row.ColumnIsNull(6)) {
            entry.admission = engine::QueueAdmission{FromUnixMillis(row.ColumnInt(6)),
                                                     FromUnixMillis(row.ColumnInt(7))};
        }
        engine::QueueSnapshot* room = RoomOf(rooms, entry.event_id);
        if (room == nullptr) return Corrupt(entry.event_id, "an entry without its room");
        room->entries.push_back(entry);
    }
    return status;
}

Status QueueTables::LoadChallenges(std::vector<engine::QueueSnapshot>& rooms) {
    auto select = db_->Prepare("SELECT event_id, challenge, expires_at FROM queue_challenges");
    if (!select.ok()) return select.status();
    Statement& row = **select;
    Status status;
    while (row.Step(status)) {
        engine::QueueChallengeRecord challenge;
        challenge.event_id = EventId{static_cast<std::uint64_t>(row.ColumnInt(0))};
        challenge.challenge = static_cast<std::uint64_t>(row.ColumnInt(1));
        challenge.expires_at = FromUnixMillis(row.ColumnInt(2));
        engine::QueueSnapshot* room = RoomOf(rooms, challenge.event_id);
        if (room == nullptr) return Corrupt(challenge.event_id, "a challenge without its room");
        room->challenges.push_back(challenge);
    }
    return status;
}

}  // namespace tix::store
