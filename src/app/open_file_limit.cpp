#include "app/open_file_limit.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "http/server.h"

namespace tix::app {

Result<OpenFileLimit> RaiseOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return Status::IoError(std::string("getrlimit(RLIMIT_NOFILE): ") + std::strerror(errno));
    }
    OpenFileLimit result{limit.rlim_cur, limit.rlim_cur};
    if (limit.rlim_cur == limit.rlim_max) return result;
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) result.now = raised.rlim_cur;
    return result;
}

std::size_t ConnectionCapFor(std::uint64_t open_files_max, unsigned io_threads) {
    const std::uint64_t other_descriptors = kReservedDescriptors +
                                            kDescriptorsPerIoThread * io_threads +
                                            http::kRejectingConnectionsMax;
    if (open_files_max <= other_descriptors) return 0;
    return static_cast<std::size_t>(
        std::min<std::uint64_t>(open_files_max - other_descriptors, http::kConnectionsMax));
}

}  // namespace tix::app
