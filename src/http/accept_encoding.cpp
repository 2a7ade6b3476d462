#include "http/accept_encoding.h"

#include <boost/beast/core/string.hpp>
#include <optional>

#include "http/header_text.h"

namespace tix::http {
namespace {

// A qvalue is "0" to "1" with at most three decimals; what matters is whether it is zero. One
// that is not digits and a dot counts as zero: a client that garbles it gets the plain file.
bool IsPositiveQValue(std::string_view qvalue) {
    bool positive = false;
    for (const char c : qvalue) {
        if (c != '.' && (c < '0' || c > '9')) return false;
        positive = positive || (c >= '1' && c <= '9');
    }
    return positive;
}

// Whether one list element ("br", "gzip;q=0.5") accepts its coding: q above 0, or no q.
bool ElementAccepts(std::string_view params) {
    bool accepted = true;
    while (!params.empty()) {
        std::string_view value = TakeUntil(params, ';');
        const std::string_view name = TrimWhitespace(TakeUntil(value, '='));
        if (boost::beast::iequals(name, "q")) accepted = IsPositiveQValue(TrimWhitespace(value));
    }
    return accepted;
}

}  // namespace

// By hand rather than with Beast's ext_list, whose parameters (Boost 1.81) come out wrong for
// every element after the first ("br;q=0, gzip" gives gzip "q=0").
bool AcceptsCoding(std::string_view accept_encoding, std::string_view coding) {
    std::optional<bool> named;
    std::optional<bool> wildcard;
    while (!accept_encoding.empty()) {
        std::string_view params = TakeUntil(accept_encoding, ',');
        const std::string_view token = TrimWhitespace(TakeUntil(params, ';'));
        if (boost::beast::iequals(token, coding)) {
            named = ElementAccepts(params);
        } else if (token == "*") {
            wildcard = ElementAccepts(params);
        }
    }
    return named.value_or(wildcard.value_or(false));
}

}  // namespace tix::http
