// Reading a password from standard input for `tixd admin create-user --password-stdin`, so that it
// appears in neither `ps` nor the shell history (as `--password P` does). Any thread.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

#include "common/status.h"

namespace tix::app {

// A password is at most 1,024 characters of up to 4 bytes each (auth/registration.h).
inline constexpr std::size_t kPasswordLineBytesMax = 4 * 1'024;

// The first line of `in` without its line ending ("\n" or "\r\n"); a last line without one is
// taken as it is. InvalidArgument when `in` is empty or the line is longer than `bytes_max`
// (nothing beyond that is read).
Result<std::string> ReadPasswordLine(std::istream& in,
                                     std::size_t bytes_max = kPasswordLineBytesMax);

}  // namespace tix::app
