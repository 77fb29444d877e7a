// The app: what the screens show and the intents they emit. No ImGui, no I/O here.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace app {

struct LogIn { std::string address, password; };
struct FetchRegistrationForm { std::string domain; };
using Intent = std::variant<LogIn, FetchRegistrationForm>;

// A message for the person, shown next to the form it belongs to.
struct Notice {
    enum class Kind { None, Info, Error } kind = Kind::None;
    std::string text;
};

struct AppState {
    Notice login;
    Notice registration;
};

class App {
public:
    const AppState& state() const { return state_; }
    void apply(const Intent& intent);
    void apply_all(std::vector<Intent>& intents);

private:
    AppState state_;
};

// Checks the shape of `handle@domain` and says which part is wrong; empty when it looks right.
std::string check_address(const std::string& address);
// Checks a provider domain typed by the person; empty when it looks right.
std::string check_domain(const std::string& domain);

}  // namespace app
