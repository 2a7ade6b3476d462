#include "store/payment_tables.h"

#include <string>
#include <string_view>

namespace tix::store {
namespace {

// order_id names a ticket order or a campaign order (one id sequence, two tables): no foreign key.
constexpr std::string_view kPaymentsColumns = R"sql((
    order_id      INTEGER PRIMARY KEY,
    payment_id    TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    state         TEXT NOT NULL,
    refund_id     TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
))sql";

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS payment_events (
    event_id     TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    payment_id   TEXT NOT NULL,
    order_id     INTEGER NOT NULL,     -- as the event named it: not necessarily a known order
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    refund_id    TEXT NOT NULL,
    created_at   INTEGER NOT NULL,     -- at the provider
    applied_at   INTEGER NOT NULL,
    outcome      TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Journals made before won campaign orders could be paid have payments.order_id REFERENCES
// orders(order_id). SQLite cannot drop a constraint in place: the table is rebuilt without it, in
// one transaction.
Status LetPaymentsNameAnyOrder(Database& db) {
    {
        // Finalized before the rebuild: a statement still open on the table locks it.
        auto keys = db.Prepare("SELECT count(*) FROM pragma_foreign_key_list('payments')");
        if (!keys.ok()) return keys.status();
        Status status;
        if (!(*keys)->Step(status)) return status;
        if ((*keys)->ColumnInt(0) == 0) return Status::Ok();
    }
    const std::string rebuild =
        "BEGIN; CREATE TABLE payments_any_order " + std::string(kPaymentsColumns) +
        "; INSERT INTO payments_any_order SELECT order_id, payment_id, client_secret, "
        "amount_minor, currency, state, refund_id, created_at, updated_at FROM payments; "
        "DROP TABLE payments; ALTER TABLE payments_any_order RENAME TO payments; COMMIT;";
    if (Status rebuilt = db.Exec(rebuild); !rebuilt.ok()) {
        db.Exec("ROLLBACK");  // the error is the one to report
        return rebuilt;
    }
    return Status::Ok();
}

}  // namespace

Result<PaymentTables> PaymentTables::Open(Database& db) {
    const std::string payments =
        "CREATE TABLE IF NOT EXISTS payments " + std::string(kPaymentsColumns) + ";";
    if (Status status = db.Exec(payments); !status.ok()) return status;
    if (Status status = LetPaymentsNameAnyOrder(db); !status.ok()) return status;
    if (Status status = db.Exec(kSchema); !status.ok()) return status;
    PaymentTables tables(db);
    if (Status status = tables.Prepare(); !status.ok()) return status;
    return tables;
}

Status PaymentTables::Prepare() {
    auto upsert = db_->Prepare(
        "INSERT INTO payments(order_id, payment_id, client_secret, amount_minor, currency, state, "
        "refund_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT(order_id) DO UPDATE SET payment_id = excluded.payment_id, "
        "client_secret = excluded.client_secret, amount_minor = excluded.amount_minor, "
        "currency = excluded.currency, state = excluded.state, refund_id = excluded.refund_id, "
        "updated_at = excluded.updated_at");
    if (!upsert.ok()) return upsert.status();
    upsert_payment_ = std::move(upsert).value();
    auto insert = db_->Prepare(
        "INSERT INTO payment_events(event_id, kind, payment_id, order_id, amount_minor, currency, "
        "refund_id, created_at, applied_at, outcome) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert.ok()) return insert.status();
    insert_event_ = std::move(insert).value();
    return Status::Ok();
}

Status PaymentTables::Append(const engine::PaymentChanges& changes) {
    for (const engine::Payment& p : changes.payments) {
        upsert_payment_->Reset();
        upsert_payment_->Bind(1, static_cast<std::int64_t>(p.order_id.value()))
            .Bind(2, p.payment_id)
            .Bind(3, p.client_secret)
            .Bind(4, p.amount_minor)
            .Bind(5, p.currency)
            .Bind(6, engine::ToString(p.state))
            .Bind(7, p.refund_id)
            .Bind(8, ToUnixMillis(p.created_at))
            .Bind(9, ToUnixMillis(p.updated_at));
        if (Status status = upsert_payment_->Run(); !status.ok()) return status;
    }
    for (const engine::AppliedPaymentEvent& applied : changes.events) {
        const engine::PaymentEvent& e = applied.event;
        insert_event_->Reset();
        insert_event_->Bind(1, e.event_id)
            .Bind(2, engine::ToString(e.kind))
            .Bind(3, e.payment_id)
            .Bind(4, static_cast<std::int64_t>(e.order_id.value()))
            .Bind(5, e.amount_minor)
            .Bind(6, e.currency)
            .Bind(7, e.refund_id)
            .Bind(8, ToUnixMillis(e.created))
            .Bind(9, ToUnixMillis(applied.applied_at))
            .Bind(10, engine::ToString(applied.outcome));
        if (Status status = insert_event_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status PaymentTables::LoadPayments(engine::PaymentSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT order_id, payment_id, client_secret, amount_minor, currency, state, refund_id, "
        "created_at, updated_at FROM payments ORDER BY order_id");
    if (!rows.ok()) return rows.status();
    Statement& row = **rows;
    Status status;
    while (row.Step(status)) {
        engine::Payment p;
        p.order_id = static_cast<OrderId>(row.ColumnInt(0));
        p.payment_id = row.ColumnText(1);
        p.client_secret = row.ColumnText(2);
        p.amount_minor = row.ColumnInt(3);
        p.currency = row.ColumnText(4);
        const auto state = engine::ParsePaymentState(row.ColumnText(5));
        if (!state) {
            return Status::Corruption("payment of order " + std::to_string(p.order_id.value()));
        }
        p.state = *state;
        p.refund_id = row.ColumnText(6);
        p.created_at = FromUnixMillis(row.ColumnInt(7));
        p.updated_at = FromUnixMillis(row.ColumnInt(8));
        snapshot.payments.push_back(std::move(p));
    }
    return status;
}

Status PaymentTables::Load(engine::PaymentSnapshot& snapshot) {
    if (Status status = LoadPayments(snapshot); !status.ok()) return status;
    auto rows = db_->Prepare("SELECT event_id FROM payment_events");
    if (!rows.ok()) return rows.status();
    Status status;
    while ((*rows)->Step(status)) snapshot.event_ids.emplace_back((*rows)->ColumnText(0));
    return status;
}

}  // namespace tix::store
