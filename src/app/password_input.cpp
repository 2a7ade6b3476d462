#include "app/password_input.h"

namespace tix::app {
namespace {

Status TooLong(std::size_t bytes_max) {
    return Status::InvalidArgument("the password on standard input is longer than " +
                                   std::to_string(bytes_max) + " bytes");
}

}  // namespace

Result<std::string> ReadPasswordLine(std::istream& in, std::size_t bytes_max) {
    std::string line;
    bool read_any = false;
    char c = 0;
    while (in.get(c)) {
        read_any = true;
        if (c == '\n') break;
        // bytes_max + 1 may be read: the last may be the '\r' of "\r\n", not part of the password.
        if (line.size() > bytes_max) return TooLong(bytes_max);
        line.push_back(c);
    }
    if (!read_any) return Status::InvalidArgument("no password on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > bytes_max) return TooLong(bytes_max);
    return line;
}

}  // namespace tix::app
