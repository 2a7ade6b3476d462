#include "ranking_ticks.h"

#include <algorithm>

#include "run_stats.h"

namespace tix::bench {
namespace {

std::uint64_t Micros(double ms) { return static_cast<std::uint64_t>(std::max(0.0, ms) * 1000); }

}  // namespace

void RankingTicks::Record(std::string_view tick, std::optional<std::int64_t> server_ms,
                          double received_ms) {
    auto [it, fresh] = ticks_.try_emplace(std::string(tick));
    Tick& entry = it->second;
    if (fresh) {
        entry.first_ms = entry.last_ms = received_ms;
        entry.server_ms = server_ms;
    }
    entry.first_ms = std::min(entry.first_ms, received_ms);
    entry.last_ms = std::max(entry.last_ms, received_ms);
    ++entry.frames;
}

TickFigures RankingTicks::Summarize(std::uint32_t sockets) const {
    TickFigures figures;
    figures.sockets = sockets;
    figures.ticks = ticks_.size();
    figures.server_ms = !ticks_.empty();
    for (const auto& [name, tick] : ticks_) {
        figures.frames += tick.frames;
        if (tick.frames >= sockets) ++figures.complete_ticks;
        figures.spread.Record(Micros(tick.last_ms - tick.first_ms));
        if (tick.server_ms) {
            figures.server_to_last.Record(
                Micros(tick.last_ms - static_cast<double>(*tick.server_ms)));
        } else {
            figures.server_ms = false;
        }
    }
    return figures;
}

boost::json::object TickFigures::ToJson() const {
    boost::json::object json{{"ticks", ticks},
                             {"complete_ticks", complete_ticks},
                             {"frames", frames},
                             {"sockets", sockets},
                             {"spread", LatencyJson(spread)}};
    if (server_ms) json["server_to_last_socket"] = LatencyJson(server_to_last);
    return json;
}

}  // namespace tix::bench
