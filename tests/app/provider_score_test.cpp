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

TEST_CASE("every criterion says why it matters; the XMPP Providers list adds category and compliance") {
    app::ProviderScore base = app::score_provider("wss://x/ws", {"SCRAM-SHA-256"}, open_form());
    CHECK(base.points == 65);
    for (const app::ScoreCheck& c : base.checks) CHECK_FALSE(c.why.empty());
    app::Provider listed;
    listed.domain = "x";
    listed.from_list = true;
    listed.category = 'A';
    listed.compliance = 95;
    app::ProviderScore s = app::score_provider("wss://x/ws", {"SCRAM-SHA-256"}, open_form(), &listed);
    CHECK(s.points == 72);  // 65 * 0.8 + 10 + 10
    REQUIRE(s.checks.size() == base.checks.size() + 2);
    CHECK(s.checks[4].good);
    CHECK(s.checks[5].text == "Compliance rating 95%");
    listed.category = 'D';
    listed.compliance = -1;
    app::ProviderScore d = app::score_provider("wss://x/ws", {"SCRAM-SHA-256"}, open_form(), &listed);
    CHECK(d.points == 52);
    CHECK_FALSE(d.checks[4].good);
    CHECK(d.checks[5].text == "Compliance rating unknown");
    app::Provider ours;  // only in our own list: no verified facts, no change
    ours.domain = "x";
    CHECK(app::score_provider("wss://x/ws", {"SCRAM-SHA-256"}, open_form(), &ours).points == 65);
}
