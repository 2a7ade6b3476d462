#include "postgres_store.h"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <memory>
#include <string_view>

#include "postgres_sql.h"

namespace tix::bench {
namespace {

namespace sql = postgres_sql;

struct ConnectionFinish {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClear {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionFinish>;
using ResultPtr = std::unique_ptr<PGresult, ResultClear>;

Result<ConnectionPtr> Open(const std::string& conninfo) {
    ConnectionPtr connection(PQconnectdb(conninfo.c_str()));
    if (connection == nullptr) return {.error = "postgres: out of memory"};
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        return {.error = std::string("postgres: ") + PQerrorMessage(connection.get())};
    }
    return {.value = std::move(connection)};
}

bool Succeeded(const PGresult* result) {
    const ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::string ErrorOf(PGconn* connection) {
    std::string error = PQerrorMessage(connection);
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    return error;
}

std::int64_t Int64At(const PGresult* result, int row, int column) {
    const std::string_view text = PQgetvalue(result, row, column);
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// Runs `sql` with text parameters, no prepared statement: for setup and snapshots.
ResultPtr Query(PGconn* connection, const char* query, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const std::string& param : params) values.push_back(param.c_str());
    return ResultPtr(PQexecParams(connection, query, static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0));
}

class PostgresConnection final : public AltConnection {
  public:
    PostgresConnection(ConnectionPtr connection, PostgresVariant variant)
        : connection_(std::move(connection)), variant_(variant) {}

    // Prepares every statement; false with last_error() set when the server refuses.
    bool Prepare() {
        for (const sql::Statement& statement : sql::kStatements) {
            const ResultPtr result(
                PQprepare(connection_.get(), statement.name, statement.sql, 0, nullptr));
            if (!Succeeded(result.get())) return Fail();
        }
        return true;
    }

    HoldReply Hold(std::uint64_t user, std::uint32_t zone, std::uint32_t quantity) override {
        const std::string user_text = std::to_string(user), zone_text = std::to_string(zone),
                          quantity_text = std::to_string(quantity);
        if (!Command("BEGIN")) return {};
        if (variant_ == PostgresVariant::kConditionalUpdate) {
            const ResultPtr taken = Execute(sql::kZoneTake, {zone_text, quantity_text});
            if (taken == nullptr) return {};
            if (RowsAffected(taken.get()) == 0) return Refuse(StoreOutcome::kSoldOut);
        } else {
            const ResultPtr locked = Execute(sql::kZoneLock, {zone_text});
            if (locked == nullptr) return {};
            if (PQntuples(locked.get()) != 1) {
                Abort("no such zone " + zone_text);
                return {};
            }
            const std::int64_t total = Int64At(locked.get(), 0, 0);
            const std::int64_t sold = Int64At(locked.get(), 0, 1);
            if (sold + quantity > total) return Refuse(StoreOutcome::kSoldOut);
            if (Execute(sql::kZoneAdd, {zone_text, quantity_text}) == nullptr) return {};
        }
        const ResultPtr user_taken =
            Execute(sql::kUserTake, {user_text, quantity_text, std::to_string(kTicketsPerUserMax)});
        if (user_taken == nullptr) return {};
        if (RowsAffected(user_taken.get()) == 0) return Refuse(StoreOutcome::kLimitExceeded);
        const ResultPtr inserted = Execute(
            sql::kHoldInsert, {user_text, zone_text, quantity_text, std::to_string(kHoldTtlS)});
        if (inserted == nullptr) return {};
        const std::int64_t hold_id = Int64At(inserted.get(), 0, 0);
        if (!Command("COMMIT")) return {};
        return {.outcome = StoreOutcome::kHeld, .hold_id = hold_id};
    }

    StoreOutcome Confirm(const HoldRef& hold) override {
        // One statement: its own transaction, committed (and flushed) before the answer.
        const ResultPtr confirmed =
            Execute(sql::kHoldConfirm, {std::to_string(hold.hold_id), std::to_string(hold.user)});
        if (confirmed == nullptr) return StoreOutcome::kError;
        return RowsAffected(confirmed.get()) == 1 ? StoreOutcome::kDone : StoreOutcome::kNotHeld;
    }

    StoreOutcome Cancel(const HoldRef& hold) override {
        if (!Command("BEGIN")) return StoreOutcome::kError;
        const ResultPtr deleted =
            Execute(sql::kHoldDelete, {std::to_string(hold.hold_id), std::to_string(hold.user)});
        if (deleted == nullptr) return StoreOutcome::kError;
        if (PQntuples(deleted.get()) != 1) return Refuse(StoreOutcome::kNotHeld).outcome;
        const std::string zone_text = PQgetvalue(deleted.get(), 0, 0);
        const std::string returned = "-" + std::string(PQgetvalue(deleted.get(), 0, 1));
        if (Execute(sql::kZoneAdd, {zone_text, returned}) == nullptr) return StoreOutcome::kError;
        if (Execute(sql::kUserAdd, {std::to_string(hold.user), returned}) == nullptr) {
            return StoreOutcome::kError;
        }
        return Command("COMMIT") ? StoreOutcome::kDone : StoreOutcome::kError;
    }

    const std::string& last_error() const override { return last_error_; }

  private:
    static constexpr int kParamsMax = 4;

    // The statement's result, or null after recording the error and rolling back.
    ResultPtr Execute(const sql::Statement& statement, std::initializer_list<std::string> params) {
        std::array<const char*, kParamsMax> values{};
        int count = 0;
        for (const std::string& param : params) values.at(count++) = param.c_str();
        ResultPtr result(PQexecPrepared(connection_.get(), statement.name, count, values.data(),
                                        nullptr, nullptr, 0));
        if (Succeeded(result.get())) return result;
        Abort(ErrorOf(connection_.get()));
        return nullptr;
    }

    bool Command(const char* command) {
        const ResultPtr result(PQexec(connection_.get(), command));
        if (Succeeded(result.get())) return true;
        Abort(ErrorOf(connection_.get()));
        return false;
    }

    static std::int64_t RowsAffected(const PGresult* result) {
        const std::string_view text = PQcmdTuples(const_cast<PGresult*>(result));
        std::int64_t rows = 0;
        std::from_chars(text.data(), text.data() + text.size(), rows);
        return rows;
    }

    // A domain refusal: nothing of the transaction may stay.
    HoldReply Refuse(StoreOutcome outcome) {
        const ResultPtr result(PQexec(connection_.get(), "ROLLBACK"));
        if (!Succeeded(result.get())) {
            Fail();
            return {};
        }
        return {.outcome = outcome};
    }

    // After an error inside a transaction: roll back if the connection still works, so the next
    // request starts clean (the runner reconnects when it does not).
    void Abort(const std::string& why) {
        last_error_ = why;
        if (PQstatus(connection_.get()) != CONNECTION_OK) return;
        if (PQtransactionStatus(connection_.get()) == PQTRANS_IDLE) return;
        const ResultPtr result(PQexec(connection_.get(), "ROLLBACK"));
    }

    bool Fail() {
        last_error_ = ErrorOf(connection_.get());
        return false;
    }

    ConnectionPtr connection_;
    PostgresVariant variant_;
    std::string last_error_;
};

}  // namespace

std::string PostgresStore::Setup(const Scenario& scenario, std::uint64_t users) {
    auto connection = Open(conninfo_);
    if (!connection.ok()) return connection.error;
    PGconn* pg = connection.value->get();
    const ResultPtr schema(PQexec(pg, sql::kSchema));
    if (!Succeeded(schema.get())) return "schema: " + ErrorOf(pg);
    for (std::uint32_t zone = 0; zone < scenario.zones.size(); ++zone) {
        const ResultPtr inserted =
            Query(pg, sql::kInsertZone,
                  {std::to_string(zone), std::to_string(scenario.zones[zone].capacity)});
        if (!Succeeded(inserted.get())) return "zones: " + ErrorOf(pg);
    }
    const ResultPtr inserted = Query(pg, sql::kInsertUsers, {std::to_string(users)});
    if (!Succeeded(inserted.get())) return "user_limits: " + ErrorOf(pg);
    // Fresh statistics and no checkpoint debt from setup inside the measured window.
    for (const char* command : {"VACUUM ANALYZE", "CHECKPOINT"}) {
        const ResultPtr result(PQexec(pg, command));
        if (!Succeeded(result.get())) return std::string(command) + ": " + ErrorOf(pg);
    }
    return {};
}

Result<std::unique_ptr<AltConnection>> PostgresStore::Connect() {
    auto connection = Open(conninfo_);
    if (!connection.ok()) return {.error = connection.error};
    auto prepared = std::make_unique<PostgresConnection>(std::move(*connection.value), variant_);
    if (!prepared->Prepare()) return {.error = "prepare: " + prepared->last_error()};
    return {.value = std::move(prepared)};
}

Result<StoreSnapshot> PostgresStore::Snapshot(const Scenario& scenario, std::uint64_t /*users*/) {
    auto connection = Open(conninfo_);
    if (!connection.ok()) return {.error = connection.error};
    PGconn* pg = connection.value->get();
    StoreSnapshot snapshot;
    snapshot.zone_taken.assign(scenario.zones.size(), 0);
    snapshot.zone_hold_records.emplace(scenario.zones.size(), 0);
    auto read = [&](const char* query, auto&& row) -> std::string {
        const ResultPtr result(PQexec(pg, query));
        if (!Succeeded(result.get())) return ErrorOf(pg);
        for (int i = 0; i < PQntuples(result.get()); ++i) {
            row(Int64At(result.get(), i, 0), Int64At(result.get(), i, 1));
        }
        return {};
    };
    auto zone_in = [&](std::vector<std::int64_t>& per_zone) {
        return [&](std::int64_t zone, std::int64_t value) {
            if (zone >= 0 && static_cast<std::size_t>(zone) < per_zone.size()) {
                per_zone[zone] = value;
            }
        };
    };
    std::string error = read(sql::kZoneTaken, zone_in(snapshot.zone_taken));
    if (error.empty()) error = read(sql::kZoneHoldRecords, zone_in(*snapshot.zone_hold_records));
    if (error.empty()) {
        error = read(sql::kUserTickets, [&](std::int64_t user, std::int64_t tickets) {
            snapshot.user_tickets[static_cast<std::uint64_t>(user)] = tickets;
        });
    }
    if (!error.empty()) return {.error = error};
    return {.value = std::move(snapshot)};
}

}  // namespace tix::bench
