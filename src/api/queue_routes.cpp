#include "api/queue_routes.h"

#include <charconv>
#include <memory>
#include <string>

#include "api/problems.h"
#include "api/queue_request.h"
#include "api/queue_views.h"
#include "api/route_support.h"
#include "common/rfc3339.h"
#include "engine/proof_of_work.h"
#include "http/json_body.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::JoinOutcome;
using engine::QueueLookup;
using http::beast_http::status;
using http::beast_http::verb;
using limits::kQueueDrawPageMax;

// What every queue handler needs; shared by the routes' closures, alive as long as the router.
struct QueueRouteState {
    service::Sequencer& sequencer;
    const ChallengeSigner& signer;
    service::Sequencer::Clock clock;
};

http::Response PowInvalid(std::string_view detail) {
    return http::ProblemResponse(http::Problem::kPowInvalid, detail);
}

std::string_view Explain(ChallengeVerdict verdict) {
    switch (verdict) {
        case ChallengeVerdict::kMalformed:
            return "challenge is not one this server issued";
        case ChallengeVerdict::kBadMac:
            return "challenge has a bad signature (or was issued before a restart): get a new one";
        case ChallengeVerdict::kOtherEvent:
            return "challenge was issued for another event";
        case ChallengeVerdict::kOtherUser:
            return "challenge was issued to another user";
        case ChallengeVerdict::kExpired:
            return "challenge expired: get a new one";
        case ChallengeVerdict::kValid:
            break;
    }
    return "";
}

// Submits a read of the room and answers its problem if the event has none, else `render`.
template <typename Reply, typename Command, typename Render>
void SubmitToRoom(QueueRouteState& state, Command command, http::Responder respond, Render render) {
    Submit<Reply>(state.sequencer, std::move(command), std::move(respond),
                  [render = std::move(render)](Reply&& reply) {
                      if (reply.lookup != QueueLookup::kFound) {
                          return QueueLookupProblem(reply.lookup);
                      }
                      return render(std::move(reply));
                  });
}

void GetQueue(QueueRouteState& state, EventId event_id, http::RequestContext&,
              http::Responder respond) {
    SubmitToRoom<engine::QueueInfoReply>(state, engine::GetQueue{event_id}, std::move(respond),
                                         [event_id](engine::QueueInfoReply&& reply) {
                                             return http::JsonResponse(
                                                 status::ok, QueueInfoJson(event_id, reply));
                                         });
}

void PatchQueue(QueueRouteState& state, EventId event_id, http::RequestContext& context,
                http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    const std::optional<engine::QueuePatch> patch = ReadQueuePatch(body->object(), *body, "");
    if (!patch) return respond(body->problem());
    // The seed is used only if the event has no room yet: a room keeps its seed for good.
    engine::ConfigureQueue command{event_id, *patch, NewQueueSeed()};
    Submit<engine::QueueInfoReply>(
        state.sequencer, std::move(command), std::move(respond),
        [event_id](engine::QueueInfoReply&& reply) {
            const engine::QueueSetupOutcome setup = *reply.setup;
            if (setup != engine::QueueSetupOutcome::kUpdated &&
                setup != engine::QueueSetupOutcome::kCreated) {
                return QueueSetupProblem(setup);
            }
            const status code =
                setup == engine::QueueSetupOutcome::kCreated ? status::created : status::ok;
            return http::JsonResponse(code, QueueInfoJson(event_id, reply));
        });
}

void GetChallenge(QueueRouteState& state, EventId event_id, http::RequestContext& context,
                  http::Responder respond) {
    const UserId user_id = context.principal->user_id;
    SubmitToRoom<engine::QueueInfoReply>(
        state, engine::GetQueue{event_id}, std::move(respond),
        [&state, event_id, user_id](engine::QueueInfoReply&& reply) {
            const std::uint32_t bits = reply.config.pow_bits;
            const IssuedChallenge issued =
                state.signer.Issue(event_id, user_id, bits, state.clock());
            return http::JsonResponse(
                status::ok, json::object{{"challenge", issued.text},
                                         {"bits", bits},
                                         {"expires_at", FormatRfc3339(issued.expires_at)}});
        });
}

// Why the proof of a join is no good, or "" when it is: SHA-256(challenge || nonce) must begin
// with the challenge's bits of zeros, the nonce being 1..64 characters.
std::string ProofProblem(const VerifiedChallenge& verified, std::string_view challenge,
                         std::string_view nonce) {
    if (verified.verdict != ChallengeVerdict::kValid) return std::string(Explain(verified.verdict));
    if (!engine::IsValidNonce(nonce)) return "nonce must be 1 to 64 characters";
    if (!engine::HasLeadingZeroBits(challenge, nonce, verified.claims.bits)) {
        return "SHA-256(challenge || nonce) must begin with " +
               std::to_string(verified.claims.bits) + " zero bits";
    }
    return {};
}

// 403 pow_invalid; but an event without a room answers no_queue (404) first. A challenge signed
// for this event proves it has a room (rooms are never removed); any other needs a look.
void RefuseProof(QueueRouteState& state, EventId event_id, const VerifiedChallenge& verified,
                 const std::string& problem, http::Responder respond) {
    if (verified.verdict == ChallengeVerdict::kValid ||
        verified.verdict == ChallengeVerdict::kOtherUser ||
        verified.verdict == ChallengeVerdict::kExpired) {
        return respond(PowInvalid(problem));
    }
    SubmitToRoom<engine::QueueInfoReply>(
        state, engine::GetQueue{event_id}, std::move(respond),
        [problem](engine::QueueInfoReply&&) { return PowInvalid(problem); });
}

void Join(QueueRouteState& state, EventId event_id, http::RequestContext& context,
          http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    const std::string challenge = body->RequiredString("challenge", limits::kPowChallengeLengthMax);
    const json::value* nonce = body->object().if_contains("nonce");
    if (body->ok() && (nonce == nullptr || !nonce->is_string())) {
        body->Fail("nonce", "must be a string");
    }
    if (!body->ok()) return respond(body->problem());
    const UserId user_id = context.principal->user_id;
    const VerifiedChallenge verified =
        state.signer.Verify(challenge, event_id, user_id, state.clock());
    const std::string problem = ProofProblem(verified, challenge, nonce->as_string());
    if (!problem.empty()) return RefuseProof(state, event_id, verified, problem, respond);
    const ChallengeClaims& claims = verified.claims;
    SubmitToRoom<engine::QueueStatusReply>(
        state, engine::JoinQueue{user_id, event_id, claims.challenge_id, claims.expires_at},
        std::move(respond), [event_id](engine::QueueStatusReply&& reply) {
            const JoinOutcome outcome = *reply.join;
            if (outcome != JoinOutcome::kJoined && outcome != JoinOutcome::kAlreadyJoined) {
                return JoinProblem(outcome);
            }
            const status code = outcome == JoinOutcome::kJoined ? status::created : status::ok;
            return http::JsonResponse(code, QueueStatusJson(event_id, reply.view));
        });
}

void GetMyStatus(QueueRouteState& state, EventId event_id, http::RequestContext& context,
                 http::Responder respond) {
    SubmitToRoom<engine::QueueStatusReply>(
        state, engine::GetQueueStatus{context.principal->user_id, event_id}, std::move(respond),
        [event_id](engine::QueueStatusReply&& reply) {
            if (reply.view.status == engine::QueueStatus::kNotJoined) {
                return http::ProblemResponse(http::Problem::kNotInQueue);
            }
            return http::JsonResponse(status::ok, QueueStatusJson(event_id, reply.view));
        });
}

// A non-negative decimal query value at most `max`, the default when absent; nullopt if bad.
std::optional<std::uint64_t> QueryNumber(const http::RequestContext& context, std::string_view name,
                                         std::uint64_t fallback, std::uint64_t min,
                                         std::uint64_t max) {
    const std::optional<std::string_view> text = context.Query(name);
    if (!text) return fallback;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

void GetDraw(QueueRouteState& state, EventId event_id, http::RequestContext& context,
             http::Responder respond) {
    const std::optional<std::uint64_t> after =
        QueryNumber(context, "after", 0, 0, limits::kQueueEntriesMax);
    const std::optional<std::uint64_t> limit =
        QueryNumber(context, "limit", kQueueDrawPageMax, 1, kQueueDrawPageMax);
    if (!after || !limit) {
        return respond(http::ProblemResponse(http::Problem::kInvalidQuery,
                                             "after must be a rank (0..), limit 1..1000"));
    }
    engine::GetQueueDraw command{event_id, *after, static_cast<std::uint32_t>(*limit)};
    SubmitToRoom<engine::QueueDrawReply>(
        state, command, std::move(respond), [event_id](engine::QueueDrawReply&& reply) {
            return http::JsonResponse(status::ok, QueueDrawJson(event_id, reply));
        });
}

}  // namespace

void AddQueueRoutes(http::Router& router, service::Sequencer& sequencer,
                    const ChallengeSigner& signer, service::Sequencer::Clock clock) {
    using http::Access;
    auto state = std::make_shared<QueueRouteState>(sequencer, signer, std::move(clock));
    // Every route names its event; an id that is not one answers unknown_event here.
    auto bind = [state](auto handler) {
        return [state, handler](http::RequestContext& context, http::Responder respond) {
            const std::optional<EventId> event_id = ParseIdAs<EventId>(context.Param("event_id"));
            if (!event_id) return respond(QueueLookupProblem(QueueLookup::kUnknownEvent));
            handler(*state, *event_id, context, std::move(respond));
        };
    };
    const std::string queue = "/api/v1/events/{event_id}/queue";
    router.Add(verb::get, queue, Access::kPublic, bind(GetQueue));
    router.Add(verb::patch, queue, Access::kAdmin, bind(PatchQueue));
    router.Add(verb::post, queue, Access::kUser, bind(Join));
    router.Add(verb::get, queue + "/challenge", Access::kUser, bind(GetChallenge));
    router.Add(verb::get, queue + "/me", Access::kUser, bind(GetMyStatus));
    router.Add(verb::get, queue + "/draw", Access::kPublic, bind(GetDraw));
}

}  // namespace tix::api
