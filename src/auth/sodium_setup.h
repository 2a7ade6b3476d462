// libsodium start-up. Every auth type calls EnsureSodium() in its constructor; any thread.
#pragma once

namespace tix::auth {

// Initializes libsodium once per process (thread-safe); aborts if it cannot, since without it
// there is no secure randomness to run on.
void EnsureSodium();

}  // namespace tix::auth
