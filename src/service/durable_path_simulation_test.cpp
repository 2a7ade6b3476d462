// A seeded simulation of the whole durable path, after TigerBeetle's VOPR: the real engine and
// the real sequencer steps (ApplyCommands, CommitBatches, ParkedCommands) and the real recovery
// (Recover), driven one step at a time with a simulated clock and a simulated disk (SimJournal)
// that can delay, fail, lose and tear writes.
//
// Each step does one random thing: simulated clients submit commands (holds by quantity, split or
// not, and by seat, with and without idempotency keys; retries of keyed holds, the same request
// or a different one; payments begun, and their answers approved or declined, some after the
// payment window; cancels; reads; joins of waiting rooms, which some events have, and reads of
// the joiner's status: sim_queue_clients.h; payments through a modelled provider: intents,
// its events delivered again until acknowledged, refunds: sim_payment_clients.h; tickets:
// sim_ticket_clients.h; products, campaigns with windows of seconds, bids and re-bids:
// sim_bidding_clients.h, so settlements happen live and at start-up), the engine step
// applies some queued commands, the commit step makes the applied batches durable (or is put off,
// so that batches pile up and go out in one append), the clock moves (sometimes far), or the
// process dies: SIGKILL between steps or between a batch's write and its fsync (the page cache
// survives), power loss (it does not; the last write may be torn), or a failed write or fsync
// (tixd's on_fatal: the process exits). Then a fresh engine is recovered from the journal exactly
// as tixd starts, and the same clients go on.
//
// Clients believe only answers that come with durable == true. Checked:
//   - on every answer: the order state it shows is on disk (SimDurableLog::Holds) and follows
//     legally from what the client was told before; an acknowledged key answers kReplayed (same
//     request, same order) or kIdempotencyKeyReused (different request) and nothing else; a new
//     order never takes the id of an acknowledged one; a cancel or confirm never answers while a
//     payment is under way (it waits); an approved payment is paid at most once;
//   - on every batch that becomes durable (SimDurableLog): legal transitions, at most one end
//     (and so one expiry) per order, at or after its deadline, identities unchanged;
//   - after every engine step: no order keeps seats past its deadline;
//   - after every recovery: the loaded log is a prefix of the batches handed to the journal,
//     each whole, and every durable one (SimJournal's bookkeeping); what Load returned is the
//     durable log (Load syncs what a SIGKILL left in the page cache); the engine is that, less
//     the holds whose deadline passed while it was down; every acknowledged order is there, in
//     its acknowledged state or one legally after it; zone counts add up and match a recount
//     from the orders; no seat is in two live orders; nobody is over the limit; every paid order
//     was paid for; Engine::CheckInvariants(); acknowledged keys replay (same request) or are
//     refused (different request); every waiting room is what Load returned, moved on only by
//     the start-up's expiries, draw and admissions, and every acknowledged queue entry is there
//     with its id, as told or further along, its admission unchanged (SimQueueClients); every
//     acknowledged provider event is seen and changes nothing when delivered again, and the
//     payments are what Load returned, which is the durable log's (SimPaymentClients); every
//     acknowledged bid is journaled, every campaign past its end is settled once, with exactly
//     min(K, stock, participants) orders that are the top of a reference ranking, and the stock
//     they took (SimBiddingClients; SimBiddingTables checks each settlement is in one batch);
//   - at the end, once the provider has delivered everything: tix's books are the provider's.
//
// A failure names its seed; TIX_DURABLE_SIM_SEED=<seed> runs only that seed and
// TIX_DURABLE_SIM_REQUESTS=<n> changes the number of client requests per seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/dispatch.h"
#include "engine/engine.h"
#include "service/recovery.h"
#include "service/sequencer_steps.h"
#include "service/sim_bidding_clients.h"
#include "service/sim_durable_log.h"
#include "service/sim_journal.h"
#include "service/sim_orders.h"
#include "service/sim_payment_clients.h"
#include "service/sim_queue_clients.h"
#include "service/sim_ticket_clients.h"

namespace tix::service {
namespace {

using namespace std::chrono_literals;

using engine::HoldOutcome;
using engine::Order;
using engine::OrderOutcome;
using engine::OrderStatus;

constexpr std::uint64_t kDefaultSeeds[] = {0xd0a1'0001, 0xd0a1'0002, 0xd0a1'0003, 0xd0a1'0004,
                                           0xd0a1'0005, 0xd0a1'0006, 0xd0a1'0007, 0xd0a1'0008};
// 8 seeds x 150k: over a million simulated requests per CI run. Debug and sanitizer builds check
// the engine's invariants after every operation and run some 10x slower: fewer there.
#ifdef TIX_CHECK_INVARIANTS
constexpr std::uint64_t kDefaultRequests = 30'000;
#else
constexpr std::uint64_t kDefaultRequests = 150'000;
#endif
constexpr std::uint64_t kUsers = 16;  // user ids 1..kUsers
constexpr UserId kAdmin{1'000};
// Users who join waiting rooms: more than hold, so that most joins are first joins (which spend
// their challenge) rather than finding the user's entry.
constexpr std::uint64_t kQueueUsers = 200;
// Applied batches waiting for the commit step before the engine step waits too (production
// keeps at most kBatchesInFlight; more here merges more into one append).
constexpr std::size_t kPendingBatchesMax = 6;
constexpr std::size_t kQueueMax = 2'000;  // submitted, not yet applied: 503 past it
constexpr std::size_t kRecentKeyedMax = 128;
constexpr std::size_t kRecentHeldMax = 32;
constexpr std::size_t kReplaysCheckedPerRecovery = 200;
// Rounds of engine and commit steps, the clock ~2.5 s on each, in which every command in flight
// must be answered: far past every payment window.
constexpr int kQuiesceRoundsMax = 10'000;

std::uint64_t EnvOr(const char* name, std::uint64_t fallback) {
    const char* value = std::getenv(name);
    return value == nullptr || *value == '\0' ? fallback : std::strtoull(value, nullptr, 0);
}

TimePoint DeadlineOf(const Order& order) {
    return order.status == OrderStatus::kPaymentPending ? order.payment_expires_at
                                                        : order.expires_at;
}

// The order an acknowledged hold placed or replayed, as the client learnt it.
struct KeyFate {
    engine::PlaceHold request;
    OrderId order_id{};
};

// A charge the payment provider is running; its answer comes back as a CompletePayment.
struct Charge {
    OrderId order_id{};
    bool approved = false;
    TimePoint answer_at{};
};

enum class Crash : std::uint8_t { kKill, kPowerLoss, kTornPowerLoss, kAppendFault };

class Simulation {
  public:
    Simulation(std::uint64_t seed, std::uint64_t requests)
        : seed_(seed), requests_target_(requests), rng_(seed), journal_(seed ^ 0x70a1) {
        journal_.set_on_durable(
            [this](std::uint64_t seq, const engine::JournalBatch& batch) { log_.Add(seq, batch); });
    }

    void Run() {
        op_ = "boot";
        Recover();  // an empty disk, as tixd's first start
        while (requests_ < requests_target_ && !Failed()) {
            Step();
            ++step_;
        }
        if (Failed()) return;
        Quiesce();
        if (Failed()) return;
        op_ = "final restart";
        Restart(Crash::kKill);
        if (Failed()) return;
        SettlePayments();
    }

    std::string Summary() const {
        const SimJournal::Stats& j = journal_.stats();
        std::string text =
            "[ durable sim ] seed " + std::to_string(seed_) + ": " + std::to_string(requests_) +
            " requests (" + std::to_string(acked_) + " acknowledged) in " + std::to_string(step_) +
            " steps, " + std::to_string(restarts_) + " restarts, " + std::to_string(log_.orders()) +
            " durable orders, " + std::to_string(log_.records()) + " records, " +
            std::to_string(log_.expiries()) +
            " expiries; journal: appends=" + std::to_string(j.appends) +
            " empty=" + std::to_string(j.empty_appends) + " fsyncs=" + std::to_string(j.fsyncs) +
            " checkpoints=" + std::to_string(j.checkpoints) +
            " faults=" + std::to_string(j.faults) +
            " power_losses=" + std::to_string(j.power_losses) +
            " frames_lost=" + std::to_string(j.frames_lost) +
            " torn=" + std::to_string(j.frames_torn) +
            " torn_discarded=" + std::to_string(j.torn_discarded) + "; max merged batches " +
            std::to_string(max_merged_) + ";";
        for (const auto& [what, count] : stats_) text += " " + what + "=" + std::to_string(count);
        text += " queue_records=" + std::to_string(log_.queue_records());
        for (const auto& [what, count] : queue_clients_.stats()) {
            text += " " + what + "=" + std::to_string(count);
        }
        text += " payment_records=" + std::to_string(log_.payment_records());
        for (const auto& [what, count] : payment_clients_.stats()) {
            text += " " + what + "=" + std::to_string(count);
        }
        for (const auto& [what, count] : ticket_clients_.stats()) {
            text += " " + what + "=" + std::to_string(count);
        }
        text += " bidding_records=" + std::to_string(log_.bidding_records());
        for (const auto& [what, count] : bidding_clients_.stats()) {
            text += " " + what + "=" + std::to_string(count);
        }
        return text;
    }

  private:
    // ---- Randomness, failures ----

    std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
    bool Chance(std::uint64_t percent) { return Below(100) < percent; }

    std::string Where() const {
        return "seed " + std::to_string(seed_) + " step " + std::to_string(step_) + " now " +
               std::to_string(ToUnixMillis(now_)) + " restarts " + std::to_string(restarts_) +
               " op " + op_ + " (replay with TIX_DURABLE_SIM_SEED=" + std::to_string(seed_) + ")";
    }
    bool Failed() const { return ::testing::Test::HasFailure(); }
    // Reports a broken rule; the run stops at the end of the step. `what` is the message, or
    // a callable that makes it (only on failure: most checks pass, and messages cost).
    template <typename What>
    void Check(bool ok, What&& what) {
        if (ok) [[likely]]
            return;
        if constexpr (std::is_invocable_v<What>) {
            ADD_FAILURE() << what() << "\n  at " << Where();
        } else {
            ADD_FAILURE() << what << "\n  at " << Where();
        }
    }

    void Report(const std::vector<std::string>& problems) {
        for (const std::string& problem : problems) Check(false, problem);
    }

    // ---- The loop ----

    void Step() {
        const std::uint64_t roll = Below(1000);
        if (roll < 450) {
            for (std::uint64_t n = 1 + Below(3); n > 0; --n) SubmitClientRequest();
        } else if (roll < 650) {
            EngineStep();
        } else if (roll < 800) {
            CommitStep();
        } else if (roll < 999) {
            AdvanceClock();
        } else {
            CrashSomehow();
        }
        SubmitDueCharges();
        SubmitDuePayments();
        Check(journal_.problems().empty(), [&] { return "journal: " + Last(journal_.problems()); });
        Check(log_.problems().empty(), [&] { return "durable log: " + Last(log_.problems()); });
        if (step_ % 20'000 == 0 && !Failed()) {
            Quiesce();
            op_ = "periodic check";
            CheckEngine();
            CheckKnownOrders();
        }
    }

    // No new requests until every one in flight is answered: payment answers still come, the
    // clock moves on (a payment deadline releases the commands parked on its order), batches
    // commit. A command still unanswered after that would wait for ever.
    void Quiesce() {
        for (int round = 0; outstanding_ > 0 && !Failed(); ++round) {
            op_ = "quiesce";
            Check(round < kQuiesceRoundsMax, [&] {
                return std::to_string(outstanding_) + " commands are never answered (" +
                       std::to_string(parked_.size()) + " parked)";
            });
            SubmitDueCharges();
            EngineStep();
            CommitStep();
            now_ += std::chrono::milliseconds(Below(5'000));
        }
    }

    static std::string Last(const std::vector<std::string>& problems) {
        return problems.empty() ? "" : problems.back();
    }

    // The engine thread's turn: expire what is due, apply some of the queued commands.
    void EngineStep() {
        if (pending_.size() >= kPendingBatchesMax) return;  // waits for the writer
        const std::size_t count =
            queue_.empty() || Chance(50) ? queue_.size() : 1 + Below(queue_.size());
        op_ = "apply " + std::to_string(count) + " commands";
        AppliedBatch batch;
        ApplyCommands(*engine_, std::span<Submitted>(queue_.data(), count), now_, batch, parked_);
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
        const std::optional<TimePoint> next = engine_->NextDeadline();
        // A campaign created after this step's ExpireDue, its end already past (it waited in the
        // queue), settles at the next step's: no bid is taken after its end meanwhile.
        const bool settlement = next && engine_->Bidding().NextSettlement() == next;
        Check(!next || *next > now_ || settlement,
              "an order keeps its seats past its deadline after ExpireDue");
        last_expiry_at_ = now_;
        pending_.push_back(std::move(batch));
    }

    // The writer's turn: every applied batch in one append, then the answers.
    void CommitStep() {
        if (pending_.empty()) return;
        op_ = "commit " + std::to_string(pending_.size()) + " batches";
        max_merged_ = std::max(max_merged_, pending_.size());
        const std::uint64_t appends = journal_.stats().appends;
        const Status status = CommitBatches(journal_, pending_);
        if (status.ok()) {
            Check(journal_.stats().appends == appends || journal_.unsynced_frames() == 0,
                  "an append returned ok before its fsync");
            return;
        }
        // tixd's on_fatal: the process exits; a restart recovers.
        ++stats_["append_failed"];
        Restart(Crash::kAppendFault);
    }

    void AdvanceClock() {
        const std::uint64_t roll = Below(100);
        if (roll < 70) {
            now_ += std::chrono::milliseconds(Below(1'000));
        } else if (roll < 95) {
            now_ += std::chrono::milliseconds(Below(10'000));
        } else if (roll < 99) {
            // stand still: several steps at the same instant
        } else {
            now_ += 60s + std::chrono::milliseconds(Below(180'000));  // past most deadlines
        }
    }

    void CrashSomehow() {
        const std::uint64_t roll = Below(100);
        if (roll < 35) {
            Restart(Crash::kKill);
        } else if (roll < 45) {
            Restart(Crash::kPowerLoss);
        } else if (roll < 55) {
            Restart(Crash::kTornPowerLoss);
        } else {
            // The next append (maybe recovery's own) fails; the process dies there.
            ArmRandomFault();
        }
    }

    void ArmRandomFault() {
        static constexpr AppendFault kFaults[] = {
            AppendFault::kWriteFails, AppendFault::kSyncFails, AppendFault::kKillBeforeSync,
            AppendFault::kKillBeforeSync, AppendFault::kPowerLossBeforeSync};
        journal_.ArmFault(kFaults[Below(std::size(kFaults))]);
    }

    // ---- Crash and recovery ----

    void Restart(Crash crash) {
        ++restarts_;
        static constexpr const char* kNames[] = {"kill", "power_loss", "torn_power_loss",
                                                 "append_fault"};
        ++stats_[std::string("crash:") + kNames[static_cast<int>(crash)]];
        // The process is gone: queued commands, applied batches and parked commands die with
        // it, unanswered.
        queue_.clear();
        pending_.clear();
        outstanding_ = 0;
        creating_events_ = 0;
        parked_ = ParkedCommands();
        payment_clients_.OnRestart(now_);
        bidding_clients_.OnRestart();
        engine_.reset();
        if (crash == Crash::kPowerLoss || crash == Crash::kTornPowerLoss) {
            journal_.PowerLoss(crash == Crash::kTornPowerLoss);
        }
        now_ += Chance(80) ? std::chrono::milliseconds(Below(10'000))
                           : 60s + std::chrono::milliseconds(Below(300'000));
        Recover();
    }

    void Recover() {
        for (int attempt = 0;; ++attempt) {
            Check(attempt < 100, "recovery never succeeds");
            if (Failed()) return;
            if (Chance(3)) ArmRandomFault();  // recovery's own append may fail too
            op_ = "recover (attempt " + std::to_string(attempt) + ")";
            CheckLoad();
            if (Failed()) return;
            engine_ = std::make_unique<engine::Engine>();
            const Result<RecoveryStats> recovered = service::Recover(journal_, *engine_, now_);
            if (recovered.ok()) break;
            Check(recovered.status().code() == Status::Code::kIoError,
                  [&] { return "recovery failed: " + recovered.status().ToString(); });
            ++stats_["recovery_append_failed"];
            now_ += std::chrono::milliseconds(Below(5'000));
        }
        last_expiry_at_ = now_;
        op_ = "after recovery";
        CheckRecovered();
        CheckEngine();
        CheckKnownOrders();
        CheckReplays();
        SimQueueClients::Problems problems;
        queue_clients_.CheckRecovered(loaded_.queues, *engine_, now_, problems);
        payment_clients_.CheckRecovered(loaded_, *engine_, log_, rng_, now_, problems);
        ticket_clients_.CheckRecovered(loaded_, *engine_, problems);
        bidding_clients_.CheckRecovered(loaded_, *engine_, now_, problems);
        Report(problems);
    }

    // The journal's own bookkeeping: the log Load replays is a prefix of the batches handed to
    // it, each whole, and holds every durable one; what Load returns is that log folded.
    void CheckLoad() {
        loaded_ = engine::RecoveredState();
        Check(journal_.Load(loaded_).ok(), "Load failed");
        // Load made what a SIGKILL left in the page cache durable.
        Check(log_.problems().empty(), [&] { return "durable log: " + Last(log_.problems()); });
        const SimJournal::LoadReport& report = journal_.last_load();
        std::uint64_t seq = report.checkpoint_end;
        for (const SimJournal::LoadReport::Frame& frame : report.frames) {
            Check(frame.seq == seq, [&] {
                return "Load skipped or reordered a batch: got " + std::to_string(frame.seq) +
                       ", want " + std::to_string(seq);
            });
            const SimJournal::Handed& handed = journal_.handed(frame.seq);
            Check(frame.events == handed.events && frame.orders == handed.orders &&
                      frame.queue_records == handed.queue_records &&
                      frame.payment_records == handed.payment_records &&
                      frame.ticket_records == handed.ticket_records &&
                      frame.bidding_records == handed.bidding_records,
                  [&] { return "Load replayed part of batch " + std::to_string(frame.seq); });
            seq = frame.seq + 1;
        }
        Check(report.end_seq == seq, "Load's end is not its last batch");
        Check(report.end_seq >= journal_.durable_end(), "Load lost a durable batch");
        stats_["recovered_torn_frames"] += report.torn_discarded;

        stats_["recovered_unsynced_frames"] += report.synced_on_load;
        // Load syncs what it returns (Journal::Load's contract), so all of it is in the log.
        const std::vector<engine::OrderRecord> expected = log_.Expected();
        std::size_t next = 0;  // in expected
        for (const engine::OrderRecord& got : loaded_.orders) {
            while (next < expected.size() && !expected[next].order.order_id) ++next;
            Check(next < expected.size(), [&] {
                return "Load returned " + Describe(got.order) + ", which the log does not have";
            });
            if (Failed()) return;
            const engine::OrderRecord& want = expected[next++];
            Check(got.order == want.order && got.idempotency_key == want.idempotency_key &&
                      got.request_kind == want.request_kind,
                  [&] {
                      return "Load returned " + Describe(got.order) + " key '" +
                             got.idempotency_key + "', the log has " + Describe(want.order) +
                             " key '" + want.idempotency_key + "'";
                  });
        }
        while (next < expected.size() && !expected[next].order.order_id) ++next;
        Check(next == expected.size(), [&] {
            return "Load did not return " + Describe(expected[next].order) +
                   ", which is in the log";
        });
        std::set<EventId> events;
        for (const engine::EventSpec& spec : loaded_.events) events.insert(spec.event_id);
        Check(events == log_.events(), "Load returned other events than the log");
        Check(loaded_.queues == log_.ExpectedQueues(),
              "Load returned other waiting rooms than the log");
        Check(SameBidding(loaded_.bidding, log_.ExpectedBidding()),
              "Load returned other products, campaigns, bids or campaign orders than the log");
    }

    // The recovered engine is what Load returned, less the holds whose deadline passed while
    // the process was down, which Recover expired (and journaled) at now.
    void CheckRecovered() {
        std::size_t recovered_expiries = 0;
        for (const engine::OrderRecord& record : loaded_.orders) {
            Order want = record.order;
            if (engine::HasSeats(want.status) && DeadlineOf(want) <= now_) {
                want.status = OrderStatus::kExpired;
                want.updated_at = now_;
                ++recovered_expiries;
            }
            const Order* got = engine_->FindOrder(want.order_id);
            Check(got != nullptr && *got == want, [&] {
                return "recovered " + (got ? Describe(*got) : "nothing") + ", want " +
                       Describe(want);
            });
            if (Failed()) return;
        }
        stats_["recovery_expiries"] += recovered_expiries;
        std::size_t orders = 0;
        for (std::uint64_t user = 1; user <= kUsers; ++user) {
            orders += engine_->OrdersOf(UserId{user}).size();
        }
        Check(orders == loaded_.orders.size(), "the recovered engine has orders Load never gave");
        Check(engine_->EventIds().size() == loaded_.events.size(), "recovered events differ");
        Check(!engine_->HasChanges(), "Recover left changes unjournaled");
    }

    // What a recount from the orders says, against what the engine keeps: zone counts, seats in
    // one live order at most, users within the limit; then the engine's own invariants.
    void CheckEngine() {
        struct Live {
            std::uint32_t held = 0;
            std::uint32_t sold = 0;
        };
        std::map<std::pair<EventId, std::uint16_t>, Live> zones;
        std::map<std::pair<UserId, EventId>, std::uint32_t> tickets;
        std::unordered_map<std::uint64_t, OrderId> seat_owner;
        for (std::uint64_t user = 1; user <= kUsers; ++user) {
            for (const OrderId id : engine_->OrdersOf(UserId{user})) {
                const Order& order = *engine_->FindOrder(id);
                if (!engine::IsLive(order)) continue;
                Check(!engine::HasSeats(order.status) || DeadlineOf(order) > last_expiry_at_, [&] {
                    return "order past its deadline still has seats: " + Describe(order);
                });
                // Paid by an approved charge or a provider's success (whose answer may be lost).
                Check(order.status != OrderStatus::kPaid || approved_charges_.contains(id) ||
                          payment_clients_.SucceededSubmitted(id),
                      [&] {
                          return "order " + std::to_string(id.value()) +
                                 " is paid but no charge was approved and no payment succeeded";
                      });
                Live& live = zones[{order.event_id, order.zone_index}];
                (engine::HasSeats(order.status) ? live.held : live.sold) += order.quantity;
                tickets[{order.user_id, order.event_id}] += order.quantity;
                const engine::EventSpec& spec = *engine_->FindEvent(order.event_id);
                if (spec.zones[order.zone_index].kind != engine::ZoneKind::kSeated) continue;
                for (std::uint32_t i = 0; i < order.quantity; ++i) {
                    const std::uint64_t seat = order.event_id.value() << 40 |
                                               std::uint64_t{order.zone_index} << 32 |
                                               order.seats[i];
                    auto [it, fresh] = seat_owner.emplace(seat, id);
                    Check(fresh, [&] {
                        return "seat " + std::to_string(order.seats[i]) + " is in orders " +
                               std::to_string(it->second.value()) + " and " +
                               std::to_string(id.value());
                    });
                }
            }
        }
        for (const EventId event_id : engine_->EventIds()) {
            const engine::EventSpec& spec = *engine_->FindEvent(event_id);
            for (std::uint16_t z = 0; z < spec.zones.size(); ++z) {
                const engine::ZoneCounts counts = engine_->Counts(event_id, z);
                const Live live = zones[{event_id, z}];
                Check(counts.available + counts.held + counts.sold == counts.capacity &&
                          counts.capacity == spec.zones[z].capacity && counts.held == live.held &&
                          counts.sold == live.sold,
                      [&] {
                          return "event " + std::to_string(event_id.value()) + " zone " +
                                 std::to_string(z) + ": available " +
                                 std::to_string(counts.available) + " held " +
                                 std::to_string(counts.held) + " sold " +
                                 std::to_string(counts.sold) + " of " +
                                 std::to_string(counts.capacity) + "; orders hold " +
                                 std::to_string(live.held) + ", paid " + std::to_string(live.sold);
                      });
            }
        }
        for (const auto& [user_event, count] : tickets) {
            const auto [user, event_id] = user_event;
            Check(count <= engine_->FindEvent(event_id)->max_per_user, [&] {
                return "user " + std::to_string(user.value()) + " is over the limit of event " +
                       std::to_string(event_id.value());
            });
            Check(engine_->TicketsOf(user, event_id) == count, "the user's ticket count is off");
        }
        SimPaymentClients::Problems problems;
        payment_clients_.CheckBooks(*engine_, problems);
        Report(problems);
        engine_->CheckInvariants();
    }

    // Every order a client was told about is still there, as it was told or legally later.
    void CheckKnownOrders() {
        for (const auto& [id, told] : known_) {
            const Order* order = engine_->FindOrder(id);
            Check(order != nullptr,
                  [&] { return "acknowledged order " + Describe(told) + " is gone"; });
            if (Failed()) return;
            CheckFollows(told, *order, "the engine");
        }
    }

    // Acknowledged keys after the restart: the same request replays the same order, a
    // different one is refused. Neither changes anything.
    void CheckReplays() {
        if (key_list_.empty()) return;
        for (std::size_t n = 0; n < kReplaysCheckedPerRecovery && !Failed(); ++n) {
            const KeyFate& fate = keys_.at(key_list_[Below(key_list_.size())]);
            engine::Command same = fate.request;
            const auto replay = std::get<engine::HoldReply>(engine::Apply(*engine_, same, now_));
            Check(replay.outcome == HoldOutcome::kReplayed && replay.order &&
                      replay.order->order.order_id == fate.order_id,
                  [&] {
                      return "after a restart " + Describe(fate.request) + " answered " +
                             std::string(engine::ToString(replay.outcome)) +
                             ", want replayed order " + std::to_string(fate.order_id.value());
                  });
            engine::PlaceHold other = fate.request;
            if (other.seats.empty()) {
                other.quantity += 1;
            } else {
                other.seats.clear();
                other.zone_id = "GA";
                other.quantity = 1;
            }
            engine::Command different = other;
            const auto refused =
                std::get<engine::HoldReply>(engine::Apply(*engine_, different, now_));
            Check(refused.outcome == HoldOutcome::kIdempotencyKeyReused, [&] {
                return "after a restart " + Describe(other) + " (key used for " +
                       Describe(fate.request) + ") answered " +
                       std::string(engine::ToString(refused.outcome));
            });
        }
        Check(!engine_->HasChanges(), "a replay changed the engine");
        stats_["replays_checked_after_restart"] += kReplaysCheckedPerRecovery;
    }

    // `now` may legally follow `told` (MayBecome).
    void CheckFollows(const Order& told, const Order& now, const std::string& where) {
        Check(MayBecome(told, now), [&] {
            return where + " has " + Describe(now) + ", a client was told " + Describe(told);
        });
    }

    // ---- Clients ----

    void SubmitClientRequest() {
        if (events_.empty() && creating_events_ == 0) {
            SubmitCreateEvent();
            return;
        }
        if (!queue_clients_.empty() && Chance(10)) {
            SubmitQueueCommand();
            return;
        }
        if (Chance(5)) {
            if (auto command = payment_clients_.NextClientCommand(rng_, kAdmin)) {
                return SubmitPayment(std::move(*command));
            }
        }
        if (Chance(8)) {
            if (auto command = ticket_clients_.NextCommand(rng_, kAdmin, kUsers, now_)) {
                return SubmitTicketCommand(std::move(*command));
            }
        }
        if (Chance(8)) {
            if (auto command = bidding_clients_.NextCommand(rng_, now_)) {
                return SubmitBiddingCommand(std::move(*command));
            }
        }
        const std::uint64_t roll = Below(1000);
        if (roll < 2) {
            SubmitCreateEvent();
        } else if (roll < 300) {
            SubmitHold(NewQuantityHold());
        } else if (roll < 450) {
            SubmitHold(NewSeatsHold());
        } else if (roll < 560) {
            if (recent_keyed_.empty()) return SubmitHold(NewQuantityHold());
            SubmitHold(Retry());
        } else if (roll < 680) {
            SubmitOrderCommand(kBeginPayment);
        } else if (roll < 790) {
            SubmitOrderCommand(kCancel);
        } else if (roll < 950) {
            SubmitOrderCommand(kGet);
        } else {
            SubmitAvailability();
        }
    }

    // False (the client hears 503) when the queue is full.
    bool Submit(engine::Command command, Completion completion) {
        ++requests_;
        if (queue_.size() >= kQueueMax) {
            ++stats_["overloaded"];
            return false;
        }
        ++outstanding_;
        const std::uint64_t life = restarts_;
        queue_.push_back(
            {std::move(command),
             [this, life, completion = std::move(completion)](engine::Reply&& reply, bool durable) {
                 if (life == restarts_) --outstanding_;
                 completion(std::move(reply), durable);
             },
             nullptr});
        return true;
    }

    // -- Events

    void SubmitCreateEvent() {
        engine::EventSpec spec;
        spec.name = "Sim " + std::to_string(step_);
        spec.venue = "Hall";
        spec.starts_at = now_ + 30ms * 86'400'000;
        spec.sale_starts_at = now_ - 1s;
        if (Chance(5)) spec.sale_starts_at = now_ + std::chrono::milliseconds(Below(300'000));
        spec.sale_ends_at = now_ + 1h + std::chrono::milliseconds(Below(4 * 3'600'000));
        if (Chance(5)) {
            spec.sale_ends_at = std::max(now_, spec.sale_starts_at) + 60s +
                                std::chrono::milliseconds(Below(600'000));
        }
        static constexpr std::uint32_t kLimits[] = {1, 2, 3, 4, 4, 6, 8};
        spec.max_per_user = kLimits[Below(std::size(kLimits))];
        spec.hold = std::chrono::seconds{5 + static_cast<std::uint32_t>(Below(115))};
        auto zone = [&](std::string id, bool seated) {
            engine::ZoneSpec z;
            z.zone_id = std::move(id);
            z.name = "Zone " + z.zone_id;
            z.price_minor = 100 + static_cast<std::int64_t>(Below(10'000));
            z.currency = "EUR";
            z.kind = seated ? engine::ZoneKind::kSeated : engine::ZoneKind::kGeneralAdmission;
            return z;
        };
        engine::ZoneSpec ga = zone("GA", false);
        ga.capacity = 5 + static_cast<std::uint32_t>(Below(40));
        spec.zones.push_back(ga);
        engine::ZoneSpec seated = zone("A", true);
        static const char* kLabels[] = {"A", "B", "C", "D", "E"};
        for (std::uint64_t r = 0, rows = 1 + Below(5); r < rows; ++r) {
            seated.rows.push_back({kLabels[r], 1 + static_cast<std::uint32_t>(Below(14))});
        }
        spec.zones.push_back(seated);
        if (Chance(40)) {
            engine::ZoneSpec wide = zone("W", true);  // rows past one 64-bit word
            wide.rows.push_back({"1", 60 + static_cast<std::uint32_t>(Below(80))});
            spec.zones.push_back(wide);
        }
        engine::NormalizeEventSpec(spec);
        if (const auto problem = engine::ValidateEventSpec(spec)) {
            return Check(false, [&] { return "the simulator made a bad event: " + *problem; });
        }
        std::optional<engine::QueueConfig> queue;
        if (Chance(20)) queue = SimQueueClients::NewRoom(rng_, spec.sale_starts_at);
        ++creating_events_;
        const std::uint64_t life = restarts_;
        Submit(engine::CreateEvent{std::move(spec), queue}, [this, life](engine::Reply&& reply,
                                                                         bool durable) {
            if (life == restarts_) --creating_events_;
            if (!durable) return;
            ++acked_;
            const auto& created = std::get<engine::EventReply>(reply);
            Check(created.event != nullptr, "CreateEvent answered no event");
            if (created.event == nullptr) return;
            Check(log_.HasEvent(created.event->event_id), [&] {
                return "acknowledged event " + std::to_string(created.event->event_id.value()) +
                       " is not durable";
            });
            Check(!event_by_id_.contains(created.event->event_id), [&] {
                return "event id " + std::to_string(created.event->event_id.value()) + " reused";
            });
            event_by_id_[created.event->event_id] = created.event;
            events_.push_back(created.event);
            if (created.queue) queue_clients_.AddRoom(created.event->event_id);
        });
    }

    // -- Waiting rooms

    void SubmitQueueCommand() {
        if (Chance(1)) return SubmitBan();
        engine::Command command = queue_clients_.NextCommand(rng_, kUsers, kQueueUsers, now_);
        engine::Command sent = command;
        Submit(std::move(command),
               [this, sent = std::move(sent)](engine::Reply&& reply, bool durable) {
                   if (!durable) return;
                   ++acked_;
                   op_ = "answer to a queue command";
                   SimQueueClients::Problems problems;
                   queue_clients_.OnAnswer(sent, std::get<engine::QueueStatusReply>(reply), log_,
                                           now_, problems);
                   for (const std::string& problem : problems) Check(false, problem);
               });
    }

    // A ban of a buyer or a waiting user: its holds and queue places go, durably like any change.
    void SubmitBan() {
        const UserId user_id{1 + Below(Chance(50) ? kUsers : kQueueUsers)};
        Submit(engine::RemoveUser{user_id}, [this](engine::Reply&& reply, bool durable) {
            if (!durable) return;
            ++acked_;
            const engine::UserRemoval& removal = std::get<engine::UserRemovalReply>(reply).removal;
            stats_["ban:holds_cancelled"] += removal.holds_cancelled;
            stats_["ban:queue_entries_removed"] += removal.queue_entries_removed;
        });
    }

    // -- Payments through a provider (sim_payment_clients.h)

    void SubmitDuePayments() {
        for (engine::Command& command : payment_clients_.DueCommands(rng_, now_)) {
            SubmitPayment(std::move(command));
        }
    }

    void SubmitPayment(engine::Command command) {
        engine::Command sent = command;
        const bool queued = Submit(std::move(command), [this, sent](engine::Reply&& reply,
                                                                    bool durable) {
            op_ = "answer to " + SimPaymentClients::Describe(sent);
            if (durable) {
                ++acked_;
                if (const auto* r = std::get_if<engine::PaymentReply>(&reply); r && r->order) {
                    Learn(*r->order);
                }
                if (const auto* r = std::get_if<engine::PaymentEventReply>(&reply); r && r->order) {
                    Learn(*r->order);
                }
            }
            SimPaymentClients::Problems problems;
            payment_clients_.OnAnswer(sent, reply, durable, log_, rng_, now_, problems);
            Report(problems);
        });
        if (!queued) payment_clients_.OnRefused(sent, now_);
    }

    // -- Bidding flash-sales (sim_bidding_clients.h)

    void SubmitBiddingCommand(engine::Command command) {
        engine::Command sent = command;
        const bool queued =
            Submit(std::move(command), [this, sent](engine::Reply&& reply, bool durable) {
                op_ = "answer to " + SimBiddingClients::Describe(sent);
                if (durable) ++acked_;
                SimBiddingClients::Problems problems;
                bidding_clients_.OnAnswer(sent, reply, durable, problems);
                Report(problems);
            });
        if (!queued) bidding_clients_.OnRefused(sent);
    }

    // -- Tickets (sim_ticket_clients.h)

    void SubmitTicketCommand(engine::Command command) {
        engine::Command sent = command;
        Submit(std::move(command), [this, sent](engine::Reply&& reply, bool durable) {
            op_ = "answer to " + SimTicketClients::Describe(sent);
            if (durable) ++acked_;
            SimTicketClients::Problems problems;
            ticket_clients_.OnAnswer(sent, reply, durable, problems);
            Report(problems);
        });
    }

    // Without crashes, until the provider has delivered every event and tix acknowledged it;
    // then tix's books must be the provider's.
    void SettlePayments() {
        for (int round = 0; !payment_clients_.settled() && !Failed(); ++round) {
            op_ = "settle payments";
            Check(round < kQuiesceRoundsMax, "the provider's events are never acknowledged");
            SubmitDuePayments();
            EngineStep();
            CommitStep();
            now_ += std::chrono::milliseconds(Below(5'000));
        }
        Quiesce();
        if (Failed()) return;
        op_ = "settled";
        CheckEngine();
        CheckKnownOrders();
        SimPaymentClients::Problems problems;
        payment_clients_.CheckSettled(*engine_, problems);
        Report(problems);
    }

    // Mostly one of the two newest events (older ones are sold out), sometimes any, rarely none.
    EventId PickEvent() {
        if (events_.empty() || Chance(1)) return EventId{1'000'000 + Below(3)};
        const std::size_t newest = std::min<std::size_t>(2, events_.size());
        if (Chance(85)) return events_[events_.size() - 1 - Below(newest)]->event_id;
        return events_[Below(events_.size())]->event_id;
    }

    const engine::EventSpec* KnownEvent(EventId event_id) const {
        auto found = event_by_id_.find(event_id);
        return found == event_by_id_.end() ? nullptr : found->second.get();
    }

    // -- Holds

    std::string NewKey() {
        if (Chance(30)) return "";
        return "k" + std::to_string(next_key_++);
    }

    engine::PlaceHold NewQuantityHold() {
        engine::PlaceHold hold;
        hold.user_id = UserId{1 + Below(kUsers)};
        hold.event_id = PickEvent();
        const engine::EventSpec* spec = KnownEvent(hold.event_id);
        const std::uint32_t limit = spec == nullptr ? 4 : spec->max_per_user;
        hold.zone_id = spec == nullptr || Chance(2) ? "NOPE" : spec->zones[Below(2)].zone_id;
        if (spec != nullptr && spec->zones.size() > 2 && Chance(20)) hold.zone_id = "W";
        const std::uint64_t roll = Below(100);
        if (roll < 2) {
            hold.quantity = 0;
        } else if (roll < 4) {
            hold.quantity = limit + 1;
        } else {
            hold.quantity = 1 + static_cast<std::uint32_t>(Below(std::min(limit, 3U)));
        }
        hold.allow_split = Chance(50);
        hold.idempotency_key = NewKey();
        return hold;
    }

    engine::PlaceHold NewSeatsHold() {
        engine::PlaceHold hold;
        hold.user_id = UserId{1 + Below(kUsers)};
        hold.event_id = PickEvent();
        hold.idempotency_key = NewKey();
        const engine::EventSpec* spec = KnownEvent(hold.event_id);
        if (spec == nullptr) {
            hold.seats = {"A-A-1"};
            return hold;
        }
        const engine::ZoneSpec& zone = spec->zones[1 + Below(spec->zones.size() - 1)];
        const std::uint32_t count =
            1 + static_cast<std::uint32_t>(Below(std::min(spec->max_per_user, 3U)));
        const auto row = static_cast<std::uint32_t>(Below(zone.rows.size()));
        const std::uint32_t start = 1 + static_cast<std::uint32_t>(Below(zone.rows[row].seats));
        const bool adjacent = Chance(60);
        for (std::uint32_t i = 0; i < count; ++i) {
            std::uint32_t r = row;
            std::uint32_t number = start + i;
            if (!adjacent || number > zone.rows[r].seats) {
                r = static_cast<std::uint32_t>(Below(zone.rows.size()));
                number = 1 + static_cast<std::uint32_t>(Below(zone.rows[r].seats));
            }
            hold.seats.push_back(zone.zone_id + "-" + zone.rows[r].label + "-" +
                                 std::to_string(number));
        }
        if (Chance(2)) hold.seats.back() = zone.zone_id + "-Z-1";  // no such row
        return hold;
    }

    // A keyed hold again: mostly the same request (a client that never heard back), sometimes
    // a different one under the same key.
    engine::PlaceHold Retry() {
        engine::PlaceHold hold = recent_keyed_[Below(recent_keyed_.size())];
        if (Chance(70)) {
            ++stats_["retry:same"];
            if (hold.seats.size() > 1 && Chance(30)) {
                std::reverse(hold.seats.begin(), hold.seats.end());  // still the same request
            }
            return hold;
        }
        ++stats_["retry:different"];
        const std::uint64_t roll = Below(3);
        if (!hold.seats.empty()) {
            if (roll == 0 && hold.seats.size() > 1) {
                hold.seats.pop_back();
            } else {
                hold.seats.push_back(hold.seats[0]);
            }
        } else if (roll == 0) {
            hold.quantity += 1;
        } else if (roll == 1) {
            hold.allow_split = !hold.allow_split;
        } else {
            hold.zone_id = hold.zone_id == "GA" ? "A" : "GA";
        }
        return hold;
    }

    void SubmitHold(engine::PlaceHold hold) {
        if (!hold.idempotency_key.empty()) {
            if (recent_keyed_.size() < kRecentKeyedMax) {
                recent_keyed_.push_back(hold);
            } else {
                recent_keyed_[Below(recent_keyed_.size())] = hold;
            }
        }
        engine::PlaceHold sent = hold;
        Submit(std::move(hold),
               [this, sent = std::move(sent)](engine::Reply&& reply, bool durable) {
                   if (durable) OnHoldAnswer(sent, std::get<engine::HoldReply>(reply));
               });
    }

    void OnHoldAnswer(const engine::PlaceHold& sent, const engine::HoldReply& reply) {
        ++acked_;
        op_ = "answer to " + Describe(sent);
        ++stats_[std::string(sent.seats.empty() ? "quantity:" : "seats:") +
                 std::string(engine::ToString(reply.outcome))];
        const std::pair<UserId, std::string> key{sent.user_id, sent.idempotency_key};
        auto fate = sent.idempotency_key.empty() ? keys_.end() : keys_.find(key);
        const bool acked_key = fate != keys_.end();
        if (reply.order) {
            const Order& order = reply.order->order;
            const engine::EventSpec& spec = *reply.order->event;
            Check(order.user_id == sent.user_id && order.event_id == sent.event_id,
                  [&] { return "hold answered with someone else's order " + Describe(order); });
            if (sent.seats.empty()) {
                Check(spec.zones[order.zone_index].zone_id == sent.zone_id &&
                          order.quantity == sent.quantity,
                      [&] {
                          return "hold answered with an order for something else: " +
                                 Describe(order);
                      });
            } else {
                std::vector<std::string> labels;
                for (std::uint32_t i = 0; i < order.quantity; ++i) {
                    labels.push_back(engine::SeatLabel(spec, order.zone_index, order.seats[i]));
                }
                std::vector<std::string> asked = sent.seats;
                std::sort(labels.begin(), labels.end());
                std::sort(asked.begin(), asked.end());
                Check(labels == asked,
                      [&] { return "hold answered with other seats: " + Describe(order); });
            }
            if (reply.outcome == HoldOutcome::kOk) {
                Check(!known_.contains(order.order_id), [&] {
                    return "a new order took the id of acknowledged order " +
                           Describe(known_.at(order.order_id));
                });
                Check(order.status == OrderStatus::kHeld, "a new order is not held");
            }
            Learn(*reply.order);
        }
        switch (reply.outcome) {
            case HoldOutcome::kOk:
                if (sent.idempotency_key.empty()) break;
                Check(!acked_key, [&] {
                    return "a retry placed a new order though the key's order " +
                           std::to_string(acked_key ? fate->second.order_id.value() : 0) +
                           " was acknowledged";
                });
                Remember(key, sent, reply.order->order.order_id);
                break;
            case HoldOutcome::kReplayed:
                Check(!sent.idempotency_key.empty(), "replayed a hold without a key");
                if (acked_key) {
                    Check(reply.order->order.order_id == fate->second.order_id &&
                              SameRequest(sent, fate->second.request),
                          [&] {
                              return "replayed order " +
                                     std::to_string(reply.order->order.order_id.value()) +
                                     ", the key's acknowledged order is " +
                                     std::to_string(fate->second.order_id.value()) + " for " +
                                     Describe(fate->second.request);
                          });
                } else {
                    // The first attempt was never acknowledged but survived (a SIGKILL).
                    Remember(key, sent, reply.order->order.order_id);
                }
                break;
            case HoldOutcome::kIdempotencyKeyReused:
                Check(!sent.idempotency_key.empty(), "key reuse without a key");
                Check(!acked_key || !SameRequest(sent, fate->second.request),
                      "the same request as the key's acknowledged one was refused as key reuse");
                break;
            default:
                Check(!acked_key, [&] {
                    return "a retry of acknowledged key '" + sent.idempotency_key + "' answered " +
                           std::string(engine::ToString(reply.outcome));
                });
                break;
        }
    }

    void Remember(const std::pair<UserId, std::string>& key, const engine::PlaceHold& request,
                  OrderId order_id) {
        keys_.emplace(key, KeyFate{request, order_id});
        key_list_.push_back(key);
    }

    // -- Orders

    enum OrderCommandKind { kBeginPayment, kCancel, kGet, kCompletePayment };

    // An order id to act on: mostly a recent one the client knows (to pay for or cancel, one
    // it was told is held), sometimes any, rarely none.
    OrderId PickOrder(OrderCommandKind kind) {
        if (known_ids_.empty() || Chance(3)) return OrderId{Chance(50) ? 0 : 1'000'000 + Below(10)};
        if (kind != kGet && !recent_held_.empty() && Chance(70)) {
            return recent_held_[Below(recent_held_.size())];
        }
        if (Chance(80)) {
            return known_ids_[known_ids_.size() - 1 -
                              Below(std::min<std::size_t>(known_ids_.size(), 40))];
        }
        return known_ids_[Below(known_ids_.size())];
    }

    void SubmitOrderCommand(OrderCommandKind kind) {
        const OrderId order_id = PickOrder(kind);
        auto known = known_.find(order_id);
        engine::Actor actor{
            known == known_.end() ? UserId{1 + Below(kUsers)} : known->second.user_id, false};
        if (Chance(4)) actor.user_id = UserId{1 + Below(kUsers)};  // maybe not the owner
        if (Chance(2)) actor = {kAdmin, true};
        engine::Command command;
        if (kind == kBeginPayment) {
            command = engine::BeginPayment{actor, order_id,
                                           10s + std::chrono::milliseconds(Below(50'000))};
        } else if (kind == kCancel) {
            command = engine::CancelOrder{actor, order_id};
        } else {
            command = engine::GetOrder{actor, order_id};
        }
        Submit(std::move(command),
               [this, kind, order_id, actor](engine::Reply&& reply, bool durable) {
                   if (durable) OnOrderAnswer(kind, order_id, actor, false, reply);
               });
    }

    void SubmitDueCharges() {
        for (std::size_t i = 0; i < charges_.size();) {
            if (charges_[i].answer_at > now_) {
                ++i;
                continue;
            }
            const Charge charge = charges_[i];
            charges_.erase(charges_.begin() + static_cast<std::ptrdiff_t>(i));
            if (charge.approved) approved_charges_.insert(charge.order_id);
            // A 503 loses the answer (tixd refunds an approved one); the order expires.
            Submit(engine::CompletePayment{charge.order_id, charge.approved},
                   [this, charge](engine::Reply&& reply, bool durable) {
                       if (durable) {
                           OnOrderAnswer(kCompletePayment, charge.order_id, {}, charge.approved,
                                         reply);
                       }
                   });
        }
    }

    void OnOrderAnswer(OrderCommandKind kind, OrderId order_id, engine::Actor actor, bool approved,
                       const engine::Reply& answer) {
        ++acked_;
        static constexpr const char* kKinds[] = {"begin_payment", "cancel", "get",
                                                 "complete_payment"};
        op_ = std::string("answer to ") + kKinds[kind] + " of order " +
              std::to_string(order_id.value());
        const auto& reply = std::get<engine::OrderReply>(answer);
        ++stats_[std::string(kKinds[kind]) +
                 (kind == kCompletePayment && !approved ? "(no):" : ":") +
                 std::string(engine::ToString(reply.outcome))];
        auto known = known_.find(order_id);
        if (known != known_.end()) {
            Check(reply.outcome != OrderOutcome::kUnknownOrder, [&] {
                return "acknowledged order " + std::to_string(order_id.value()) + " is unknown";
            });
            Check(
                reply.outcome != OrderOutcome::kForbidden ||
                    (known->second.user_id != actor.user_id && !actor.is_admin),
                [&] { return "the owner was refused order " + std::to_string(order_id.value()); });
        }
        if (reply.order) {
            Check(reply.order->order.order_id == order_id, "answered about another order");
            Learn(*reply.order);
        }
        if (Failed()) return;
        const OrderStatus status = reply.order ? reply.order->order.status : OrderStatus::kHeld;
        switch (kind) {
            case kCancel:
            case kBeginPayment:
                // A cancel or confirm that finds a payment under way waits for its answer.
                Check(reply.outcome != OrderOutcome::kPaymentPending,
                      "answered payment_pending instead of waiting for the payment");
                if (reply.outcome != OrderOutcome::kOk) break;
                if (kind == kCancel) {
                    Check(status == OrderStatus::kCancelled, "a cancel that did not cancel");
                    break;
                }
                Check(status == OrderStatus::kPaymentPending, "a payment that did not begin");
                StartCharge(reply.order->order);
                break;
            case kCompletePayment:
                if (approved && reply.outcome == OrderOutcome::kOk) {
                    Check(status == OrderStatus::kPaid, "an approved payment did not pay");
                    Check(paid_orders_.insert(order_id).second, [&] {
                        return "order " + std::to_string(order_id.value()) + " was paid twice";
                    });
                } else if (approved) {
                    ++stats_["refunds"];  // too late, or the order ended: the money goes back
                } else if (reply.outcome == OrderOutcome::kOk) {
                    Check(status == OrderStatus::kHeld, "a declined payment did not resume");
                }
                break;
            case kGet:
                break;
        }
    }

    void StartCharge(const Order& order) {
        const std::chrono::milliseconds window = order.payment_expires_at - order.updated_at;
        Charge charge{order.order_id, Chance(75), TimePoint{}};
        charge.answer_at =
            now_ + (Chance(85) ? std::chrono::milliseconds(
                                     Below(static_cast<std::uint64_t>((window / 2).count())))
                               : window + std::chrono::milliseconds(Below(30'000)));
        charges_.push_back(charge);
    }

    void SubmitAvailability() {
        const EventId event_id = PickEvent();
        Submit(engine::GetAvailability{event_id, Chance(30)}, [this](engine::Reply&& reply,
                                                                     bool durable) {
            if (!durable) return;
            ++acked_;
            const auto& availability = std::get<engine::AvailabilityReply>(reply);
            for (const engine::ZoneCounts& z : availability.zones) {
                Check(z.available + z.held + z.sold == z.capacity, "availability does not add up");
            }
        });
    }

    // What an acknowledged answer showed of an order: it must be on disk, and follow from
    // what the client was told before.
    void Learn(const engine::OrderSnapshot& snapshot) {
        const Order& order = snapshot.order;
        Check(log_.Holds(order), [&] {
            return "acknowledged an order state that is not durable: " + Describe(order);
        });
        payment_clients_.Told(order);
        ticket_clients_.Told(order);
        if (order.status == OrderStatus::kHeld) {
            if (recent_held_.size() < kRecentHeldMax) {
                recent_held_.push_back(order.order_id);
            } else {
                recent_held_[Below(recent_held_.size())] = order.order_id;
            }
        }
        auto [it, fresh] = known_.try_emplace(order.order_id, order);
        if (fresh) {
            known_ids_.push_back(order.order_id);
            return;
        }
        CheckFollows(it->second, order, "an answer");
        it->second = order;
    }

    const std::uint64_t seed_;
    const std::uint64_t requests_target_;
    std::mt19937_64 rng_;
    std::uint64_t step_ = 0;
    std::uint64_t requests_ = 0;
    std::uint64_t acked_ = 0;
    std::uint64_t restarts_ = 0;
    std::uint64_t outstanding_ = 0;  // submitted to this process, not yet answered
    std::size_t max_merged_ = 0;
    TimePoint now_ = FromUnixMillis(1'800'000'000'000);
    TimePoint last_expiry_at_{};
    std::string op_;

    // The disk, and what has become durable on it: they survive every crash.
    SimJournal journal_;
    SimDurableLog log_;
    engine::RecoveredState loaded_;  // what the last Load returned

    // The process: gone at every crash.
    std::unique_ptr<engine::Engine> engine_;
    std::vector<Submitted> queue_;
    ParkedCommands parked_;
    std::deque<AppliedBatch> pending_;

    // The clients (and the payment provider): they outlive the process.
    std::vector<std::shared_ptr<const engine::EventSpec>> events_;  // acknowledged
    std::unordered_map<EventId, std::shared_ptr<const engine::EventSpec>> event_by_id_;
    std::uint64_t creating_events_ = 0;
    std::unordered_map<OrderId, Order> known_;  // the last acknowledged state of each order
    std::vector<OrderId> known_ids_;            // in the order they were learnt
    std::vector<OrderId> recent_held_;          // some orders last told held
    std::map<std::pair<UserId, std::string>, KeyFate> keys_;
    std::vector<std::pair<UserId, std::string>> key_list_;
    std::vector<engine::PlaceHold> recent_keyed_;
    std::uint64_t next_key_ = 1;
    std::vector<Charge> charges_;
    std::set<OrderId> approved_charges_;
    std::set<OrderId> paid_orders_;  // acknowledged paid by an approved payment
    SimQueueClients queue_clients_;
    SimPaymentClients payment_clients_;
    SimTicketClients ticket_clients_;
    SimBiddingClients bidding_clients_;
    std::map<std::string, std::uint64_t> stats_;
};

// One test per seed, so ctest runs them in parallel.
class DurablePathSimulation : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(DurablePathSimulation, AcknowledgedChangesSurviveEveryCrash) {
    std::uint64_t seed = GetParam();
    if (std::getenv("TIX_DURABLE_SIM_SEED") != nullptr) {
        if (seed != kDefaultSeeds[0]) GTEST_SKIP() << "TIX_DURABLE_SIM_SEED is set: one seed only";
        seed = EnvOr("TIX_DURABLE_SIM_SEED", 0);
    }
    SCOPED_TRACE("seed " + std::to_string(seed) +
                 ": replay with TIX_DURABLE_SIM_SEED=" + std::to_string(seed));
    Simulation simulation(seed, EnvOr("TIX_DURABLE_SIM_REQUESTS", kDefaultRequests));
    simulation.Run();
    std::printf("%s\n", simulation.Summary().c_str());
}

INSTANTIATE_TEST_SUITE_P(Seeds, DurablePathSimulation, ::testing::ValuesIn(kDefaultSeeds));

}  // namespace
}  // namespace tix::service
