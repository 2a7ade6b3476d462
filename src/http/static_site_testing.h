// A built front end in a temporary directory, as Vite writes it, for the static site's tests.
// Tests only.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "common/temp_dir.h"

namespace tix::http::test_support {

inline constexpr std::string_view kIndexHtml = "<!doctype html><title>tix</title>";
inline constexpr std::string_view kAppJs = "console.log('tix, uncompressed, long enough');";
// Not real compressions: what matters is which copy is sent, and that each is smaller.
inline constexpr std::string_view kAppJsGzip = "gzip bytes";
inline constexpr std::string_view kAppJsBrotli = "br bytes";

inline void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

// index.html, assets/app-abc123.js with .gz and .br beside it, a nested image, robots.txt.
class WebRoot {
  public:
    WebRoot() {
        WriteFile(File("index.html"), kIndexHtml);
        WriteFile(File("assets/app-abc123.js"), kAppJs);
        WriteFile(File("assets/app-abc123.js.gz"), kAppJsGzip);
        WriteFile(File("assets/app-abc123.js.br"), kAppJsBrotli);
        WriteFile(File("img/icons/logo.svg"), "<svg/>");
        WriteFile(File("robots.txt"), "User-agent: *\n");
    }
    const std::filesystem::path& path() const { return dir_.path(); }
    std::filesystem::path File(const std::string& relative) const { return dir_.path() / relative; }

  private:
    TempDir dir_;
};

}  // namespace tix::http::test_support
