#include "push/outbound_queue.h"

#include <utility>

namespace tix::push {

void OutboundQueue::PushLatest(Slot slot, Frame frame) {
    latest_[static_cast<std::size_t>(slot)] = {std::move(frame), next_order_++};
}

bool OutboundQueue::PushPersonal(Frame frame) {
    if (personal_.size() >= kPersonalFramesMax) return false;
    personal_.push_back({std::move(frame), next_order_++});
    return true;
}

Frame OutboundQueue::Pop() {
    Pending* first = personal_.empty() ? nullptr : &personal_.front();
    for (Pending& pending : latest_) {
        if (pending.frame != nullptr && (first == nullptr || pending.order < first->order)) {
            first = &pending;
        }
    }
    if (first == nullptr) return nullptr;
    Frame frame = std::move(first->frame);
    first->frame = nullptr;
    if (!personal_.empty() && first == &personal_.front()) personal_.erase(personal_.begin());
    return frame;
}

bool OutboundQueue::empty() const {
    if (!personal_.empty()) return false;
    for (const Pending& pending : latest_) {
        if (pending.frame != nullptr) return false;
    }
    return true;
}

}  // namespace tix::push
