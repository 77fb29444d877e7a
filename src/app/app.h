// The app: what the screens show and the intents they emit. No ImGui, no I/O here.
#pragma once
#include "app/account.h"
#include "app/platform.h"

#include <string>
#include <variant>
#include <vector>

namespace app {

struct LogIn { std::string address, password, websocket_url; };  // url empty: AppConfig's, else discovery
struct LogOut {};
struct FetchRegistrationForm { std::string domain; };
using Intent = std::variant<LogIn, LogOut, FetchRegistrationForm>;

// A message for the person, shown next to the form it belongs to.
struct Notice {
    enum class Kind { None, Info, Error } kind = Kind::None;
    std::string text;
};

// Set by the page (URL parameters, embedding options).
struct AppConfig {
    std::string websocket_url;  // empty: XEP-0156 discovery
    std::string domain;         // default domain for addresses typed without one
};

struct AppState {
    Notice login;
    Notice registration;
    Connection connection = Connection::Offline;
    std::string jid;  // our full address while online
};

class App {
public:
    explicit App(Platform& platform);
    AppConfig config;

    const AppState& state() const { return state_; }
    Account& account() { return account_; }
    void apply(const Intent& intent);
    void apply_all(std::vector<Intent>& intents);
    // Re-reads the account after the platform delivered something.
    void refresh();

private:
    Account account_;
    AppState state_;
};

// Checks a provider domain typed by the person; empty when it looks right.
std::string check_domain(const std::string& domain);

}  // namespace app
