// The app: intents to account actions, and what the log-in form shows while it works.
#include "app/app.h"

#include "fake_platform.h"
#include "scripted_server.h"

#include <doctest/doctest.h>

using app::Connection;
using app::Notice;

namespace {
const char* kUrl = "ws://127.0.0.1:5290/xmpp-websocket";

struct Fixture {
    app::test::FakePlatform platform;
    app::App app{platform};
};
}  // namespace

TEST_CASE("malformed addresses say which part is wrong, and nothing connects") {
    struct Row {
        const char* address;
        const char* says;
    };
    const Row rows[] = {
        {"", "empty"},
        {"@localhost", "before"},
        {"giulietta@", "server"},
        {"giu lietta@localhost", "space"},
        {"giulietta@localhost/", "after"},
    };
    for (const Row& r : rows) {
        Fixture f;
        f.app.apply(app::LogIn{r.address, "secret", kUrl});
        std::string address = r.address;
        CAPTURE(address);
        CHECK(f.app.state().login.kind == Notice::Kind::Error);
        std::string text = f.app.state().login.text;
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK_MESSAGE(text.find(r.says) != std::string::npos, f.app.state().login.text);
        CHECK(f.platform.opened.empty());
    }
}

TEST_CASE("a bare name takes the configured domain") {
    Fixture f;
    f.app.config.domain = "localhost";
    f.app.config.websocket_url = kUrl;
    f.app.apply(app::LogIn{"giulietta", "secret", {}});
    CHECK(f.app.account().address().bare() == "giulietta@localhost");
    REQUIRE(f.platform.opened.size() == 1);
    CHECK(f.platform.opened[0] == kUrl);
    CHECK(f.app.state().connection == Connection::Connecting);
}

TEST_CASE("an empty password is refused before connecting") {
    Fixture f;
    f.app.apply(app::LogIn{"giulietta@localhost", "", kUrl});
    CHECK(f.app.state().login.text == "Type your password.");
    CHECK(f.platform.opened.empty());
}

TEST_CASE("a plain ws:// URL to another computer is refused: the password would travel in the clear") {
    Fixture f;
    f.app.apply(app::LogIn{"giulietta@example.org", "secret", "ws://example.org/xmpp-websocket"});
    CHECK(f.app.state().login.kind == Notice::Kind::Error);
    CHECK(f.platform.opened.empty());
    CHECK(app::is_secure_websocket("wss://example.org/ws"));
    CHECK(app::is_secure_websocket("ws://localhost:5290/ws"));
    CHECK(app::is_secure_websocket("ws://127.0.0.1/ws"));
    CHECK(app::is_secure_websocket("ws://[::1]:80/ws"));
    CHECK_FALSE(app::is_secure_websocket("ws://127.0.0.1.evil.example/ws"));
    CHECK_FALSE(app::is_secure_websocket("ws://localhost.evil.example/ws"));
    CHECK_FALSE(app::is_secure_websocket("ws://127.0.0.1@evil.example/ws"));
    CHECK_FALSE(app::is_secure_websocket("ws://[::1].evil.example/ws"));
    CHECK_FALSE(app::is_secure_websocket("ws://128.0.0.1/ws"));
    CHECK_FALSE(app::is_secure_websocket("http://127.0.0.1/ws"));
}

TEST_CASE("progress is shown while logging in; a refused connection says what was tried") {
    Fixture f;
    f.app.apply(app::LogIn{"giulietta@localhost", "secret", kUrl});
    CHECK(f.app.state().login.kind == Notice::Kind::Info);
    CHECK(f.app.state().login.text.find(kUrl) != std::string::npos);
    f.app.account().on_ws_closed();  // never opened
    f.app.refresh();
    CHECK(f.app.state().connection == Connection::Offline);
    CHECK(f.app.state().login.kind == Notice::Kind::Error);
    CHECK(f.app.state().login.text.find(kUrl) != std::string::npos);
}

TEST_CASE("XEP-0156: the endpoint is discovered, tried and remembered") {
    Fixture f;
    f.app.apply(app::LogIn{"romeo@example.org", "secret", {}});
    CHECK(f.app.state().connection == Connection::Discovering);
    REQUIRE(f.platform.gets.size() == 2);
    CHECK(f.platform.gets[0].first == "https://example.org/.well-known/host-meta");
    CHECK(f.platform.gets[1].first == "https://example.org/.well-known/host-meta.json");
    f.app.account().on_http(f.platform.gets[0].second, 200,
                            "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
                            "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://chat.example.org/ws'/></XRD>");
    CHECK(f.platform.opened.empty());  // still waiting for the JSON document
    f.app.account().on_http(f.platform.gets[1].second, 404, "");
    REQUIRE(f.platform.opened.size() == 1);
    CHECK(f.platform.opened[0] == "wss://chat.example.org/ws");
}

TEST_CASE("XEP-0156: nothing found says what was tried") {
    Fixture f;
    f.app.apply(app::LogIn{"romeo@example.org", "secret", {}});
    for (auto& [url, request] : f.platform.gets) f.app.account().on_http(request, 0, "");
    f.app.refresh();
    CHECK(f.platform.opened.empty());
    CHECK(f.app.state().login.kind == Notice::Kind::Error);
    CHECK(f.app.state().login.text.find("host-meta") != std::string::npos);
}

TEST_CASE("fetch registration form checks the domain") {
    Fixture f;
    f.app.apply(app::FetchRegistrationForm{"", {}});
    CHECK(f.app.state().registration.kind == Notice::Kind::Error);
    f.app.apply(app::FetchRegistrationForm{"me@example.org", {}});
    CHECK(f.app.state().registration.kind == Notice::Kind::Error);
    CHECK(f.app.state().login.kind == Notice::Kind::None);
}

namespace {
// The id of the last frame sent that contains `needle`.
std::string sent_id(app::test::FakePlatform& p, const std::string& needle) {
    for (auto it = p.sent.rbegin(); it != p.sent.rend(); ++it) {
        if (it->find(needle) == std::string::npos) continue;
        std::size_t at = it->find("id='");
        std::size_t q = '\'';
        if (at == std::string::npos) {
            at = it->find("id=\"");
            q = '"';
        }
        REQUIRE(at != std::string::npos);
        return it->substr(at + 4, it->find(static_cast<char>(q), at + 4) - at - 4);
    }
    FAIL("nothing sent contains " << needle);
    return {};
}
}  // namespace

TEST_CASE("the XMPP Providers list is fetched once, when asked, and a failure keeps our own list silently") {
    Fixture f;
    f.app.config.providers_url = "https://providers.example/providers-B.json";
    std::size_t ours = f.app.state().providers.size();
    REQUIRE(ours > 0);
    f.app.apply(app::LoadProviders{});
    f.app.apply(app::LoadProviders{});
    REQUIRE(f.platform.gets.size() == 1);
    CHECK(f.platform.gets[0].first == "https://providers.example/providers-B.json");
    f.app.on_http(f.platform.gets[0].second, 0, "");  // unreachable
    CHECK(f.app.state().providers.size() == ours);
    CHECK_FALSE(f.app.state().providers_fetched);
    f.app.on_http(app::App::kProvidersRequest, 200,
                  R"([{"jid": "web.example", "category": "B", "inBandRegistration": false,
                       "registrationWebPage": {"en": "https://web.example/signup"}}])");
    CHECK(f.app.state().providers_fetched);
    CHECK(f.app.state().providers.size() == ours + 1);
    const app::Provider* p = app::find_provider(f.app.state().providers, "web.example");
    REQUIRE(p);
    CHECK(p->web_signup == "https://web.example/signup");

    Fixture off;  // an embedder that turns the list off
    off.app.config.providers_url.clear();
    off.app.apply(app::LoadProviders{});
    CHECK(off.platform.gets.empty());
}

TEST_CASE("XEP-0077 §3.3: changing the password sends it to our server; the new one is used from then on") {
    Fixture f;
    app::test::Script s(f.platform, f.app.account());
    s.log_in();
    f.app.refresh();
    REQUIRE(f.app.state().connection == Connection::Online);
    f.app.apply(app::ChangePassword{"new-secret", "new-secreT"});
    CHECK(f.app.state().account.text == "The two passwords differ.");
    f.platform.sent.clear();
    f.app.apply(app::ChangePassword{"new-secret", "new-secret"});
    CHECK(s.sent_contains("<username>user</username><password>new-secret</password>"));
    CHECK(f.app.state().account_busy);
    std::string id = sent_id(f.platform, "jabber:iq:register");
    s.say("<iq xmlns='jabber:client' type='error' id='" + id + "' from='example.com'><error type='modify'>"
          "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text "
          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Too weak</text></error></iq>");
    f.app.refresh();
    CHECK(f.app.state().account.kind == Notice::Kind::Error);
    CHECK(f.app.state().account.text.find("Too weak") != std::string::npos);
    CHECK_FALSE(f.app.state().account_busy);
    f.app.apply(app::ChangePassword{"new-secret", "new-secret"});
    id = sent_id(f.platform, "jabber:iq:register");
    s.say("<iq xmlns='jabber:client' type='result' id='" + id + "' from='example.com'/>");
    CHECK(f.app.state().account.kind == Notice::Kind::Info);
    CHECK(f.app.state().account.text.find("changed") != std::string::npos);
}

TEST_CASE("XEP-0077 §3.2: deleting the account needs the address typed out, then logs out with a plain notice") {
    Fixture f;
    app::test::Script s(f.platform, f.app.account());
    s.log_in();
    f.app.refresh();
    f.platform.sent.clear();
    f.app.apply(app::DeleteAccount{"someone@example.com"});
    CHECK(f.app.state().account.kind == Notice::Kind::Error);
    CHECK_FALSE(s.sent_contains("<remove"));
    f.app.apply(app::DeleteAccount{" user@example.com "});
    REQUIRE(s.sent_contains("<remove/>"));
    std::string id = sent_id(f.platform, "<remove/>");
    s.say("<iq xmlns='jabber:client' type='result' id='" + id + "' from='example.com'/>");
    // Prosody then ends the stream; that is no error for the person.
    s.say("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><not-authorized "
          "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
    f.app.account().on_ws_closed();
    f.app.refresh();
    CHECK(f.app.state().connection == Connection::Offline);
    CHECK(f.app.state().login.kind == Notice::Kind::Info);
    CHECK(f.app.state().login.text == "The account user@example.com was deleted.");
}
