// A provider's security score, from what Parla can observe while registering: how the
// connection is protected, how the password is checked, and how sign-ups are guarded.
#pragma once
#include "app/providers.h"
#include "xmpp/register.h"

#include <set>
#include <string>
#include <vector>

namespace app {

struct ScoreCheck {
    bool good = false;
    std::string text;  // one line for the person, e.g. "Encrypted connection (wss://)"
    std::string why;   // one sentence on why it matters
};

struct ProviderScore {
    int points = 0;  // 0..100
    enum class Level { Red, Amber, Green } level = Level::Red;
    std::vector<ScoreCheck> checks;
};

// `websocket_url` is the endpoint in use; `mechanisms` the SASL mechanisms offered; `listed`
// what the XMPP Providers list says of this provider, when it knows it. Rules: docs/security-score.md.
ProviderScore score_provider(const std::string& websocket_url, const std::set<std::string>& mechanisms,
                             const xmpp::RegistrationForm& form, const Provider* listed = nullptr);

}  // namespace app
