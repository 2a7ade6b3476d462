#include "tickets/ticket_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "tickets/base64url.h"
#include "tickets/sodium_ready.h"

namespace tix::tickets {
namespace {

// Domain separation: each derived key hashes its own label, so no two can coincide.
constexpr std::string_view kSigningLabel = "tix ticket signing v1";
constexpr std::string_view kRotationLabel = "tix ticket rotation v1";
constexpr std::string_view kTicketIdLabel = "tix ticket ids v1";

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSigningKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(crypto_sign_SEEDBYTES == 32);
static_assert(kMasterKeyBytes >= crypto_generichash_KEYBYTES_MIN &&
              kMasterKeyBytes <= crypto_generichash_KEYBYTES_MAX);

// BLAKE2b-256 keyed by the master key over label || event id (8 bytes BE, when given).
void DeriveBytes(const TicketMasterKey& master, std::string_view label,
                 std::optional<EventId> event_id, std::uint8_t* out) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, master.data(), master.size(), 32);
    crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(label.data()),
                              label.size());
    if (event_id) {
        std::array<std::uint8_t, 8> id{};
        for (std::size_t i = 0; i < id.size(); ++i) {
            id[i] = static_cast<std::uint8_t>(event_id->value() >> (56 - 8 * i));
        }
        crypto_generichash_update(&state, id.data(), id.size());
    }
    crypto_generichash_final(&state, out, 32);
    sodium_memzero(&state, sizeof state);
}

Status ErrnoStatus(const std::string& what) {
    return Status::IoError(what + ": " + std::strerror(errno));
}

Status ReadKeyFile(const std::string& path, TicketMasterKey& key) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return ErrnoStatus("open " + path);
    struct stat info {};
    Status status;
    if (::fstat(fd, &info) != 0) {
        status = ErrnoStatus("stat " + path);
    } else if ((info.st_mode & 077) != 0) {
        status = Status::InvalidArgument(path + " is readable by group or others; chmod 600 it");
    } else if (info.st_size != static_cast<off_t>(kMasterKeyBytes)) {
        status = Status::Corruption(path + " must hold exactly 32 bytes (the ticket master key)");
    } else if (::read(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size())) {
        status = ErrnoStatus("read " + path);
    }
    ::close(fd);
    return status;
}

// Writes a fresh key to a temporary file and links it into place, so a reader never sees a
// partial key and two processes racing agree on one (the loser's link fails with EEXIST).
Status CreateKeyFile(const std::string& path) {
    TicketMasterKey key;
    randombytes_buf(key.data(), key.size());
    const std::string temp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return ErrnoStatus("create " + temp);
    Status status;
    if (::write(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size())) {
        status = ErrnoStatus("write " + temp);
    } else if (::fsync(fd) != 0) {
        status = ErrnoStatus("fsync " + temp);
    }
    ::close(fd);
    if (status.ok() && ::link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
        status = ErrnoStatus("link " + path);
    }
    ::unlink(temp.c_str());
    if (!status.ok()) return status;
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);  // make the new name durable: losing it would change every key
        ::close(dir_fd);
    }
    return Status::Ok();
}

}  // namespace

Result<TicketMasterKey> LoadOrCreateMasterKey(const std::string& path) {
    EnsureSodium();
    if (::access(path.c_str(), F_OK) != 0) {
        if (errno != ENOENT) return ErrnoStatus("access " + path);
        if (Status status = CreateKeyFile(path); !status.ok()) return status;
    }
    TicketMasterKey key;
    if (Status status = ReadKeyFile(path, key); !status.ok()) return status;
    return key;
}

EventKeys DeriveEventKeys(const TicketMasterKey& master, EventId event_id) {
    EnsureSodium();
    EventKeys keys;
    SecretBytes<struct SeedTag, crypto_sign_SEEDBYTES> seed;
    DeriveBytes(master, kSigningLabel, event_id, seed.data());
    crypto_sign_seed_keypair(keys.public_key.bytes.data(), keys.signing_key.data(), seed.data());
    DeriveBytes(master, kRotationLabel, event_id, keys.rotation_key.data());
    return keys;
}

TicketIdKey DeriveTicketIdKey(const TicketMasterKey& master) {
    EnsureSodium();
    TicketIdKey key;
    DeriveBytes(master, kTicketIdLabel, std::nullopt, key.data());
    return key;
}

std::string ToBase64Url(const EventPublicKey& key) { return ToBase64Url(std::span(key.bytes)); }

std::optional<EventPublicKey> ParsePublicKey(std::string_view text) {
    EventPublicKey key;
    if (!FromBase64UrlExact(text, key.bytes)) return std::nullopt;
    return key;
}

std::string ToBase64Url(const RotationKey& key) { return ToBase64Url(key.bytes()); }

std::optional<RotationKey> ParseRotationKey(std::string_view text) {
    RotationKey key;
    if (!FromBase64UrlExact(text, std::span(key.data(), key.size()))) return std::nullopt;
    return key;
}

}  // namespace tix::tickets
