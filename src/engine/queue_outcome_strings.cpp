// The names of the waiting room's outcomes and statuses ("queue_not_open", "sold_out"), declared
// in waiting_room.h: the HTTP layer's problem codes and status fields.
#include "engine/waiting_room.h"

namespace tix::engine {

std::string_view ToString(JoinOutcome outcome) {
    switch (outcome) {
        case JoinOutcome::kJoined:
            return "joined";
        case JoinOutcome::kAlreadyJoined:
            return "already_joined";
        case JoinOutcome::kQueueNotOpen:
            return "queue_not_open";
        case JoinOutcome::kChallengeExpired:
            return "challenge_expired";
        case JoinOutcome::kChallengeReused:
            return "challenge_reused";
        case JoinOutcome::kRemoved:
            return "removed";
        case JoinOutcome::kQueueFull:
            return "queue_full";
    }
    return "unknown";
}

std::string_view ToString(QueueStatus status) {
    switch (status) {
        case QueueStatus::kNotJoined:
            return "not_joined";
        case QueueStatus::kWaiting:
            return "waiting";
        case QueueStatus::kAdmitted:
            return "admitted";
        case QueueStatus::kExpired:
            return "expired";
        case QueueStatus::kPaid:
            return "paid";
        case QueueStatus::kSoldOut:
            return "sold_out";
        case QueueStatus::kRemoved:
            return "removed";
    }
    return "unknown";
}

std::string_view ToString(EntryStatus status) {
    switch (status) {
        case EntryStatus::kWaiting:
            return "waiting";
        case EntryStatus::kAdmitted:
            return "admitted";
        case EntryStatus::kExpired:
            return "expired";
        case EntryStatus::kPaid:
            return "paid";
        case EntryStatus::kRemoved:
            return "removed";
    }
    return "unknown";
}

}  // namespace tix::engine
