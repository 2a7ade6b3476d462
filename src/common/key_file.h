// Secret keys kept in files of the data dir (secret.key for tokens, ticket.key for tickets):
// exactly the key's size in raw bytes, mode 0600, never through a symlink. Blocking file IO, for
// start-up; any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix {

// Reads the key at `path` into `key`. When the file does not exist it is first created holding
// `fresh` (random bytes the caller drew; same size as `key`): written to a temporary file,
// fsync'd and linked into place, so a reader never sees a partial key and two processes racing
// agree on one (the loser's link fails with EEXIST and both read the winner's). Refuses a file of
// another size (Corruption, naming `what`) or one readable by group or others (InvalidArgument).
Status LoadOrCreateKeyFile(const std::string& path, std::span<std::uint8_t> key,
                           std::span<const std::uint8_t> fresh, std::string_view what);

}  // namespace tix
