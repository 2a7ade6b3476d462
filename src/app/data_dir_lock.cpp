#include "app/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tix::app {

Result<DataDirLock> DataDirLock::Acquire(const std::string& data_dir) {
    const std::string path = (std::filesystem::path(data_dir) / "LOCK").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Status::IoError("open " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK) {
            return Status::AlreadyExists(data_dir + " is in use by another tixd");
        }
        return Status::IoError("lock " + path + ": " + std::strerror(error));
    }
    return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace tix::app
