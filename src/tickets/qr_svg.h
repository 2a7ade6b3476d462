// A QR code as an SVG image, for the holder's ticket page and e-mails: libqrencode's symbol in
// byte mode with error correction level M (15% of the symbol may be damaged or dirty), drawn as
// one <path> of the dark modules on a light background that includes the 4-module quiet zone a
// reader needs. The viewBox counts modules, so the image scales to any size without blurring
// (shape-rendering="crispEdges"). Any thread (libqrencode guards its shared tables with a mutex).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::tickets {

// Light modules around the symbol on each side (ISO/IEC 18004 asks for 4).
inline constexpr int kQrQuietZoneModules = 4;

// InvalidArgument when the text does not fit a QR symbol (more than 2,331 bytes at level M) or
// libqrencode fails otherwise. A ticket payload (127 or 132 characters) gives version 8: 49
// modules a side, 57 with the quiet zone.
Result<std::string> QrSvg(std::string_view text);

}  // namespace tix::tickets
