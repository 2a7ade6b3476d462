// A built-in list of the most common passwords (about 1,000 of 8 characters or more), which
// registration refuses with 400 weak_password: they are the first guesses of every password
// spraying and credential stuffing tool. Constant data; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace tix::auth {

// Whether `password`, compared without regard to ASCII case, is on the list.
bool IsCommonPassword(std::string_view password);

// How many passwords the list holds.
std::size_t CommonPasswordCount();

}  // namespace tix::auth
