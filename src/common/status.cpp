#include "common/status.h"

namespace tix {

std::string Status::ToString() const {
    const char* name = "ok";
    switch (code_) {
        case Code::kOk:
            return "ok";
        case Code::kInvalidArgument:
            name = "invalid argument";
            break;
        case Code::kNotFound:
            name = "not found";
            break;
        case Code::kAlreadyExists:
            name = "already exists";
            break;
        case Code::kIoError:
            name = "io error";
            break;
        case Code::kCorruption:
            name = "corruption";
            break;
    }
    return std::string(name) + ": " + message_;
}

}  // namespace tix
