// A provider's security score from what Parla observes while registering (rules and
// reasons: docs/security-score.md).
#include "app/provider_score.h"

#include "app/account.h"
#include "app/i18n.h"

#include <cmath>

namespace app {

ProviderScore score_provider(const std::string& url, const std::set<std::string>& mechanisms,
                             const xmpp::RegistrationForm& form, const Provider* listed) {
    ProviderScore s;
    auto check = [&](bool good, int points, std::string text, std::string why) {
        if (good) s.points += points;
        s.checks.push_back({good, std::move(text), std::move(why)});
    };
    bool wss = url.rfind("wss://", 0) == 0;
    bool loopback = !wss && is_secure_websocket(url);
    check(wss || loopback, 40,
          wss ? tr("Encrypted connection (wss://)") : loopback ? tr("Connection stays on this computer") : tr("Connection not encrypted"),
          tr("Without encryption anyone on the network path can read your password and messages."));
    bool strong = mechanisms.count("SCRAM-SHA-256") || mechanisms.count("SCRAM-SHA-512");
    bool scram = strong || mechanisms.count("SCRAM-SHA-1");
    check(strong, 25,
          strong  ? tr("Passwords checked with SCRAM-SHA-256 or better")
          : scram ? tr("Passwords checked with SCRAM-SHA-1 only (older)")
                  : tr("No SCRAM: the password would be sent as it is"),
          tr("With SCRAM your password itself never travels to the server, and a stolen server database is harder to use."));
    if (!strong && scram) s.points += 10;  // SHA-1 SCRAM is still far better than PLAIN
    bool binding = false;
    for (const std::string& m : mechanisms) binding |= m.size() > 5 && m.compare(m.size() - 5, 5, "-PLUS") == 0;
    check(binding, 15, binding ? tr("Channel binding offered (-PLUS)") : tr("No channel binding offered"),
          tr("Channel binding ties the login to this encrypted connection, so a man in the middle cannot relay it."));
    bool guarded = form.is_captcha() || form.redirect_url.has_value() || !form.in_band();
    check(guarded, 20, guarded ? tr("Sign-ups guarded against spam (CAPTCHA or web page)") : tr("Anyone can sign up without a check (spam risk)"),
          tr("Providers that let robots sign up freely send spam and get blocked by other servers."));
    if (listed && listed->from_list) {
        // What the XMPP Providers project verified weighs a fifth of the score.
        s.points = static_cast<int>(std::lround(s.points * 0.8));
        bool good_cat = listed->category == 'A' || listed->category == 'B';
        check(good_cat, 10,
              listed->category ? fmt(tr("XMPP Providers category {0}"), std::string(1, listed->category))
                               : std::string(tr("XMPP Providers category unknown")),
              tr("Categories A and B mean the project verified the service is free, maintained and up to date."));
        bool compliant = listed->compliance >= 90;
        check(compliant, 10,
              listed->compliance < 0 ? std::string(tr("Compliance rating unknown"))
                                     : fmt(tr("Compliance rating {0}%"), listed->compliance),
              tr("A high rating means the server supports what modern clients need: archive, sync between devices, "
                 "stream resumption, file upload."));
    }
    s.level = s.points >= 80 ? ProviderScore::Level::Green : s.points >= 50 ? ProviderScore::Level::Amber : ProviderScore::Level::Red;
    return s;
}

}  // namespace app
