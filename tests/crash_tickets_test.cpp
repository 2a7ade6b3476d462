// Crash at the gates (issue 10): tixd is SIGKILLed while online gates scan, an offline gate
// uploads its log and a holder transfers tickets, then restarted on the same data. Every scan
// that got an answer (200 admitted, 409 already_checked_in, an upload's per-line result) is still
// there; nothing is there that was never sent; each ticket's admission is its earliest scan; the
// figures and the conflicts agree with the scans; every transfer that got a 200 holds, one
// without an answer either happened whole or not at all; each QR is still valid or used as it was;
// and a second, clean restart answers exactly the same.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "support/ticket_api.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr int kBuyers = 30;
constexpr int kTicketsPerBuyer = 8;
constexpr int kTransferPool = 48;     // the first tickets: transferred, never scanned
constexpr int kSettledTransfers = 4;  // of those, transferred before the storm
constexpr int kOnlineGates = 3;
constexpr int kUploadChunk = 8;
// The kill comes after this many answers, with most of the work still to do.
constexpr int kAnswersBeforeKill = 60;
constexpr auto kStormDeadline = std::chrono::seconds{30};

struct Held {
    std::string ticket_id;
    std::string qr;
    int buyer = 0;
};

// A scan the test sent: which ticket, at which gate, at what time.
struct Sent {
    std::string ticket_id;
    std::string gate;
    TimePoint at{};

    auto operator<=>(const Sent&) const = default;
};

// What tixd answered for a scan; `answered` false when the kill took the answer.
struct Outcome {
    Sent scan;
    bool answered = false;
    bool online = true;
    std::string result;                 // "admitted", "double_entry", "already_recorded", ...
    std::optional<TimePoint> first_at;  // online: the admission the answer named
    std::string first_gate;
};

struct TransferOutcome {
    int ticket = 0;     // index into the tickets
    int recipient = 0;  // index into the recipients
    int status = 0;     // 0: no answer
};

// Counts answers and lets the main thread wait for enough of them (or for the deadline).
class AnswerCount {
  public:
    void Add() {
        std::lock_guard lock(mutex_);
        ++answers_;
        changed_.notify_all();
    }
    bool WaitFor(int answers, std::chrono::steady_clock::duration timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return answers_ >= answers; });
    }
    int count() {
        std::lock_guard lock(mutex_);
        return answers_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int answers_ = 0;
};

Sent ScanOf(const json::value& scan, const std::string& ticket_id) {
    return {ticket_id, GetString(scan, "gate"), GetTime(scan, "scanned_at").value_or(TimePoint{})};
}

TEST(TicketsCrash, ScansTransfersAndUploadsSurviveAKill) {
    TixServer server;
    ASSERT_TRUE(server.ok()) << server.error();
    EventDraft draft;
    draft.zones.push_back(GaZone(kGa, kBuyers * kTicketsPerBuyer));
    const json::value event_id = Member(server.CreateEvent(draft), "event_id");
    ASSERT_FALSE(event_id.is_null());

    std::vector<TestUser> buyers;
    std::vector<Held> tickets;
    for (int b = 0; b < kBuyers; ++b) {
        buyers.push_back(server.NewUser("crash"));
        const json::value order_id = Buy(buyers.back().http(), event_id, kGa, kTicketsPerBuyer);
        for (const json::value& ticket : TicketsOfOrder(buyers.back().http(), order_id)) {
            tickets.push_back({GetString(ticket, "ticket_id"), GetString(ticket, "qr"), b});
        }
    }
    ASSERT_EQ(tickets.size(), static_cast<std::size_t>(kBuyers * kTicketsPerBuyer));
    std::vector<TestUser> recipients;
    for (int r = 0; r < kTransferPool; ++r) recipients.push_back(server.NewUser("recipient"));
    for (int t = 0; t < kSettledTransfers; ++t) {
        ASSERT_EQ(
            Transfer(buyers[tickets[t].buyer].http(), tickets[t].ticket_id, recipients[t].email)
                .status,
            200);
    }
    std::vector<TestUser> gates;
    for (int g = 0; g < kOnlineGates + 1; ++g) {
        gates.push_back(NewScanner(server, "gate"));
        ASSERT_TRUE(gates.back().ok());
    }

    // The times of the scans, all in the past: each ticket's online admission comes first
    // (10 s apart), its online double entry 5 s later, the offline gate's scan an hour later.
    const TimePoint base = std::chrono::floor<seconds>(Now()) - std::chrono::hours{3};
    const auto online_at = [&](int t) { return base + seconds{10 * t}; };
    const auto offline_at = [&](int t) { return base + std::chrono::hours{1} + seconds{t}; };
    std::vector<int> scanned;  // the tickets the storm scans
    for (int t = kTransferPool; t < static_cast<int>(tickets.size()); ++t) scanned.push_back(t);
    std::size_t planned = (scanned.size() + 1) / 2;  // the offline gate's, every other ticket
    for (std::size_t k = 0; k < scanned.size(); ++k) planned += k % 4 == 0 ? 2 : 1;

    AnswerCount answers;
    std::atomic<bool> killed{false};
    std::vector<std::vector<Outcome>> outcomes(kOnlineGates + 1);
    std::vector<TransferOutcome> transfers;
    std::vector<std::thread> workers;
    for (int g = 0; g < kOnlineGates; ++g) {
        workers.emplace_back([&, g] {
            HttpClient client(server.port());
            client.set_token(gates[g].http().token());
            const std::string gate = "gate-" + std::to_string(g);
            for (std::size_t k = g; k < scanned.size(); k += kOnlineGates) {
                const int t = scanned[k];
                // Every fourth ticket is shown twice at the same gate.
                const int times = k % 4 == 0 ? 2 : 1;
                for (int again = 0; again < times; ++again) {
                    Outcome outcome{
                        {tickets[t].ticket_id, gate, online_at(t) + seconds{5 * again}}};
                    const Response answer = CheckIn(
                        client,
                        {.payload = tickets[t].qr, .gate = gate, .scanned_at = outcome.scan.at});
                    if (answer.status == 200 || answer.status == 409) {
                        outcome.answered = true;
                        outcome.result = answer.status == 200 ? "admitted" : "already_checked_in";
                        const json::value first =
                            answer.status == 200 ? answer.json : Member(answer.json, "first_scan");
                        outcome.first_at = GetTime(first, "scanned_at");
                        outcome.first_gate = GetString(first, "gate");
                    } else if (answer.status != 0 || !killed) {
                        ADD_FAILURE() << answer;
                    }
                    outcomes[g].push_back(outcome);
                    if (!outcome.answered) return;
                    answers.Add();
                }
            }
        });
    }
    workers.emplace_back([&] {  // the offline gate uploads its log in chunks
        HttpClient client(server.port());
        client.set_token(gates[kOnlineGates].http().token());
        std::vector<LoggedScan> chunk;
        std::vector<Outcome> sent;
        for (std::size_t k = 0; k < scanned.size(); k += 2) {
            const int t = scanned[k];
            chunk.push_back({tickets[t].qr, "", offline_at(t)});
            sent.push_back({{tickets[t].ticket_id, "offline", offline_at(t)}, false, false});
            if (chunk.size() < kUploadChunk && k + 2 < scanned.size()) continue;
            const Response answer = Upload(client, event_id, "offline", chunk);
            const json::array& results = GetArray(answer.json, "results");
            if (answer.status == 200 && results.size() == sent.size()) {
                for (std::size_t i = 0; i < sent.size(); ++i) {
                    sent[i].answered = true;
                    sent[i].result = GetString(results[i], "result");
                }
            } else if (answer.status != 0 || !killed) {
                ADD_FAILURE() << answer;
            }
            const bool answered = sent.front().answered;
            outcomes[kOnlineGates].insert(outcomes[kOnlineGates].end(), sent.begin(), sent.end());
            chunk.clear();
            sent.clear();
            if (!answered) return;
            answers.Add();
        }
    });
    workers.emplace_back([&] {  // a holder gives tickets away one after another
        for (int t = kSettledTransfers; t < kTransferPool; ++t) {
            HttpClient client(server.port());
            client.set_token(buyers[tickets[t].buyer].http().token());
            const Response answer = Transfer(client, tickets[t].ticket_id, recipients[t].email);
            if (answer.status != 200 && (answer.status != 0 || !killed)) ADD_FAILURE() << answer;
            transfers.push_back({t, t, answer.status});
            if (answer.status == 0) return;
            answers.Add();
        }
    });

    // Kill it while the gates are busy.
    const bool enough = answers.WaitFor(kAnswersBeforeKill, kStormDeadline);
    killed = true;
    const ExitStatus status = server.Crash();
    for (std::thread& worker : workers) worker.join();
    ASSERT_TRUE(enough) << "only " << answers.count() << " answers before the deadline";
    EXPECT_FALSE(status.exited) << status.ToString();
    std::vector<Outcome> all;
    for (const auto& gate : outcomes) all.insert(all.end(), gate.begin(), gate.end());
    int answered = 0;
    for (const Outcome& outcome : all) answered += outcome.answered ? 1 : 0;
    EXPECT_LT(all.size(), planned) << "the kill came after the storm";
    std::cout << answered << " of " << all.size() << " scans answered before the kill, "
              << transfers.size() << " transfers sent\n";

    ASSERT_TRUE(server.Restart()) << server.error();
    HttpClient& admin = server.admin();
    TestUser auditor = NewScanner(server, "auditor");
    ASSERT_TRUE(auditor.ok());

    // What tixd kept: each ticket's admission (GET /tickets/{id}) and the double entries.
    std::map<std::string, std::vector<Sent>> kept;
    std::map<std::string, json::value> ticket_after;
    for (const int t : scanned) {
        const Response ticket = GetTicket(admin, tickets[t].ticket_id);
        ASSERT_EQ(ticket.status, 200) << ticket;
        ticket_after[tickets[t].ticket_id] = ticket.json;
        const json::value* checked_in = Find(ticket.json, "checked_in");
        EXPECT_EQ(GetString(ticket.json, "status"), checked_in != nullptr ? "used" : "valid")
            << ticket;
        if (checked_in != nullptr) {
            kept[tickets[t].ticket_id].push_back(ScanOf(*checked_in, tickets[t].ticket_id));
        }
    }
    const Response conflicts = Conflicts(auditor.http(), event_id);
    ASSERT_EQ(conflicts.status, 200) << conflicts;
    for (const json::value& conflict : GetArray(conflicts.json, "conflicts")) {
        const std::string ticket_id = GetString(conflict, "ticket_id");
        const Sent admission = ScanOf(Member(conflict, "admitted"), ticket_id);
        ASSERT_EQ(kept[ticket_id].size(), 1U) << conflict;
        EXPECT_EQ(kept[ticket_id][0], admission) << conflict;
        for (const json::value& late : GetArray(conflict, "double_entries")) {
            kept[ticket_id].push_back(ScanOf(late, ticket_id));
        }
    }

    // Nothing kept that was never sent; each admission the earliest (by time, then gate).
    std::set<Sent> sent_scans;
    for (const Outcome& outcome : all) sent_scans.insert(outcome.scan);
    std::map<std::string, int> gate_admitted;
    std::map<std::string, int> gate_double_entries;
    int double_entries = 0;
    for (const auto& [ticket_id, scans] : kept) {
        for (const Sent& scan : scans) {
            EXPECT_TRUE(sent_scans.contains(scan)) << "kept a scan never sent: " << ticket_id << " "
                                                   << scan.gate << " " << Rfc3339(scan.at);
        }
        for (std::size_t i = 1; i < scans.size(); ++i) {
            EXPECT_LT(std::tie(scans[0].at, scans[0].gate), std::tie(scans[i].at, scans[i].gate))
                << ticket_id;
            ++gate_double_entries[scans[i].gate];
            ++double_entries;
        }
        ++gate_admitted[scans[0].gate];
    }
    // Every answered scan is there; an online admission stays the admission it was.
    for (const Outcome& outcome : all) {
        if (!outcome.answered) continue;
        const std::vector<Sent>& scans = kept[outcome.scan.ticket_id];
        EXPECT_NE(std::find(scans.begin(), scans.end(), outcome.scan), scans.end())
            << "an answered scan was lost: " << outcome.scan.ticket_id << " at "
            << outcome.scan.gate << " (" << outcome.result << ")";
        if (outcome.online && !scans.empty()) {
            EXPECT_EQ(scans[0].gate, outcome.first_gate) << outcome.scan.ticket_id;
            EXPECT_EQ(std::optional(scans[0].at), outcome.first_at) << outcome.scan.ticket_id;
        }
    }
    // The figures are those of the scans kept.
    const Response stats = CheckInStats(auditor.http(), event_id);
    ASSERT_EQ(stats.status, 200) << stats;
    EXPECT_EQ(GetInt(stats.json, "issued"), static_cast<std::int64_t>(tickets.size())) << stats;
    EXPECT_EQ(GetInt(stats.json, "admitted"), static_cast<std::int64_t>(kept.size())) << stats;
    EXPECT_EQ(ZoneAdmitted(stats.json, kGa), static_cast<std::int64_t>(kept.size())) << stats;
    EXPECT_EQ(GetInt(stats.json, "double_entry_attempts"), double_entries) << stats;
    for (const json::value& gate : GetArray(stats.json, "gates")) {
        const std::string name = GetString(gate, "gate");
        EXPECT_EQ(GetInt(gate, "admitted"), gate_admitted[name]) << stats;
        EXPECT_EQ(GetInt(gate, "double_entries"), gate_double_entries[name]) << stats;
    }

    // Transfers: answered ones hold; unanswered ones happened whole or not at all.
    for (int t = 0; t < kTransferPool; ++t) {
        const Response ticket = GetTicket(admin, tickets[t].ticket_id);
        ASSERT_EQ(ticket.status, 200) << ticket;
        const bool moved = Member(ticket.json, "holder_id") == recipients[t].user_id;
        std::optional<int> answer;
        if (t < kSettledTransfers) answer = 200;
        for (const TransferOutcome& transfer : transfers) {
            if (transfer.ticket == t) answer = transfer.status;
        }
        if (answer == 200) {
            EXPECT_TRUE(moved) << "an answered transfer was lost: " << ticket;
        } else if (!answer) {
            EXPECT_FALSE(moved) << "a transfer never sent happened: " << ticket;
        }
        if (!moved) {
            EXPECT_EQ(Member(ticket.json, "holder_id"), buyers[tickets[t].buyer].user_id);
        }
        EXPECT_EQ(GetInt(ticket.json, "version"), moved ? 2 : 1) << ticket;
        EXPECT_EQ(GetString(ticket.json, "status"), "valid") << ticket;
        // The old QR is dead exactly when the ticket moved; the holder's current one admits.
        if (moved) {
            EXPECT_TRUE(IsProblem(CheckIn(auditor.http(), {.payload = tickets[t].qr}), 410,
                                  {"ticket_revoked"}));
            HttpClient holder(server.port());
            ASSERT_FALSE(holder.Login(recipients[t].email, recipients[t].password).empty());
            const Response theirs = GetTicket(holder, tickets[t].ticket_id);
            EXPECT_EQ(CheckIn(auditor.http(), {.payload = GetString(theirs.json, "qr")}).status,
                      200);
        } else {
            EXPECT_EQ(CheckIn(auditor.http(), {.payload = tickets[t].qr}).status, 200);
        }
    }

    // A second, clean restart recovers the same state as the crash did.
    const auto conflicts_by_ticket = [&] {
        const Response answer = Conflicts(auditor.http(), event_id);
        EXPECT_EQ(answer.status, 200) << answer;
        std::map<std::string, json::value> by_ticket;
        for (const json::value& conflict : GetArray(answer.json, "conflicts")) {
            by_ticket[GetString(conflict, "ticket_id")] = conflict;
        }
        return by_ticket;
    };
    const std::map<std::string, json::value> conflicts_before = conflicts_by_ticket();
    const json::value stats_with_transfers = CheckInStats(auditor.http(), event_id).json;
    ASSERT_TRUE(server.Stop().Clean());
    ASSERT_TRUE(server.Restart()) << server.error();
    auditor.client = server.NewClient();  // the new server listens on a new port
    ASSERT_FALSE(auditor.http().Login(auditor.email, auditor.password).empty());
    EXPECT_EQ(CheckInStats(auditor.http(), event_id).json, stats_with_transfers);
    EXPECT_EQ(conflicts_by_ticket(), conflicts_before);

    // The same QR codes, still valid or used as they were: a scan now admits exactly the
    // tickets that had no scan, and refuses the others with their admission.
    for (const int t : scanned) {
        const Response answer = CheckIn(auditor.http(), {.payload = tickets[t].qr, .gate = "late"});
        const auto found = kept.find(tickets[t].ticket_id);
        if (found == kept.end()) {
            EXPECT_EQ(answer.status, 200) << answer;
            continue;
        }
        EXPECT_TRUE(IsProblem(answer, 409, {"already_checked_in"}));
        EXPECT_EQ(GetString(answer.json, "gate"), found->second[0].gate) << answer;
        EXPECT_EQ(GetTime(answer.json, "scanned_at"), found->second[0].at) << answer;
    }
}

}  // namespace
}  // namespace tix::test
