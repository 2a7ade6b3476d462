#include "api/user_removal.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace tix::api {

UserRemover MakeUserRemover(service::Sequencer& sequencer) {
    return [&sequencer](UserId user_id, RemovalDone done) {
        service::Completion completion = [user_id, done](engine::Reply&& reply, bool durable) {
            if (durable) {
                const engine::UserRemoval& removal =
                    std::get<engine::UserRemovalReply>(reply).removal;
                spdlog::info("ban of user {}: {} holds cancelled, {} queue places removed",
                             user_id.value(), removal.holds_cancelled,
                             removal.queue_entries_removed);
            }
            done(durable);
        };
        if (!sequencer.Submit(engine::RemoveUser{user_id}, std::move(completion))) done(false);
    };
}

}  // namespace tix::api
