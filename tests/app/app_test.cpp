// The app: intents to account actions, and what the log-in form shows while it works.
#include "app/app.h"

#include "fake_platform.h"

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
