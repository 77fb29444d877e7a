// A provider's security score from what Parla observes while registering.
#include "app/provider_score.h"

#include "app/account.h"

namespace app {

ProviderScore score_provider(const std::string& url, const std::set<std::string>& mechanisms,
                             const xmpp::RegistrationForm& form) {
    ProviderScore s;
    auto check = [&](bool good, int points, std::string text) {
        if (good) s.points += points;
        s.checks.push_back({good, std::move(text)});
    };
    bool wss = url.rfind("wss://", 0) == 0;
    bool loopback = !wss && is_secure_websocket(url);
    check(wss || loopback, 40,
          wss ? "Encrypted connection (wss://)" : loopback ? "Connection stays on this computer" : "Connection not encrypted");
    bool strong = mechanisms.count("SCRAM-SHA-256") || mechanisms.count("SCRAM-SHA-512");
    bool scram = strong || mechanisms.count("SCRAM-SHA-1");
    check(strong, 25,
          strong  ? "Passwords checked with SCRAM-SHA-256 or better"
          : scram ? "Passwords checked with SCRAM-SHA-1 only (older)"
                  : "No SCRAM: the password would be sent as it is");
    if (!strong && scram) s.points += 10;  // SHA-1 SCRAM is still far better than PLAIN
    bool binding = false;
    for (const std::string& m : mechanisms) binding |= m.size() > 5 && m.compare(m.size() - 5, 5, "-PLUS") == 0;
    check(binding, 15, binding ? "Channel binding offered (-PLUS)" : "No channel binding offered");
    bool guarded = form.is_captcha() || form.redirect_url.has_value() || !form.in_band();
    check(guarded, 20, guarded ? "Sign-ups guarded against spam (CAPTCHA or web page)" : "Anyone can sign up without a check (spam risk)");
    s.level = s.points >= 80 ? ProviderScore::Level::Green : s.points >= 50 ? ProviderScore::Level::Amber : ProviderScore::Level::Red;
    return s;
}

}  // namespace app
