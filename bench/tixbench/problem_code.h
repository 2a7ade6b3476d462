// The problem+json `code` of an error answer ("sold_out", "rate_limited"), found without parsing
// the whole body: the bench counts answers by it on the hot path. Empty if there is none.
#pragma once

#include <string_view>

namespace tix::bench {

inline std::string_view ProblemCode(std::string_view body) {
    constexpr std::string_view kKey = "\"code\":\"";
    const std::size_t start = body.find(kKey);
    if (start == std::string_view::npos) return {};
    const std::size_t from = start + kKey.size();
    const std::size_t end = body.find('"', from);
    return end == std::string_view::npos ? std::string_view{} : body.substr(from, end - from);
}

}  // namespace tix::bench
