// The provider security score: what raises and lowers it, and the colour bands.
#include "app/provider_score.h"

#include <doctest/doctest.h>

namespace {
xmpp::RegistrationForm open_form() {
    xmpp::RegistrationForm f;
    f.legacy_fields = {"username", "password"};
    return f;
}
}  // namespace

TEST_CASE("a well-run provider is green") {
    xmpp::RegistrationForm f = open_form();
    f.form = xmpp::DataForm{};
    f.form->fields.push_back({"FORM_TYPE", "hidden", "", "", false, {"urn:xmpp:captcha"}, {}, {}});
    REQUIRE(f.is_captcha());
    app::ProviderScore s = app::score_provider("wss://chat.example.org/ws", {"SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"}, f);
    CHECK(s.points == 100);
    CHECK(s.level == app::ProviderScore::Level::Green);
    for (const app::ScoreCheck& c : s.checks) CHECK(c.good);
}

TEST_CASE("SCRAM-SHA-1 only, open sign-ups: amber; PLAIN only: red") {
    app::ProviderScore a = app::score_provider("wss://x/ws", {"SCRAM-SHA-1", "PLAIN"}, open_form());
    CHECK(a.points == 50);
    CHECK(a.level == app::ProviderScore::Level::Amber);
    app::ProviderScore r = app::score_provider("wss://x/ws", {"PLAIN"}, open_form());
    CHECK(r.points == 40);
    CHECK(r.level == app::ProviderScore::Level::Red);
    CHECK_FALSE(r.checks[1].good);
}

TEST_CASE("a plain ws:// connection to another computer scores nothing for transport") {
    app::ProviderScore s = app::score_provider("ws://example.org/ws", {"SCRAM-SHA-512"}, open_form());
    CHECK_FALSE(s.checks[0].good);
    CHECK(s.level == app::ProviderScore::Level::Red);
}
