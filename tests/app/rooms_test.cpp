// Group chats in the app: room conversations (echo, mentions, notices), private chats kept
// apart from contacts, joining by bare name, inline conflict state, rejoin after a reconnect.
#include "app/app.h"
#include "app/chats.h"

#include "../xmpp/fake_session.h"
#include "fake_platform.h"
#include "scripted_server.h"

#include <doctest/doctest.h>

using app::Conversation;
using xmpp::test::jid;

namespace {
xmpp::Message groupchat(const char* from, const char* body, const char* origin = "") {
    xmpp::Message m;
    m.type = "groupchat";
    m.id = "g1";
    m.origin_id = origin;
    m.from = jid(from);
    m.body = body;
    return m;
}

struct Online {
    app::test::FakePlatform platform;
    app::App app{platform};
    app::test::Script server{platform, app.account()};
    Online() {
        app.config.muc_service = "conference.example.com";
        server.log_in();
        app.refresh();
        REQUIRE(app.state().connection == app::Connection::Online);
        REQUIRE(app.state().muc_service == "conference.example.com");
        platform.sent.clear();
    }
    void joined(const char* room, const char* nick) {
        server.say(std::string("<presence xmlns='jabber:client' from='") + room + "/" + nick +
                   "' to='user@example.com/parla-1'><x xmlns='http://jabber.org/protocol/muc#user'><item "
                   "affiliation='member' role='participant'/><status code='110'/></x></presence>");
        app.refresh();
    }
};

// Bruno's message in `room`, stamped by the room's archive with `stanza_id`.
xmpp::RoomMessage bruno_says(const xmpp::Jid& room, const char* body, const char* stanza_id) {
    xmpp::RoomMessage m;
    m.room = room;
    m.nick = "Bruno";
    m.message.type = "groupchat";
    m.message.body = body;
    m.stanza_id = stanza_id;
    return m;
}
}  // namespace

TEST_CASE("a room's conversation: our echo is not doubled, mentions count, history is not unread") {
    app::Chats c;
    xmpp::Jid room = jid("piazza@conference.x");
    c.apply(xmpp::RoomJoined{room, "Anna", false, false}, 1000);
    const Conversation* conv = c.find(room);
    REQUIRE(conv);
    CHECK(conv->kind == Conversation::Kind::Room);
    REQUIRE(conv->messages.size() == 1);
    CHECK(conv->messages[0].kind == app::ChatMessage::Kind::Notice);
    CHECK(conv->messages[0].body == "You joined as Anna.");

    xmpp::Message mine;
    mine.id = "m1";
    mine.origin_id = "o1";
    mine.body = "Ciao";
    c.add_outgoing(room, Conversation::Kind::Room, mine, 2000);
    c.apply(xmpp::RoomMessage{room, "Anna", groupchat("piazza@conference.x/Anna", "Ciao", "o1"), 0, false, true, "s1"}, 2100);
    CHECK(c.find(room)->messages.size() == 2);  // the echo confirmed ours, added nothing

    c.apply(xmpp::RoomMessage{room, "Bruno", groupchat("piazza@conference.x/Bruno", "Old news"), 500, true, true, "s0"}, 2200);
    c.apply(xmpp::RoomMessage{room, "Bruno", groupchat("piazza@conference.x/Bruno", "anna, ci sei?"), 0, false, true, ""}, 2300);
    c.apply(xmpp::RoomMessage{room, "Bruno", groupchat("piazza@conference.x/Bruno", "Giovanna no"), 0, false, true, ""}, 2400);
    c.apply(xmpp::RoomMessage{room, "Intruso", groupchat("piazza@conference.x/Intruso", "hi"), 0, false, false, ""}, 2500);
    conv = c.find(room);
    REQUIRE(conv->messages.size() == 6);
    CHECK(conv->messages[2].time_ms == 500);  // history keeps its own time
    CHECK(conv->messages[3].mention);
    CHECK_FALSE(conv->messages[4].mention);  // "Giovanna" contains "anna" but does not name her
    CHECK_FALSE(conv->messages[5].from_occupant);
    CHECK(conv->unread == 3);  // the history line is not unread
    CHECK(conv->mentions == 1);
    c.open(room);
    CHECK(c.find(room)->mentions == 0);
}

TEST_CASE("a private message from an occupant is its own chat, never the contact's, and its tab opens") {
    app::Chats c;
    xmpp::Message m;
    m.type = "chat";
    m.from = jid("piazza@conference.x/Bruno");
    m.body = "psst";
    c.apply(xmpp::RoomPrivateMessage{jid("piazza@conference.x"), "Bruno", m}, 1000);
    const Conversation* priv = c.find(jid("piazza@conference.x/Bruno"));
    REQUIRE(priv);
    CHECK(priv->kind == Conversation::Kind::RoomPrivate);
    CHECK(priv->peer.full() == "piazza@conference.x/Bruno");
    CHECK(c.find(jid("piazza@conference.x")) == nullptr);  // nothing in the room itself
    REQUIRE(c.open_chats().size() == 1);
    CHECK(c.open_chats()[0].full() == "piazza@conference.x/Bruno");
    // A contact's chat is still by bare JID.
    c.open(jid("anna@x/phone"));
    CHECK(c.active()->full() == "anna@x");
}

TEST_CASE("joining by bare name uses the service; a taken nickname is kept as the room's state") {
    Online o;
    o.app.apply(app::JoinRoom{"", "", ""});
    CHECK(o.app.state().groups.text == "Type the name of the group.");
    o.app.apply(app::JoinRoom{" piazza ", "Anna", ""});
    CHECK(o.server.sent_contains("piazza@conference.example.com/Anna"));
    REQUIRE(o.app.state().rooms.size() == 1);
    CHECK(o.app.state().rooms[0].state == app::RoomStatus::State::Joining);
    o.server.say("<presence xmlns='jabber:client' type='error' from='piazza@conference.example.com/Anna'><x "
                 "xmlns='http://jabber.org/protocol/muc'/><error type='cancel'><conflict "
                 "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
    o.app.refresh();
    CHECK(o.app.state().rooms[0].state == app::RoomStatus::State::Failed);
    CHECK(o.app.state().rooms[0].condition == "conflict");
    o.app.apply(app::JoinRoom{"piazza", "Anna2", ""});
    CHECK(o.app.state().rooms.size() == 1);
    o.joined("piazza@conference.example.com", "Anna2");
    CHECK(o.app.state().rooms[0].state == app::RoomStatus::State::Joined);
    CHECK(o.app.chats().find(jid("piazza@conference.example.com")));
    CHECK(o.app.chats().active()->full() == "piazza@conference.example.com");
    o.app.prepare_frame();
    REQUIRE(o.app.state().occupants.at(jid("piazza@conference.example.com")).size() == 1);
    CHECK(o.app.state().occupants.at(jid("piazza@conference.example.com"))[0].self);

    // Sending to the room goes as groupchat and shows at once.
    o.platform.sent.clear();
    o.app.apply(app::SendMessage{jid("piazza@conference.example.com"), "Ciao"});
    CHECK(o.server.sent_contains("groupchat"));
    CHECK(o.app.chats().find(jid("piazza@conference.example.com"))->messages.back().body == "Ciao");
    // And to an occupant privately, in its own chat.
    o.app.apply(app::SendMessage{jid("piazza@conference.example.com/Bruno"), "psst"});
    const Conversation* priv = o.app.chats().find(jid("piazza@conference.example.com/Bruno"));
    REQUIRE(priv);
    CHECK(priv->kind == Conversation::Kind::RoomPrivate);

    // The connection drops; at the next session the room is joined again, asking only for
    // the history after the last message seen.
    o.server.say("<message xmlns='jabber:client' type='groupchat' from='piazza@conference.example.com/Anna2'>"
                 "<body>Ciao</body><delay xmlns='urn:xmpp:delay' stamp='2026-11-28T10:00:00Z'/></message>");
    o.app.account().on_ws_closed();
    o.app.refresh();
    CHECK(o.app.state().reconnecting);
    o.server.come_back();
    o.app.refresh();
    CHECK(o.server.sent_contains("piazza@conference.example.com/Anna2"));
    CHECK(o.server.sent_contains("since"));
    CHECK(o.app.state().rooms[0].state == app::RoomStatus::State::Joining);
}

TEST_CASE("a room address that is not one is refused in words; without a service a full address is asked for") {
    Online o;
    o.app.apply(app::JoinRoom{"piazza@conference.example.com/nick", "", ""});
    CHECK(o.app.state().groups.kind == app::Notice::Kind::Error);
    CHECK(o.app.state().rooms.empty());
    app::test::FakePlatform p;
    app::App a{p};
    app::test::Script s{p, a.account()};
    s.log_in();
    a.refresh();
    a.apply(app::JoinRoom{"piazza", "", ""});  // discovery has not answered: no service yet
    CHECK(a.state().groups.text.find("whole address") != std::string::npos);
}

TEST_CASE("a group message written while a new session must rejoin first is shown as not sent, never dropped") {
    Online o;
    o.app.apply(app::JoinRoom{"piazza", "Anna", ""});
    o.joined("piazza@conference.example.com", "Anna");
    o.app.account().on_ws_closed();  // no stream management here: the next session is a new one
    o.app.refresh();
    REQUIRE(o.app.state().reconnecting);
    o.app.apply(app::SendMessage{jid("piazza@conference.example.com"), "ci siete?"});
    const app::Conversation* c = o.app.chats().find(jid("piazza@conference.example.com"));
    REQUIRE(c);
    REQUIRE_FALSE(c->messages.empty());
    CHECK(c->messages.back().body == "ci siete?");
    CHECK(c->messages.back().state == app::ChatMessage::State::Failed);
    CHECK(c->messages.back().error.find("connection was lost") != std::string::npos);
}

TEST_CASE("a group's archive pages go in front of what is shown, without what is already there") {
    app::Chats c;
    xmpp::Jid room = jid("piazza@conference.x");
    c.apply(xmpp::RoomJoined{room, "Anna", false, false}, 1000);
    xmpp::RoomMessage live = bruno_says(room, "eccomi", "R3");
    c.apply(live, 2000);
    xmpp::MamPage page;
    auto archived = [&](const char* id, const char* nick, const char* body) {
        xmpp::ArchivedMessage a;
        a.archive_id = id;
        a.nick = nick;
        a.message.type = "groupchat";
        a.message.from = jid((std::string("piazza@conference.x/") + nick).c_str());
        a.message.body = body;
        a.stamp = 500;
        page.messages.push_back(a);
    };
    archived("R1", "Carla", "buongiorno");
    archived("R2", "Anna", "ciao Carla");
    archived("R3", "Bruno", "eccomi");  // shown already
    page.first = "R1";
    page.complete = true;
    c.add_room_history(room, page);
    const Conversation* conv = c.find(room);
    REQUIRE(conv);
    std::vector<std::string> bodies;
    for (const app::ChatMessage& m : conv->messages)
        if (m.kind == app::ChatMessage::Kind::Text) bodies.push_back(m.body);
    CHECK(bodies == std::vector<std::string>{"buongiorno", "ciao Carla", "eccomi"});
    CHECK(conv->messages[1].outgoing);  // our own nickname
    CHECK(conv->history_complete);
    CHECK(conv->oldest_archive_id == "R1");
    // A group without an archive: asked once, then never again.
    xmpp::MamPage refused;
    refused.error = xmpp::StanzaError{"cancel", "feature-not-implemented", {}, {}};
    xmpp::Jid other = jid("bar@conference.x");
    c.apply(xmpp::RoomJoined{other, "Anna", false, false}, 1000);
    c.add_room_history(other, refused);
    CHECK(c.find(other)->history_complete);
}

TEST_CASE("history sent again on joining after a reload is not shown twice") {
    app::Chats c;
    xmpp::Jid room = jid("piazza@conference.x");
    c.apply(xmpp::RoomJoined{room, "Anna", false, false}, 1000);
    xmpp::RoomMessage live = bruno_says(room, "eccomi", "R3");
    CHECK(c.apply(live, 2000));
    xmpp::RoomMessage again = live;
    again.delayed = true;
    CHECK_FALSE(c.apply(again, 3000));  // the same archive id
    xmpp::RoomMessage no_id = again;
    no_id.stanza_id.clear();
    CHECK_FALSE(c.apply(no_id, 3000));  // history without ids: the same nick and text
    xmpp::RoomMessage other = no_id;
    other.message.body = "e poi?";
    CHECK(c.apply(other, 3000));
    xmpp::RoomMessage live_again = live;  // a live message is never taken for history
    live_again.stanza_id = "R4";
    CHECK(c.apply(live_again, 4000));
}
