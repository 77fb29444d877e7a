// Coming back after a drop: back-off with jitter and a cap, never looping on conflict, waiting
// long after policy-violation, and messages written meanwhile kept and sent once back.
#include "app/app.h"

#include "../xmpp/fake_session.h"
#include "fake_platform.h"
#include "scripted_server.h"

#include <doctest/doctest.h>

using app::Connection;
using xmpp::test::jid;

namespace {
struct Online {
    app::test::FakePlatform platform;
    app::App app{platform};
    app::test::Script server{platform, app.account()};
    Online() {
        server.log_in();
        app.refresh();
        REQUIRE(app.state().connection == Connection::Online);
    }
    void drop() {
        app.account().on_ws_closed();
        app.refresh();
    }
};
}  // namespace

TEST_CASE("a dropped session waits 1 s (±25 %), then 2 s, 4 s …, capped at a minute, and says when") {
    Online o;
    o.drop();
    CHECK(o.app.state().connection == Connection::Reconnecting);
    CHECK(o.app.state().reconnecting);
    xmpp::Millis first = o.app.account().reconnect_in();
    CHECK(first >= 750);
    CHECK(first <= 1250);
    CHECK(o.app.state().reconnect_at_ms > 0);
    xmpp::Millis last = 0;
    for (int i = 0; i < 9; ++i) {  // each attempt fails to open
        o.platform.clock += o.app.account().reconnect_in();
        std::size_t opened = o.platform.opened.size();
        o.app.account().on_timer();
        CHECK(o.platform.opened.size() == opened + 1);
        o.app.account().on_ws_closed();
        last = o.app.account().reconnect_in();
    }
    CHECK(last >= 45000);
    CHECK(last <= 75000);
    // The browser says it is online again: no waiting.
    std::size_t opened = o.platform.opened.size();
    o.app.account().retry_now();
    CHECK(o.platform.opened.size() == opened + 1);
}

TEST_CASE("conflict (logged in elsewhere) ends it for good; the server's policy-violation waits five minutes") {
    Online o;
    o.server.say("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><conflict "
                 "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
    o.app.account().on_ws_closed();
    o.app.refresh();
    CHECK(o.app.state().connection == Connection::Offline);
    CHECK_FALSE(o.app.state().reconnecting);
    CHECK(o.app.account().reconnect_in() == -1);

    Online p;
    p.server.say("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><policy-violation "
                 "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
    p.app.account().on_ws_closed();
    p.app.refresh();
    CHECK(p.app.state().connection == Connection::Reconnecting);
    CHECK(p.app.account().reconnect_in() >= 5 * 60 * 1000);

    // A frame over our limit is refused by us with the same condition: no reason to wait long.
    Online q;
    q.server.say("<message xmlns='jabber:client'><body>" + std::string(5 * 1024 * 1024, 'x') + "</body></message>");
    q.app.account().on_ws_closed();
    q.app.refresh();
    CHECK(q.app.state().connection == Connection::Reconnecting);
    CHECK(q.app.account().reconnect_in() <= 1250);
}

TEST_CASE("a message written while reconnecting waits, then goes once the session is back, with its time") {
    Online o;
    o.drop();
    o.app.apply(app::SendMessage{jid("anna@example.com"), "ci sono"});
    const app::Conversation* c = o.app.chats().find(jid("anna@example.com"));
    REQUIRE(c);
    REQUIRE(c->messages.size() == 1);
    CHECK(c->messages[0].state == app::ChatMessage::State::Pending);
    CHECK_FALSE(o.server.sent_contains("ci sono"));
    o.server.come_back();
    o.app.refresh();
    CHECK(o.app.state().connection == Connection::Online);
    CHECK(o.server.sent_contains("ci sono"));
    CHECK(o.server.sent_contains("urn:xmpp:delay"));
    CHECK(o.app.chats().find(jid("anna@example.com"))->messages[0].state == app::ChatMessage::State::Sent);
    // Logging out while reconnecting stops for good.
    o.drop();
    o.app.apply(app::LogOut{});
    CHECK(o.app.state().connection == Connection::Offline);
    CHECK(o.app.account().reconnect_in() == -1);
}

TEST_CASE("a message that bounced is sent again with Send again: the same id, its time, shown as sent") {
    Online o;
    o.app.apply(app::SendMessage{jid("anna@example.com"), "ci sei?"});
    const app::Conversation* c = o.app.chats().find(jid("anna@example.com"));
    REQUIRE(c);
    const std::string id = c->messages.back().id;
    o.server.say("<message xmlns='jabber:client' type='error' from='anna@example.com' id='" + id +
                 "'><error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    o.app.refresh();
    REQUIRE(c->messages.back().state == app::ChatMessage::State::Failed);
    const int relayout = c->relayout;
    o.platform.sent.clear();
    o.app.apply(app::RetryMessage{jid("anna@example.com"), id});
    CHECK(o.server.sent_contains("ci sei?"));
    CHECK(o.server.sent_contains("id=\"" + id + "\""));
    CHECK(o.server.sent_contains("urn:xmpp:delay"));
    CHECK(c->messages.back().state == app::ChatMessage::State::Sent);
    CHECK(c->messages.back().error.empty());
    CHECK(c->relayout > relayout);  // the reason's lines are gone: laid out again
    CHECK(c->messages.size() == 1);  // the same message, not a copy
    o.platform.sent.clear();
    o.app.apply(app::RetryMessage{jid("anna@example.com"), id});  // not failed any more: nothing
    CHECK(o.platform.sent.empty());
}
