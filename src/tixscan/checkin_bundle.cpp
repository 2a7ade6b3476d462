#include "tixscan/checkin_bundle.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <limits>
#include <utility>

#include "common/rfc3339.h"
#include "tickets/rotating_code.h"
#include "tickets/ticket_payload.h"
#include "tixscan/scan_log.h"

namespace tix::tixscan {
namespace {

namespace json = boost::json;

Status Refuse(std::string_view field, std::string_view why) {
    return Status::InvalidArgument("bundle: \"" + std::string(field) + "\" " + std::string(why));
}

// A non-negative integer no larger than `max`.
std::optional<std::uint64_t> Unsigned(const json::value* value, std::uint64_t max) {
    if (value == nullptr) return std::nullopt;
    if (value->is_uint64() && value->get_uint64() <= max) return value->get_uint64();
    if (value->is_int64() && value->get_int64() >= 0 &&
        static_cast<std::uint64_t>(value->get_int64()) <= max) {
        return static_cast<std::uint64_t>(value->get_int64());
    }
    return std::nullopt;
}

std::optional<std::string_view> String(const json::value* value) {
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return std::string_view(value->get_string());
}

Status ParseKeys(const json::object& object, CheckinBundle& bundle) {
    const auto public_key = String(object.if_contains("public_key"));
    const auto parsed_public = public_key ? tickets::ParsePublicKey(*public_key) : std::nullopt;
    if (!parsed_public) return Refuse("public_key", "must be 32 bytes as base64url");
    bundle.public_key = *parsed_public;
    const json::value* rotating = object.if_contains("rotating_qr");
    if (rotating == nullptr || !rotating->is_bool()) return Refuse("rotating_qr", "must be a bool");
    bundle.rotating_qr = rotating->get_bool();
    const json::value* rotation_key = object.if_contains("rotation_key");
    if (bundle.rotating_qr != (rotation_key != nullptr && !rotation_key->is_null())) {
        return Refuse("rotation_key", "must be present iff rotating_qr");
    }
    if (bundle.rotating_qr) {
        const auto text = String(rotation_key);
        bundle.rotation_key = text ? tickets::ParseRotationKey(*text) : std::nullopt;
        if (!bundle.rotation_key) return Refuse("rotation_key", "must be 32 bytes as base64url");
    }
    const json::value* step = object.if_contains("step_seconds");
    if (step != nullptr && Unsigned(step, std::numeric_limits<std::uint32_t>::max()) !=
                               static_cast<std::uint64_t>(tickets::kCodeStep.count())) {
        return Refuse("step_seconds", "must be 15: this tixscan knows no other step");
    }
    return Status::Ok();
}

// Files `scan` as the ticket's admission unless it is revoked or has an earlier one.
void AddCheckIn(CheckinBundle& bundle, const engine::TicketId& id, FirstScan scan) {
    if (bundle.revoked.contains(id)) return;
    const auto [known, added] = bundle.checked_in.try_emplace(id, scan);
    if (!added && Earlier(scan, known->second)) known->second = std::move(scan);
}

// REQUIRES: bundle.revoked parsed already.
Status ParseCheckedIn(const json::object& object, CheckinBundle& bundle) {
    const json::value* checked_in = object.if_contains("checked_in");
    if (checked_in == nullptr) return Status::Ok();
    if (!checked_in->is_array()) return Refuse("checked_in", "must be an array");
    for (const json::value& each : checked_in->get_array()) {
        const json::object* entry = each.if_object();
        const auto text = entry ? String(entry->if_contains("ticket_id")) : std::nullopt;
        const auto id = text ? engine::ParseTicketId(*text) : std::nullopt;
        const auto time = entry ? String(entry->if_contains("scanned_at")) : std::nullopt;
        const auto scanned_at = time ? ParseRfc3339(*time) : std::nullopt;
        const auto gate = entry ? String(entry->if_contains("gate")) : std::nullopt;
        if (!id || !scanned_at || !gate || !IsValidGate(*gate)) {
            return Refuse("checked_in",
                          "must hold {\"ticket_id\": <32 hex digits>, \"scanned_at\": <RFC 3339>, "
                          "\"gate\": <[A-Za-z0-9_.-]{1,32}>}");
        }
        AddCheckIn(bundle, *id, FirstScan{*scanned_at, std::string(*gate)});
    }
    return Status::Ok();
}

Status ParseLists(const json::object& object, CheckinBundle& bundle) {
    const json::value* revoked = object.if_contains("revoked");
    if (revoked == nullptr || !revoked->is_array()) return Refuse("revoked", "must be an array");
    for (const json::value& each : revoked->get_array()) {
        const auto text = String(&each);
        const auto id = text ? engine::ParseTicketId(*text) : std::nullopt;
        if (!id) return Refuse("revoked", "must hold ticket ids of 32 hex digits");
        bundle.revoked.insert(*id);
    }
    const json::value* reissued = object.if_contains("reissued");
    if (reissued == nullptr || !reissued->is_array()) {
        return Refuse("reissued", "must be an array");
    }
    for (const json::value& each : reissued->get_array()) {
        const json::object* entry = each.if_object();
        const auto text = entry ? String(entry->if_contains("ticket_id")) : std::nullopt;
        const auto id = text ? engine::ParseTicketId(*text) : std::nullopt;
        const auto version = entry ? Unsigned(entry->if_contains("version"),
                                              std::numeric_limits<std::uint32_t>::max())
                                   : std::nullopt;
        if (!id || !version || *version == 0) {
            return Refuse("reissued", "must hold {\"ticket_id\": <32 hex digits>, \"version\": n}");
        }
        std::uint32_t& current = bundle.reissued[*id];
        current = std::max(current, static_cast<std::uint32_t>(*version));
    }
    return ParseCheckedIn(object, bundle);
}

}  // namespace

bool Earlier(const FirstScan& a, const FirstScan& b) {
    if (a.scanned_at != b.scanned_at) return a.scanned_at < b.scanned_at;
    return a.gate < b.gate;
}

Result<CheckinBundle> ParseBundle(std::string_view text) {
    if (text.size() > kBundleBytesMax) return Refuse("(all)", "is larger than 64 MiB");
    json::error_code ec;
    const json::value value = json::parse(text, ec);
    if (ec) return Status::InvalidArgument("bundle: not JSON: " + ec.message());
    const json::object* object = value.if_object();
    if (object == nullptr) return Status::InvalidArgument("bundle: not a JSON object");
    CheckinBundle bundle;
    const auto event_id = Unsigned(object->if_contains("event_id"), tickets::kPayloadEventIdMax);
    if (!event_id || *event_id == 0) return Refuse("event_id", "must be an event id");
    bundle.event_id = EventId{*event_id};
    constexpr std::uint64_t kMax = std::numeric_limits<std::int64_t>::max();
    const auto version = Unsigned(object->if_contains("bundle_version"), kMax);
    if (!version) return Refuse("bundle_version", "must be a non-negative integer");
    bundle.bundle_version = *version;
    const auto issued = Unsigned(object->if_contains("issued_count"), kMax);
    if (!issued) return Refuse("issued_count", "must be a non-negative integer");
    bundle.issued_count = *issued;
    const json::value* since = object->if_contains("since");
    if (since != nullptr) {
        const auto parsed = Unsigned(since, kMax);
        if (!parsed) return Refuse("since", "must be a non-negative integer");
        bundle.since = *parsed;
    }
    if (Status status = ParseKeys(*object, bundle); !status.ok()) return status;
    if (Status status = ParseLists(*object, bundle); !status.ok()) return status;
    return bundle;
}

std::string BundleJson(const CheckinBundle& bundle) {
    json::object object;
    object["event_id"] = bundle.event_id.value();
    object["bundle_version"] = bundle.bundle_version;
    object["public_key"] = tickets::ToBase64Url(bundle.public_key);
    object["rotating_qr"] = bundle.rotating_qr;
    if (bundle.rotation_key) object["rotation_key"] = tickets::ToBase64Url(*bundle.rotation_key);
    object["step_seconds"] = tickets::kCodeStep.count();
    object["issued_count"] = bundle.issued_count;
    object["since"] = bundle.since;
    json::array revoked;
    revoked.reserve(bundle.revoked.size());
    for (const engine::TicketId& id : bundle.revoked) revoked.emplace_back(engine::ToHex(id));
    object["revoked"] = std::move(revoked);
    json::array reissued;
    reissued.reserve(bundle.reissued.size());
    for (const auto& [id, version] : bundle.reissued) {
        reissued.emplace_back(json::object{{"ticket_id", engine::ToHex(id)}, {"version", version}});
    }
    object["reissued"] = std::move(reissued);
    json::array checked_in;
    checked_in.reserve(bundle.checked_in.size());
    for (const auto& [id, scan] : bundle.checked_in) {
        checked_in.emplace_back(json::object{{"ticket_id", engine::ToHex(id)},
                                             {"scanned_at", FormatScanTime(scan.scanned_at)},
                                             {"gate", scan.gate}});
    }
    object["checked_in"] = std::move(checked_in);
    return json::serialize(object) + "\n";
}

Status MergeDelta(CheckinBundle& bundle, CheckinBundle delta) {
    if (delta.event_id != bundle.event_id) {
        return Status::InvalidArgument(
            "the server answered for event " + std::to_string(delta.event_id.value()) +
            ", the file is of " + std::to_string(bundle.event_id.value()));
    }
    if (delta.public_key != bundle.public_key) {
        return Status::InvalidArgument(
            "the event's public key changed (the ticket master key was replaced, and every ticket "
            "re-issued): remove the bundle and fetch it afresh");
    }
    if (delta.bundle_version < bundle.bundle_version) {
        return Status::InvalidArgument(
            "the server's bundle (version " + std::to_string(delta.bundle_version) +
            ") is older than the file's (" + std::to_string(bundle.bundle_version) + ")");
    }
    if (delta.since == 0) {
        bundle = std::move(delta);
        return Status::Ok();
    }
    if (delta.since > bundle.bundle_version) {
        return Status::InvalidArgument("the server sent the changes after version " +
                                       std::to_string(delta.since) + ", the file stops at " +
                                       std::to_string(bundle.bundle_version) +
                                       ": changes would be missing");
    }
    // A revocation wins over a check-in, whichever came first (a used ticket can be refunded).
    for (const engine::TicketId& id : delta.revoked) bundle.checked_in.erase(id);
    bundle.revoked.merge(delta.revoked);
    for (const auto& [id, version] : delta.reissued) {
        std::uint32_t& current = bundle.reissued[id];
        current = std::max(current, version);
    }
    for (auto& [id, scan] : delta.checked_in) AddCheckIn(bundle, id, std::move(scan));
    bundle.bundle_version = delta.bundle_version;
    bundle.rotating_qr = delta.rotating_qr;
    bundle.rotation_key = std::move(delta.rotation_key);
    bundle.issued_count = delta.issued_count;
    return Status::Ok();
}

}  // namespace tix::tixscan
