// The stored form of an EventSpec: exact integers, stable field names. Separate from the API's
// JSON view so that the API can change without rewriting data.
#pragma once

#include <string>

#include "common/status.h"
#include "engine/event_spec.h"

namespace tix::store {

std::string EncodeEventSpec(const engine::EventSpec& spec);
Result<engine::EventSpec> DecodeEventSpec(std::string_view text);

}  // namespace tix::store
