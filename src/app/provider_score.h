// A provider's security score, from what Parla can observe while registering: how the
// connection is protected, how the password is checked, and how sign-ups are guarded.
#pragma once
#include "xmpp/register.h"

#include <set>
#include <string>
#include <vector>

namespace app {

struct ScoreCheck {
    bool good = false;
    std::string text;  // one line for the person, e.g. "Encrypted connection (wss://)"
};

struct ProviderScore {
    int points = 0;  // 0..100
    enum class Level { Red, Amber, Green } level = Level::Red;
    std::vector<ScoreCheck> checks;
};

// `websocket_url` is the endpoint in use; `mechanisms` the SASL mechanisms offered.
ProviderScore score_provider(const std::string& websocket_url, const std::set<std::string>& mechanisms,
                             const xmpp::RegistrationForm& form);

}  // namespace app
