// Micro-benchmarks of the engine on one core: holds by quantity (general admission and seated
// best available in a 45,000-seat venue), explicit-seat holds, hold + cancel, and the expiry
// sweep. Items/s is holds (or expiries) per second. Run a Release build:
//   build/engine-rel/src/engine/engine_bench
// The memory benchmarks report heap bytes per seat and per order (glibc mallinfo2).
// The waiting room's (BM_Queue*, BM_ProofOfWork*): the draw of a million-entry pre-queue, joins,
// status reads among a million waiting, bytes per waiting user, and one proof-of-work check.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/proof_of_work.h"
#include "engine/waiting_room.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = FromUnixMillis(1'800'000'000'000);

ZoneSpec Zone(std::string id, ZoneKind kind) {
    ZoneSpec zone;
    zone.zone_id = std::move(id);
    zone.name = "Zone " + zone.zone_id;
    zone.price_minor = 420'000;
    zone.currency = "TWD";
    zone.kind = kind;
    return zone;
}

EventSpec BaseEvent() {
    EventSpec spec;
    spec.name = "Bench Night";
    spec.venue = "Bench Arena";
    spec.max_per_user = 8;
    return spec;
}

// A general-admission event as large as a zone may be.
EventSpec GaEvent() {
    EventSpec spec = BaseEvent();
    ZoneSpec floor = Zone("FLOOR", ZoneKind::kGeneralAdmission);
    floor.capacity = kMaxCapacityPerZone;
    spec.zones.push_back(floor);
    return spec;
}

// 45,000 seats: four seated zones with rows of 100..300 seats.
EventSpec Venue() {
    EventSpec spec = BaseEvent();
    struct Shape {
        const char* id;
        std::uint32_t rows;
        std::uint32_t seats;
    };
    for (const Shape& shape : {Shape{"INF", 50, 300}, Shape{"LOW", 60, 200}, Shape{"MID", 100, 120},
                               Shape{"TOP", 60, 100}}) {
        ZoneSpec zone = Zone(shape.id, ZoneKind::kSeated);
        for (std::uint32_t r = 0; r < shape.rows; ++r) {
            std::string label = "R";  // not "R" + to_string(): GCC 12 -Wrestrict false alarm
            label += std::to_string(r + 1);
            zone.rows.push_back({label, shape.seats});
        }
        spec.zones.push_back(zone);
    }
    NormalizeEventSpec(spec);
    return spec;
}

std::unique_ptr<Engine> EngineWith(const EventSpec& spec) {
    auto engine = std::make_unique<Engine>();
    engine->AddEvent(spec);
    return engine;
}

// "k-123": an idempotency key per request, as clients send them.
std::string_view KeyFor(std::uint64_t n, char (&buffer)[32]) {
    buffer[0] = 'k';
    buffer[1] = '-';
    const auto end = std::to_chars(buffer + 2, buffer + sizeof(buffer), n).ptr;
    return {buffer, static_cast<std::size_t>(end - buffer)};
}

void BM_HoldGeneralAdmission(benchmark::State& state) {
    const bool with_key = state.range(0) != 0;
    const EventSpec spec = GaEvent();
    auto engine = EngineWith(spec);
    std::uint64_t n = 0;
    char key[32];
    for (auto _ : state) {
        ++n;
        HoldByQuantity request{UserId{n / 4}, EventId{1}, "FLOOR", 2, false, {}};
        if (with_key) request.idempotency_key = KeyFor(n, key);
        const HoldResult result = engine->Hold(request, kNow);
        if (result.outcome != HoldOutcome::kOk) [[unlikely]] {
            state.PauseTiming();
            engine = EngineWith(spec);
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(result.order);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldGeneralAdmission)->Arg(0)->Arg(1)->ArgName("key");

// Groups of 1..4 best-available seats, the four zones in turn, until the venue is full.
void BM_HoldSeatedBestAvailable(benchmark::State& state) {
    const bool allow_split = state.range(0) != 0;
    const EventSpec spec = Venue();
    static constexpr std::string_view kZones[] = {"INF", "LOW", "MID", "TOP"};
    auto engine = EngineWith(spec);
    std::uint64_t n = 0;
    std::uint64_t failed = 0;
    std::uint64_t seats = 0;
    for (auto _ : state) {
        ++n;
        const std::uint32_t quantity = 1 + n % 4;
        const HoldResult result = engine->Hold(
            HoldByQuantity{
                UserId{n / 2}, EventId{1}, kZones[(n / 4) % 4], quantity, allow_split, {}},
            kNow);
        if (result.outcome == HoldOutcome::kOk) [[likely]] {
            seats += quantity;
        } else if (++failed % 64 == 0) {  // the venue is (nearly) full: start over
            state.PauseTiming();
            engine = EngineWith(spec);
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(result.order);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["seats_per_hold"] = static_cast<double>(seats) / state.iterations();
    state.counters["failed_share"] = static_cast<double>(failed) / state.iterations();
}
BENCHMARK(BM_HoldSeatedBestAvailable)->Arg(0)->Arg(1)->ArgName("split");

// Pairs of adjacent seats named by id, in random order, until every pair is taken.
void BM_HoldExplicitSeats(benchmark::State& state) {
    const EventSpec spec = Venue();
    std::vector<std::string> ids;
    for (const ZoneSpec& zone : spec.zones) {
        for (const RowSpec& row : zone.rows) {
            for (std::uint32_t n = 1; n <= row.seats; ++n) {
                ids.push_back(zone.zone_id + "-" + row.label + "-" + std::to_string(n));
            }
        }
    }
    std::vector<std::size_t> pairs;
    for (std::size_t i = 0; i + 1 < ids.size(); i += 2) pairs.push_back(i);
    std::shuffle(pairs.begin(), pairs.end(), std::mt19937_64(42));
    auto engine = EngineWith(spec);
    std::size_t next = 0;
    std::uint64_t user = 0;
    for (auto _ : state) {
        if (next == pairs.size()) [[unlikely]] {
            state.PauseTiming();
            engine = EngineWith(spec);
            next = 0;
            state.ResumeTiming();
        }
        const std::span<const std::string> seats(&ids[pairs[next++]], 2);
        const HoldResult result =
            engine->Hold(HoldBySeats{UserId{++user}, EventId{1}, seats, {}}, kNow);
        benchmark::DoNotOptimize(result.order);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldExplicitSeats);

// Steady state in a half-full venue: hold best available, cancel the hold from 1000 holds ago.
void BM_HoldAndCancelSeated(benchmark::State& state) {
    const EventSpec spec = Venue();
    auto engine = EngineWith(spec);
    std::uint64_t n = 0;
    for (; n < 3'000; ++n) {  // about half the seats of the two zones
        engine->Hold(
            HoldByQuantity{
                UserId{n}, EventId{1}, "INF", 1 + static_cast<std::uint32_t>(n % 4), false, {}},
            kNow);
        engine->Hold(
            HoldByQuantity{
                UserId{n}, EventId{1}, "MID", 1 + static_cast<std::uint32_t>(n % 4), false, {}},
            kNow);
    }
    std::vector<OrderId> window(1000, OrderId{});
    for (auto _ : state) {
        ++n;
        const HoldResult result = engine->Hold(HoldByQuantity{UserId{n},
                                                              EventId{1},
                                                              (n & 1) ? "INF" : "MID",
                                                              1 + static_cast<std::uint32_t>(n % 4),
                                                              true,
                                                              {}},
                                               kNow);
        OrderId& slot = window[n % window.size()];
        if (slot) engine->Cancel(slot, kNow);
        slot = result.order != nullptr ? result.order->order_id : OrderId{};
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldAndCancelSeated);

// ExpireDue over many holds with spread deadlines; items are expired holds.
void BM_ExpireDue(benchmark::State& state) {
    const auto holds = static_cast<std::uint64_t>(state.range(0));
    EventSpec spec = GaEvent();
    spec.hold = kMaxHold;
    std::vector<OrderId> expired;
    expired.reserve(holds);
    for (auto _ : state) {
        state.PauseTiming();
        auto engine = EngineWith(spec);
        std::mt19937_64 rng(7);
        for (std::uint64_t n = 0; n < holds; ++n) {
            engine->Hold(HoldByQuantity{UserId{n}, EventId{1}, "FLOOR", 1, false, {}},
                         kNow + std::chrono::milliseconds(rng() % 3'600'000));
        }
        expired.clear();
        state.ResumeTiming();
        engine->ExpireDue(kNow + 100'000'000ms, expired);
        benchmark::DoNotOptimize(expired.data());
        state.PauseTiming();
        engine.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * holds));
}
BENCHMARK(BM_ExpireDue)->Arg(100'000)->Unit(benchmark::kMillisecond);

std::size_t HeapInUse() { return mallinfo2().uordblks; }

// Heap bytes per seat of the 45,000-seat venue (seat maps, row index, event spec).
void BM_MemoryPerSeat(benchmark::State& state) {
    const EventSpec spec = Venue();
    double per_seat = 0;
    for (auto _ : state) {
        const std::size_t before = HeapInUse();
        auto engine = EngineWith(spec);
        per_seat = static_cast<double>(HeapInUse() - before) / 45'000;
        benchmark::DoNotOptimize(engine.get());
    }
    state.counters["bytes_per_seat"] = per_seat;
}
BENCHMARK(BM_MemoryPerSeat)->Iterations(1);

// Heap bytes per live seated hold (two seats, a new user every fourth hold, with or without a
// 36-character idempotency key): order, indexes, deadline, key.
void BM_MemoryPerHold(benchmark::State& state) {
    const bool with_key = state.range(0) != 0;
    const EventSpec spec = Venue();
    double per_hold = 0;
    for (auto _ : state) {
        auto engine = EngineWith(spec);
        const std::size_t before = HeapInUse();
        std::uint64_t held = 0;
        static constexpr std::string_view kZones[] = {"INF", "LOW", "MID", "TOP"};
        for (std::uint64_t n = 0; n < 20'000; ++n) {
            char key[40] = "00000000-0000-4000-8000-";  // a UUID's 36 characters
            std::to_chars(key + 24, key + sizeof(key), 100'000'000'000 + n);
            const std::string_view key_view = with_key ? std::string_view(key, 36) : "";
            const HoldResult result = engine->Hold(
                HoldByQuantity{UserId{n / 4}, EventId{1}, kZones[n % 4], 2, true, key_view}, kNow);
            held += result.outcome == HoldOutcome::kOk;
        }
        per_hold = static_cast<double>(HeapInUse() - before) / static_cast<double>(held);
    }
    state.counters["bytes_per_hold"] = per_hold;
}
BENCHMARK(BM_MemoryPerHold)->Arg(0)->Arg(1)->ArgName("key")->Iterations(1);

// ---- The waiting room ----

constexpr TimePoint kQueueSale = kNow;
constexpr TimePoint kQueueOpens = kQueueSale - std::chrono::hours(1);

QueueConfig BenchQueueConfig() {
    QueueConfig config;
    config.opens_at = kQueueOpens;
    config.sale_starts_at = kQueueSale;
    config.admit_per_minute = 10'000;
    config.active_max = 10'000;
    config.seed.fill(0xa5);
    return config;
}

// A room with `users` joined at `at` (before the sale: the pre-queue), each with its own
// challenge, as the HTTP layer would hand them out.
std::unique_ptr<WaitingRoom> QueueWith(std::uint64_t users, TimePoint at) {
    auto room = std::make_unique<WaitingRoom>(EventId{1}, BenchQueueConfig());
    for (std::uint64_t u = 1; u <= users; ++u) {
        room->Join(UserId{u}, u, at + std::chrono::minutes(5), at);
    }
    QueueChanges changes;
    room->DrainChanges(changes);
    return room;
}

// The draw at sale start: sorting the pre-queue by the keys computed at join (the Pump that
// draws, with nothing available so it admits no one). Items are entries drawn.
void BM_QueueDraw(benchmark::State& state) {
    const auto users = static_cast<std::uint64_t>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        auto room = QueueWith(users, kQueueOpens);
        state.ResumeTiming();
        const PumpResult result = room->Pump(kQueueSale, QueueAvailability{0, 1});
        benchmark::DoNotOptimize(result);
        state.PauseTiming();
        room.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * users));
}
BENCHMARK(BM_QueueDraw)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(3);

// A new entry: in the pre-queue (with its SHA-256 draw key) or after the draw (a Fenwick append).
void BM_QueueJoin(benchmark::State& state) {
    const bool pre_queue = state.range(0) != 0;
    const TimePoint at = pre_queue ? kQueueOpens : kQueueSale;
    auto room = QueueWith(0, at);
    std::uint64_t user = 0;
    for (auto _ : state) {
        if (++user > 2'000'000) [[unlikely]] {
            state.PauseTiming();
            room = QueueWith(0, at);
            user = 1;
            state.ResumeTiming();
        }
        const JoinResult result = room->Join(UserId{user}, user, at + std::chrono::minutes(5), at);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_QueueJoin)->Arg(1)->Arg(0)->ArgName("pre_queue");

// A poll: Status of a random user among a million waiting after the draw (a Fenwick prefix sum).
void BM_QueueStatus(benchmark::State& state) {
    constexpr std::uint64_t kUsers = 1'000'000;
    auto room = QueueWith(kUsers, kQueueOpens);
    room->Pump(kQueueSale, QueueAvailability{0, 1});
    std::mt19937_64 rng(3);
    for (auto _ : state) {
        const QueueView view = room->Status(UserId{1 + rng() % kUsers}, kQueueSale);
        benchmark::DoNotOptimize(view);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_QueueStatus);

// Bytes per waiting user with a million joined: WaitingRoom::bytes() (by capacity) and the heap
// the room grew by (glibc), before the draw (draw keys, live challenges) and after it.
void BM_QueueMemoryPerUser(benchmark::State& state) {
    constexpr std::uint64_t kUsers = 1'000'000;
    for (auto _ : state) {
        const std::size_t before = HeapInUse();
        auto room = QueueWith(kUsers, kQueueOpens);
        state.counters["bytes_per_user"] = static_cast<double>(room->bytes()) / kUsers;
        state.counters["heap_per_user"] = static_cast<double>(HeapInUse() - before) / kUsers;
        room->Pump(kQueueSale, QueueAvailability{0, 1});
        state.counters["bytes_per_user_drawn"] = static_cast<double>(room->bytes()) / kUsers;
        state.counters["heap_per_user_drawn"] = static_cast<double>(HeapInUse() - before) / kUsers;
    }
}
BENCHMARK(BM_QueueMemoryPerUser)->Iterations(1)->Unit(benchmark::kMillisecond);

// The server's check of a join's proof of work: one SHA-256 over a 64-byte challenge and a nonce.
void BM_ProofOfWorkVerify(benchmark::State& state) {
    const std::string challenge(64, 'c');
    std::uint64_t n = 0;
    for (auto _ : state) {
        const bool ok = HasLeadingZeroBits(challenge, std::to_string(++n), 20);
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ProofOfWorkVerify);

}  // namespace
}  // namespace tix::engine

BENCHMARK_MAIN();
