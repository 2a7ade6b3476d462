#include "store/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

namespace tix::store {
namespace {

constexpr int kBusyTimeoutMs = 5'000;

Status SqliteError(sqlite3* db, std::string_view what) {
    return Status::IoError(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Status status =
            Status::IoError("open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close(db);
        return status;
    }
    std::unique_ptr<Database> database(new Database(db));
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    Status status =
        database->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (!status.ok()) return status;
    return database;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Exec(std::string_view sql) {
    std::string owned(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Status status = Status::IoError(std::string("exec: ") + (message ? message : "?"));
        sqlite3_free(message);
        return status;
    }
    return Status::Ok();
}

Status Database::AddMissingColumns(std::string_view table,
                                   std::span<const std::array<std::string_view, 2>> columns) {
    auto present = Prepare("SELECT name FROM pragma_table_info(?1)");
    if (!present.ok()) return present.status();
    (*present)->Bind(1, table);
    std::vector<std::string> names;
    Status status;
    while ((*present)->Step(status)) names.emplace_back((*present)->ColumnText(0));
    if (!status.ok()) return status;
    for (const auto& [name, type] : columns) {
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        const std::string sql = "ALTER TABLE " + std::string(table) + " ADD COLUMN " +
                                std::string(name) + " " + std::string(type);
        if (Status added = Exec(sql); !added.ok()) return added;
    }
    return Status::Ok();
}

Result<std::unique_ptr<Statement>> Database::Prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
        return SqliteError(db_, "prepare");
    }
    return std::unique_ptr<Statement>(new Statement(db_, stmt));
}

std::int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK && bind_result_ == SQLITE_OK) bind_result_ = rc;
    return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
    const int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK && bind_result_ == SQLITE_OK) bind_result_ = rc;
    return *this;
}

Statement& Statement::BindNull(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK && bind_result_ == SQLITE_OK) bind_result_ = rc;
    return *this;
}

Statement& Statement::BindReal(int index, double value) {
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK && bind_result_ == SQLITE_OK) bind_result_ = rc;
    return *this;
}

bool Statement::Step(Status& status) {
    if (bind_result_ != SQLITE_OK) {
        status = Status::InvalidArgument(std::string("bind: ") + sqlite3_errstr(bind_result_));
        return false;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) status = Error("step");
    return false;
}

Status Statement::Run() {
    Status status;
    if (Step(status)) return Status::IoError("statement returned rows");
    return status;
}

void Statement::Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_result_ = SQLITE_OK;
}

std::int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Statement::ColumnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Statement::ColumnIsNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::ColumnReal(int column, double& value) const {
    const int type = sqlite3_column_type(stmt_, column);
    if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) return false;
    value = sqlite3_column_double(stmt_, column);
    return true;
}

Status Statement::Error(std::string_view what) const {
    const int code = sqlite3_extended_errcode(db_);
    Status status = SqliteError(db_, what);
    if ((code & 0xff) == SQLITE_CONSTRAINT) return Status::AlreadyExists(status.message());
    return status;
}

}  // namespace tix::store
