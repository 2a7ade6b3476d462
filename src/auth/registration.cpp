#include "auth/registration.h"

#include <string>

#include "auth/password_strength.h"

namespace tix::auth {
namespace {

bool IsControlOrSpace(unsigned char c) { return c <= 0x20 || c == 0x7f; }

std::size_t CodePoints(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

}  // namespace

bool IsValidEmail(std::string_view email) {
    if (email.empty() || email.size() > kEmailBytesMax) return false;
    for (const char c : email) {
        if (IsControlOrSpace(static_cast<unsigned char>(c))) return false;
    }
    const std::size_t at = email.find('@');
    if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view local = email.substr(0, at);
    const std::string_view domain = email.substr(at + 1);
    if (local.empty() || local.size() > kEmailLocalBytesMax) return false;
    // Labels separated by dots, at least two, none empty ("a.b", not ".b", "a." or "a..b").
    if (domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string_view::npos) {
        return false;
    }
    return true;
}

CredentialProblem CheckNewUser(std::string_view email, std::string_view password,
                               std::string_view name) {
    if (!IsValidEmail(email)) return CredentialProblem::kInvalidEmail;
    const std::size_t password_chars = CodePoints(password);
    if (password_chars < kPasswordCharsMin) return CredentialProblem::kWeakPassword;
    if (password_chars > kPasswordCharsMax) return CredentialProblem::kPasswordTooLong;
    switch (FindPasswordWeakness(password)) {
        case PasswordWeakness::kNone:
            break;
        case PasswordWeakness::kCommon:
            return CredentialProblem::kCommonPassword;
        case PasswordWeakness::kRepeated:
        case PasswordWeakness::kSequence:
            return CredentialProblem::kSimplePassword;
    }
    const std::size_t name_chars = CodePoints(name);
    if (name_chars == 0 || name_chars > kNameCharsMax) return CredentialProblem::kInvalidName;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return CredentialProblem::kInvalidName;
    }
    return CredentialProblem::kNone;
}

std::string_view Describe(CredentialProblem problem) {
    switch (problem) {
        case CredentialProblem::kNone:
            return "ok";
        case CredentialProblem::kInvalidEmail:
            return "email is not a valid address";
        case CredentialProblem::kWeakPassword:
            return "password must be at least 8 characters";
        case CredentialProblem::kCommonPassword:
            return "password is one of the most common passwords; choose another";
        case CredentialProblem::kSimplePassword:
            return "password is one character repeated or a plain sequence; choose another";
        case CredentialProblem::kPasswordTooLong:
            return "password must be at most 1024 characters";
        case CredentialProblem::kInvalidName:
            return "name must be 1 to 200 characters without control characters";
    }
    return "invalid";
}

Result<User> CreateUserOffline(UserDirectory& users, const PasswordHasher& hasher,
                               std::string_view email, std::string_view password,
                               std::string_view name, Role role, TimePoint now) {
    const CredentialProblem problem = CheckNewUser(email, password, name);
    if (problem != CredentialProblem::kNone) {
        return Status::InvalidArgument(std::string(Describe(problem)));
    }
    if (users.FindByEmail(email)) {
        return Status::AlreadyExists("email " + NormalizeEmail(email) + " is taken");
    }
    Result<std::string> hash = hasher.Hash(password);
    if (!hash.ok()) return hash.status();
    return users.Create(email, name, *hash, role, now);
}

}  // namespace tix::auth
