// The few file operations tixscan needs, as Status values: read a whole (bounded) file, and
// replace a file atomically and durably. Blocking; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::tixscan {

// The file's bytes; NotFound when it does not exist, InvalidArgument when it holds more than
// `bytes_max` (read nothing of it then).
Result<std::string> ReadWholeFile(const std::string& path, std::size_t bytes_max);

// Writes `content` to "<path>.tmp" (mode 0600: a bundle may hold a rotation key), fsyncs it,
// renames it over `path` and fsyncs the directory: a reader sees the old file or the new one, never
// a mix, and a power cut keeps one of them.
Status ReplaceFileDurably(const std::string& path, std::string_view content);

// Writes all of `data` to `fd`, retrying short writes and EINTR.
Status WriteAll(int fd, std::string_view data, const std::string& path);

// fsyncs the directory that holds `path`, so that a name created in it survives a power cut.
Status SyncParentDirectory(const std::string& path);

}  // namespace tix::tixscan
