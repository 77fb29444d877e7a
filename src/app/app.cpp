// The app: applies intents to state and reads the account's progress for the screens.
#include "app/app.h"

#include "xmpp/jid.h"

namespace app {

std::string check_domain(const std::string& domain) {
    if (domain.empty()) return "Type the provider's domain, for example example.org.";
    if (domain.find('@') != std::string::npos || domain.find('/') != std::string::npos)
        return "Type only the domain (the part after @), for example example.org.";
    xmpp::JidResult r = xmpp::Jid::parse(domain);
    if (!r.ok()) return r.message;
    return {};
}

App::App(Platform& platform) : account_(platform) {}

void App::apply(const Intent& intent) {
    if (auto* login = std::get_if<LogIn>(&intent)) {
        std::string address = login->address;
        if (address.find('@') == std::string::npos && !config.domain.empty() && !address.empty())
            address += "@" + config.domain;
        const std::string& url = login->websocket_url.empty() ? config.websocket_url : login->websocket_url;
        std::string error = account_.log_in(address, login->password, url);
        state_.login = error.empty() ? Notice{} : Notice{Notice::Kind::Error, error};
    } else if (std::holds_alternative<LogOut>(intent)) {
        account_.log_out();
    } else if (auto* fetch = std::get_if<FetchRegistrationForm>(&intent)) {
        std::string error = check_domain(fetch->domain);
        if (!error.empty())
            state_.registration = {Notice::Kind::Error, error};
        else  // TODO(issue 5): XEP-0077 registration.
            state_.registration = {Notice::Kind::Info, "This build cannot register accounts yet."};
    }
    refresh();
}

void App::apply_all(std::vector<Intent>& intents) {
    for (const Intent& i : intents) apply(i);
    intents.clear();
}

void App::refresh() {
    Connection was = state_.connection;
    state_.connection = account_.connection();
    state_.jid = account_.connection() == Connection::Online && account_.client() ? account_.client()->jid().full() : "";
    const std::string& domain = account_.address().domain;
    switch (state_.connection) {
    case Connection::Discovering: state_.login = {Notice::Kind::Info, "Looking up the server of " + domain + "…"}; break;
    case Connection::Connecting: state_.login = {Notice::Kind::Info, "Connecting to " + account_.websocket_url() + "…"}; break;
    case Connection::LoggingIn: state_.login = {Notice::Kind::Info, "Logging in…"}; break;
    case Connection::LoggingOut: state_.login = {Notice::Kind::Info, "Logging out…"}; break;
    case Connection::Online: state_.login = {}; break;
    case Connection::Offline:
        if (!account_.error().empty()) state_.login = {Notice::Kind::Error, account_.error()};
        else if (was != Connection::Offline) state_.login = {};
        break;
    }
}

}  // namespace app
