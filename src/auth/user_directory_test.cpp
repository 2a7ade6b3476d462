#include "auth/user_directory.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/temp_dir.h"
#include "store/sqlite.h"

namespace tix::auth {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = FromUnixMillis(1'796'467'800'000);

TEST(UserDirectory, CreatesAndFindsUsers) {
    TempDir dir;
    auto users = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(users.ok()) << users.status().ToString();
    auto ana = (*users)->Create("Ana@Example.com", "Ana", "$hash-a", Role::kUser, kNow);
    ASSERT_TRUE(ana.ok()) << ana.status().ToString();
    EXPECT_EQ(ana->email, "ana@example.com");
    EXPECT_GT(ana->user_id, UserId{0});
    auto bob = (*users)->Create("bob@example.com", "Bob", "$hash-b", Role::kAdmin, kNow + 1ms);
    ASSERT_TRUE(bob.ok());
    EXPECT_NE(bob->user_id, ana->user_id);

    const auto found = (*users)->FindByEmail("ANA@example.COM");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->user_id, ana->user_id);
    EXPECT_EQ(found->name, "Ana");
    EXPECT_EQ(found->password_hash, "$hash-a");
    EXPECT_EQ((*users)->FindById(bob->user_id)->role, Role::kAdmin);
    EXPECT_FALSE((*users)->FindByEmail("carol@example.com").has_value());
    EXPECT_FALSE((*users)->FindById(UserId{999}).has_value());
    EXPECT_EQ((*users)->size(), 2u);
}

TEST(UserDirectory, DuplicateEmailInAnyCaseIsRejected) {
    TempDir dir;
    auto users = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(users.ok());
    ASSERT_TRUE((*users)->Create("ana@example.com", "Ana", "$h", Role::kUser, kNow).ok());
    const auto again = (*users)->Create("ANA@EXAMPLE.COM", "Other", "$h2", Role::kUser, kNow);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
    EXPECT_EQ((*users)->FindByEmail("ana@example.com")->name, "Ana");
    EXPECT_EQ((*users)->size(), 1u);
}

TEST(UserDirectory, CreateManyStoresAllDurably) {
    TempDir dir;
    std::vector<UserId> ids;
    {
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok());
        std::vector<UserDirectory::NewUser> batch;
        for (int i = 0; i < 500; ++i) {
            batch.push_back({"Bulk" + std::to_string(i) + "@x.local", "B", "!", Role::kUser});
        }
        auto created = (*users)->CreateMany(batch, kNow);
        ASSERT_TRUE(created.ok()) << created.status().ToString();
        ASSERT_EQ(created->size(), 500u);
        for (const User& user : *created) ids.push_back(user.user_id);
        EXPECT_EQ((*created)[7].email, "bulk7@x.local");
    }
    auto reopened = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->size(), 500u);
    EXPECT_EQ((*reopened)->FindByEmail("bulk7@x.local")->user_id, ids[7]);
}

TEST(UserDirectory, CreateManyIsAllOrNothing) {
    TempDir dir;
    auto users = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(users.ok());
    ASSERT_TRUE((*users)->Create("taken@x.local", "T", "$h", Role::kUser, kNow).ok());
    const auto clash = (*users)->CreateMany(
        {{"a@x.local", "A", "!", Role::kUser}, {"TAKEN@x.local", "T", "!", Role::kUser}}, kNow);
    EXPECT_EQ(clash.status().code(), Status::Code::kAlreadyExists);
    const auto repeated = (*users)->CreateMany(
        {{"b@x.local", "B", "!", Role::kUser}, {"B@x.local", "B", "!", Role::kUser}}, kNow);
    EXPECT_EQ(repeated.status().code(), Status::Code::kAlreadyExists);
    EXPECT_EQ((*users)->size(), 1u);
    EXPECT_FALSE((*users)->FindByEmail("a@x.local").has_value());
}

TEST(UserDirectory, ReloadsFromTheFile) {
    TempDir dir;
    UserId ana_id{};
    {
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok());
        ana_id = (*users)->Create("ana@example.com", "Ana Ü", "$h", Role::kAdmin, kNow)->user_id;
    }
    auto reopened = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    const auto ana = (*reopened)->FindById(ana_id);
    ASSERT_TRUE(ana.has_value());
    EXPECT_EQ(ana->email, "ana@example.com");
    EXPECT_EQ(ana->name, "Ana Ü");
    EXPECT_EQ(ana->role, Role::kAdmin);
    EXPECT_EQ(ana->created_at, kNow);
    // Ids keep growing after a reload.
    EXPECT_GT((*reopened)->Create("bob@example.com", "Bob", "$h", Role::kUser, kNow)->user_id,
              ana_id);
}

TEST(UserDirectory, EmailTakenByAnotherConnectionIsAlreadyExists) {
    TempDir dir;
    auto server = UserDirectory::Open(dir.File("tix.db"));
    auto offline = UserDirectory::Open(dir.File("tix.db"));  // e.g. `tixd admin create-user`
    ASSERT_TRUE(server.ok() && offline.ok());
    ASSERT_TRUE((*offline)->Create("ana@example.com", "Ana", "$h", Role::kUser, kNow).ok());
    const auto clash = (*server)->Create("ana@example.com", "Ana", "$h", Role::kUser, kNow);
    EXPECT_EQ(clash.status().code(), Status::Code::kAlreadyExists);
    EXPECT_FALSE((*server)->FindByEmail("ana@example.com").has_value());  // until reopened
}

TEST(UserDirectory, ConcurrentCreatesGetDistinctIds) {
    TempDir dir;
    auto users = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(users.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                const std::string email = "u" + std::to_string(t * 100 + i) + "@example.com";
                EXPECT_TRUE((*users)->Create(email, "U", "$h", Role::kUser, kNow).ok());
                EXPECT_TRUE((*users)->FindByEmail(email).has_value());
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ((*users)->size(), 40u);
}

TEST(UserDirectory, ReplacePasswordHashIsDurableAndOnlyReplacesTheExpectedHash) {
    TempDir dir;
    UserId ana_id{};
    {
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok());
        ana_id = (*users)->Create("ana@example.com", "Ana", "$old", Role::kUser, kNow)->user_id;
        ASSERT_TRUE((*users)->ReplacePasswordHash(ana_id, "$old", "$new").ok());
        EXPECT_EQ((*users)->FindByEmail("ana@example.com")->password_hash, "$new");
        EXPECT_EQ((*users)->FindById(ana_id)->password_hash, "$new");

        // A second upgrade of the hash it started from loses: the stored one is newer.
        const Status stale = (*users)->ReplacePasswordHash(ana_id, "$old", "$other");
        EXPECT_EQ(stale.code(), Status::Code::kNotFound);
        EXPECT_EQ((*users)->FindById(ana_id)->password_hash, "$new");
        EXPECT_EQ((*users)->ReplacePasswordHash(UserId{999}, "$old", "$new").code(),
                  Status::Code::kNotFound);
        EXPECT_EQ((*users)->size(), 1u);
    }
    auto reopened = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    const auto ana = (*reopened)->FindByEmail("ana@example.com");
    ASSERT_TRUE(ana.has_value());
    EXPECT_EQ(ana->password_hash, "$new");
    EXPECT_EQ(ana->user_id, ana_id);
    EXPECT_EQ(ana->name, "Ana");
}

TEST(UserDirectory, ABanIsDurableAndActiveRoleRefusesTheAccount) {
    TempDir dir;
    UserId ana_id{};
    UserId bob_id{};
    {
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok());
        ana_id = (*users)->Create("ana@example.com", "Ana", "$h", Role::kAdmin, kNow)->user_id;
        bob_id = (*users)->Create("bob@example.com", "Bob", "$h", Role::kUser, kNow)->user_id;
        EXPECT_EQ((*users)->ActiveRole(ana_id), Role::kAdmin);
        EXPECT_EQ((*users)->ActiveRole(bob_id), Role::kUser);
        EXPECT_FALSE((*users)->FindById(ana_id)->banned_at.has_value());

        const Result<User> banned = (*users)->Ban(ana_id, kNow + 1s);
        ASSERT_TRUE(banned.ok()) << banned.status().ToString();
        EXPECT_EQ(banned->banned_at, kNow + 1s);
        EXPECT_EQ(banned->email, "ana@example.com");
        EXPECT_EQ((*users)->ActiveRole(ana_id), std::nullopt);
        EXPECT_EQ((*users)->FindById(ana_id)->banned_at, kNow + 1s);
        EXPECT_EQ((*users)->FindByEmail("ana@example.com")->banned_at, kNow + 1s);
        EXPECT_EQ((*users)->ActiveRole(bob_id), Role::kUser) << "others are not banned";

        // Banning again changes nothing: the first ban's time stays.
        const Result<User> again = (*users)->Ban(ana_id, kNow + 1h);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again->banned_at, kNow + 1s);
        EXPECT_EQ((*users)->Ban(UserId{999}, kNow).status().code(), Status::Code::kNotFound);
        EXPECT_EQ((*users)->ActiveRole(UserId{999}), std::nullopt);
    }
    auto reopened = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->FindById(ana_id)->banned_at, kNow + 1s);
    EXPECT_EQ((*reopened)->ActiveRole(ana_id), std::nullopt);
    EXPECT_EQ((*reopened)->ActiveRole(bob_id), Role::kUser);
    EXPECT_FALSE((*reopened)->FindById(bob_id)->banned_at.has_value());
}

// A file written before bans and member weights existed has neither column: it opens, nobody is
// banned, everyone has the default weight, and both work from then on.
TEST(UserDirectory, OpensAFileFromBeforeBansAndMemberWeights) {
    TempDir dir;
    {
        auto db = store::Database::Open(dir.File("tix.db"));
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)
                        ->Exec("CREATE TABLE users(user_id INTEGER PRIMARY KEY, email TEXT UNIQUE "
                               "NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL, role "
                               "TEXT NOT NULL, created_at INTEGER NOT NULL);"
                               "INSERT INTO users VALUES(3, 'old@example.com', 'Old', '$h', "
                               "'user', 1796467800000);")
                        .ok());
    }
    for (int open = 0; open < 2; ++open) {  // the second open finds the column added
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok()) << users.status().ToString();
        const auto old = (*users)->FindByEmail("old@example.com");
        ASSERT_TRUE(old.has_value());
        EXPECT_EQ(old->user_id, UserId{3});
        EXPECT_EQ((*users)->ActiveRole(UserId{3}),
                  open == 0 ? std::optional(Role::kUser) : std::nullopt);
        EXPECT_EQ(old->weight, open == 0 ? 1.0 : 0.5);
        if (open == 0) {
            ASSERT_TRUE((*users)->Ban(UserId{3}, kNow).ok());
            ASSERT_TRUE((*users)->SetWeight(UserId{3}, 0.5).ok());
        }
    }
}

TEST(UserDirectory, AMemberWeightIsDurableAndStartsAtTheDefault) {
    TempDir dir;
    UserId ana_id{};
    UserId bob_id{};
    {
        auto users = UserDirectory::Open(dir.File("tix.db"));
        ASSERT_TRUE(users.ok());
        ana_id = (*users)->Create("ana@example.com", "Ana", "$h", Role::kUser, kNow)->user_id;
        bob_id = (*users)->Create("bob@example.com", "Bob", "$h", Role::kUser, kNow)->user_id;
        EXPECT_EQ((*users)->FindById(ana_id)->weight, limits::kDefaultMemberWeight);

        const Result<User> changed = (*users)->SetWeight(ana_id, 2.75);
        ASSERT_TRUE(changed.ok()) << changed.status().ToString();
        EXPECT_EQ(changed->weight, 2.75);
        EXPECT_EQ(changed->email, "ana@example.com");
        EXPECT_EQ((*users)->FindById(ana_id)->weight, 2.75);
        EXPECT_EQ((*users)->FindByEmail("ana@example.com")->weight, 2.75);
        const auto member = (*users)->FindMember(ana_id);
        ASSERT_TRUE(member.has_value());
        EXPECT_EQ(member->name, "Ana");
        EXPECT_EQ(member->weight, 2.75);
        EXPECT_EQ((*users)->FindMember(bob_id)->weight, 1.0) << "others keep theirs";
        EXPECT_EQ((*users)->FindMember(UserId{999}), std::nullopt);
        EXPECT_EQ((*users)->SetWeight(UserId{999}, 2).status().code(), Status::Code::kNotFound);
    }
    auto reopened = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->FindById(ana_id)->weight, 2.75);
    EXPECT_EQ((*reopened)->FindById(bob_id)->weight, 1.0);
}

TEST(UserDirectory, OpenFailsForUnwritablePath) {
    TempDir dir;
    EXPECT_FALSE(UserDirectory::Open(dir.File("no/such/dir/tix.db")).ok());
}

TEST(Roles, RoundTripNames) {
    EXPECT_EQ(RoleName(Role::kUser), "user");
    EXPECT_EQ(RoleName(Role::kAdmin), "admin");
    EXPECT_EQ(ParseRole("admin"), Role::kAdmin);
    EXPECT_EQ(ParseRole("Admin"), std::nullopt);
}

}  // namespace
}  // namespace tix::auth
