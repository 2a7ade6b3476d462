#include "http/static_site_loader.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "http/media_type.h"

namespace tix::http {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kEtagHashBytes = 16;  // 128 bits: no two builds' files collide
constexpr std::string_view kAssetsPrefix = "/assets/";

// The files read so far, by URL path, before pairing them with their compressed copies.
using RawFiles = std::map<std::string, std::string, std::less<>>;

// "\"<32 hex digits>\"": BLAKE2b of the bytes, so an ETag changes exactly when they do.
std::string StrongEtag(std::string_view body) {
    std::array<unsigned char, kEtagHashBytes> hash{};
    crypto_generichash(hash.data(), hash.size(),
                       reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr,
                       0);
    std::array<char, kEtagHashBytes * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return "\"" + std::string(hex.data()) + "\"";
}

bool IsInside(const fs::path& root, const fs::path& path) {
    return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

// The file to read for one directory entry (a link's target), or nullopt to skip it.
std::optional<fs::path> FileToRead(const fs::directory_entry& entry, const fs::path& root) {
    std::error_code ec;
    if (entry.is_symlink(ec)) {
        const fs::path target = fs::canonical(entry.path(), ec);
        if (ec || !IsInside(root, target)) {
            spdlog::warn("web root: skipped {}: a broken link or one that leads outside",
                         entry.path().string());
            return std::nullopt;
        }
        if (!fs::is_regular_file(target, ec)) {
            spdlog::warn("web root: skipped {}: a link to no regular file", entry.path().string());
            return std::nullopt;
        }
        return target;
    }
    if (entry.is_directory(ec)) return std::nullopt;
    if (!entry.is_regular_file(ec)) {
        spdlog::warn("web root: skipped {}: not a regular file", entry.path().string());
        return std::nullopt;
    }
    return entry.path();
}

Result<std::string> ReadFile(const fs::path& path, std::uintmax_t size) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        return Status::IoError("web root: cannot read " + path.string());
    }
    return bytes;
}

Result<RawFiles> ReadTree(const fs::path& root, const StaticSiteOptions& options) {
    RawFiles files;
    std::uint64_t bytes = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().filename().string().starts_with(".")) {  // .git, .DS_Store, .env
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        const std::optional<fs::path> file = FileToRead(*it, root);
        if (!file) continue;
        const std::uintmax_t size = fs::file_size(*file, ec);
        if (ec) return Status::IoError("web root: " + file->string() + ": " + ec.message());
        if (files.size() == options.files_max || size > options.bytes_max - bytes) {
            return Status::InvalidArgument("web root: " + root.string() + " holds more than " +
                                           std::to_string(options.files_max) + " files or " +
                                           std::to_string(options.bytes_max) +
                                           " bytes (is it the front end's dist?)");
        }
        Result<std::string> body = ReadFile(*file, size);
        if (!body.ok()) return body.status();
        bytes += size;
        files.emplace("/" + it->path().lexically_relative(root).generic_string(),
                      std::move(body).value());
    }
    if (ec) return Status::IoError("web root: " + root.string() + ": " + ec.message());
    return files;
}

// The compressed copy `raw` holds for `path` with `suffix`, when there is one worth sending.
std::optional<Representation> Compressed(const RawFiles& raw, const std::string& path,
                                         std::string_view suffix, std::size_t identity_bytes) {
    const auto found = raw.find(path + std::string(suffix));
    if (found == raw.end() || found->second.size() >= identity_bytes) return std::nullopt;
    return Representation{.body = found->second, .etag = StrongEtag(found->second)};
}

// True for "X.gz" and "X.br" when X is a file too.
bool IsCompressedCopy(const RawFiles& raw, std::string_view path) {
    for (const std::string_view suffix : {".gz", ".br"}) {
        if (path.ends_with(suffix) && raw.contains(path.substr(0, path.size() - suffix.size()))) {
            return true;
        }
    }
    return false;
}

StaticSite::Files Pair(const RawFiles& raw) {
    StaticSite::Files files;
    for (const auto& [path, body] : raw) {
        if (IsCompressedCopy(raw, path)) continue;
        StaticFile file{.media_type = MediaTypeFor(path),
                        .immutable = path.starts_with(kAssetsPrefix),
                        .identity = {.body = body, .etag = StrongEtag(body)},
                        .gzip = Compressed(raw, path, ".gz", body.size()),
                        .brotli = Compressed(raw, path, ".br", body.size())};
        files.emplace(path, std::move(file));
    }
    return files;
}

}  // namespace

Result<StaticSite> LoadStaticSite(const fs::path& root, const StaticSiteOptions& options) {
    if (sodium_init() < 0) return Status::IoError("web root: libsodium failed to initialize");
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec || !fs::is_directory(canonical_root, ec)) {
        return Status::InvalidArgument("web root: " + root.string() + " is not a directory");
    }
    Result<RawFiles> raw = ReadTree(canonical_root, options);
    if (!raw.ok()) return raw.status();
    StaticSite::Files files = Pair(*raw);
    if (!files.contains("/index.html")) {
        return Status::InvalidArgument("web root: " + root.string() +
                                       " has no index.html (build the front end: web/dist)");
    }
    return StaticSite(std::move(files), ContentSecurityPolicy(options.connect_origins));
}

}  // namespace tix::http
