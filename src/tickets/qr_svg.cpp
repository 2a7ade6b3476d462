#include "tickets/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace tix::tickets {
namespace {

struct QrCodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

bool IsDark(const QRcode& code, int x, int y) { return (code.data[y * code.width + x] & 1) != 0; }

// Each horizontal run of dark modules as one closed rectangle, "M<x> <y>h<n>v1h-<n>z": a few
// kilobytes for a ticket's symbol where a <rect> per module would take ten times more.
std::string DarkModulesPath(const QRcode& code) {
    std::string path;
    for (int y = 0; y < code.width; ++y) {
        for (int x = 0; x < code.width;) {
            if (!IsDark(code, x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code.width && IsDark(code, end, y)) ++end;
            const std::string run = std::to_string(end - x);
            path += "M" + std::to_string(x + kQrQuietZoneModules) + " " +
                    std::to_string(y + kQrQuietZoneModules) + "h" + run + "v1h-" + run + "z";
            x = end;
        }
    }
    return path;
}

}  // namespace

Result<std::string> QrSvg(std::string_view text) {
    errno = 0;
    // Version 0: the smallest symbol the text fits in.
    const std::unique_ptr<QRcode, QrCodeFree> code(
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
    if (code == nullptr) {
        const int error = errno;
        return Status::InvalidArgument(
            "QR code of " + std::to_string(text.size()) + " bytes: " +
            (error == ERANGE ? std::string("too long for a QR symbol") : std::strerror(error)));
    }
    const std::string side = std::to_string(code->width + 2 * kQrQuietZoneModules);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\"" + side +
           "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + DarkModulesPath(*code) + "\"/></svg>";
}

}  // namespace tix::tickets
