#include "app/demo_credentials.h"

#include <sodium.h>

#include <boost/asio/ip/address.hpp>

#include "app/demo.h"
#include "auth/registration.h"
#include "auth/sodium_setup.h"

namespace tix::app {

bool IsLoopbackHost(std::string_view host) {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    const boost::asio::ip::address address = boost::asio::ip::make_address(host, ec);
    if (ec) return false;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
            .is_loopback();
    }
    return address.is_loopback();  // 127.0.0.0/8 or ::1
}

std::string GeneratePassword() {
    auth::EnsureSodium();
    std::string password(kGeneratedPasswordChars, '\0');
    // A repeated or sequential draw (odds ~56^-19) would be refused as a weak password: draw
    // again rather than hand out a password the account rules refuse.
    do {
        for (char& c : password) {
            c = kGeneratedPasswordAlphabet[randombytes_uniform(
                static_cast<std::uint32_t>(kGeneratedPasswordAlphabet.size()))];
        }
    } while (auth::CheckNewUser(kDemoAdminEmail, password, "Demo Admin") !=
             auth::CredentialProblem::kNone);
    return password;
}

DemoAdminCredentials DemoAdminCredentialsFor(std::string_view listen_host) {
    if (IsLoopbackHost(listen_host)) return {kDemoAdminPassword, true};
    return {GeneratePassword(), false};
}

}  // namespace tix::app
