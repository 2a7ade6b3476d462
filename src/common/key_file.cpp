#include "common/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tix {
namespace {

Status ErrnoStatus(const std::string& what) {
    return Status::IoError(what + ": " + std::strerror(errno));
}

Status ReadKeyFile(const std::string& path, std::span<std::uint8_t> key, std::string_view what) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return ErrnoStatus("open " + path);
    struct stat info {};
    Status status;
    if (::fstat(fd, &info) != 0) {
        status = ErrnoStatus("stat " + path);
    } else if ((info.st_mode & 077) != 0) {
        status = Status::InvalidArgument(path + " is readable by group or others; chmod 600 it");
    } else if (info.st_size != static_cast<off_t>(key.size())) {
        status = Status::Corruption(path + " must hold exactly " + std::to_string(key.size()) +
                                    " bytes (" + std::string(what) + ")");
    } else if (::read(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size())) {
        status = ErrnoStatus("read " + path);
    }
    ::close(fd);
    return status;
}

Status CreateKeyFile(const std::string& path, std::span<const std::uint8_t> fresh) {
    const std::string temp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return ErrnoStatus("create " + temp);
    Status status;
    if (::write(fd, fresh.data(), fresh.size()) != static_cast<ssize_t>(fresh.size())) {
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
        ::fsync(dir_fd);  // make the new name durable: losing it would change the key
        ::close(dir_fd);
    }
    return Status::Ok();
}

}  // namespace

Status LoadOrCreateKeyFile(const std::string& path, std::span<std::uint8_t> key,
                           std::span<const std::uint8_t> fresh, std::string_view what) {
    if (::access(path.c_str(), F_OK) != 0) {
        if (errno != ENOENT) return ErrnoStatus("access " + path);
        if (fresh.size() != key.size()) return Status::InvalidArgument("fresh key of wrong size");
        if (Status status = CreateKeyFile(path, fresh); !status.ok()) return status;
    }
    return ReadKeyFile(path, key, what);
}

}  // namespace tix
