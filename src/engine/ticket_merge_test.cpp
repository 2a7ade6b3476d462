// The scan merge (issue 10; TicketBook): the scans made at the gates of an event, checked in
// online one by one (each possibly retried) and uploaded in offline gates' logs (in chunks, each
// possibly uploaded twice), arriving in any order, end in the same admissions, figures and
// conflicts; and in those of a plain reference: a ticket's admission is its earliest scan by
// (time, gate name), every other distinct scan a double entry. What the engine kept of them,
// restored into another engine, rebuilds the same book. Many seeds; TIX_TICKET_SIM_SEED=<n>
// replays one.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/dispatch.h"
#include "engine/engine.h"
#include "engine/test_events.h"
#include "engine/test_tickets.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kSale = At(1'000'000);
constexpr TimePoint kDoors = At(999'000'000);
constexpr int kSeeds = 200;
constexpr int kInterleavings = 4;
constexpr std::size_t kStrays = 3;  // scans of the other event's ticket, and as many of no ticket
constexpr int kInstants = 6;        // scans fall on kDoors + 0..5 s: gates often tie on time
// Not in name order, so that the order gates are first met and their name order differ.
constexpr std::array<std::string_view, 4> kGates{"north", "east", "vip-1", "south"};

// One event with paid orders in both zones (14 tickets), and another event's ticket, which the
// first event's gates must refuse.
struct World {
    Engine engine;
    EventId event{};
    std::vector<OrderId> orders;
    std::vector<Ticket> tickets;  // the event's, in issue order
    Ticket stranger;              // of the other event
};

void Build(World& world) {
    world.event = world.engine.AddEvent(SmallTestEvent());
    for (std::uint64_t user = 1; user <= 7; ++user) {
        const HoldResult held = world.engine.Hold(
            HoldByQuantity{UserId{user}, world.event, user <= 4 ? "GA" : "INF", 2, true, {}},
            kSale);
        ASSERT_EQ(held.outcome, HoldOutcome::kOk);
        world.orders.push_back(held.order->order_id);
        ASSERT_EQ(world.engine.Confirm(world.orders.back(), kSale), OrderOutcome::kOk);
        for (const Ticket& ticket : world.engine.TicketsOfOrder(world.orders.back())) {
            world.tickets.push_back(ticket);
        }
    }
    const EventId other = world.engine.AddEvent(SmallTestEvent());
    const HoldResult held =
        world.engine.Hold(HoldByQuantity{UserId{8}, other, "GA", 1, false, {}}, kSale);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    world.orders.push_back(held.order->order_id);
    ASSERT_EQ(world.engine.Confirm(world.orders.back(), kSale), OrderOutcome::kOk);
    world.stranger = world.engine.TicketsOfOrder(world.orders.back())[0];
}

// A scan as it happened at a gate: online (checked in there and then) or logged offline.
struct GateScan {
    std::size_t ticket = 0;  // index into World::tickets
    std::string gate;
    TimePoint at;
    bool online = true;
};

// Each ticket scanned 0 to 4 times, at distinct (gate, instant)s.
std::vector<GateScan> Happened(std::size_t tickets, std::mt19937_64& rng) {
    std::vector<GateScan> scans;
    for (std::size_t t = 0; t < tickets; ++t) {
        const std::size_t count = rng() % 5;
        std::set<std::pair<std::string_view, int>> taken;
        while (taken.size() < count) {
            const std::string_view gate = kGates[rng() % kGates.size()];
            const int instant = static_cast<int>(rng() % kInstants);
            if (!taken.emplace(gate, instant).second) continue;
            scans.push_back(
                {t, std::string(gate), kDoors + std::chrono::seconds{instant}, rng() % 2 == 0});
        }
    }
    return scans;
}

// What reaches tix: each online scan 1 to 3 times (the gate retried); each gate's offline log
// in time order, cut in chunks, each uploaded once or twice; a few scans of the other
// event's ticket and of no ticket; all in random order.
std::vector<Command> Deliveries(const World& world, const std::vector<GateScan>& scans,
                                std::mt19937_64& rng) {
    std::vector<Command> deliveries;
    std::map<std::string, std::vector<GateScan>> logs;
    for (const GateScan& scan : scans) {
        if (!scan.online) {
            logs[scan.gate].push_back(scan);
            continue;
        }
        const int copies = 1 + static_cast<int>(rng() % 3);
        for (int c = 0; c < copies; ++c) {
            deliveries.push_back(
                CheckIn{world.tickets[scan.ticket].ticket_id, 1, world.event, scan.gate, scan.at});
        }
    }
    for (auto& [gate, log] : logs) {
        std::stable_sort(log.begin(), log.end(),
                         [](const GateScan& a, const GateScan& b) { return a.at < b.at; });
        for (std::size_t end = 1, begin = 0; end <= log.size(); ++end) {
            if (end < log.size() && rng() % 3 != 0) continue;  // cut here a third of the time
            UploadScans upload{world.event, gate, {}, {}};
            for (std::size_t i = begin; i < end; ++i) {
                // A typed-in id now and then: version 0 takes the ticket's own.
                upload.tickets.push_back(
                    {world.tickets[log[i].ticket].ticket_id, rng() % 4 == 0 ? 0u : 1u});
                upload.scanned_at.push_back(log[i].at);
            }
            const int copies = 1 + static_cast<int>(rng() % 2);
            for (int copy = 0; copy < copies; ++copy) deliveries.push_back(upload);
            begin = end;
        }
    }
    for (std::size_t i = 0; i < kStrays; ++i) {
        deliveries.push_back(CheckIn{world.stranger.ticket_id, 1, world.event, "north", kDoors});
        TicketId nobody;
        nobody.bytes[0] = static_cast<std::uint8_t>(rng());
        deliveries.push_back(CheckIn{nobody, 1, world.event, "east", kDoors});
    }
    std::shuffle(deliveries.begin(), deliveries.end(), rng);
    return deliveries;
}

// Applies the deliveries through the one dispatch; counts the outcomes.
std::map<ScanOutcome, std::size_t> Deliver(World& world, std::vector<Command>& deliveries) {
    std::map<ScanOutcome, std::size_t> outcomes;
    for (Command& command : deliveries) {
        const Reply reply = Apply(world.engine, command, kDoors + 1h);
        if (const auto* checked_in = std::get_if<CheckInReply>(&reply)) {
            ++outcomes[checked_in->outcome];
        } else {
            for (const ScanOutcome outcome : std::get<UploadScansReply>(reply).outcomes) {
                ++outcomes[outcome];
            }
        }
        world.engine.CheckInvariants();
    }
    return outcomes;
}

// The book's figures, each ticket's status and admission, and the conflicts; the gates and the
// conflicts by name and id, since which the book met first depends on arrival.
std::string Result(const Engine& engine, const World& world) {
    std::string text;
    for (const Ticket& ticket : world.tickets) {
        text += std::string(ToString(engine.FindTicket(ticket.ticket_id)->status)) + " " +
                Describe(engine.FirstScan(ticket.ticket_id)) + "\n";
    }
    return text + Describe(engine.TicketStats(world.event), /*gates_by_name=*/true) + "\n" +
           Describe(engine.ScanConflicts(world.event), /*by_ticket=*/true);
}

// Whether a is before b: the engine's rule is (time, gate name).
using ScanOrder = bool (*)(const Scan& a, const Scan& b);
bool ByTimeThenGate(const Scan& a, const Scan& b) {
    return std::tie(a.scanned_at, a.gate) < std::tie(b.scanned_at, b.gate);
}
bool ByTimeThenGateReversed(const Scan& a, const Scan& b) {  // a planted bug
    return std::tie(a.scanned_at, b.gate) < std::tie(b.scanned_at, a.gate);
}

// The same, from the scans that happened alone: each ticket's distinct scans sorted, the first
// admits, every other is a double entry.
std::string Reference(const World& world, const std::vector<GateScan>& happened,
                      ScanOrder earlier) {
    std::vector<std::vector<Scan>> per_ticket(world.tickets.size());
    for (const GateScan& scan : happened) {
        per_ticket[scan.ticket].push_back(
            {world.tickets[scan.ticket].ticket_id, world.event, scan.gate, scan.at, scan.online});
    }
    CheckInStats stats;
    stats.issued = static_cast<std::uint32_t>(world.tickets.size());
    stats.zone_admitted.assign(2, 0);
    std::map<std::string, GateCount> gates;
    std::vector<ScanConflict> conflicts;
    std::string text;
    for (std::size_t t = 0; t < world.tickets.size(); ++t) {
        std::vector<Scan>& scans = per_ticket[t];
        std::sort(scans.begin(), scans.end(), earlier);
        text += scans.empty() ? "valid none\n" : "used " + Describe(scans.front()) + "\n";
        if (scans.empty()) continue;
        ++stats.admitted;
        ++stats.zone_admitted[world.tickets[t].zone_index];
        stats.double_entries += static_cast<std::uint32_t>(scans.size() - 1);
        for (std::size_t i = 0; i < scans.size(); ++i) {
            GateCount& gate = gates[scans[i].gate];
            gate.gate = scans[i].gate;
            ++(i == 0 ? gate.admitted : gate.double_entries);
        }
        if (scans.size() > 1) conflicts.push_back({world.tickets[t].ticket_id, scans});
    }
    for (const auto& [name, gate] : gates) stats.gates.push_back(gate);
    return text + Describe(stats, true) + "\n" + Describe(conflicts, true);
}

// A journal of everything the engine recorded, restored into a fresh engine as recovery does.
void Rebuild(World& world, Engine& rebuilt) {
    JournalBatch batch;
    world.engine.DrainChanges(batch);
    std::map<std::uint64_t, Ticket> latest;  // the store's upsert by issue_seq
    for (const Ticket& ticket : batch.tickets.tickets)
        latest.insert_or_assign(ticket.issue_seq, ticket);
    TicketSnapshot snapshot;
    for (const auto& [seq, ticket] : latest) snapshot.tickets.push_back(ticket);
    snapshot.scans = batch.tickets.scans;
    for (const EventId event : world.engine.EventIds()) {
        rebuilt.RestoreEvent(*world.engine.FindEvent(event));
    }
    for (const OrderId order_id : world.orders) {
        rebuilt.Restore({*world.engine.FindOrder(order_id), {}, RequestKind::kUnknown});
    }
    rebuilt.RestoreTickets(snapshot);
    rebuilt.CheckInvariants();
}

std::vector<std::uint64_t> Seeds() {
    if (const char* replay = std::getenv("TIX_TICKET_SIM_SEED")) {
        return {std::strtoull(replay, nullptr, 10)};
    }
    std::vector<std::uint64_t> seeds;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) seeds.push_back(seed);
    return seeds;
}

TEST(TicketMerge, AnyArrivalOrderAndDuplicatesEndAsTheReferenceDoes) {
    int ties_decided = 0;      // seeds where the reversed tie-break (a planted bug) is caught
    int admissions_moved = 0;  // rounds where a scan arriving late took over an admission
    for (const std::uint64_t seed : Seeds()) {
        const std::string replay = "TIX_TICKET_SIM_SEED=" + std::to_string(seed);
        std::mt19937_64 rng(seed);
        World first;
        Build(first);
        ASSERT_FALSE(::testing::Test::HasFatalFailure()) << replay;
        const std::vector<GateScan> happened = Happened(first.tickets.size(), rng);
        const std::string expected = Reference(first, happened, ByTimeThenGate);
        if (Reference(first, happened, ByTimeThenGateReversed) != expected) ++ties_decided;

        for (int round = 0; round < kInterleavings; ++round) {
            World world;
            Build(world);
            std::vector<Command> deliveries = Deliveries(world, happened, rng);
            const std::map<ScanOutcome, std::size_t> outcomes = Deliver(world, deliveries);
            ASSERT_EQ(Result(world.engine, world), expected)
                << replay << " round " << round << ": the engine (left) and the reference";
            std::size_t delivered = 0;
            for (const auto& [outcome, count] : outcomes) delivered += count;
            EXPECT_EQ(outcomes.contains(ScanOutcome::kAlreadyRecorded)
                          ? outcomes.at(ScanOutcome::kAlreadyRecorded)
                          : 0,
                      delivered - happened.size() - 2 * kStrays)
                << replay << ": every repeat known as one, every first delivery kept";
            EXPECT_EQ(outcomes.at(ScanOutcome::kWrongEvent), kStrays) << replay;
            EXPECT_EQ(outcomes.at(ScanOutcome::kUnknownTicket), kStrays) << replay;
            EXPECT_EQ(world.engine.TicketStats(EventId{2}).admitted, 0u) << replay;
            if (outcomes.contains(ScanOutcome::kAdmitted) &&
                outcomes.at(ScanOutcome::kAdmitted) >
                    world.engine.TicketStats(world.event).admitted) {
                ++admissions_moved;
            }

            Engine rebuilt;
            const std::string before = Result(world.engine, world);
            const std::string raw_stats = Describe(world.engine.TicketStats(world.event));
            const std::string raw_conflicts = Describe(world.engine.ScanConflicts(world.event));
            Rebuild(world, rebuilt);
            ASSERT_EQ(Result(rebuilt, world), before) << replay << " round " << round;
            // The journal keeps scans in the order they were kept: even the book's own order of
            // gates and conflicts comes back.
            EXPECT_EQ(Describe(rebuilt.TicketStats(world.event)), raw_stats) << replay;
            EXPECT_EQ(Describe(rebuilt.ScanConflicts(world.event)), raw_conflicts) << replay;
            EXPECT_FALSE(rebuilt.HasChanges()) << replay;
        }
        if (::testing::Test::HasFailure()) return;
    }
    if (Seeds().size() > 1) {
        EXPECT_GT(ties_decided, 0) << "the scans never tie on time at two gates: the gate-name "
                                      "rule goes untested";
        EXPECT_GT(admissions_moved, 0) << "no earlier scan ever arrived after a later one";
    }
}

}  // namespace
}  // namespace tix::engine
