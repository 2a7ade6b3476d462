// Reads a built web front end (Vite's web/dist) into a StaticSite, once, at start-up: tixd's
// --web-root. Any thread, but it reads the whole directory: call it before serving.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/static_site.h"

namespace tix::http {

// A front end is ~1 MB; these bounds only stop a wrong --web-root (a home directory) from
// filling tixd's memory.
inline constexpr std::uint64_t kStaticSiteBytesMax = 64ull * 1024 * 1024;
inline constexpr std::size_t kStaticSiteFilesMax = 10'000;

struct StaticSiteOptions {
    // Origins the pages may connect to besides their own (the payment provider's).
    std::vector<std::string> connect_origins;
    std::uint64_t bytes_max = kStaticSiteBytesMax;  // every file read, compressed copies too
    std::size_t files_max = kStaticSiteFilesMax;
};

// Every regular file under `root` by its URL path ("/assets/app-1a2b.js"); "X.gz" and "X.br"
// beside a file X become X's compressed representations (when smaller), not files of their own.
// Skipped, with a warning in the log: names starting with '.', symbolic links that lead outside
// `root` or to anything but a regular file, and anything else that is not a regular file.
// Fails (InvalidArgument, IoError) when `root` is not a directory, holds no index.html, or
// exceeds the bounds of `options`, or a file cannot be read.
Result<StaticSite> LoadStaticSite(const std::filesystem::path& root,
                                  const StaticSiteOptions& options = {});

}  // namespace tix::http
