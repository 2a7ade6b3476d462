// A seeded randomized simulation of the waiting room against the reference model
// (waiting_room_model.h).
//
// Each epoch opens a room with a random config; each step does one random operation on both the
// room and the model: joins (fresh, repeated, reused or expired challenges), Pumps (at random
// times, or at NextDeadline as the sequencer does), payments, bans, live reconfiguration (rate,
// active_max, admission, pause), availability going to 0 and back and selling out, status reads,
// and restarts. After every step it checks:
// - outcomes and statuses (position, draw rank, admission deadline) agree with the model;
// - a Pump admits the head of the model's line, in order (the draw, then first come first
//   served), never past active_max or the available seats, never while paused, and never more
//   than admit_per_minute in any 60 s;
// - the drained records show each admission beginning once and ending once, an expiry never
//   before its deadline, and nothing after a removal;
// - after a Pump, NextDeadline is later than now; the room's invariants hold.
// A restart drains every change into a journal, rebuilds a room with Restore, compares the two
// (records, statuses, stats, deadlines, the next Pump) and goes on with the rebuilt one.
//
// A failure names its seed; TIX_QUEUE_SIM_SEED=<seed> runs only that seed, TIX_QUEUE_SIM_STEPS
// changes the number of steps per seed.
#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <random>
#include <string>

#include "engine/queue_poll.h"
#include "engine/queue_test_support.h"
#include "engine/waiting_room.h"
#include "engine/waiting_room_model.h"

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using test::QueueModel;

constexpr std::uint64_t kDefaultSeeds[] = {0x9e0001, 0x9e0002, 0x9e0003, 0x9e0004};
constexpr std::uint64_t kDefaultSteps = 500'000;
constexpr std::uint64_t kUsers = 40;  // user ids 1..kUsers

// The draw key from queue_draw.h's text: SHA-256(seed || entry id as 8 bytes big-endian), its
// first 8 bytes big-endian. Not DrawKey, so that the model checks it.
std::uint64_t AuditDrawKey(const QueueSeed& seed, std::uint64_t entry_id) {
    unsigned char message[40];
    std::memcpy(message, seed.data(), 32);
    for (int i = 0; i < 8; ++i) {
        message[32 + i] = static_cast<unsigned char>(entry_id >> (56 - 8 * i));
    }
    unsigned char digest[32];
    crypto_hash_sha256(digest, message, sizeof(message));
    std::uint64_t key = 0;
    for (int i = 0; i < 8; ++i) key = key << 8 | digest[i];
    return key;
}

class Simulation {
  public:
    Simulation(std::uint64_t seed, std::uint64_t steps) : seed_(seed), steps_(steps), rng_(seed) {}

    void Run() {
        while (step_ < steps_ && !::testing::Test::HasFailure()) {
            StartEpoch();
            const std::uint64_t end = std::min(steps_, step_ + 400 + Below(1'200));
            for (; step_ < end && !::testing::Test::HasFailure(); ++step_) Step();
            if (!::testing::Test::HasFailure()) Restart();
        }
    }

    std::string Summary() const {
        std::string text = "[ sim ] seed " + std::to_string(seed_) + ", " + std::to_string(step_) +
                           " steps, " + std::to_string(epochs_) + " epochs:";
        for (const auto& [what, count] : stats_) text += " " + what + "=" + std::to_string(count);
        return text;
    }

  private:
    std::uint64_t Below(std::uint64_t n) { return rng_() % n; }
    bool OneIn(std::uint64_t n) { return Below(n) == 0; }
    UserId AnyUser() { return UserId{1 + Below(kUsers)}; }

    std::string Where() const {
        return "seed " + std::to_string(seed_) + " step " + std::to_string(step_) + " op " + op_ +
               " (replay with TIX_QUEUE_SIM_SEED=" + std::to_string(seed_) + ")";
    }

    QueueConfig RandomLiveSettings(QueueConfig config) {
        config.admit_per_minute = 1 + static_cast<std::uint32_t>(Below(OneIn(4) ? 3'000 : 60));
        config.active_max = 1 + static_cast<std::uint32_t>(Below(8));
        config.admission = kAdmissionMin + seconds(Below(240));
        config.pow_bits = static_cast<std::uint32_t>(Below(kPowBitsMax + 1));
        config.paused = OneIn(8);
        return config;
    }

    void StartEpoch() {
        ++epochs_;
        now_ += minutes(60);
        QueueConfig config;
        config.opens_at = now_ + seconds(Below(120));
        config.sale_starts_at = config.opens_at + seconds(1 + Below(600));
        config.seed = test::SeedOf(0x51, seed_ * 1'000 + epochs_);
        config = RandomLiveSettings(config);
        room_ = std::make_unique<WaitingRoom>(EventId{epochs_}, config);
        model_ = std::make_unique<QueueModel>(config, AuditDrawKey);
        journal_ = {};
        journaled_.clear();
        admitted_at_.clear();
        challenges_.clear();
        DrainAndCheck();
    }

    void Step() {
        const std::uint64_t dice = Below(1'000);
        if (dice < 250) {
            Join();
        } else if (dice < 600) {
            Pump(OneIn(2));
        } else if (dice < 680) {
            Pay();
        } else if (dice < 690) {
            Ban();
        } else if (dice < 710) {
            Reconfigure();
        } else if (dice < 760) {
            SetAvailability();
        } else if (dice < 960) {
            op_ = "status";
            CheckStatus(AnyUser());
        } else if (dice < 990) {
            op_ = "time";
            now_ += OneIn(3) ? minutes(1 + Below(10)) : milliseconds(Below(5'000));
        } else {
            Restart();
        }
        if (::testing::Test::HasFailure()) return;
        DrainAndCheck();
        room_->CheckInvariants();
    }

    void Join() {
        op_ = "join";
        now_ += milliseconds(Below(2'000));
        std::uint64_t challenge = ++next_challenge_;
        TimePoint expires = now_ + seconds(1 + Below(300));
        if (OneIn(20)) expires = now_ - seconds(Below(10));                  // expired
        if (OneIn(50)) expires = now_ + kChallengeLifetimeMax + seconds(1);  // not ours
        if (!challenges_.empty() && OneIn(5)) {  // a challenge someone used, as it was issued
            auto it = challenges_.begin();
            std::advance(it, static_cast<long>(Below(challenges_.size())));
            challenge = it->first;
            expires = it->second;
        }
        const UserId user = AnyUser();
        const JoinOutcome want = model_->Join(user, challenge, expires, now_);
        const JoinResult got = room_->Join(user, challenge, expires, now_);
        ASSERT_EQ(got.outcome, want) << "user " << user << " at " << Where();
        if (want == JoinOutcome::kJoined) challenges_[challenge] = expires;
        ++stats_["join:" + std::string(ToString(got.outcome))];
        CheckStatus(user);
    }

    void Pump(bool at_deadline) {
        op_ = at_deadline ? "pump@deadline" : "pump";
        if (at_deadline) {
            const std::optional<TimePoint> next = room_->NextDeadline();
            if (!next) return;
            now_ = std::max(now_, *next);
        } else {
            now_ += milliseconds(Below(3'000));
        }
        PumpAt(model_->availability().value_or(QueueAvailability{5, 0}));
    }

    // A new availability comes with the next Pump; sometimes nothing is left at all.
    void SetAvailability() {
        op_ = "availability";
        QueueAvailability availability{Below(12), Below(4)};
        if (OneIn(4)) availability = {0, Below(3)};  // holds may still come back
        if (OneIn(6)) availability = {0, 0};         // sold out
        ++stats_[availability.available + availability.held == 0 ? "sold_out" : "availability"];
        PumpAt(availability);
    }

    void PumpAt(QueueAvailability availability) {
        const std::uint64_t expired = model_->StartPump(now_, availability);
        const PumpResult got = room_->Pump(now_, availability);
        ASSERT_EQ(got.expired, expired) << Where();
        // Admissions: the head of the line, within every limit.
        const std::uint64_t active = model_->Active();
        const std::vector<std::size_t> line = model_->Line();
        ASSERT_LE(got.admitted, line.size()) << Where();
        if (got.admitted > 0) {
            const QueueConfig& config = model_->config();
            ASSERT_TRUE(model_->drawn() && !config.paused) << Where();
            ASSERT_LE(active + got.admitted, config.active_max) << Where();
            ASSERT_LE(active + got.admitted, availability.available) << Where();
            while (!admitted_at_.empty() && admitted_at_.front() <= now_ - seconds(60)) {
                admitted_at_.pop_front();
            }
            admitted_at_.insert(admitted_at_.end(), got.admitted, now_);
            ASSERT_LE(admitted_at_.size(), config.admit_per_minute) << "ceiling at " << Where();
        }
        for (std::size_t i = 0; i < got.admitted; ++i) model_->Admit(line[i], now_);
        for (std::size_t i = 0; i < line.size() && i <= got.admitted; ++i) {
            CheckStatus(model_->entries()[line[i]].user_id);
        }
        const std::optional<TimePoint> next = room_->NextDeadline();
        ASSERT_TRUE(!next || *next > now_) << "work left due at " << Where();
        stats_["admitted"] += got.admitted;
        stats_["expired"] += got.expired;
        stats_["draws"] += got.drew;
    }

    void Pay() {
        op_ = "paid";
        UserId user = AnyUser();
        for (const test::ModelEntry& entry : model_->entries()) {  // mostly someone shopping
            if (entry.status == EntryStatus::kAdmitted && !OneIn(3)) user = entry.user_id;
        }
        const PaidOutcome want = model_->OnPaid(user);
        ASSERT_EQ(room_->OnPaid(user), want) << Where();
        stats_["paid"] += want == PaidOutcome::kEnded;
        CheckStatus(user);
    }

    void Ban() {
        op_ = "remove";
        const UserId user = AnyUser();
        const RemoveOutcome want = model_->Remove(user);
        ASSERT_EQ(room_->Remove(user), want) << Where();
        stats_["removed"] += want == RemoveOutcome::kRemoved;
        CheckStatus(user);
    }

    void Reconfigure() {
        op_ = "reconfigure";
        QueueConfig config = RandomLiveSettings(model_->config());
        const bool schedule = OneIn(5);
        if (schedule) config.sale_starts_at += seconds(1);
        const bool fixed = now_ >= model_->config().opens_at || !model_->entries().empty();
        const ReconfigureOutcome got = room_->Reconfigure(config, now_);
        if (schedule && fixed) {
            ASSERT_EQ(got, ReconfigureOutcome::kScheduleFixed) << Where();
        } else {
            ASSERT_EQ(got, ReconfigureOutcome::kOk) << Where();
            model_->set_config(config);
        }
        ++stats_[schedule ? "reconfigure:schedule" : "reconfigure"];
    }

    void CheckStatus(UserId user) {
        const QueueView got = room_->Status(user, now_);
        const std::optional<std::size_t> entry = model_->Find(user);
        if (!entry) {
            ASSERT_EQ(got.status, QueueStatus::kNotJoined) << "user " << user << " at " << Where();
            return;
        }
        const QueueView want = model_->View(*entry, now_);
        ASSERT_EQ(got.status, want.status) << "user " << user << " at " << Where();
        ASSERT_EQ(got.entry_id, want.entry_id) << Where();
        ASSERT_EQ(got.position, want.position) << "user " << user << " at " << Where();
        ASSERT_EQ(got.ahead, want.ahead) << Where();
        ASSERT_EQ(got.draw_rank, want.draw_rank) << "user " << user << " at " << Where();
        ASSERT_EQ(got.admission_expires_at, want.admission_expires_at) << Where();
        ASSERT_GE(got.poll_after, kPollMin);
        ASSERT_LE(got.poll_after, kPollMax);
    }

    // Every record is a legal step from the entry's journaled state: an admission begins once
    // and ends once, an expiry never before its deadline, nothing follows a removal.
    QueueChanges DrainAndCheck() {
        QueueChanges changes;
        room_->DrainChanges(changes);
        for (const QueueEntryRecord& record : changes.entries) {
            const auto it = journaled_.find(record.entry_id);
            const std::optional<QueueEntryRecord> before =
                it == journaled_.end() ? std::nullopt : std::optional(it->second);
            const EntryStatus from = before ? before->status : EntryStatus::kWaiting;
            const EntryStatus to = record.status;
            bool legal = false;
            switch (from) {
                case EntryStatus::kWaiting:
                    legal = (to == EntryStatus::kWaiting && !before) ||
                            to == EntryStatus::kAdmitted || to == EntryStatus::kRemoved;
                    break;
                case EntryStatus::kAdmitted:
                    legal = to == EntryStatus::kExpired || to == EntryStatus::kPaid ||
                            to == EntryStatus::kRemoved;
                    break;
                case EntryStatus::kExpired:
                case EntryStatus::kPaid:
                    legal = to == EntryStatus::kRemoved;
                    break;
                case EntryStatus::kRemoved:
                    legal = false;
                    break;
            }
            EXPECT_TRUE(legal) << ToString(from) << " -> " << ToString(to) << " for entry "
                               << record.entry_id << " at " << Where();
            if (before && before->admission) {
                EXPECT_EQ(record.admission, before->admission) << "re-admitted at " << Where();
            }
            if (to == EntryStatus::kExpired) {
                EXPECT_LE(record.admission->expires_at, now_) << "expired early at " << Where();
            }
            journaled_[record.entry_id] = record;
            stats_["records"] += 1;
        }
        journal_.Append(changes);
        return changes;
    }

    // A restart: a room rebuilt from the journal, brought to `now` by the same Pump as the live
    // one (a restarted sequencer pumps before serving), compared with it, then used.
    void Restart() {
        op_ = "restart";
        DrainAndCheck();
        auto restored = std::make_unique<WaitingRoom>(WaitingRoom::Restore(journal_.Snapshot()));
        restored->CheckInvariants();
        ASSERT_FALSE(restored->HasChanges()) << Where();
        const QueueAvailability availability =
            model_->availability().value_or(QueueAvailability{5, 0});
        PumpAt(availability);
        const QueueChanges live = DrainAndCheck();
        restored->Pump(now_, availability);
        QueueChanges again;
        restored->DrainChanges(again);
        ASSERT_EQ(again.rooms, live.rooms) << Where();
        ASSERT_EQ(again.entries, live.entries) << Where();
        ASSERT_EQ(test::Comparable(restored->Snapshot(), now_),
                  test::Comparable(room_->Snapshot(), now_))
            << Where();
        ASSERT_EQ(restored->NextDeadline(), room_->NextDeadline()) << Where();
        const QueueStats a = room_->Stats(now_);
        const QueueStats b = restored->Stats(now_);
        ASSERT_EQ(std::tie(a.waiting, a.admitted_active, a.admitted_total, a.admitted_last_minute,
                           a.drawn, a.draw_size),
                  std::tie(b.waiting, b.admitted_active, b.admitted_total, b.admitted_last_minute,
                           b.drawn, b.draw_size))
            << Where();
        for (std::uint64_t rank = 1; rank <= room_->DrawSize(); ++rank) {
            ASSERT_EQ(restored->DrawnAt(rank), room_->DrawnAt(rank)) << Where();
        }
        for (std::uint64_t u = 1; u <= kUsers; ++u) {
            const QueueView x = room_->Status(UserId{u}, now_);
            const QueueView y = restored->Status(UserId{u}, now_);
            ASSERT_EQ(std::tie(x.status, x.position, x.draw_rank, x.admission_expires_at,
                               x.estimated_wait, x.poll_after),
                      std::tie(y.status, y.position, y.draw_rank, y.admission_expires_at,
                               y.estimated_wait, y.poll_after))
                << "user " << u << " at " << Where();
        }
        room_ = std::move(restored);
        ++stats_["restarts"];
    }

    const std::uint64_t seed_;
    const std::uint64_t steps_;
    std::mt19937_64 rng_;
    std::uint64_t step_ = 0;
    std::uint64_t epochs_ = 0;
    TimePoint now_ = test::kOpens;
    std::string op_;
    std::unique_ptr<WaitingRoom> room_;
    std::unique_ptr<QueueModel> model_;
    test::FoldedJournal journal_;
    std::map<QueueEntryId, QueueEntryRecord> journaled_;
    std::deque<TimePoint> admitted_at_;              // admissions of the last 60 s
    std::map<std::uint64_t, TimePoint> challenges_;  // used, with their expiry
    std::uint64_t next_challenge_ = 0;
    std::map<std::string, std::uint64_t> stats_;
};

std::uint64_t EnvOr(const char* name, std::uint64_t fallback) {
    const char* value = std::getenv(name);
    return value == nullptr || *value == '\0' ? fallback : std::strtoull(value, nullptr, 0);
}

// One test per seed, so ctest runs them in parallel.
class QueueSimulation : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(QueueSimulation, MatchesTheReferenceModel) {
    std::uint64_t seed = GetParam();
    if (std::getenv("TIX_QUEUE_SIM_SEED") != nullptr) {
        if (seed != kDefaultSeeds[0]) GTEST_SKIP() << "TIX_QUEUE_SIM_SEED is set: one seed only";
        seed = EnvOr("TIX_QUEUE_SIM_SEED", 0);
    }
    SCOPED_TRACE("seed " + std::to_string(seed) +
                 ": replay with TIX_QUEUE_SIM_SEED=" + std::to_string(seed));
    Simulation simulation(seed, EnvOr("TIX_QUEUE_SIM_STEPS", kDefaultSteps));
    simulation.Run();
    std::printf("%s\n", simulation.Summary().c_str());
}

INSTANTIATE_TEST_SUITE_P(Seeds, QueueSimulation, ::testing::ValuesIn(kDefaultSeeds));

// The limit + 1 case of kQueueEntriesMax: four million joins, then one refused.
TEST(QueueLimits, TheJoinPastTheEntryLimitIsRefused) {
    WaitingRoom room(EventId{1}, test::TestConfig());
    const TimePoint now = test::kSaleStart;  // after the draw: no SHA-256 a join
    for (std::uint64_t u = 1; u <= kQueueEntriesMax; ++u) {
        if (room.Join(UserId{u}, u, now + minutes(1), now).outcome != JoinOutcome::kJoined) {
            FAIL() << "join " << u << " refused";
        }
    }
    const JoinResult past =
        room.Join(UserId{kQueueEntriesMax + 1ull}, 1ull << 40, now + minutes(1), now);
    EXPECT_EQ(past.outcome, JoinOutcome::kQueueFull);
    EXPECT_EQ(room.Stats(now).waiting, kQueueEntriesMax);
    EXPECT_EQ(room.Status(UserId{kQueueEntriesMax}, now).position, kQueueEntriesMax);
}

}  // namespace
}  // namespace tix::engine
