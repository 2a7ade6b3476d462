// UserDirectory: the accounts, persisted in the `users` table of the shared SQLite file and
// mirrored in memory so lookups never touch the disk.
//
// Thread-safe. Lookups take a shared lock on the in-memory index only. Create serializes writers
// on the directory's own connection (a blocking, durable INSERT: call it off the IO threads) and
// takes the index lock only after the row is committed, never across disk IO.
// Users created by another process (e.g. `tixd admin create-user` while serving) are seen after
// the next Open.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "store/sqlite.h"

namespace tix::auth {

struct User {
    UserId user_id{};
    std::string email;  // lower-cased
    std::string name;
    std::string password_hash;  // Argon2id, libsodium's encoded form
    Role role = Role::kUser;
    TimePoint created_at{};
};

// "user" | "admin".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
// ASCII lower-case; emails compare case-insensitively throughout.
std::string NormalizeEmail(std::string_view email);

class UserDirectory {
  public:
    // Opens (creating the table if needed) the SQLite file and loads every user.
    static Result<std::unique_ptr<UserDirectory>> Open(const std::string& db_path);

    // Stores a new user durably, then indexes it. AlreadyExists when the email (in any case) is
    // taken; IoError when the store fails (nothing is indexed then).
    // REQUIRES: the caller validated email and name and hashed the password.
    Result<User> Create(std::string_view email, std::string_view name,
                        std::string_view password_hash, Role role, TimePoint now);

    struct NewUser {
        std::string email;
        std::string name;
        std::string password_hash;
        Role role = Role::kUser;
    };
    // Stores all of `users` in one durable transaction, then indexes them: all or nothing.
    // AlreadyExists when any email is taken or repeated; IoError when the store fails.
    // REQUIRES: the caller validated emails and names.
    Result<std::vector<User>> CreateMany(const std::vector<NewUser>& users, TimePoint now);

    // Stores `new_hash` as the user's password hash durably, then indexes it — only if the stored
    // hash is still `old_hash`, so that upgrading an old hash never overwrites a newer one.
    // NotFound when there is no such user or its hash changed meanwhile (nothing is changed
    // then); IoError when the store fails.
    // REQUIRES: new_hash is a hash of the same password (a cost upgrade on login).
    Status ReplacePasswordHash(UserId user_id, std::string_view old_hash,
                               std::string_view new_hash);

    std::optional<User> FindByEmail(std::string_view email) const;
    std::optional<User> FindById(UserId user_id) const;
    std::size_t size() const;

  private:
    UserDirectory(std::unique_ptr<store::Database> db, std::unique_ptr<store::Statement> insert,
                  std::unique_ptr<store::Statement> update_hash);
    void Index(User user);  // REQUIRES: index_mutex_ held exclusively

    std::mutex write_mutex_;  // serializes writers; guards db_, insert_ and update_hash_
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Statement> insert_;
    std::unique_ptr<store::Statement> update_hash_;

    mutable std::shared_mutex index_mutex_;
    std::unordered_map<UserId, std::shared_ptr<const User>> by_id_;
    std::unordered_map<std::string, std::shared_ptr<const User>> by_email_;
};

}  // namespace tix::auth
