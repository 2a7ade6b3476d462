// Reading a request's Accept-Encoding (RFC 9110 12.5.3), to pick a pre-compressed copy of a
// file. Pure; any thread.
#pragma once

#include <string_view>

namespace tix::http {

// True when `accept_encoding` (the header's value, "" when absent) accepts `coding` ("br",
// "gzip"): named with a q-value above 0 (or none), or not named and covered by a "*" above 0.
// "br;q=0" refuses br; an absent or empty header accepts no coding. Quoted parameter values
// holding ',' or ';' are not understood (no coding's parameters have them).
bool AcceptsCoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace tix::http
