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
    created_at INTEGER NOT NULL
);)sql";

constexpr std::string_view kInsert =
    "INSERT INTO users(email, name, password_hash, role, created_at) VALUES(?, ?, ?, ?, ?)";
// RETURNING tells whether the row matched: the compare-and-set of ReplacePasswordHash.
constexpr std::string_view kUpdateHash =
    "UPDATE users SET password_hash = ?1 WHERE user_id = ?2 AND password_hash = ?3 "
    "RETURNING user_id";
constexpr std::string_view kSelectAll =
    "SELECT user_id, email, name, password_hash, role, created_at FROM users";

}  // namespace

std::string_view RoleName(Role role) { return role == Role::kAdmin ? "admin" : "user"; }

std::optional<Role> ParseRole(std::string_view name) {
    if (name == "user") return Role::kUser;
    if (name == "admin") return Role::kAdmin;
    return std::nullopt;
}

std::string NormalizeEmail(std::string_view email) {
    std::string lower(email);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

UserDirectory::UserDirectory(std::unique_ptr<store::Database> db,
                             std::unique_ptr<store::Statement> insert,
                             std::unique_ptr<store::Statement> update_hash)
    : db_(std::move(db)), insert_(std::move(insert)), update_hash_(std::move(update_hash)) {}

Result<std::unique_ptr<UserDirectory>> UserDirectory::Open(const std::string& db_path) {
    auto db = store::Database::Open(db_path);
    if (!db.ok()) return db.status();
    if (Status status = (*db)->Exec(kSchema); !status.ok()) return status;
    auto insert = (*db)->Prepare(kInsert);
    if (!insert.ok()) return insert.status();
    auto update_hash = (*db)->Prepare(kUpdateHash);
    if (!update_hash.ok()) return update_hash.status();
    auto select = (*db)->Prepare(kSelectAll);
    if (!select.ok()) return select.status();

    std::unique_ptr<UserDirectory> directory(
        new UserDirectory(std::move(*db), std::move(*insert), std::move(*update_hash)));
    std::unique_lock lock(directory->index_mutex_);
    Status status;
    while ((*select)->Step(status)) {
        const auto role = ParseRole((*select)->ColumnText(4));
        if (!role) {
            return Status::Corruption("users: bad role for user " +
                                      std::to_string((*select)->ColumnInt(0)));
        }
        directory->Index(User{
            static_cast<UserId>((*select)->ColumnInt(0)), std::string((*select)->ColumnText(1)),
            std::string((*select)->ColumnText(2)), std::string((*select)->ColumnText(3)), *role,
            FromUnixMillis((*select)->ColumnInt(5))});
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

Result<User> UserDirectory::Create(std::string_view email, std::string_view name,
                                   std::string_view password_hash, Role role, TimePoint now) {
    User user{UserId{}, NormalizeEmail(email), std::string(name), std::string(password_hash), role,
              now};
    std::lock_guard write_lock(write_mutex_);
    if (FindByEmail(user.email)) return Status::AlreadyExists("email " + user.email + " is taken");
    insert_->Reset();
    insert_->Bind(1, user.email)
        .Bind(2, user.name)
        .Bind(3, user.password_hash)
        .Bind(4, RoleName(role))
        .Bind(5, ToUnixMillis(now));
    // One statement in autocommit mode is its own durable transaction; a UNIQUE violation
    // (another process took the email) comes back as AlreadyExists.
    Status status = insert_->Run();
    insert_->Reset();
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
    for (User& user : created) {
        insert_->Reset();
        insert_->Bind(1, user.email)
            .Bind(2, user.name)
            .Bind(3, user.password_hash)
            .Bind(4, RoleName(user.role))
            .Bind(5, ToUnixMillis(now));
        Status status = insert_->Run();
        insert_->Reset();
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
    update_hash_->Reset();
    update_hash_->Bind(1, new_hash)
        .Bind(2, static_cast<std::int64_t>(user_id.value()))
        .Bind(3, old_hash);
    // One statement in autocommit mode: durable once it has run to completion.
    Status status;
    bool matched = false;
    while (update_hash_->Step(status)) matched = true;
    update_hash_->Reset();
    if (!status.ok()) return status;
    if (!matched) {
        return Status::NotFound("user " + std::to_string(user_id.value()) +
                                " is gone or has another password hash");
    }
    std::unique_lock index_lock(index_mutex_);
    const auto it = by_id_.find(user_id);
    if (it != by_id_.end()) {
        User updated = *it->second;
        updated.password_hash = std::string(new_hash);
        Index(std::move(updated));
    }
    return Status::Ok();
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

std::size_t UserDirectory::size() const {
    std::shared_lock lock(index_mutex_);
    return by_id_.size();
}

}  // namespace tix::auth
