// The Tix-Signature value of one delivery signed with every configured secret: one t= and one
// v1= per secret, "t=<t>,v1=<hex>,v1=<hex>" (payments/webhook_signature.h). Signing with the old
// and the new secret at once is how a secret is rotated. Pure, any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/time.h"

namespace tix::tixpay {

// REQUIRES: secrets is not empty and no secret is empty.
std::string SignatureHeaderForSecrets(std::span<const std::string> secrets, TimePoint now,
                                      std::string_view body);

}  // namespace tix::tixpay
