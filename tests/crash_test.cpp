// Crash tests: tixd is SIGKILLed (no shutdown code runs) and restarted on the same data
// directory. Whatever it acknowledged before the kill must still be there, exactly; nothing may
// be sold twice; and holds that were live at the crash must still expire afterwards.
// (SIGKILL loses the process, not the OS page cache: power-loss durability is not tested here.)
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/parallel.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

using namespace std::chrono_literals;

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr int kStormClients = 64;
constexpr int kLimit = 8;
// Long enough that the holds acknowledged before the kill are still live while the restarted
// server is checked, short enough to then watch them expire.
constexpr int kStormHoldSeconds = 8;
// The kill comes after this many acknowledged holds, or after kStormTimeMax.
constexpr int kAcksBeforeKill = 150;
constexpr auto kStormTimeMax = std::chrono::seconds(5);
constexpr char kGaZone[] = "GA";
constexpr int kGaTickets = 2'000;
constexpr char kSeatZone[] = "SEAT";
constexpr int kSeatRows = 10;
constexpr int kSeatsPerRow = 20;

// What a storm client knows about one of its orders when the server dies.
struct Known {
    json::value order;  // the 201 body
    int client = -1;
    bool paid = false;              // confirm answered 200 paid
    bool cancelled = false;         // cancel answered 200 cancelled
    bool confirm_in_doubt = false;  // confirm sent, no answer before the kill
    bool cancel_in_doubt = false;   // cancel sent, no answer before the kill
};

class CrashTest : public TixTest {
  protected:
    // After a restart the port is new and the old tokens may be gone: a fresh client, logged in.
    std::unique_ptr<HttpClient> Reconnect(const TestUser& user) {
        auto client = server().NewClient();
        client->Login(user.email, user.password);
        return client;
    }
    static Rows SeatRows() {
        Rows rows;
        for (int r = 0; r < kSeatRows; ++r)
            rows.emplace_back(std::string(1, 'A' + r), kSeatsPerRow);
        return rows;
    }
};

TEST_F(CrashTest, AcknowledgedHoldsSurviveSigkillAndStillExpire) {
    const std::uint64_t seed = TestSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    EventDraft draft;
    draft.hold_seconds = kStormHoldSeconds;
    draft.zones.push_back(GaZone(kGaZone, kGaTickets));
    draft.zones.push_back(SeatedZone(kSeatZone, SeatRows()));
    const json::value event_id = CreateEvent(draft);
    ASSERT_FALSE(event_id.is_null());
    std::vector<TestUser> users(kStormClients);
    for (TestUser& user : users) {
        user = server().NewUser("storm");
        ASSERT_TRUE(user.ok());
    }

    // The storm: holds of every kind, some confirmed, some cancelled, until the server dies.
    std::mutex mutex;
    std::vector<Known> known;
    std::atomic<int> acks{0};
    std::atomic<bool> killed{false};
    Problems problems;
    std::thread killer([&] {
        const auto deadline = Clock::now() + kStormTimeMax;
        while (acks.load() < kAcksBeforeKill && Clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        const ExitStatus status = server().Crash();  // mid-storm: requests are in flight
        killed = true;
        if (status.signal != SIGKILL)
            problems.Add("tixd did not die of SIGKILL: " + status.ToString());
    });
    RunTogether(kStormClients, [&](int i) {
        std::mt19937_64 rng(seed + static_cast<std::uint64_t>(i));
        auto roll = [&](int low, int high) {
            return std::uniform_int_distribution<int>(low, high)(rng);
        };
        HttpClient& client = users[i].http();
        std::vector<std::size_t> mine;  // indexes into `known` of my live orders
        int live = 0;
        for (int attempt = 0; !killed.load(); ++attempt) {
            const std::string key = "storm-" + std::to_string(i) + "-" + std::to_string(attempt);
            const int quantity = roll(1, 4);
            Response held;
            switch (roll(0, 2)) {
                case 0:
                    held = Hold(client, event_id, kGaZone, quantity, {.idempotency_key = key});
                    break;
                case 1:
                    held = Hold(client, event_id, kSeatZone, quantity,
                                {.allow_split = roll(0, 1) == 1, .idempotency_key = key});
                    break;
                default: {
                    const std::string row(1, static_cast<char>('A' + roll(0, kSeatRows - 1)));
                    const int first = roll(1, kSeatsPerRow - quantity + 1);
                    std::vector<std::string> seats;
                    for (int n = first; n < first + quantity; ++n) {
                        seats.push_back(SeatId(kSeatZone, row, n));
                    }
                    held = HoldSeats(client, event_id, seats, key);
                }
            }
            if (held.status == 0) break;  // the server is gone
            if (held.status == 201) {
                std::lock_guard lock(mutex);
                known.push_back(Known{held.json, i});
                mine.push_back(known.size() - 1);
                live += quantity;
                ++acks;
            } else if (held.status != 409 && held.status != 422 && held.status != 503) {
                problems.Add("storm hold: " + ToString(held));
            }
            if (mine.empty() || roll(0, 9) < 4) continue;
            // Confirm or cancel one of my orders; cancel when at the limit, to keep storming.
            const std::size_t pick =
                static_cast<std::size_t>(roll(0, static_cast<int>(mine.size()) - 1));
            const std::size_t index = mine[pick];
            json::value order_id;
            {
                std::lock_guard lock(mutex);
                order_id = Member(known[index].order, "order_id");
            }
            const bool cancel = live + 4 > kLimit || roll(0, 2) == 0;
            {
                std::lock_guard lock(mutex);
                (cancel ? known[index].cancel_in_doubt : known[index].confirm_in_doubt) = true;
            }
            const Response answer = cancel ? Cancel(client, order_id) : Confirm(client, order_id);
            if (answer.status == 0) break;
            std::lock_guard lock(mutex);
            Known& k = known[index];
            (cancel ? k.cancel_in_doubt : k.confirm_in_doubt) = false;
            if (answer.status == 200 && cancel) {
                k.cancelled = true;
                live -= static_cast<int>(GetInt(k.order, "quantity"));
            } else if (answer.status == 200) {
                k.paid = true;
            } else if (answer.status != 503) {
                problems.Add("storm " + std::string(cancel ? "cancel: " : "confirm: ") +
                             ToString(answer));
            }
            mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(pick));
        }
    });
    killer.join();
    std::cout << known.size() << " holds acknowledged before the kill\n";
    EXPECT_EQ(problems.size(), 0u) << problems.Summary();
    ASSERT_GE(known.size(), 20u) << "the storm acknowledged too little to test anything";

    ASSERT_TRUE(server().Restart()) << server().error();

    // Every acknowledged hold is there, unchanged, in a state its history allows.
    std::map<std::string, json::value> on_server;  // every order of every storm user
    std::map<std::string, int> owner;
    for (int i = 0; i < kStormClients; ++i) {
        auto client = Reconnect(users[i]);
        std::int64_t live = 0;
        for (const json::value& order : ListAllMyOrders(*client)) {
            const std::string id = IdText(Member(order, "order_id"));
            on_server[id] = order;
            owner[id] = i;
            const std::string status = GetString(order, "status");
            if (status == "held" || status == "paid") live += GetInt(order, "quantity");
        }
        EXPECT_LE(live, kLimit) << "user " << i << " is over the limit after recovery";
    }
    const TimePoint checked_at = Now();
    int in_doubt = 0;
    for (const Known& k : known) in_doubt += k.confirm_in_doubt || k.cancel_in_doubt;
    std::cout << on_server.size() << " orders after recovery; "
              << static_cast<int>(on_server.size()) - static_cast<int>(known.size())
              << " holds and " << in_doubt << " confirms/cancels were in flight at the kill\n";
    for (const Known& k : known) {
        const std::string id = IdText(Member(k.order, "order_id"));
        const auto found = on_server.find(id);
        if (found == on_server.end()) {
            ADD_FAILURE() << "acknowledged order lost in the crash: " << k.order;
            continue;
        }
        const json::value& order = found->second;
        EXPECT_EQ(owner[id], k.client) << id;
        EXPECT_EQ(GetString(order, "zone_id"), GetString(k.order, "zone_id")) << id;
        EXPECT_EQ(GetInt(order, "quantity"), GetInt(k.order, "quantity")) << id;
        EXPECT_EQ(SeatSet(order), SeatSet(k.order)) << id;
        const std::string status = GetString(order, "status");
        if (status == "held" || status == "expired") {  // paid orders need no deadline
            EXPECT_EQ(GetTime(order, "expires_at"), GetTime(k.order, "expires_at")) << order;
        }
        std::set<std::string> allowed;
        const TimePoint expires_at = GetTime(k.order, "expires_at").value_or(TimePoint{});
        const bool may_have_expired = checked_at + 500ms >= expires_at;
        if (k.paid) {
            allowed = {"paid"};
        } else if (k.cancelled) {
            allowed = {"cancelled"};
        } else {
            allowed = {"held"};
            if (may_have_expired) allowed.insert("expired");
            // A confirm in flight may have durably begun its payment and not finished it: the
            // order keeps its seats until the payment deadline, then expires (checked below).
            if (k.confirm_in_doubt) allowed.insert({"paid", "payment_pending"});
            if (k.cancel_in_doubt) allowed.insert("cancelled");
        }
        EXPECT_EQ(allowed.count(status), 1u)
            << "order " << id << " came back as " << order << "; before the kill it was "
            << (k.paid        ? "paid"
                : k.cancelled ? "cancelled"
                              : "held")
            << (k.confirm_in_doubt ? " (confirm in flight)" : "")
            << (k.cancel_in_doubt ? " (cancel in flight)" : "");
    }

    // Nothing is sold twice, and the seat map and counts agree with the live orders (checked
    // while no hold can have expired yet; the first one was made before the kill).
    std::map<std::string, char> seat_state;
    std::map<std::string, std::int64_t> live_tickets;  // by zone
    TimePoint first_expiry = kNoEnd;
    for (const auto& [id, order] : on_server) {
        const std::string status = GetString(order, "status");
        if (status != "held" && status != "paid" && status != "payment_pending") continue;
        live_tickets[GetString(order, "zone_id")] += GetInt(order, "quantity");
        if (status != "paid") {
            first_expiry =
                std::min(first_expiry, GetTime(order, "expires_at").value_or(TimePoint{}));
        }
        for (const std::string& seat : SeatSet(order)) {
            EXPECT_TRUE(seat_state.emplace(seat, status == "paid" ? 'S' : 'H').second)
                << seat << " is in two live orders after recovery";
        }
    }
    const Response availability = Availability(server().admin(), event_id, true);
    ASSERT_EQ(availability.status, 200) << availability;
    if (Now() + 200ms < first_expiry) {
        for (const char* zone_id : {kGaZone, kSeatZone}) {
            const ZoneCounts zone = ZoneAvailability(availability.json, zone_id);
            EXPECT_EQ(zone.held + zone.sold, live_tickets[zone_id]) << zone_id << availability;
            EXPECT_EQ(zone.available + zone.held + zone.sold, zone.capacity) << availability;
        }
        for (int r = 0; r < kSeatRows; ++r) {
            const std::string row(1, static_cast<char>('A' + r));
            std::string expected(kSeatsPerRow, 'A');
            for (int n = 1; n <= kSeatsPerRow; ++n) {
                const auto state = seat_state.find(SeatId(kSeatZone, row, n));
                if (state != seat_state.end())
                    expected[static_cast<std::size_t>(n - 1)] = state->second;
            }
            EXPECT_EQ(RowStates(availability.json, kSeatZone, row), expected) << "row " << row;
        }
    } else {
        std::cout << "holds began expiring before the recovered counts could be checked\n";
    }

    // Expiries still fire: once the deadlines pass, every unpaid ticket is available again.
    std::int64_t sold_ga = 0;
    std::int64_t sold_seats = 0;
    for (const auto& [id, order] : on_server) {
        if (GetString(order, "status") != "paid") continue;
        (GetString(order, "zone_id") == kGaZone ? sold_ga : sold_seats) +=
            GetInt(order, "quantity");
    }
    json::value after;
    EXPECT_TRUE(Eventually(
        [&] {
            after = Availability(server().admin(), event_id, true).json;
            return ZoneAvailability(after, kGaZone).held == 0 &&
                   ZoneAvailability(after, kSeatZone).held == 0;
        },
        std::chrono::seconds(kStormHoldSeconds + 10)))
        << "holds recovered from the crash never expired: " << json::serialize(after);
    EXPECT_EQ(ZoneAvailability(after, kGaZone).sold, sold_ga);
    EXPECT_EQ(ZoneAvailability(after, kGaZone).available, kGaTickets - sold_ga);
    EXPECT_EQ(ZoneAvailability(after, kSeatZone).sold, sold_seats);
    EXPECT_EQ(ZoneAvailability(after, kSeatZone).available, kSeatRows * kSeatsPerRow - sold_seats);
    for (const auto& [id, order] : on_server) {
        if (GetString(order, "status") != "held" && GetString(order, "status") != "payment_pending")
            continue;
        auto client = Reconnect(users[owner[id]]);
        const Response now = GetOrder(*client, Member(order, "order_id"));
        EXPECT_EQ(GetString(now.json, "status"), "expired") << now;
        break;  // one sample: the counts above cover the rest
    }
}

TEST_F(CrashTest, PaidOrderSurvivesCrashAndGracefulRestartAsPaid) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser("payer");
    ASSERT_TRUE(user.ok());
    const Response held = HoldSeats(user.http(), event_id, {"INF-A-3", "INF-A-4"});
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");
    ASSERT_EQ(Confirm(user.http(), order_id).status, 200);
    ASSERT_EQ(server().Crash().signal, SIGKILL);  // right after the 200

    for (int restart = 0; restart < 2; ++restart) {
        ASSERT_TRUE(server().Restart()) << server().error();
        auto client = Reconnect(user);
        const Response order = GetOrder(*client, order_id);
        ASSERT_EQ(order.status, 200) << order;
        EXPECT_EQ(GetString(order.json, "status"), "paid") << order;
        EXPECT_EQ(SeatSet(order.json), (std::set<std::string>{"INF-A-3", "INF-A-4"}));
        const Response availability = Availability(*client, event_id, true);
        EXPECT_EQ(RowStates(availability.json, kInf, "A"), "AASSAAAAAAA") << availability;
        EXPECT_EQ(ZoneAvailability(availability.json, kInf).sold, 2);
        EXPECT_TRUE(IsProblem(Cancel(*client, order_id), 409, {"order_paid"}));
        if (restart == 0) {
            const ExitStatus stopped = server().Stop();
            EXPECT_TRUE(stopped.Clean()) << "SIGTERM: " << stopped.ToString();
        }
    }
}

TEST_F(CrashTest, HeldOrderSurvivesCrashAndExpiresOnTime) {
    EventDraft draft = StandardEventDraft();
    draft.hold_seconds = 4;
    const json::value event_id = CreateEvent(draft);
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser("holder");
    ASSERT_TRUE(user.ok());
    const Response held = HoldSeats(user.http(), event_id, {"INF-B-6"});
    ASSERT_EQ(held.status, 201) << held;
    const Response ga = Hold(user.http(), event_id, kGa, 3);
    ASSERT_EQ(ga.status, 201) << ga;
    const TimePoint expires_at = GetTime(held.json, "expires_at").value_or(TimePoint{});
    ASSERT_EQ(server().Crash().signal, SIGKILL);
    ASSERT_TRUE(server().Restart()) << server().error();

    auto client = Reconnect(user);
    const Response order = GetOrder(*client, Member(held.json, "order_id"));
    ASSERT_EQ(order.status, 200) << order;
    if (Now() + 200ms < expires_at) {
        EXPECT_EQ(GetString(order.json, "status"), "held") << order;
        EXPECT_EQ(RowStates(Availability(*client, event_id, true).json, kInf, "B"), "AAAAAHAAAAA");
    }
    EXPECT_EQ(GetTime(order.json, "expires_at"), expires_at) << order;

    json::value availability;
    EXPECT_TRUE(Eventually(
        [&] {
            availability = Availability(*client, event_id, true).json;
            return RowStates(availability, kInf, "B") == std::string(kRowSeats, 'A') &&
                   ZoneAvailability(availability, kGa).available == kGaCapacity;
        },
        std::chrono::seconds(15)))
        << json::serialize(availability);
    EXPECT_GE(Now() + 100ms, expires_at) << "released before its deadline";
    EXPECT_EQ(GetString(GetOrder(*client, Member(held.json, "order_id")).json, "status"),
              "expired");
    EXPECT_TRUE(IsProblem(Confirm(*client, Member(ga.json, "order_id")), 409, {"order_expired"}));
}

TEST_F(CrashTest, HoldsThatExpireWhileTheServerIsDownAreReleasedAtStart) {
    EventDraft draft = StandardEventDraft();
    draft.hold_seconds = 1;
    const json::value event_id = CreateEvent(draft);
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser("absent");
    ASSERT_TRUE(user.ok());
    const Response held = HoldSeats(user.http(), event_id, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(held.status, 201) << held;
    const TimePoint expires_at = GetTime(held.json, "expires_at").value_or(TimePoint{});
    ASSERT_EQ(server().Crash().signal, SIGKILL);
    // Time-based on purpose: stay down until the hold's deadline has passed.
    while (Now() < expires_at + 300ms) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(server().Restart()) << server().error();

    auto client = Reconnect(user);
    const Response availability = Availability(*client, event_id, true);
    EXPECT_EQ(RowStates(availability.json, kInf, "A"), std::string(kRowSeats, 'A'))
        << "seats of a hold that expired during the outage are still blocked: " << availability;
    EXPECT_EQ(ZoneAvailability(availability.json, kInf).held, 0);
    EXPECT_TRUE(IsProblem(Confirm(*client, Member(held.json, "order_id")), 409, {"order_expired"}));
    EXPECT_EQ(GetString(GetOrder(*client, Member(held.json, "order_id")).json, "status"),
              "expired");
}

TEST_F(CrashTest, IdempotencyKeyStillReplaysAfterACrash) {
    // The moment a client retries is exactly when the server died before it could answer.
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser("retrier");
    ASSERT_TRUE(user.ok());
    const Response first = Hold(user.http(), event_id, kGa, 2, {.idempotency_key = "retry-me"});
    ASSERT_EQ(first.status, 201) << first;
    ASSERT_EQ(server().Crash().signal, SIGKILL);
    ASSERT_TRUE(server().Restart()) << server().error();

    auto client = Reconnect(user);
    const Response retry = Hold(*client, event_id, kGa, 2, {.idempotency_key = "retry-me"});
    ASSERT_EQ(retry.status, 201) << retry;
    EXPECT_EQ(IdText(Member(retry.json, "order_id")), IdText(Member(first.json, "order_id")));
    EXPECT_EQ(retry.Header("Idempotent-Replayed"), "true");
    EXPECT_EQ(ZoneAvailability(Availability(*client, event_id).json, kGa).held, 2);
}

}  // namespace
}  // namespace tix::test
