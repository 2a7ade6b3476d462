// CompletionHome: an event loop that runs work handed to it by other threads — in tixd, an IO
// thread's io_context. A task submitted from a thread bound to a home has its completion run
// back there: after a commit the writer hands each loop all of that batch's completions at once
// (one wake-up per loop, not one cross-thread post per request), and responses are rendered on
// the IO threads in parallel instead of on the single writer thread.
#pragma once

#include <functional>

namespace tix::service {

class CompletionHome {
  public:
    virtual ~CompletionHome() = default;

    // Runs `work` on the home's thread, later. Thread-safe. Work posted to a home that has
    // stopped may be destroyed without running.
    virtual void Post(std::function<void()> work) = 0;

    // The home bound to the calling thread, or null (then completions run on the writer).
    static CompletionHome* Current();
    // Binds `home` (null unbinds) to the calling thread. REQUIRES: home outlives the binding.
    static void BindToThisThread(CompletionHome* home);
};

}  // namespace tix::service
