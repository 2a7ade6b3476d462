#include "tixscan/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tix::tixscan {
namespace {

Status ErrnoStatus(const std::string& what) {
    return Status::IoError(what + ": " + std::strerror(errno));
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path, std::size_t bytes_max) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return Status::NotFound(path + " does not exist");
        return ErrnoStatus("open " + path);
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        Status status = ErrnoStatus("stat " + path);
        ::close(fd);
        return status;
    }
    if (static_cast<std::uint64_t>(info.st_size) > bytes_max) {
        ::close(fd);
        return Status::InvalidArgument(path + " holds " + std::to_string(info.st_size) +
                                       " bytes, more than the " + std::to_string(bytes_max) +
                                       " allowed");
    }
    std::string content(static_cast<std::size_t>(info.st_size), '\0');
    Status status;
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t got = ::read(fd, content.data() + done, content.size() - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            status = ErrnoStatus("read " + path);
            break;
        }
        if (got == 0) break;  // shorter than its size a moment ago: keep what is there
        done += static_cast<std::size_t>(got);
    }
    ::close(fd);
    if (!status.ok()) return status;
    content.resize(done);
    return content;
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t wrote = ::write(fd, data.data(), data.size());
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote < 0) return ErrnoStatus("write " + path);
        data.remove_prefix(static_cast<std::size_t>(wrote));
    }
    return Status::Ok();
}

Status SyncParentDirectory(const std::string& path) {
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const std::string name = dir.empty() ? "." : dir;
    const int fd = ::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("open " + name);
    Status status = ::fsync(fd) == 0 ? Status::Ok() : ErrnoStatus("fsync " + name);
    ::close(fd);
    return status;
}

Status ReplaceFileDurably(const std::string& path, std::string_view content) {
    const std::string temp = path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return ErrnoStatus("create " + temp);
    Status status = WriteAll(fd, content, temp);
    if (status.ok() && ::fsync(fd) != 0) status = ErrnoStatus("fsync " + temp);
    ::close(fd);
    if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
        status = ErrnoStatus("rename " + temp + " to " + path);
    }
    if (!status.ok()) {
        ::unlink(temp.c_str());
        return status;
    }
    return SyncParentDirectory(path);
}

}  // namespace tix::tixscan
