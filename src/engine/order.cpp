#include "engine/order.h"

namespace tix::engine {

std::string_view ToString(OrderStatus status) {
    switch (status) {
        case OrderStatus::kHeld:
            return "held";
        case OrderStatus::kPaid:
            return "paid";
        case OrderStatus::kCancelled:
            return "cancelled";
        case OrderStatus::kExpired:
            return "expired";
    }
    return "unknown";
}

}  // namespace tix::engine
