// The queue scenario's report: what ran (users, bots, addresses, the room's settings), the
// request rates it saw, the fairness and safety figures, and every check (the targets, the draw's
// audit, and the on-sale verification: nothing oversold), printed for people and as the run's
// JSON. Pure.
#pragma once

#include <boost/json/object.hpp>
#include <ostream>
#include <string_view>

#include "queue_figures.h"
#include "queue_sale_result.h"
#include "verification.h"

namespace tix::bench {

std::string_view ToString(UserEnd end);  // "paid", "sold_out", ...

struct QueueReport {
    const QueuePlan& plan;
    const QueueSaleResult& result;
    FairnessFigures fairness;
    SafetyFigures safety;
    Verification verification;  // the queue's checks, the draw's audit, the on-sale checks

    void Print(std::ostream& out) const;
    boost::json::object ToJson() const;
};

}  // namespace tix::bench
