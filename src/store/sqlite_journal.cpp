#include "store/sqlite_journal.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "store/event_codec.h"

namespace tix::store {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events (
    event_id INTEGER PRIMARY KEY,
    spec     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    order_id        INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL,
    event_id        INTEGER NOT NULL REFERENCES events(event_id),
    zone_index      INTEGER NOT NULL,
    quantity        INTEGER NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    amount_minor    INTEGER NOT NULL,
    seats           TEXT NOT NULL,
    idempotency_key TEXT,
    payment_expires_at INTEGER NOT NULL DEFAULT 0,
    request_kind    INTEGER,
    refund_reason   TEXT NOT NULL DEFAULT 'none'
);
-- tixd reads orders only at start-up, in order_id order. An index by user made every commit
-- rewrite one random index page per new order (measured: 11 WAL pages per commit of ~30 holds).
DROP INDEX IF EXISTS orders_by_user;
)sql";

// Seat indices as "12,13,14": compact, and readable with the sqlite3 shell.
std::string EncodeSeats(const engine::Order& order) {
    // General admission orders store zeros here too: the zone kind, not this list, says which
    // it is, and writing them keeps the round trip exact.
    std::string out;
    for (std::uint8_t i = 0; i < order.quantity; ++i) {
        if (i > 0) out.push_back(',');
        out += std::to_string(order.seats[i]);
    }
    return out;
}

bool DecodeSeats(std::string_view text, engine::Order& order) {
    std::uint8_t i = 0;
    while (!text.empty()) {
        if (i >= order.seats.size()) return false;
        const size_t comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        const auto [ptr, ec] =
            std::from_chars(part.data(), part.data() + part.size(), order.seats[i]);
        if (ec != std::errc() || ptr != part.data() + part.size()) return false;
        ++i;
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return i == order.quantity;
}

// Columns added after the first release, for journals created before them.
constexpr std::array<std::string_view, 2> kAddedOrderColumns[] = {
    {"payment_expires_at", "INTEGER NOT NULL DEFAULT 0"},
    {"request_kind", "INTEGER"},
    {"refund_reason", "TEXT NOT NULL DEFAULT 'none'"},
};

}  // namespace

Result<std::unique_ptr<SqliteJournal>> SqliteJournal::Open(const std::string& path) {
    auto db = Database::Open(path);
    if (!db.ok()) return db.status();
    std::unique_ptr<SqliteJournal> journal(new SqliteJournal(std::move(db).value()));
    if (Status status = journal->db_->Exec(kSchema); !status.ok()) return status;
    if (Status status = journal->db_->AddMissingColumns("orders", kAddedOrderColumns); !status.ok())
        return status;
    if (Status status = journal->Prepare(); !status.ok()) return status;
    auto queues = QueueTables::Open(*journal->db_);
    if (!queues.ok()) return queues.status();
    journal->queues_.emplace(std::move(queues).value());
    auto payments = PaymentTables::Open(*journal->db_);
    if (!payments.ok()) return payments.status();
    journal->payments_.emplace(std::move(payments).value());
    auto tickets = TicketTables::Open(*journal->db_);
    if (!tickets.ok()) return tickets.status();
    journal->tickets_.emplace(std::move(tickets).value());
    auto bidding = BiddingTables::Open(*journal->db_);
    if (!bidding.ok()) return bidding.status();
    journal->bidding_.emplace(std::move(bidding).value());
    return journal;
}

Status SqliteJournal::Prepare() {
    auto insert_event = db_->Prepare("INSERT INTO events(event_id, spec) VALUES (?1, ?2)");
    if (!insert_event.ok()) return insert_event.status();
    insert_event_ = std::move(insert_event).value();
    auto upsert_order = db_->Prepare(
        "INSERT INTO orders(order_id, user_id, event_id, zone_index, quantity, status, "
        "created_at, expires_at, updated_at, amount_minor, seats, idempotency_key, "
        "payment_expires_at, request_kind, refund_reason) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
        // A status change snapshot does not carry the key: keep the one written at creation.
        "ON CONFLICT(order_id) DO UPDATE SET status = excluded.status, "
        "expires_at = excluded.expires_at, updated_at = excluded.updated_at, "
        "payment_expires_at = excluded.payment_expires_at, "
        "refund_reason = excluded.refund_reason, "
        "idempotency_key = coalesce(excluded.idempotency_key, orders.idempotency_key), "
        "request_kind = coalesce(excluded.request_kind, orders.request_kind)");
    if (!upsert_order.ok()) return upsert_order.status();
    upsert_order_ = std::move(upsert_order).value();
    return Status::Ok();
}

Status SqliteJournal::Append(const engine::JournalBatch& batch) {
    if (batch.empty()) return Status::Ok();
    if (Status status = db_->Exec("BEGIN IMMEDIATE"); !status.ok()) return status;
    Status status = AppendInTransaction(batch);
    if (status.ok()) status = db_->Exec("COMMIT");
    if (!status.ok()) db_->Exec("ROLLBACK");  // best effort; the caller stops either way
    return status;
}

Status SqliteJournal::AppendInTransaction(const engine::JournalBatch& batch) {
    for (const engine::EventSpec& spec : batch.events) {
        insert_event_->Reset();
        insert_event_->Bind(1, static_cast<std::int64_t>(spec.event_id.value()))
            .Bind(2, EncodeEventSpec(spec));
        if (Status status = insert_event_->Run(); !status.ok()) return status;
    }
    for (const engine::OrderRecord& record : batch.orders) {
        const engine::Order& o = record.order;
        upsert_order_->Reset();
        upsert_order_->Bind(1, static_cast<std::int64_t>(o.order_id.value()))
            .Bind(2, static_cast<std::int64_t>(o.user_id.value()))
            .Bind(3, static_cast<std::int64_t>(o.event_id.value()))
            .Bind(4, std::int64_t{o.zone_index})
            .Bind(5, std::int64_t{o.quantity})
            .Bind(6, engine::ToString(o.status))
            .Bind(7, ToUnixMillis(o.created_at))
            .Bind(8, ToUnixMillis(o.expires_at))
            .Bind(9, ToUnixMillis(o.updated_at))
            .Bind(10, o.amount_minor)
            .Bind(11, EncodeSeats(o));
        upsert_order_->Bind(13, ToUnixMillis(o.payment_expires_at))
            .Bind(15, engine::ToString(o.refund_reason));
        if (record.idempotency_key.empty()) {
            upsert_order_->BindNull(12).BindNull(14);
        } else {
            upsert_order_->Bind(12, record.idempotency_key)
                .Bind(14, static_cast<std::int64_t>(record.request_kind));
        }
        if (Status status = upsert_order_->Run(); !status.ok()) return status;
    }
    if (Status status = queues_->Append(batch.queues); !status.ok()) return status;
    if (Status status = payments_->Append(batch.payments); !status.ok()) return status;
    if (Status status = tickets_->Append(batch.tickets); !status.ok()) return status;
    return bidding_->Append(batch.bidding);
}

Status SqliteJournal::CheckpointWal() {
    auto checkpoint = db_->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!checkpoint.ok()) return checkpoint.status();
    Status status;
    // One row: busy, frames in the WAL, frames checkpointed.
    if ((*checkpoint)->Step(status) && (*checkpoint)->ColumnInt(0) != 0) {
        return Status::IoError("the WAL checkpoint was blocked by another connection");
    }
    return status;
}

Status SqliteJournal::Load(engine::RecoveredState& state) {
    // A transaction SQLite finds committed in the WAL may never have reached the disk: tixd was
    // killed between its write and its fsync, or the fsync failed. SQLite reads it all the same
    // (from the page cache), and tixd would serve it, then lose it to a power loss. A checkpoint
    // syncs the WAL, copies it into the database and syncs that, so what Load returns is on
    // disk. (TRUNCATE also leaves an empty WAL to start from.)
    if (Status status = CheckpointWal(); !status.ok()) return status;
    auto events = db_->Prepare("SELECT spec FROM events ORDER BY event_id");
    if (!events.ok()) return events.status();
    Status status;
    while ((*events)->Step(status)) {
        auto spec = DecodeEventSpec((*events)->ColumnText(0));
        if (!spec.ok()) return spec.status();
        state.events.push_back(std::move(spec).value());
    }
    if (!status.ok()) return status;

    auto orders = db_->Prepare(
        "SELECT order_id, user_id, event_id, zone_index, quantity, status, created_at, "
        "expires_at, updated_at, amount_minor, seats, idempotency_key, payment_expires_at, "
        "request_kind, refund_reason FROM orders "
        "ORDER BY order_id");
    if (!orders.ok()) return orders.status();
    Statement& row = **orders;
    while (row.Step(status)) {
        engine::OrderRecord record;
        engine::Order& o = record.order;
        o.order_id = static_cast<OrderId>(row.ColumnInt(0));
        o.user_id = static_cast<UserId>(row.ColumnInt(1));
        o.event_id = static_cast<EventId>(row.ColumnInt(2));
        o.zone_index = static_cast<std::uint16_t>(row.ColumnInt(3));
        o.quantity = static_cast<std::uint8_t>(row.ColumnInt(4));
        const auto order_status = engine::ParseOrderStatus(row.ColumnText(5));
        if (!order_status) return Status::Corruption("order " + std::to_string(o.order_id.value()));
        o.status = *order_status;
        o.created_at = FromUnixMillis(row.ColumnInt(6));
        o.expires_at = FromUnixMillis(row.ColumnInt(7));
        o.updated_at = FromUnixMillis(row.ColumnInt(8));
        o.amount_minor = row.ColumnInt(9);
        if (!DecodeSeats(row.ColumnText(10), o)) {
            return Status::Corruption("seats of order " + std::to_string(o.order_id.value()));
        }
        if (!row.ColumnIsNull(11)) record.idempotency_key = row.ColumnText(11);
        o.payment_expires_at = FromUnixMillis(row.ColumnInt(12));
        if (!row.ColumnIsNull(13)) {
            const std::int64_t kind = row.ColumnInt(13);
            if (kind < 0 || kind > static_cast<std::int64_t>(engine::RequestKind::kUnknown)) {
                return Status::Corruption("request kind of order " +
                                          std::to_string(o.order_id.value()));
            }
            record.request_kind = static_cast<engine::RequestKind>(kind);
        }
        const auto refund_reason = engine::ParseRefundReason(row.ColumnText(14));
        if (!refund_reason) {
            return Status::Corruption("refund reason of order " +
                                      std::to_string(o.order_id.value()));
        }
        o.refund_reason = *refund_reason;
        state.orders.push_back(std::move(record));
    }
    if (!status.ok()) return status;
    if (Status loaded = queues_->Load(state.queues); !loaded.ok()) return loaded;
    if (Status loaded = payments_->Load(state.payments); !loaded.ok()) return loaded;
    if (Status loaded = tickets_->Load(state.tickets); !loaded.ok()) return loaded;
    return bidding_->Load(state.bidding);
}

}  // namespace tix::store
