// Tickets under concurrency (issue 10): many gates scanning one ticket at the same moment admit it
// once; two gates scanning the same crowd in parallel admit each ticket exactly once, and the
// figures and conflicts agree with the answers the gates got; racing transfers of one ticket move
// it once; a transfer racing a check-in never both succeed.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "support/parallel.h"
#include "support/ticket_api.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kScanners = 50;
constexpr int kTicketsPerBuyer = 8;  // the most one account may buy for an event

struct Held {
    std::string ticket_id;
    std::string qr;
    std::size_t buyer = 0;  // index into Crowd::buyers
};

struct Crowd {
    std::vector<TestUser> buyers;
    std::vector<Held> tickets;
};

class TicketsConcurrency : public TixTest {
  protected:
    // An event with a GA zone of `capacity` and `buyers` accounts that bought 8 tickets each.
    Crowd BuyCrowd(int buyers, int capacity = 400) {
        EventDraft draft;
        draft.zones.push_back(GaZone(kGa, capacity));
        event_id_ = CreateEvent(draft);
        Crowd crowd;
        for (int b = 0; b < buyers; ++b) {
            crowd.buyers.push_back(server().NewUser("crowd"));
            HttpClient& buyer = crowd.buyers.back().http();
            const json::value order_id = Buy(buyer, event_id_, kGa, kTicketsPerBuyer);
            for (const json::value& ticket : TicketsOfOrder(buyer, order_id)) {
                crowd.tickets.push_back({GetString(ticket, "ticket_id"), GetString(ticket, "qr"),
                                         crowd.buyers.size() - 1});
            }
        }
        EXPECT_EQ(crowd.tickets.size(), static_cast<std::size_t>(buyers * kTicketsPerBuyer));
        return crowd;
    }

    json::value event_id_;
};

TEST_F(TicketsConcurrency, FiftyGatesScanningOneTicketAtOnceAdmitItOnce) {
    const Crowd crowd = BuyCrowd(1);
    const std::vector<Held>& held = crowd.tickets;
    ASSERT_FALSE(held.empty());
    TestUser scanner = NewScanner(server());
    ASSERT_TRUE(scanner.ok());
    std::vector<Response> answers(kScanners);
    RunTogether(kScanners, [&](int i) {
        HttpClient client(server().port());
        client.set_token(scanner.http().token());
        answers[i] = CheckIn(client, {.payload = held[0].qr, .gate = "gate-" + std::to_string(i)});
    });
    int admitted = 0;
    Problems problems;
    for (int i = 0; i < kScanners; ++i) {
        const Response& answer = answers[i];
        if (answer.status == 200 && GetString(answer.json, "result") == "admitted") {
            ++admitted;
        } else if (!IsProblem(answer, 409, {"already_checked_in"})) {
            problems.Add(ToString(answer));
        }
    }
    ASSERT_EQ(problems.size(), 0U) << problems.Summary();
    ASSERT_EQ(admitted, 1);
    // The figures count one admission, at one of the gates (the merge attributes it to the
    // earliest scan, which a refused one stamped a moment earlier may be).
    const Response stats = CheckInStats(scanner.http(), event_id_);
    ASSERT_EQ(stats.status, 200) << stats;
    EXPECT_EQ(GetInt(stats.json, "admitted"), 1) << stats;
    std::int64_t gate_admissions = 0;
    for (const json::value& gate : GetArray(stats.json, "gates")) {
        gate_admissions += GetInt(gate, "admitted");
    }
    EXPECT_EQ(gate_admissions, 1) << stats;
    // A ticket keeps a bounded number of scans: at least one double entry, at most all of them.
    EXPECT_GE(GetInt(stats.json, "double_entry_attempts"), 1) << stats;
    EXPECT_LE(GetInt(stats.json, "double_entry_attempts"), kScanners - 1) << stats;
}

TEST_F(TicketsConcurrency, TwoGatesScanningTheSameCrowdAdmitEachTicketOnce) {
    const std::uint64_t seed = TestSeed();
    constexpr int kBuyers = 20;
    constexpr int kThreadsPerGate = 4;
    const Crowd crowd = BuyCrowd(kBuyers);
    const std::vector<Held>& held = crowd.tickets;
    ASSERT_EQ(held.size(), static_cast<std::size_t>(kBuyers * kTicketsPerBuyer));
    // A staff account per gate (the per-account read limit is per device's account).
    const std::vector<std::string> gates{"east", "west"};
    std::vector<TestUser> staff;
    for (const std::string& gate : gates) {
        staff.push_back(NewScanner(server(), gate));
        ASSERT_TRUE(staff.back().ok());
    }
    // Each gate's threads take the tickets in a shuffled order of their own, so the two gates
    // meet on every ticket at some point.
    std::vector<std::vector<std::size_t>> orders(gates.size());
    Dice dice(seed);
    for (auto& order : orders) {
        for (std::size_t t = 0; t < held.size(); ++t) order.push_back(t);
        std::shuffle(order.begin(), order.end(), dice.rng());
    }
    std::mutex mutex;
    std::map<std::string, std::vector<std::pair<std::string, Response>>> by_ticket;
    Problems problems;
    RunTogether(static_cast<int>(gates.size()) * kThreadsPerGate, [&](int i) {
        const std::size_t g = static_cast<std::size_t>(i / kThreadsPerGate);
        HttpClient client(server().port());
        client.set_token(staff[g].http().token());
        for (std::size_t k = i % kThreadsPerGate; k < held.size(); k += kThreadsPerGate) {
            const Held& ticket = held[orders[g][k]];
            Response answer = CheckIn(client, {.payload = ticket.qr, .gate = gates[g]});
            if (answer.status != 200 && answer.status != 409) problems.Add(ToString(answer));
            std::lock_guard lock(mutex);
            by_ticket[ticket.ticket_id].emplace_back(gates[g], std::move(answer));
        }
    });
    ASSERT_EQ(problems.size(), 0U) << "seed " << seed << "\n" << problems.Summary();
    std::map<std::string, Response> refusal;  // ticket -> the 409 its second scan got
    for (const auto& [ticket_id, answers] : by_ticket) {
        ASSERT_EQ(answers.size(), gates.size()) << ticket_id;
        int admitted = 0;
        for (const auto& [gate, answer] : answers) {
            if (answer.status == 200) {
                ++admitted;
            } else {
                EXPECT_TRUE(IsProblem(answer, 409, {"already_checked_in"}));
                refusal[ticket_id] = answer;
            }
        }
        EXPECT_EQ(admitted, 1) << "ticket " << ticket_id << ", seed " << seed;
    }
    // The figures: every ticket in once and refused once; each gate scanned every ticket.
    const Response stats = CheckInStats(staff[0].http(), event_id_);
    ASSERT_EQ(stats.status, 200) << stats;
    const auto all = static_cast<std::int64_t>(held.size());
    EXPECT_EQ(GetInt(stats.json, "admitted"), all) << stats;
    EXPECT_EQ(GetInt(stats.json, "double_entry_attempts"), all) << stats;
    EXPECT_EQ(ZoneAdmitted(stats.json, kGa), all) << stats;
    std::int64_t admissions = 0;
    for (const std::string& gate : gates) {
        const GateFigures figures = GateOf(stats.json, gate);
        EXPECT_EQ(figures.admitted + figures.double_entries, all) << gate << stats;
        admissions += figures.admitted;
    }
    EXPECT_EQ(admissions, all) << stats;
    // The conflicts: each ticket's two scans, one per gate, the earlier (time, then gate name)
    // holding the admission; the refusal named that admission.
    const Response conflicts = Conflicts(staff[1].http(), event_id_);
    ASSERT_EQ(conflicts.status, 200) << conflicts;
    const json::array& list = GetArray(conflicts.json, "conflicts");
    EXPECT_EQ(list.size(), held.size());
    for (const json::value& conflict : list) {
        const std::string ticket_id = GetString(conflict, "ticket_id");
        const json::value admission = Member(conflict, "admitted");
        ASSERT_EQ(GetArray(conflict, "double_entries").size(), 1U) << conflict;
        const json::value& second = GetArray(conflict, "double_entries")[0];
        EXPECT_NE(GetString(admission, "gate"), GetString(second, "gate")) << conflict;
        const auto first_at = GetTime(admission, "scanned_at");
        const auto second_at = GetTime(second, "scanned_at");
        ASSERT_TRUE(first_at && second_at) << conflict;
        EXPECT_TRUE(
            *first_at < *second_at ||
            (*first_at == *second_at && GetString(admission, "gate") < GetString(second, "gate")))
            << conflict;
        EXPECT_EQ(Member(refusal[ticket_id].json, "first_scan"), admission) << refusal[ticket_id];
    }
}

TEST_F(TicketsConcurrency, RacingTransfersOfOneTicketMoveItOnce) {
    constexpr int kRecipients = 8;
    constexpr int kRounds = 4;
    EventDraft draft;
    draft.zones.push_back(GaZone(kGa, 100));
    event_id_ = CreateEvent(draft);
    TestUser buyer = server().NewUser("giver");
    const json::value order_id = Buy(buyer.http(), event_id_, kGa, kRounds);
    const std::vector<json::value> tickets = TicketsOfOrder(buyer.http(), order_id);
    ASSERT_EQ(tickets.size(), static_cast<std::size_t>(kRounds));
    std::vector<TestUser> recipients;
    for (int r = 0; r < kRecipients; ++r) recipients.push_back(server().NewUser("taker"));
    TestUser scanner = NewScanner(server());
    ASSERT_TRUE(scanner.ok());

    for (const json::value& ticket : tickets) {
        const std::string ticket_id = GetString(ticket, "ticket_id");
        std::vector<Response> answers(kRecipients);
        RunTogether(kRecipients, [&](int i) {
            HttpClient client(server().port());
            client.set_token(buyer.http().token());
            answers[i] = Transfer(client, ticket_id, recipients[i].email);
        });
        int winner = -1;
        for (int i = 0; i < kRecipients; ++i) {
            if (answers[i].status == 200) {
                EXPECT_EQ(winner, -1) << "two transfers of " << ticket_id << " succeeded";
                winner = i;
            } else {
                EXPECT_TRUE(IsProblem(answers[i], 404, {"unknown_ticket"}));
            }
        }
        ASSERT_NE(winner, -1) << "no transfer of " << ticket_id << " succeeded";
        EXPECT_EQ(GetInt(answers[winner].json, "version"), 2) << answers[winner];
        // Only the winner holds it; the old QR is dead, the winner's admitted.
        for (int i = 0; i < kRecipients; ++i) {
            const Response seen = GetTicket(recipients[i].http(), ticket_id);
            EXPECT_EQ(seen.status, i == winner ? 200 : 404) << seen;
        }
        EXPECT_TRUE(IsProblem(CheckIn(scanner.http(), {.payload = GetString(ticket, "qr")}), 410,
                              {"ticket_revoked"}));
        const Response held = GetTicket(recipients[winner].http(), ticket_id);
        EXPECT_EQ(CheckIn(scanner.http(), {.payload = GetString(held.json, "qr")}).status, 200);
    }
    EXPECT_TRUE(GetArray(MyTickets(buyer.http()).json, "tickets").empty());
}

TEST_F(TicketsConcurrency, ATransferRacingACheckInNeverBothSucceed) {
    constexpr int kBuyers = 3;
    Crowd crowd = BuyCrowd(kBuyers);
    ASSERT_EQ(crowd.tickets.size(), static_cast<std::size_t>(kBuyers * kTicketsPerBuyer));
    TestUser scanner = NewScanner(server());
    ASSERT_TRUE(scanner.ok());
    std::vector<TestUser> friends;
    for (int b = 0; b < kBuyers; ++b) friends.push_back(server().NewUser("friend"));
    int transfers_won = 0;
    int scans_won = 0;
    for (const Held& ticket : crowd.tickets) {
        Response transfer;
        Response scan;
        RunTogether(2, [&](int i) {
            HttpClient client(server().port());
            if (i == 0) {
                client.set_token(crowd.buyers[ticket.buyer].http().token());
                transfer = Transfer(client, ticket.ticket_id, friends[ticket.buyer].email);
            } else {
                client.set_token(scanner.http().token());
                scan = CheckIn(client, {.payload = ticket.qr, .gate = "door"});
            }
        });
        // Either the transfer came first (the old QR is then dead) or the scan did (a used
        // ticket is not given away): exactly one of them succeeds.
        if (transfer.status == 200) {
            ++transfers_won;
            EXPECT_TRUE(IsProblem(scan, 410, {"ticket_revoked"}));
            const Response received = GetTicket(friends[ticket.buyer].http(), ticket.ticket_id);
            EXPECT_EQ(GetString(received.json, "status"), "valid") << received;
            EXPECT_EQ(CheckIn(scanner.http(), {.payload = GetString(received.json, "qr")}).status,
                      200);
        } else {
            ++scans_won;
            EXPECT_TRUE(IsProblem(transfer, 409, {"already_checked_in"}));
            EXPECT_EQ(scan.status, 200) << scan;
            const Response kept = GetTicket(crowd.buyers[ticket.buyer].http(), ticket.ticket_id);
            EXPECT_EQ(GetString(kept.json, "status"), "used") << kept;
        }
    }
    EXPECT_EQ(transfers_won + scans_won, kBuyers * kTicketsPerBuyer);
    const Response stats = CheckInStats(scanner.http(), event_id_);
    EXPECT_EQ(GetInt(stats.json, "admitted"), kBuyers * kTicketsPerBuyer) << stats;
    EXPECT_EQ(GetInt(stats.json, "double_entry_attempts"), 0) << stats;
}

}  // namespace
}  // namespace tix::test
