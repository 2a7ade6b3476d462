#include "tixscan/scan_decision.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "tickets/rotating_code.h"

namespace tix::tixscan {
namespace {

bool IsRevoked(const CheckinBundle& bundle, const tickets::TicketClaims& claims) {
    if (bundle.revoked.contains(claims.ticket_id)) return true;
    const auto reissued = bundle.reissued.find(claims.ticket_id);
    return reissued != bundle.reissued.end() && claims.version < reissued->second;
}

bool CodeIsCurrent(const CheckinBundle& bundle, const tickets::DecodedPayload& payload,
                   TimePoint scanned_at) {
    if (!bundle.rotating_qr) return true;
    if (!payload.code() || !bundle.rotation_key) return false;
    const tickets::TicketCodeSecret secret =
        tickets::DeriveTicketCodeSecret(*bundle.rotation_key, payload.claims().ticket_id);
    return tickets::AcceptCode(secret, *payload.code(), scanned_at);
}

}  // namespace

AdmittedScans IndexAdmitted(std::span<const ScanRecord> records) {
    AdmittedScans admitted;
    for (const ScanRecord& record : records) {
        if (record.result != ScanResult::kAdmitted) continue;
        admitted.try_emplace(record.ticket_id, FirstScan{record.scanned_at, record.gate});
    }
    return admitted;
}

ScanDecision DecideScan(const CheckinBundle& bundle, const AdmittedScans& admitted,
                        std::string_view text, TimePoint scanned_at) {
    ScanDecision decision;
    const auto payload = tickets::DecodePayload(text);
    if (!payload) return decision;  // invalid
    decision.claims = payload->claims();
    if (payload->claims().event_id != bundle.event_id) {
        decision.result = ScanResult::kWrongEvent;
        return decision;
    }
    if (!tickets::VerifyPayload(*payload, bundle.public_key)) return decision;  // invalid
    decision.signature_verified = true;
    if (IsRevoked(bundle, payload->claims())) {
        decision.result = ScanResult::kRevoked;
    } else if (!CodeIsCurrent(bundle, *payload, scanned_at)) {
        decision.result = ScanResult::kCodeExpired;
    } else if (const auto checked_in = bundle.checked_in.find(payload->claims().ticket_id);
               checked_in != bundle.checked_in.end()) {
        decision.result = ScanResult::kDuplicate;
        decision.first_scan = checked_in->second;
    } else if (const auto first = admitted.find(payload->claims().ticket_id);
               first != admitted.end()) {
        decision.result = ScanResult::kDuplicate;
        decision.first_scan = first->second;
    } else {
        decision.result = ScanResult::kAdmitted;
    }
    return decision;
}

std::string AnswerJson(const ScanDecision& decision) {
    boost::json::object answer;
    answer["result"] = ToString(decision.result);
    if (decision.claims) {
        answer["ticket_id"] = engine::ToHex(decision.claims->ticket_id);
        if (decision.result == ScanResult::kWrongEvent) {
            answer["event_id"] = decision.claims->event_id.value();
        }
        if (decision.signature_verified) {
            answer["zone_index"] = decision.claims->zone_index;
            answer["seat"] = decision.claims->seat;
        }
    }
    if (decision.first_scan) {
        answer["first_scan"] =
            boost::json::object{{"scanned_at", FormatScanTime(decision.first_scan->scanned_at)},
                                {"gate", decision.first_scan->gate}};
    }
    return boost::json::serialize(answer);
}

}  // namespace tix::tixscan
