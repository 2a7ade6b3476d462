// One tixd per data directory: each keeps the seat map in memory, so two on the same store would
// sell the same seat. The lock is an flock on <data>/LOCK, released by the kernel even on SIGKILL.
#pragma once

#include <string>

#include "common/status.h"

namespace tix::app {

class DataDirLock {
  public:
    // AlreadyExists when another process holds the directory.
    static Result<DataDirLock> Acquire(const std::string& data_dir);
    DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    DataDirLock& operator=(DataDirLock&&) = delete;
    ~DataDirLock();

  private:
    explicit DataDirLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace tix::app
