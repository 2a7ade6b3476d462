// UserDirectory: the accounts, persisted in the `users` table of the shared SQLite file and
// mirrored in memory so lookups never touch the disk.
//
// Thread-safe. Lookups take a shared lock on the in-memory index only. Writers (Create, Ban...)
// serialize on the directory's own connection (blocking, durable writes: call them off the IO
// threads) and take the index lock only after the row is committed, never across disk IO.
//
// A banned account stays in the directory (its orders and history name it) with `banned_at` set:
// ActiveRole refuses it, so its tokens stop working at once and it cannot log in.
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

#include "common/limits.h"
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
    std::optional<TimePoint> banned_at;  // set once, by Ban; never cleared
    // W in a bid's score (docs/bidding.md): limits::kMemberWeightMin..kMemberWeightMax.
    double weight = limits::kDefaultMemberWeight;
};

// "user" | "admin" | "scanner".
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

    // Bans the user durably, then marks it in the index: from then on ActiveRole refuses it.
    // Returns the user with its banned_at: `now`, or the time of an earlier ban (banning again
    // changes nothing). NotFound for an unknown user; IoError when the store fails (nothing is
    // changed then).
    Result<User> Ban(UserId user_id, TimePoint now);

    // Stores the user's member weight durably, then indexes it; returns the user. NotFound for an
    // unknown user; IoError when the store fails (nothing is changed then).
    // REQUIRES: weight within limits::kMemberWeightMin..kMemberWeightMax.
    Result<User> SetWeight(UserId user_id, double weight);

    std::optional<User> FindByEmail(std::string_view email) const;
    std::optional<User> FindById(UserId user_id) const;
    // The role of a user that exists and is not banned, else nullopt. Copies nothing and
    // allocates nothing: the token verifier calls it on every authenticated request.
    std::optional<Role> ActiveRole(UserId user_id) const;
    // The name and member weight a bid needs, without copying the rest; nullopt: unknown user.
    struct Member {
        std::string name;
        double weight = limits::kDefaultMemberWeight;
    };
    std::optional<Member> FindMember(UserId user_id) const;
    std::size_t size() const;

  private:
    struct Statements {
        std::unique_ptr<store::Statement> insert;
        std::unique_ptr<store::Statement> update_hash;
        std::unique_ptr<store::Statement> ban;
        std::unique_ptr<store::Statement> set_weight;
    };
    UserDirectory(std::unique_ptr<store::Database> db, Statements statements);
    void Index(User user);  // REQUIRES: index_mutex_ held exclusively
    // A copy of the indexed user with `change` applied, indexed in its place.
    template <typename Change>
    std::optional<User> Reindex(UserId user_id, Change change);  // takes index_mutex_

    std::mutex write_mutex_;  // serializes writers; guards db_ and statements_
    std::unique_ptr<store::Database> db_;
    Statements statements_;

    mutable std::shared_mutex index_mutex_;
    std::unordered_map<UserId, std::shared_ptr<const User>> by_id_;
    std::unordered_map<std::string, std::shared_ptr<const User>> by_email_;
};

}  // namespace tix::auth
