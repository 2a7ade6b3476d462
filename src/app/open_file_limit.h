// How many connections tixd may hold open, from the process's open-file limit. Every connection
// is a socket, and a socket past the limit fails accept() (the client just sees a reset) or,
// worse, a later open() of the database's files. So tixd raises its soft limit to the hard one
// at start and caps connections below it, leaving room for everything else it opens.
// Called from tixd's main thread at start.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"

namespace tix::app {

// Descriptors besides connections: the database, its WAL and SHM, the lock, the signing key,
// the port file, the listening socket, stdio, the sequencer's and hasher's wake-ups. Generous,
// as running out costs a failed request or a failed commit.
inline constexpr std::uint64_t kReservedDescriptors = 64;
// Each IO thread's io_context keeps an epoll, an eventfd and a timerfd.
inline constexpr std::uint64_t kDescriptorsPerIoThread = 3;

struct OpenFileLimit {
    std::uint64_t before = 0;  // the soft limit tixd was started with
    std::uint64_t now = 0;     // the soft limit in force
};

// Raises the soft RLIMIT_NOFILE to the hard limit. IoError if the limit cannot be read; if it
// cannot be raised, `now` stays `before`.
Result<OpenFileLimit> RaiseOpenFileLimit();

// The most connections the HTTP server may hold with `open_files_max` descriptors and
// `io_threads` IO threads: at most http::kConnectionsMax, and below the limit by the reserve
// and by the connections the server still accepts to answer 503 when full. 0 when the limit
// leaves no room for a single connection.
std::size_t ConnectionCapFor(std::uint64_t open_files_max, unsigned io_threads);

}  // namespace tix::app
