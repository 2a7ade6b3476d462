// A thin RAII layer over the SQLite C API: one connection, prepared statements, Status errors.
// A Database is used by one thread at a time; open one per thread that needs it (WAL mode lets
// readers run beside the single writer).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tix::store {

class Statement;

class Database {
  public:
    // Opens (creating if needed) the file in WAL mode with synchronous=FULL, foreign keys on and
    // a busy timeout, so a commit that returns is on disk.
    static Result<std::unique_ptr<Database>> Open(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
    Status Exec(std::string_view sql);
    Result<std::unique_ptr<Statement>> Prepare(std::string_view sql);
    // Adds each {name, type} column the table lacks: columns added after a table was first
    // released, for journals created before them.
    Status AddMissingColumns(std::string_view table,
                             std::span<const std::array<std::string_view, 2>> columns);
    std::int64_t LastInsertRowId() const;
    sqlite3* handle() const { return db_; }

  private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_;
};

// A prepared statement. Bind indices start at 1, column indices at 0. Reset() before reuse.
class Statement {
  public:
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, std::string_view text);
    Statement& BindNull(int index);
    // A double as REAL: SQLite keeps every bit of it, except the sign of a zero (-0.0 comes back
    // as 0.0) and NaN (stored as NULL).
    Statement& BindReal(int index, double value);
    // Advances: true with a row ready, false when done; an error leaves `status` set.
    bool Step(Status& status);
    // Runs to completion, expecting no rows.
    Status Run();
    void Reset();

    std::int64_t ColumnInt(int column) const;
    std::string_view ColumnText(int column) const;
    bool ColumnIsNull(int column) const;
    // The column as a double; false unless it holds a number (REAL, or INTEGER that SQLite
    // stores for a REAL column's integral values).
    bool ColumnReal(int column, double& value) const;

  private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Status Error(std::string_view what) const;

    sqlite3* db_;
    sqlite3_stmt* stmt_;
    int bind_result_ = 0;  // first failed bind, reported by Step/Run
};

}  // namespace tix::store
