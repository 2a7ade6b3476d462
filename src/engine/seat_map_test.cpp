#include "engine/seat_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tix::engine {
namespace {

SeatMap MakeMap(std::vector<RowSpec> rows) {
    ZoneSpec zone;
    zone.zone_id = "Z";
    zone.kind = ZoneKind::kSeated;
    zone.rows = std::move(rows);
    return SeatMap(zone);
}

// 'A' free or the owner as a digit, one char per seat of the row.
std::string Row(const SeatMap& map, std::uint32_t row) {
    std::string out;
    for (std::uint32_t n = 1; n <= map.RowSeats(row); ++n) {
        const std::uint32_t owner = map.Owner(map.SeatIndex(row, n));
        out += owner == SeatMap::kFree ? '.' : static_cast<char>('0' + owner);
    }
    return out;
}

std::vector<std::uint32_t> TakeAdjacent(SeatMap& map, std::uint32_t quantity, std::uint32_t owner) {
    std::vector<std::uint32_t> seats(quantity);
    if (!map.TakeAdjacent(quantity, owner, seats.data())) return {};
    map.CheckAll();
    return seats;
}

TEST(SeatMap, IndexesSeatsAcrossRows) {
    SeatMap map = MakeMap({{"A", 3}, {"B", 70}, {"C", 1}});
    EXPECT_EQ(map.capacity(), 74U);
    EXPECT_EQ(map.SeatIndex(1, 1), 3U);
    EXPECT_EQ(map.SeatIndex(2, 1), 73U);
    EXPECT_EQ(map.RowOf(0), 0U);
    EXPECT_EQ(map.RowOf(2), 0U);
    EXPECT_EQ(map.RowOf(3), 1U);
    EXPECT_EQ(map.RowOf(72), 1U);
    EXPECT_EQ(map.RowOf(73), 2U);
    EXPECT_EQ(map.SeatNumber(72), 70U);
    map.CheckAll();
}

TEST(SeatMap, CentresTheGroupInTheFrontRow) {
    SeatMap map = MakeMap({{"A", 10}, {"B", 10}});
    EXPECT_EQ(TakeAdjacent(map, 2, 1), (std::vector<std::uint32_t>{4, 5}));
    EXPECT_EQ(Row(map, 0), "....11....");
}

TEST(SeatMap, CentreTieGoesToLowerSeats) {
    SeatMap odd = MakeMap({{"A", 10}});
    EXPECT_EQ(TakeAdjacent(odd, 3, 1), (std::vector<std::uint32_t>{3, 4, 5}));  // not 4, 5, 6
    SeatMap map = MakeMap({{"A", 10}});
    EXPECT_EQ(TakeAdjacent(map, 2, 1), (std::vector<std::uint32_t>{4, 5}));
    EXPECT_EQ(TakeAdjacent(map, 2, 2), (std::vector<std::uint32_t>{2, 3}));     // not 6, 7
    EXPECT_EQ(TakeAdjacent(map, 3, 3), (std::vector<std::uint32_t>{6, 7, 8}));  // nearer than 0-2
    EXPECT_EQ(Row(map, 0), "..2211333.");
}

TEST(SeatMap, PicksTheRunNearestTheCentre) {
    SeatMap map = MakeMap({{"A", 10}});
    map.Take(4, 9);  // seat 5: runs 1-4 and 6-10
    EXPECT_EQ(TakeAdjacent(map, 2, 1), (std::vector<std::uint32_t>{5, 6}));
    EXPECT_EQ(Row(map, 0), "....911...");
}

TEST(SeatMap, MovesBackWhenNoRunInFront) {
    SeatMap map = MakeMap({{"A", 5}, {"B", 5}});
    map.Take(2, 9);  // A: two runs of 2
    EXPECT_EQ(TakeAdjacent(map, 3, 1), (std::vector<std::uint32_t>{6, 7, 8}));
    EXPECT_EQ(TakeAdjacent(map, 2, 2), (std::vector<std::uint32_t>{0, 1}));  // back to front row
    EXPECT_EQ(Row(map, 0), "229..");
    EXPECT_EQ(Row(map, 1), ".111.");
}

TEST(SeatMap, FailsWithoutTakingWhenNoRowHasTheRun) {
    SeatMap map = MakeMap({{"A", 4}, {"B", 4}});
    map.Take(1, 9);
    map.Take(6, 9);
    EXPECT_TRUE(TakeAdjacent(map, 3, 1).empty());
    EXPECT_EQ(map.available(), 6U);
    map.CheckAll();
    // The failed scan remembered each row's longest run; a smaller group still fits.
    EXPECT_EQ(TakeAdjacent(map, 2, 1), (std::vector<std::uint32_t>{2, 3}));
}

TEST(SeatMap, RunsCrossWordBoundaries) {
    SeatMap map = MakeMap({{"A", 130}});
    // Leave free only seats 62..67 (indices 61..66), across the first word boundary.
    for (std::uint32_t s = 0; s < 130; ++s) {
        if (s < 61 || s > 66) map.Take(s, 9);
    }
    EXPECT_EQ(TakeAdjacent(map, 6, 1), (std::vector<std::uint32_t>{61, 62, 63, 64, 65, 66}));
    EXPECT_EQ(map.available(), 0U);
    map.Release(63, 1);
    map.Release(64, 1);
    map.CheckAll();
    EXPECT_EQ(TakeAdjacent(map, 2, 2), (std::vector<std::uint32_t>{63, 64}));
}

TEST(SeatMap, SplitFillsBestRowsLargestRunsFirst) {
    SeatMap map = MakeMap({{"A", 4}, {"B", 4}});
    map.Take(1, 9);  // A: 1 free, then a run of 2
    map.Take(6, 9);  // B: a run of 2, then 1 free
    std::vector<std::uint32_t> seats(4);
    map.TakeSplit(4, 1, seats.data());
    map.CheckAll();
    // Row A first: its run of 2 (seats 3-4), then its single seat 1; then B's best single seat.
    EXPECT_EQ(seats, (std::vector<std::uint32_t>{0, 2, 3, 5}));
    EXPECT_EQ(Row(map, 0), "1911");
    EXPECT_EQ(Row(map, 1), ".19.");
}

TEST(SeatMap, ReleaseFreesTheSeat) {
    SeatMap map = MakeMap({{"A", 3}});
    map.Take(0, 1);
    map.Take(2, 1);
    EXPECT_EQ(map.available(), 1U);
    map.Release(0, 1);
    map.Release(2, 1);
    map.CheckAll();
    EXPECT_EQ(map.available(), 3U);
    EXPECT_EQ(TakeAdjacent(map, 3, 2), (std::vector<std::uint32_t>{0, 1, 2}));
}

TEST(SeatMap, FullRowsAreSkipped) {
    SeatMap map = MakeMap({{"A", 2}, {"B", 2}, {"C", 2}});
    EXPECT_EQ(TakeAdjacent(map, 2, 1), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(TakeAdjacent(map, 2, 2), (std::vector<std::uint32_t>{2, 3}));
    EXPECT_EQ(TakeAdjacent(map, 1, 3), (std::vector<std::uint32_t>{4}));
    EXPECT_EQ(TakeAdjacent(map, 1, 4), (std::vector<std::uint32_t>{5}));
    EXPECT_TRUE(TakeAdjacent(map, 1, 5).empty());
}

TEST(SeatMapDeathTest, TakingATakenSeatAborts) {
    SeatMap map = MakeMap({{"A", 3}});
    map.Take(1, 1);
    EXPECT_DEATH(map.Take(1, 2), "Take of a seat that is not free");
}

}  // namespace
}  // namespace tix::engine
