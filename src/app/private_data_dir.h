// The data directory holds users' emails, password hashes and the token signing key, so only
// tixd's own user may read it. tixd sets umask 077 before it creates anything (so the database,
// its write-ahead log and every other file are 0600) and creates the directory 0700; an existing
// directory that others can enter is reported, not changed: the operator chose its mode (a
// backup agent may need group access), and 0700 on the directory alone protects what is inside.
// Called from tixd's main thread at start.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace tix::app {

// The process umask tixd runs with: files 0600, directories 0700.
inline constexpr unsigned kPrivateUmask = 077;

// Creates `data_dir` with mode 0700 (missing parents get the umask's mode: 0700 under tixd's).
// An existing directory is left as it is.
Status CreatePrivateDirectory(const std::string& data_dir);

// The data directory itself and the files tixd keeps in it that users other than the owner may
// read or enter (group or other permission bits set). Paths that do not exist are skipped.
std::vector<std::string> ExposedDataPaths(const std::string& data_dir);

}  // namespace tix::app
