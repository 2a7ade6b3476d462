#include "engine/admission_pacer.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <vector>

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

constexpr TimePoint kStart = TimePoint{} + std::chrono::hours(24 * 365 * 50);

// Admits everything the pacer allows at `now`; returns how many.
int AdmitAll(AdmissionPacer& pacer, TimePoint now, std::uint32_t rate) {
    int admitted = 0;
    while (pacer.MayAdmit(now, rate)) {
        pacer.Admit(now, rate);
        ++admitted;
    }
    return admitted;
}

TEST(AdmissionPacer, IntervalIsTheRateRoundedTowardsSlower) {
    EXPECT_EQ(AdmissionPacer::Interval(1), seconds(60));
    EXPECT_EQ(AdmissionPacer::Interval(60), seconds(1));
    EXPECT_EQ(AdmissionPacer::Interval(1'000'000), nanoseconds(60'000));
    EXPECT_EQ(AdmissionPacer::Interval(7), nanoseconds(8'571'428'572));
}

TEST(AdmissionPacer, SpreadsAdmissionsEvenly) {
    AdmissionPacer pacer;
    pacer.StartAt(kStart);
    std::vector<int> per_second(180);
    for (TimePoint now = kStart; now < kStart + seconds(180); now += milliseconds(1)) {
        per_second[(now - kStart) / seconds(1)] += AdmitAll(pacer, now, 600);
    }
    for (std::size_t s = 0; s < per_second.size(); ++s) EXPECT_EQ(per_second[s], 10) << s;
}

TEST(AdmissionPacer, PacesRatesAboveOneAMillisecondExactly) {
    AdmissionPacer pacer;
    pacer.StartAt(kStart);
    int admitted = 0;
    int most_in_a_pump = 0;
    for (TimePoint now = kStart; now < kStart + seconds(60); now += milliseconds(1)) {
        const int n = AdmitAll(pacer, now, 1'000'000);
        admitted += n;
        most_in_a_pump = std::max(most_in_a_pump, n);
    }
    EXPECT_NEAR(admitted, 1'000'000, 20);
    EXPECT_LE(most_in_a_pump, 17);  // 16.7 a millisecond
}

TEST(AdmissionPacer, ALatePumpCatchesUpAtMostTheCatchUpWindow) {
    AdmissionPacer pacer;
    pacer.StartAt(kStart);
    EXPECT_EQ(AdmitAll(pacer, kStart, 6'000), 1);  // one every 10 ms
    // 50 ms late: the missed admissions are made up.
    EXPECT_EQ(AdmitAll(pacer, kStart + milliseconds(60), 6'000), 6);
    // Idle for 10 s: only kAdmissionCatchUp (100 ms) of it, plus the one due now.
    EXPECT_EQ(AdmitAll(pacer, kStart + seconds(10), 6'000), 11);
    EXPECT_EQ(pacer.NextAdmissionAt(6'000), kStart + seconds(10) + milliseconds(10));
}

TEST(AdmissionPacer, NeverExceedsTheRateInAnyMinuteEvenWithCatchUpsAndRateChanges) {
    std::mt19937_64 rng(5);
    AdmissionPacer pacer;
    pacer.StartAt(kStart);
    std::deque<TimePoint> window;
    std::uint32_t rate = 500;
    TimePoint now = kStart;
    for (int step = 0; step < 20'000; ++step) {
        now += milliseconds(rng() % 400);
        if (rng() % 500 == 0) rate = 1 + static_cast<std::uint32_t>(rng() % 2'000);
        const int admitted = AdmitAll(pacer, now, rate);
        while (!window.empty() && window.front() <= now - seconds(60)) window.pop_front();
        window.insert(window.end(), admitted, now);
        // A rate that drops finds the window fuller than it: then no one is admitted.
        if (admitted > 0) {
            ASSERT_LE(window.size(), rate) << "step " << step;
        }
        ASSERT_EQ(pacer.AdmittedInWindow(now), window.size());
    }
}

TEST(AdmissionPacer, TheCeilingHoldsAfterTheRateDropsAndSaysWhenItLifts) {
    AdmissionPacer pacer;
    pacer.StartAt(kStart);
    for (TimePoint now = kStart; now < kStart + seconds(1); now += milliseconds(1)) {
        AdmitAll(pacer, now, 60'000);  // 1,000 in the first second
    }
    EXPECT_EQ(pacer.AdmittedInWindow(kStart + seconds(1)), 1'000u);
    EXPECT_FALSE(pacer.MayAdmit(kStart + seconds(30), 100));
    // 100 allowed once all but 99 have left the window: the 901st admission's millisecond.
    const TimePoint lifts = pacer.NextAdmissionAt(100);
    EXPECT_EQ(lifts, kStart + milliseconds(900) + seconds(60));
    EXPECT_FALSE(pacer.MayAdmit(lifts - milliseconds(1), 100));
    EXPECT_TRUE(pacer.MayAdmit(lifts, 100));
}

TEST(AdmissionPacer, MeasuresOutflowScaledUpDuringTheFirstMinute) {
    AdmissionPacer pacer;
    EXPECT_EQ(pacer.MeasuredPerMinute(kStart), std::nullopt);
    pacer.StartAt(kStart);
    for (TimePoint now = kStart; now < kStart + seconds(10); now += milliseconds(1)) {
        AdmitAll(pacer, now, 600);
    }
    EXPECT_EQ(pacer.AdmittedInWindow(kStart + seconds(10)), 100u);
    EXPECT_NEAR(*pacer.MeasuredPerMinute(kStart + seconds(10)), 600, 1);
    for (TimePoint now = kStart + seconds(10); now < kStart + seconds(90); now += milliseconds(1)) {
        AdmitAll(pacer, now, 600);
    }
    EXPECT_NEAR(*pacer.MeasuredPerMinute(kStart + seconds(90)), 600, 1);
    // Nothing for a minute: unknown.
    EXPECT_EQ(pacer.MeasuredPerMinute(kStart + seconds(151)), std::nullopt);
}

TEST(AdmissionPacer, RestoredFromItsAdmissionsItCountsTheSame) {
    AdmissionPacer live;
    live.StartAt(kStart);
    std::vector<TimePoint> admissions;
    for (TimePoint now = kStart; now < kStart + seconds(100); now += milliseconds(7)) {
        const int n = AdmitAll(live, now, 3'000);
        admissions.insert(admissions.end(), n, now);
    }
    AdmissionPacer restored;
    for (const TimePoint at : admissions) restored.RestoreAdmission(at);
    restored.RestoreNextAt(live.next_at());
    restored.CheckInvariants();
    const TimePoint now = kStart + seconds(100);
    EXPECT_EQ(restored.AdmittedInWindow(now), live.AdmittedInWindow(now));
    EXPECT_EQ(restored.MeasuredPerMinute(now), live.MeasuredPerMinute(now));
    EXPECT_EQ(restored.NextAdmissionAt(3'000), live.NextAdmissionAt(3'000));
    EXPECT_EQ(restored.bytes(), live.bytes());
}

}  // namespace
}  // namespace tix::engine
