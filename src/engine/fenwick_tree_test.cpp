#include "engine/fenwick_tree.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace tix::engine {
namespace {

void ExpectPrefixes(const FenwickTree& tree, const std::vector<std::uint32_t>& values) {
    ASSERT_EQ(tree.size(), values.size());
    std::uint64_t sum = 0;
    EXPECT_EQ(tree.Prefix(0), 0u);
    for (std::size_t i = 0; i < values.size(); ++i) {
        sum += values[i];
        ASSERT_EQ(tree.Prefix(i + 1), sum) << "prefix of " << i + 1;
    }
}

TEST(FenwickTree, BuildGivesEveryPrefix) {
    for (const std::size_t size : {0, 1, 2, 3, 7, 8, 9, 100}) {
        std::vector<std::uint32_t> values(size);
        for (std::size_t i = 0; i < size; ++i) values[i] = (i * 7 + 3) % 5;
        FenwickTree tree;
        tree.Build(size, [&](std::size_t i) { return values[i]; });
        ExpectPrefixes(tree, values);
    }
}

TEST(FenwickTree, PushBackAndAddMatchABruteForceSum) {
    std::mt19937_64 rng(11);
    FenwickTree tree;
    std::vector<std::uint32_t> values;
    for (int step = 0; step < 3'000; ++step) {
        if (values.empty() || rng() % 3 == 0) {
            values.push_back(rng() % 2);
            tree.PushBack(values.back());
        } else {
            const std::size_t slot = rng() % values.size();
            const std::int32_t delta = values[slot] == 0 ? 1 : -1;
            values[slot] += delta;
            tree.Add(slot, delta);
        }
        if (step % 97 == 0) ExpectPrefixes(tree, values);
    }
    ExpectPrefixes(tree, values);
}

TEST(FenwickTreeDeathTest, AddOutsideTheSlotsAborts) {
    FenwickTree tree;
    tree.PushBack(1);
    EXPECT_DEATH(tree.Add(1, -1), "Fenwick slot out of range");
}

}  // namespace
}  // namespace tix::engine
