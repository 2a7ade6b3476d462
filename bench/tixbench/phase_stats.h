// PhaseStats: the figures of one closed-loop phase of requests of one kind (`tixbench auth`:
// sign-ups or logins; `--scenario queue-load`: joins or polls): how many succeeded per second, the
// latency of every request, the answers by outcome. Each connection fills its own; Merge them when
// the phase ends.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "latency_histogram.h"

namespace tix::bench {

// `count` over `seconds`; 0 for an empty window.
inline double PerSecond(std::uint64_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

struct PhaseStats {
    std::string phase;  // "sign-ups", "logins", "joins", "polls"
    std::uint32_t connections = 0;
    double seconds = 0;  // from the phase's start to its last answer

    std::uint64_t requests = 0;   // answered, of any status
    std::uint64_t succeeded = 0;  // e.g. 201 for a sign-up, 200 for a login
    std::uint64_t errors = 0;     // transport failures and answers the contract does not allow
    std::map<std::string, std::uint64_t> outcomes;  // "201", "503 overloaded", "error: ..."
    LatencyHistogram latency;                       // every answered request

    double succeeded_per_s() const { return seconds > 0 ? succeeded / seconds : 0; }
    void Merge(const PhaseStats& other);
    boost::json::object ToJson() const;
    void Print(std::ostream& out) const;
};

}  // namespace tix::bench
