// RankTree: a campaign's standing bids in rank order, with O(log N) insert, erase and rank
// queries. libstdc++'s policy-based red-black tree with order statistics (each node knows its
// subtree's size): a well-tested structure, not one of our own.
#pragma once

#include <cstdint>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

#include "common/types.h"

namespace tix::engine {

struct RankKey {
    double score = 0;
    std::int64_t elapsed_ms = 0;
    UserId user_id{};
    // Where the bid is kept (BiddingBook's index): not part of the order, it saves a lookup per
    // rank when the top K or the final ranking is read.
    std::uint32_t bid_index = 0;
};

// The ranking's total order: the higher score first, then the earlier bid, then the lower user
// id (one standing bid per user, so no two keys are equal).
struct RanksBefore {
    bool operator()(const RankKey& a, const RankKey& b) const {
        if (a.score != b.score) return a.score > b.score;
        if (a.elapsed_ms != b.elapsed_ms) return a.elapsed_ms < b.elapsed_ms;
        return a.user_id < b.user_id;
    }
};

// order_of_key(key) is the number of keys ranked before it; find_by_order(i) is rank i + 1.
using RankTree =
    __gnu_pbds::tree<RankKey, __gnu_pbds::null_type, RanksBefore, __gnu_pbds::rb_tree_tag,
                     __gnu_pbds::tree_order_statistics_node_update>;

}  // namespace tix::engine
