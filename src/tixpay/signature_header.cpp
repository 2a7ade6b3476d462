#include "tixpay/signature_header.h"

#include <cassert>

#include "payments/webhook_signature.h"

namespace tix::tixpay {

std::string SignatureHeaderForSecrets(std::span<const std::string> secrets, TimePoint now,
                                      std::string_view body) {
    assert(!secrets.empty());
    // Every value is "t=<t>,v1=<hex>" for the same `now`: keep the first whole and the v1 part
    // of the others, so the scheme's formatting stays in payments/ alone.
    std::string header = payments::SignatureHeaderValue(secrets.front(), now, body);
    for (const std::string& secret : secrets.subspan(1)) {
        const std::string value = payments::SignatureHeaderValue(secret, now, body);
        const std::size_t comma = value.find(',');
        assert(comma != std::string::npos);
        header.append(value, comma);
    }
    return header;
}

}  // namespace tix::tixpay
