#include "store/ticket_tables.h"

#include <string>
#include <string_view>

namespace tix::store {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS tickets (
    issue_seq      INTEGER PRIMARY KEY,
    ticket_id      TEXT NOT NULL,
    event_id       INTEGER NOT NULL,
    order_id       INTEGER NOT NULL REFERENCES orders(order_id),
    holder         INTEGER NOT NULL,
    zone_index     INTEGER NOT NULL,
    unit           INTEGER NOT NULL,
    seat           INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    bundle_version INTEGER NOT NULL,
    issued_at      INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_scans (
    ticket_id  TEXT NOT NULL,
    event_id   INTEGER NOT NULL,
    gate       TEXT NOT NULL,
    scanned_at INTEGER NOT NULL,
    online     INTEGER NOT NULL
);
)sql";

std::int64_t AsInt(std::uint64_t value) { return static_cast<std::int64_t>(value); }

}  // namespace

Result<TicketTables> TicketTables::Open(Database& db) {
    if (Status status = db.Exec(kSchema); !status.ok()) return status;
    TicketTables tables(db);
    if (Status status = tables.Prepare(); !status.ok()) return status;
    return tables;
}

Status TicketTables::Prepare() {
    auto upsert = db_->Prepare(
        "INSERT INTO tickets(issue_seq, ticket_id, event_id, order_id, holder, zone_index, unit, "
        "seat, version, status, bundle_version, issued_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT(issue_seq) DO UPDATE SET holder = excluded.holder, "
        "version = excluded.version, status = excluded.status, "
        "bundle_version = excluded.bundle_version, updated_at = excluded.updated_at");
    if (!upsert.ok()) return upsert.status();
    upsert_ticket_ = std::move(upsert).value();
    auto insert = db_->Prepare(
        "INSERT INTO ticket_scans(ticket_id, event_id, gate, scanned_at, online) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert.ok()) return insert.status();
    insert_scan_ = std::move(insert).value();
    return Status::Ok();
}

Status TicketTables::Append(const engine::TicketChanges& changes) {
    for (const engine::Ticket& t : changes.tickets) {
        upsert_ticket_->Reset();
        upsert_ticket_->Bind(1, AsInt(t.issue_seq))
            .Bind(2, engine::ToHex(t.ticket_id))
            .Bind(3, AsInt(t.event_id.value()))
            .Bind(4, AsInt(t.order_id.value()))
            .Bind(5, AsInt(t.holder.value()))
            .Bind(6, std::int64_t{t.zone_index})
            .Bind(7, std::int64_t{t.unit})
            .Bind(8, std::int64_t{t.seat})
            .Bind(9, std::int64_t{t.version})
            .Bind(10, engine::ToString(t.status))
            .Bind(11, AsInt(t.bundle_version))
            .Bind(12, ToUnixMillis(t.issued_at))
            .Bind(13, ToUnixMillis(t.updated_at));
        if (Status status = upsert_ticket_->Run(); !status.ok()) return status;
    }
    for (const engine::Scan& scan : changes.scans) {
        insert_scan_->Reset();
        insert_scan_->Bind(1, engine::ToHex(scan.ticket_id))
            .Bind(2, AsInt(scan.event_id.value()))
            .Bind(3, scan.gate)
            .Bind(4, ToUnixMillis(scan.scanned_at))
            .Bind(5, std::int64_t{scan.online ? 1 : 0});
        if (Status status = insert_scan_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status TicketTables::LoadTickets(engine::TicketSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT issue_seq, ticket_id, event_id, order_id, holder, zone_index, unit, seat, version, "
        "status, bundle_version, issued_at, updated_at FROM tickets ORDER BY issue_seq");
    if (!rows.ok()) return rows.status();
    Statement& row = **rows;
    Status status;
    while (row.Step(status)) {
        engine::Ticket t;
        t.issue_seq = static_cast<std::uint64_t>(row.ColumnInt(0));
        const auto id = engine::ParseTicketId(row.ColumnText(1));
        const auto ticket_status = engine::ParseTicketStatus(row.ColumnText(9));
        if (!id || !ticket_status) {
            return Status::Corruption("ticket " + std::to_string(t.issue_seq));
        }
        t.ticket_id = *id;
        t.event_id = EventId{static_cast<std::uint64_t>(row.ColumnInt(2))};
        t.order_id = OrderId{static_cast<std::uint64_t>(row.ColumnInt(3))};
        t.holder = UserId{static_cast<std::uint64_t>(row.ColumnInt(4))};
        t.zone_index = static_cast<std::uint16_t>(row.ColumnInt(5));
        t.unit = static_cast<std::uint8_t>(row.ColumnInt(6));
        t.seat = static_cast<std::uint32_t>(row.ColumnInt(7));
        t.version = static_cast<std::uint32_t>(row.ColumnInt(8));
        t.status = *ticket_status;
        t.bundle_version = static_cast<std::uint64_t>(row.ColumnInt(10));
        t.issued_at = FromUnixMillis(row.ColumnInt(11));
        t.updated_at = FromUnixMillis(row.ColumnInt(12));
        snapshot.tickets.push_back(t);
    }
    return status;
}

Status TicketTables::LoadScans(engine::TicketSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT ticket_id, event_id, gate, scanned_at, online FROM ticket_scans ORDER BY rowid");
    if (!rows.ok()) return rows.status();
    Statement& row = **rows;
    Status status;
    while (row.Step(status)) {
        const auto id = engine::ParseTicketId(row.ColumnText(0));
        if (!id) return Status::Corruption("scan of ticket " + std::string(row.ColumnText(0)));
        snapshot.scans.push_back({*id, EventId{static_cast<std::uint64_t>(row.ColumnInt(1))},
                                  std::string(row.ColumnText(2)), FromUnixMillis(row.ColumnInt(3)),
                                  row.ColumnInt(4) != 0});
    }
    return status;
}

Status TicketTables::Load(engine::TicketSnapshot& snapshot) {
    if (Status status = LoadTickets(snapshot); !status.ok()) return status;
    return LoadScans(snapshot);
}

}  // namespace tix::store
