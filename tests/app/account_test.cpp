// A whole log-in through the app's account, the server played by the test (RFC 5802 vector),
// then a message, a roster push and a clean log-out.
#include "app/account.h"
#include "app/api_json.h"

#include "scripted_server.h"

#include <doctest/doctest.h>

using app::test::Server;
using app::test::kUrl;

TEST_CASE("log in with SCRAM-SHA-1, bind, roster, presence: the account is online") {
    Server s;
    s.log_in();
    CHECK(s.account.connection() == app::Connection::Online);
    CHECK(s.account.client()->jid().full() == "user@example.com/parla-1");
    CHECK(s.sent_contains("jabber:iq:roster"));
    CHECK(s.sent_contains("<presence"));
    CHECK(s.platform.storage["scram:example.com"] == "1");
    bool ready = false;
    for (const std::string& e : s.events) ready |= e.find("\"type\":\"ready\"") != std::string::npos;
    CHECK(ready);
    CHECK(s.platform.timer > s.platform.clock);  // keepalive armed
}

TEST_CASE("a wrong password is reported in plain words and the socket is closed") {
    Server s;
    s.start("user@example.com", "wrong");
    s.say("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0wzcmZjTkhZSlkxWlZ2V1Z"
          "zN2oscz1RU1hDUitRNnNlazhiZjkyLGk9NDA5Ng==</challenge>");
    s.say("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
    CHECK(s.account.connection() == app::Connection::Offline);
    CHECK(s.account.error() == "The address or the password is wrong.");
    CHECK(s.platform.closes == 1);
}

TEST_CASE("no such account: the server refuses before its challenge, and the person is told so") {
    Server s;
    s.start("nobody@example.com", "whatever");
    s.say("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
    CHECK(s.account.error() == "There is no account nobody@example.com: check the name before the @, or register it.");
}

TEST_CASE("messages in and out, roster state as JSON, clean log-out") {
    Server s;
    s.log_in();
    s.say("<iq xmlns='jabber:client' type='set' id='push1'><query xmlns='jabber:iq:roster'>"
          "<item jid='juliet@example.com' name='Juliet' subscription='both'/></query></iq>");
    s.say("<presence xmlns='jabber:client' from='juliet@example.com/balcony'><show>away</show><status>a \"quote\"</status></presence>");
    std::string state = app::state_json(s.account);
    CHECK(state.find("\"jid\":\"juliet@example.com\"") != std::string::npos);
    CHECK(state.find("\"presence\":\"away\"") != std::string::npos);
    CHECK(state.find("a \\\"quote\\\"") != std::string::npos);

    s.say("<message xmlns='jabber:client' type='chat' from='juliet@example.com/balcony' id='m1'><body>Ciao!</body></message>");
    CHECK(s.events.back().find("\"body\":\"Ciao!\"") != std::string::npos);

    s.platform.sent.clear();
    s.account.log_out();
    CHECK(s.sent_contains("type='unavailable'"));
    CHECK(s.sent_contains("<close"));
    s.say("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    CHECK(s.account.connection() == app::Connection::Offline);
    CHECK(s.account.error().empty());
    CHECK(s.platform.closes == 1);
}

TEST_CASE("RFC 7395 see-other-uri: followed to a safe WebSocket, at most three times") {
    Server s;
    REQUIRE(s.account.log_in("user@example.com", "pencil", kUrl).empty());
    for (int i = 0; i < 4; ++i) {
        s.account.on_ws_open();
        s.say("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' see-other-uri='wss://other.example.com/ws" +
              std::to_string(i) + "'/>");
    }
    // The first three redirects are followed; the fourth is not.
    REQUIRE(s.platform.opened.size() == 4);
    CHECK(s.platform.opened[1] == "wss://other.example.com/ws0");
    CHECK(s.platform.opened[3] == "wss://other.example.com/ws2");
    CHECK(s.account.connection() == app::Connection::Offline);
}

TEST_CASE("RFC 7395 see-other-uri to a plain ws:// elsewhere is not followed") {
    Server s;
    REQUIRE(s.account.log_in("user@example.com", "pencil", kUrl).empty());
    s.account.on_ws_open();
    s.say("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' see-other-uri='ws://evil.example.com/ws'/>");
    CHECK(s.platform.opened.size() == 1);
    CHECK(s.account.connection() == app::Connection::Offline);
    CHECK_FALSE(s.account.error().empty());
}
