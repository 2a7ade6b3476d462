// tixscan, the offline gate scanner, against a real tixd (issue 10): fetch the bundle, decide
// scans offline (a ticket checked in online is a duplicate, a transferred ticket's old QR is
// revoked, garbage is invalid), upload the log, and upload it again to no effect. The binary is
// run as a gate runs it: one process per command.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "support/ticket_api.h"
#include "support/tix_test.h"
#include "support/tixd_process.h"

namespace tix::test {
namespace {

namespace json = boost::json;

class TixscanE2e : public TixTest {
  protected:
    void SetUp() override {
        TixTest::SetUp();
        if (HasFatalFailure()) return;
        event_id_ = CreateEvent();
        ASSERT_FALSE(event_id_.is_null());
        scanner_ = NewScanner(server());
        ASSERT_TRUE(scanner_.ok());
        bundle_ = dir_.File("gate.json");
    }

    std::string Server() { return "http://127.0.0.1:" + std::to_string(server().port()); }

    CommandResult Tixscan(std::vector<std::string> args) {
        args.insert(args.begin(), TIXSCAN_PATH);
        return RunProgram(args);
    }
    CommandResult Fetch() {
        return Tixscan({"fetch", "--server", Server(), "--token", scanner_.http().token(),
                        "--event", std::to_string(event_id_.as_int64()), "--bundle", bundle_});
    }
    CommandResult Verify(const std::string& payload) {
        return Tixscan({"verify", "--bundle", bundle_, "--gate", "south-2", payload});
    }
    CommandResult Upload() {
        return Tixscan({"upload", "--bundle", bundle_, "--log", bundle_ + ".scans.jsonl",
                        "--server", Server(), "--token", scanner_.http().token()});
    }
    json::value Stats() {
        const Response stats = CheckInStats(scanner_.http(), event_id_);
        EXPECT_EQ(stats.status, 200) << stats;
        return stats.json;
    }

    TempDir dir_;
    json::value event_id_;
    TestUser scanner_;
    std::string bundle_;
};

// verify's exit codes (docs/tickets.md, "tixscan").
constexpr int kAdmitted = 0;
constexpr int kDuplicate = 2;
constexpr int kInvalid = 3;
constexpr int kRevoked = 4;

bool Says(const CommandResult& run, std::string_view result) {
    return run.output.find("\"result\":\"" + std::string(result) + "\"") != std::string::npos;
}

TEST_F(TixscanE2e, AnOfflineGateDecidesFromTheBundleAndItsLogThenUploads) {
    TestUser buyer = server().NewUser("buyer");
    TestUser friend_user = server().NewUser("friend");
    const json::value order_id = Buy(buyer.http(), event_id_, kGa, 3);
    const std::vector<json::value> tickets = TicketsOfOrder(buyer.http(), order_id);
    ASSERT_EQ(tickets.size(), 3U);
    const std::string online = GetString(tickets[0], "qr");
    const std::string offline = GetString(tickets[1], "qr");
    const std::string given_away = GetString(tickets[2], "qr");

    // Before the gate goes offline: one ticket checked in online, one given to a friend.
    ASSERT_EQ(CheckIn(scanner_.http(), {online, "north"}).status, 200);
    ASSERT_EQ(Transfer(buyer.http(), GetString(tickets[2], "ticket_id"), friend_user.email).status,
              200);
    const CommandResult fetched = Fetch();
    ASSERT_TRUE(fetched.status.Clean()) << fetched.output;
    const Response mine = MyTickets(friend_user.http());
    ASSERT_EQ(mine.status, 200) << mine;
    const std::string reissued = GetString(GetArray(mine.json, "tickets").at(0), "qr");

    // Offline.
    const CommandResult checked_in_online = Verify(online);
    EXPECT_EQ(checked_in_online.status.code, kDuplicate) << checked_in_online.output;
    EXPECT_TRUE(Says(checked_in_online, "duplicate")) << checked_in_online.output;
    const CommandResult first = Verify(offline);
    EXPECT_EQ(first.status.code, kAdmitted) << first.output;
    EXPECT_TRUE(Says(first, "admitted")) << first.output;
    const CommandResult second = Verify(offline);
    EXPECT_EQ(second.status.code, kDuplicate) << second.output;
    const CommandResult old_qr = Verify(given_away);
    EXPECT_EQ(old_qr.status.code, kRevoked) << old_qr.output;
    const CommandResult new_qr = Verify(reissued);
    EXPECT_EQ(new_qr.status.code, kAdmitted) << new_qr.output;
    EXPECT_EQ(Verify("not-a-ticket").status.code, kInvalid);

    // Back online: the log merges into tixd's figures; the duplicates are double entries.
    const CommandResult uploaded = Upload();
    ASSERT_TRUE(uploaded.status.Clean()) << uploaded.output;
    const json::value stats = Stats();
    EXPECT_EQ(GetInt(stats, "admitted"), 3) << stats;
    EXPECT_EQ(GateOf(stats, "south-2").admitted, 2) << stats;
    EXPECT_EQ(GateOf(stats, "north").admitted, 1) << stats;
    const std::int64_t double_entries = GetInt(stats, "double_entry_attempts");
    EXPECT_EQ(double_entries, 2) << stats;  // the online ticket and the second offline scan
    const Response conflicts = Conflicts(scanner_.http(), event_id_);
    ASSERT_EQ(conflicts.status, 200) << conflicts;
    EXPECT_EQ(GetArray(conflicts.json, "conflicts").size(), 2U) << conflicts;

    // Uploading the same log again changes nothing.
    const CommandResult again = Upload();
    ASSERT_TRUE(again.status.Clean()) << again.output;
    EXPECT_EQ(Stats(), stats);
}

}  // namespace
}  // namespace tix::test
