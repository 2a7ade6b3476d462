// OutboundQueue: the frames one connection has yet to write, besides the one in flight. Per slot
// only the latest broadcast frame waits (a slow reader skips stale rankings instead of piling
// them up); personal frames wait in arrival order, at most kPersonalFramesMax of them: a reader
// that slow is told to come back later rather than let its backlog grow. Frames leave in the
// order they arrived (a replaced slot frame takes its replacement's place).
//
// Small on purpose (a tixd may hold tens of thousands of sockets): a fixed array of slots and a
// vector that allocates only once a personal frame waits. Not thread-safe: the connection's
// executor only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "push/frame.h"

namespace tix::push {

inline constexpr std::size_t kPersonalFramesMax = 16;

class OutboundQueue {
  public:
    // Replaces the frame waiting in `slot`, if any.
    void PushLatest(Slot slot, Frame frame);
    // Queues a personal frame. False, queuing nothing, when kPersonalFramesMax already wait.
    [[nodiscard]] bool PushPersonal(Frame frame);
    // The frame that arrived first among those waiting, removed; null when none waits.
    Frame Pop();

    bool empty() const;
    std::size_t personal_count() const { return personal_.size(); }

  private:
    struct Pending {
        Frame frame;
        std::uint64_t order = 0;  // arrival, to write frames in the order they came
    };

    std::array<Pending, kSlotCount> latest_;
    std::vector<Pending> personal_;  // oldest first
    std::uint64_t next_order_ = 0;
};

}  // namespace tix::push
