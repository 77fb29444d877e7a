// The app: applies intents to state. Connecting is the XMPP core's job (src/xmpp).
#include "app/app.h"

namespace app {

static bool has_space(const std::string& s) {
    for (char c : s)
        if (c == ' ' || c == '\t' || c == '\n') return true;
    return false;
}

std::string check_domain(const std::string& domain) {
    if (domain.empty()) return "Type the provider's domain, for example example.org.";
    if (has_space(domain)) return "A domain cannot contain spaces.";
    if (domain.find('@') != std::string::npos || domain.find('/') != std::string::npos)
        return "Type only the domain (the part after @), for example example.org.";
    return {};
}

std::string check_address(const std::string& address) {
    if (address.empty()) return "Type your address, for example giulietta@example.org.";
    size_t at = address.find('@');
    if (at == std::string::npos) return "The address needs an @ and a domain, for example giulietta@example.org.";
    if (at == 0) return "The part before @ (your name at the provider) is missing.";
    if (address.find('@', at + 1) != std::string::npos) return "An address has only one @.";
    if (has_space(address.substr(0, at))) return "The part before @ cannot contain spaces.";
    std::string domain_error = check_domain(address.substr(at + 1));
    if (!domain_error.empty()) return "After @: " + domain_error;
    return {};
}

void App::apply(const Intent& intent) {
    if (auto* login = std::get_if<LogIn>(&intent)) {
        std::string error = check_address(login->address);
        if (!error.empty()) {
            state_.login = {Notice::Kind::Error, error};
        } else if (login->password.empty()) {
            state_.login = {Notice::Kind::Error, "Type your password."};
        } else {
            // TODO(issue 3): hand the credentials to the XMPP core once it exists.
            state_.login = {Notice::Kind::Info, "This build cannot connect yet: logging in arrives with the XMPP core."};
        }
    } else if (auto* fetch = std::get_if<FetchRegistrationForm>(&intent)) {
        std::string error = check_domain(fetch->domain);
        if (!error.empty())
            state_.registration = {Notice::Kind::Error, error};
        else
            state_.registration = {Notice::Kind::Info, "This build cannot contact providers yet: registration arrives with the XMPP core."};
    }
}

void App::apply_all(std::vector<Intent>& intents) {
    for (const Intent& i : intents) apply(i);
    intents.clear();
}

}  // namespace app
