#include "engine/chunked_vector.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace tix::engine {
namespace {

using Vector = ChunkedVector<std::uint64_t, 2>;  // chunks of 4

TEST(ChunkedVector, PushBackKeepsElementsInPlace) {
    Vector vector;
    const std::uint64_t* first = &vector.push_back(10);
    for (std::uint64_t i = 1; i < 9; ++i) vector.push_back(10 + i);
    EXPECT_EQ(vector.size(), 9U);
    EXPECT_EQ(first, &vector[0]) << "growing moved an element";
    for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(vector[i], 10 + i);
}

TEST(ChunkedVector, GrowToFillsWithDefaultsAcrossChunks) {
    Vector vector;
    vector.push_back(7);
    vector.GrowTo(14);  // the rest of chunk 0, two whole chunks, half of chunk 3
    ASSERT_EQ(vector.size(), 14U);
    EXPECT_EQ(vector[0], 7U);
    for (std::size_t i = 1; i < 14; ++i) EXPECT_EQ(vector[i], 0U) << i;
    vector.push_back(8);
    vector.push_back(9);
    vector.push_back(10);
    EXPECT_EQ(vector[14], 8U);
    EXPECT_EQ(vector[16], 10U);
    for (std::size_t i = 1; i < 14; ++i) EXPECT_EQ(vector[i], 0U) << "a write reached " << i;
}

TEST(ChunkedVector, GrowToAChunkBoundaryThenPushBackGetsAChunkOfItsOwn) {
    Vector vector;
    vector.GrowTo(8);  // two whole chunks of defaults
    vector.push_back(5);
    EXPECT_EQ(vector[8], 5U);
    for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(vector[i], 0U) << "a write reached " << i;
    vector.GrowTo(8 + 1);  // no-op: already that size
    EXPECT_EQ(vector.size(), 9U);
}

TEST(ChunkedVector, LongJumpCostsAPointerPerChunkNotTheChunks) {
    ChunkedVector<std::uint64_t> vector;  // chunks of 1024
    vector.GrowTo(std::size_t{1} << 24);  // 16 M elements: 128 MB if filled
    vector.push_back(1);
    EXPECT_EQ(vector[std::size_t{1} << 24], 1U);
    EXPECT_EQ(vector[12'345'678], 0U);
    EXPECT_LT(vector.bytes(), std::size_t{1} << 20);
}

}  // namespace
}  // namespace tix::engine
