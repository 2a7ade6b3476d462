#include "auth/user_directory.h"

#include <utility>

namespace tix::auth {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users(
    user_id INTEGER PRIMARY KEY,
    email TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    banned_at INTEGER,
    weight REAL NOT NULL DEFAULT 1.0
);)sql";
// Files made before bans (or member weights) existed lack those columns: they are added, NULL
// (or the default weight) for every user.
constexpr std::string_view kColumns = "PRAGMA table_info(users)";
struct AddedColumn {
    std::string_view name;
    std::string_view add;
};
constexpr AddedColumn kAddedColumns[] = {
    {"banned_at", "ALTER TABLE users ADD COLUMN banned_at INTEGER"},
    {"weight", "ALTER TABLE users ADD COLUMN weight REAL NOT NULL DEFAULT 1.0"},
};
static_assert(limits::kDefaultMemberWeight == 1.0, "the column's DEFAULT says 1.0");

constexpr std::string_view kInsert =
    "INSERT INTO users(email, name, password_hash, role, created_at) VALUES(?, ?, ?, ?, ?)";
// RETURNING tells whether the row matched: the compare-and-set of ReplacePasswordHash.
constexpr std::string_view kUpdateHash =
    "UPDATE users SET password_hash = ?1 WHERE user_id = ?2 AND password_hash = ?3 "
    "RETURNING user_id";
// COALESCE keeps the first ban's time; RETURNING tells whether the user exists, and the time.
constexpr std::string_view kBan =
    "UPDATE users SET banned_at = COALESCE(banned_at, ?1) WHERE user_id = ?2 RETURNING banned_at";
constexpr std::string_view kSetWeight =
    "UPDATE users SET weight = ?1 WHERE user_id = ?2 RETURNING user_id";
constexpr std::string_view kSelectAll =
    "SELECT user_id, email, name, password_hash, role, created_at, banned_at, weight FROM users";

Status EnsureColumns(store::Database& db) {
    auto columns = db.Prepare(kColumns);
    if (!columns.ok()) return columns.status();
    std::unordered_set<std::string> present;
    Status status;
    while ((*columns)->Step(status)) present.emplace((*columns)->ColumnText(1));
    if (!status.ok()) return status;
    for (const AddedColumn& column : kAddedColumns) {
        if (present.count(std::string(column.name)) != 0) continue;
        if (Status added = db.Exec(column.add); !added.ok()) return added;
    }
    return Status::Ok();
}

}  // namespace

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kAdmin:
            return "admin";
        case Role::kScanner:
            return "scanner";
        case Role::kUser:
            break;
    }
    return "user";
}

std::optional<Role> ParseRole(std::string_view name) {
    if (name == "user") return Role::kUser;
    if (name == "admin") return Role::kAdmin;
    if (name == "scanner") return Role::kScanner;
    return std::nullopt;
}

std::string NormalizeEmail(std::string_view email) {
    std::string lower(email);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

UserDirectory::UserDirectory(std::unique_ptr<store::Database> db, Statements statements)
    : db_(std::move(db)), statements_(std::move(statements)) {}

Result<std::unique_ptr<UserDirectory>> UserDirectory::Open(const std::string& db_path) {
    auto db = store::Database::Open(db_path);
    if (!db.ok()) return db.status();
    if (Status status = (*db)->Exec(kSchema); !status.ok()) return status;
    if (Status status = EnsureColumns(**db); !status.ok()) return status;
    Statements statements;
    for (auto [sql, statement] :
         {std::pair{kInsert, &statements.insert}, std::pair{kUpdateHash, &statements.update_hash},
          std::pair{kBan, &statements.ban}, std::pair{kSetWeight, &statements.set_weight}}) {
        auto prepared = (*db)->Prepare(sql);
        if (!prepared.ok()) return prepared.status();
        *statement = std::move(prepared).value();
    }
    auto select = (*db)->Prepare(kSelectAll);
    if (!select.ok()) return select.status();

    std::unique_ptr<UserDirectory> directory(
        new UserDirectory(std::move(*db), std::move(statements)));
    std::unique_lock lock(directory->index_mutex_);
    Status status;
    while ((*select)->Step(status)) {
        const auto role = ParseRole((*select)->ColumnText(4));
        if (!role) {
            return Status::Corruption("users: bad role for user " +
                                      std::to_string((*select)->ColumnInt(0)));
        }
        User user{static_cast<UserId>((*select)->ColumnInt(0)),
                  std::string((*select)->ColumnText(1)),
                  std::string((*select)->ColumnText(2)),
                  std::string((*select)->ColumnText(3)),
                  *role,
                  FromUnixMillis((*select)->ColumnInt(5))};
        if (!(*select)->ColumnIsNull(6)) user.banned_at = FromUnixMillis((*select)->ColumnInt(6));
        if (!(*select)->ColumnReal(7, user.weight) ||
            !(user.weight >= limits::kMemberWeightMin && user.weight <= limits::kMemberWeightMax)) {
            return Status::Corruption("users: bad weight for user " +
                                      std::to_string((*select)->ColumnInt(0)));
        }
        directory->Index(std::move(user));
    }
    if (!status.ok()) return status;
    lock.unlock();
    return directory;
}

void UserDirectory::Index(User user) {
    auto shared = std::make_shared<const User>(std::move(user));
    by_email_[shared->email] = shared;
    by_id_[shared->user_id] = std::move(shared);
}

template <typename Change>
std::optional<User> UserDirectory::Reindex(UserId user_id, Change change) {
    std::unique_lock index_lock(index_mutex_);
    const auto it = by_id_.find(user_id);
    if (it == by_id_.end()) return std::nullopt;
    User updated = *it->second;
    change(updated);
    Index(updated);
    return updated;
}

Result<User> UserDirectory::Create(std::string_view email, std::string_view name,
                                   std::string_view password_hash, Role role, TimePoint now) {
    User user{UserId{}, NormalizeEmail(email), std::string(name), std::string(password_hash), role,
              now};
    std::lock_guard write_lock(write_mutex_);
    if (FindByEmail(user.email)) return Status::AlreadyExists("email " + user.email + " is taken");
    store::Statement& insert = *statements_.insert;
    insert.Reset();
    insert.Bind(1, user.email)
        .Bind(2, user.name)
        .Bind(3, user.password_hash)
        .Bind(4, RoleName(role))
        .Bind(5, ToUnixMillis(now));
    // One statement in autocommit mode is its own durable transaction; a UNIQUE violation
    // (another process took the email) comes back as AlreadyExists.
    Status status = insert.Run();
    insert.Reset();
    if (!status.ok()) return status;
    user.user_id = static_cast<UserId>(db_->LastInsertRowId());
    std::unique_lock index_lock(index_mutex_);
    Index(user);
    return user;
}

Result<std::vector<User>> UserDirectory::CreateMany(const std::vector<NewUser>& users,
                                                    TimePoint now) {
    std::vector<User> created;
    created.reserve(users.size());
    std::unordered_set<std::string_view> seen;
    for (const NewUser& user : users) {
        created.push_back(User{UserId{}, NormalizeEmail(user.email), user.name, user.password_hash,
                               user.role, now});
    }
    std::lock_guard write_lock(write_mutex_);
    for (const User& user : created) {
        if (!seen.insert(user.email).second || FindByEmail(user.email)) {
            return Status::AlreadyExists("email " + user.email + " is taken");
        }
    }
    if (Status status = db_->Exec("BEGIN IMMEDIATE"); !status.ok()) return status;
    store::Statement& insert = *statements_.insert;
    for (User& user : created) {
        insert.Reset();
        insert.Bind(1, user.email)
            .Bind(2, user.name)
            .Bind(3, user.password_hash)
            .Bind(4, RoleName(user.role))
            .Bind(5, ToUnixMillis(now));
        Status status = insert.Run();
        insert.Reset();
        if (!status.ok()) {
            (void)db_->Exec("ROLLBACK");
            return status;
        }
        user.user_id = static_cast<UserId>(db_->LastInsertRowId());
    }
    if (Status status = db_->Exec("COMMIT"); !status.ok()) {
        (void)db_->Exec("ROLLBACK");
        return status;
    }
    std::unique_lock index_lock(index_mutex_);
    for (const User& user : created) Index(user);
    return created;
}

Status UserDirectory::ReplacePasswordHash(UserId user_id, std::string_view old_hash,
                                          std::string_view new_hash) {
    std::lock_guard write_lock(write_mutex_);
    store::Statement& update = *statements_.update_hash;
    update.Reset();
    update.Bind(1, new_hash).Bind(2, static_cast<std::int64_t>(user_id.value())).Bind(3, old_hash);
    // One statement in autocommit mode: durable once it has run to completion.
    Status status;
    bool matched = false;
    while (update.Step(status)) matched = true;
    update.Reset();
    if (!status.ok()) return status;
    if (!matched) {
        return Status::NotFound("user " + std::to_string(user_id.value()) +
                                " is gone or has another password hash");
    }
    Reindex(user_id, [new_hash](User& user) { user.password_hash = std::string(new_hash); });
    return Status::Ok();
}

Result<User> UserDirectory::Ban(UserId user_id, TimePoint now) {
    std::lock_guard write_lock(write_mutex_);
    store::Statement& ban = *statements_.ban;
    ban.Reset();
    ban.Bind(1, ToUnixMillis(now)).Bind(2, static_cast<std::int64_t>(user_id.value()));
    // One statement in autocommit mode: durable once it has run to completion.
    Status status;
    std::optional<TimePoint> banned_at;
    while (ban.Step(status)) banned_at = FromUnixMillis(ban.ColumnInt(0));
    ban.Reset();
    if (!status.ok()) return status;
    const auto no_such_user = [user_id] {
        return Status::NotFound("no user " + std::to_string(user_id.value()));
    };
    if (!banned_at) return no_such_user();
    std::optional<User> banned = Reindex(user_id, [&](User& user) { user.banned_at = banned_at; });
    if (!banned) return no_such_user();
    return *std::move(banned);
}

Result<User> UserDirectory::SetWeight(UserId user_id, double weight) {
    std::lock_guard write_lock(write_mutex_);
    store::Statement& update = *statements_.set_weight;
    update.Reset();
    update.BindReal(1, weight).Bind(2, static_cast<std::int64_t>(user_id.value()));
    // One statement in autocommit mode: durable once it has run to completion.
    Status status;
    bool matched = false;
    while (update.Step(status)) matched = true;
    update.Reset();
    if (!status.ok()) return status;
    std::optional<User> changed;
    if (matched) changed = Reindex(user_id, [weight](User& user) { user.weight = weight; });
    if (!changed) return Status::NotFound("no user " + std::to_string(user_id.value()));
    return *std::move(changed);
}

std::optional<User> UserDirectory::FindByEmail(std::string_view email) const {
    const std::string key = NormalizeEmail(email);
    std::shared_lock lock(index_mutex_);
    const auto it = by_email_.find(key);
    if (it == by_email_.end()) return std::nullopt;
    return *it->second;
}

std::optional<User> UserDirectory::FindById(UserId user_id) const {
    std::shared_lock lock(index_mutex_);
    const auto it = by_id_.find(user_id);
    if (it == by_id_.end()) return std::nullopt;
    return *it->second;
}

std::optional<Role> UserDirectory::ActiveRole(UserId user_id) const {
    std::shared_lock lock(index_mutex_);
    const auto it = by_id_.find(user_id);
    if (it == by_id_.end() || it->second->banned_at) return std::nullopt;
    return it->second->role;
}

std::optional<UserDirectory::Member> UserDirectory::FindMember(UserId user_id) const {
    std::shared_lock lock(index_mutex_);
    const auto it = by_id_.find(user_id);
    if (it == by_id_.end()) return std::nullopt;
    return Member{it->second->name, it->second->weight};
}

std::size_t UserDirectory::size() const {
    std::shared_lock lock(index_mutex_);
    return by_id_.size();
}

}  // namespace tix::auth
