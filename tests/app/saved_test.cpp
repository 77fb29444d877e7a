// Kept on this computer: the codecs read back what they wrote and refuse anything else;
// "remember me" keeps keys (never the password), a public computer keeps nothing; after a
// reload the chats are back at once and the account logs in again with the keys; a new
// session catches up from the archive, in order, and marks what it could not load.
#include "app/app.h"
#include "app/saved.h"

#include "../xmpp/fake_session.h"
#include "fake_platform.h"
#include "scripted_server.h"

#include <doctest/doctest.h>
#include <pugixml.hpp>

using app::ChatMessage;
using app::Connection;
using xmpp::test::jid;

TEST_CASE("saved roster, chat, outbox and remembered account read back as written") {
    std::map<xmpp::Jid, xmpp::RosterItem> items;
    xmpp::RosterItem anna;
    anna.jid = jid("anna@example.com");
    anna.name = "Anna <& \"Bianchi\">";
    anna.groups = {"Amici"};
    anna.subscription = xmpp::Subscription::Both;
    items[anna.jid] = anna;
    std::optional<app::SavedRoster> roster = app::read_roster(app::save_roster("v7", items));
    REQUIRE(roster);
    CHECK(roster->version == "v7");
    REQUIRE(roster->items.size() == 1);
    CHECK(roster->items[0] == anna);

    app::Conversation c;
    c.peer = jid("anna@example.com");
    c.unread = 2;
    for (int i = 0; i < 150; ++i) {
        ChatMessage m;
        m.id = "m" + std::to_string(i);
        m.body = i == 149 ? "ultima riga\ncon a capo, & e <tag> ☕" : "messaggio " + std::to_string(i);
        m.outgoing = i % 2 == 0;
        m.state = m.outgoing ? ChatMessage::State::Acked : ChatMessage::State::Received;
        m.time_ms = 1'764'300'000'000 + i;
        m.archive_id = "A" + std::to_string(i);
        c.messages.push_back(m);
    }
    c.messages[10].state = ChatMessage::State::Failed;
    c.messages[10].error = "No such account.";
    std::optional<app::Conversation> back = app::read_chat(app::save_chat(c));
    REQUIRE(back);
    CHECK(back->peer == c.peer);
    CHECK(back->unread == 2);
    REQUIRE(back->messages.size() == 100);  // the newest 100
    CHECK(back->messages.front().id == "m50");
    CHECK(back->messages.back().body == c.messages.back().body);
    CHECK(back->messages.back().time_ms == c.messages.back().time_ms);
    CHECK(back->messages.back().archive_id == "A149");
    CHECK(back->messages[0].outgoing);
    CHECK(back->messages[0].state == ChatMessage::State::Acked);

    xmpp::Message m;
    m.id = m.origin_id = "o1";
    m.to = jid("anna@example.com");
    m.body = "scritto offline";
    std::optional<std::vector<app::OutboxEntry>> box = app::read_outbox(app::save_outbox({{m, 42}}));
    REQUIRE(box);
    REQUIRE(box->size() == 1);
    CHECK((*box)[0].message.id == "o1");
    CHECK((*box)[0].message.origin_id == "o1");
    CHECK((*box)[0].message.to == m.to);
    CHECK((*box)[0].message.body == m.body);
    CHECK((*box)[0].written_ms == 42);

    std::vector<app::SavedRoom> rooms = app::read_rooms(app::save_rooms({{jid("piazza@conference.example.com"), "Anna & co", 42}}));
    REQUIRE(rooms.size() == 1);
    CHECK(rooms[0].jid == jid("piazza@conference.example.com"));
    CHECK(rooms[0].nick == "Anna & co");
    CHECK(rooms[0].last_ms == 42);

    std::optional<app::Remembered> r = app::read_remembered(app::save_remembered({jid("user@example.com"), "ws://127.0.0.1:5290/x", "KEYS"}));
    REQUIRE(r);
    CHECK(r->jid == jid("user@example.com"));
    CHECK(r->websocket_url == "ws://127.0.0.1:5290/x");
    CHECK(r->scram_keys == "KEYS");
}

TEST_CASE("saved data that is not what Parla wrote reads as nothing") {
    for (const char* bad : {"", "garbage", "<roster", "<chat/>", "<other/>", "<chat peer='@@' kind='contact'/>",
                            "<chat peer='a@b' kind='nonsense'/>", "<remember jid='a@b'/>", "<remember jid='b' keys='k'/>",
                            "<remember jid='a@b/r' keys='k'/>"}) {
        CAPTURE(bad);
        CHECK_FALSE(app::read_chat(bad));
        CHECK_FALSE(app::read_remembered(bad));
    }
    CHECK_FALSE(app::read_roster("<chat/>"));
    CHECK(app::read_rooms("<chat/>").empty());
    CHECK(app::read_rooms("<rooms><room jid='@' nick='x'/><room jid='conference.x' nick='x'/><room jid='a@conference.x' nick=''/>"
                          "<room jid='b@conference.x' nick='Bea' last='7'/></rooms>").size() == 1);
    // Found by fuzzing: "<\0" made the XML reader guess UTF-16 (and read misaligned memory).
    CHECK_FALSE(app::read_roster(std::string("<\0\x10\xad<roster xmlns='jabber:iq:roster'/>", 36)));
    CHECK_FALSE(app::read_outbox("<roster/>"));
    // Bad entries are skipped, good ones kept.
    std::optional<app::Conversation> c =
        app::read_chat("<chat peer='a@b' kind='contact'><m s='sent' t='x'>no time</m><m s='weird' t='1'>x</m>"
                       "<m s='received' t='5'>ok</m></chat>");
    REQUIRE(c);
    REQUIRE(c->messages.size() == 1);
    CHECK(c->messages[0].body == "ok");
    std::optional<std::vector<app::OutboxEntry>> box =
        app::read_outbox("<outbox><m id='1' to='@' t='1'>x</m><m id='' to='a@b' t='1'>x</m><m id='2' to='a@b' t='3'>ok</m></outbox>");
    REQUIRE(box);
    REQUIRE(box->size() == 1);
    CHECK((*box)[0].message.body == "ok");
}

namespace {

// The app logged in through its form (LogIn), against a scripted server.
struct Visit {
    app::test::FakePlatform& platform;
    app::App app{platform};
    app::test::Script server{platform, app.account()};
    explicit Visit(app::test::FakePlatform& p) : platform(p) {}
    void log_in(bool remember) {
        app.apply(app::LogIn{"user@example.com", "pencil", app::test::kUrl, remember});
        server.log_in(true);
        app.refresh();
        REQUIRE(app.state().connection == Connection::Online);
    }
    void receive(const std::string& from, const std::string& body, const std::string& archive_id) {
        server.say("<message xmlns='jabber:client' type='chat' from='" + from + "' to='user@example.com/parla-1' id='" +
                   archive_id + "x'><body>" + body + "</body><stanza-id xmlns='urn:xmpp:sid:0' by='user@example.com' id='" +
                   archive_id + "'/></message>");
        app.refresh();
    }
    // The last archive query sent: {iq id, queryid}; empty when none.
    std::pair<std::string, std::string> last_query() {
        for (auto f = platform.sent.rbegin(); f != platform.sent.rend(); ++f) {
            if (f->find("urn:xmpp:mam:2") == std::string::npos) continue;
            pugi::xml_document doc;
            doc.load_string(f->c_str());
            pugi::xml_node iq = doc.first_child();
            return {iq.attribute("id").value(), iq.first_child().attribute("queryid").value()};
        }
        return {};
    }
};

const std::vector<std::string> kBodies = {"uno", "due"};

}  // namespace

TEST_CASE("remember me keeps keys and chats, never the password; logging out forgets the keys") {
    app::test::FakePlatform p;
    Visit v{p};
    v.log_in(true);
    v.receive("anna@example.com/phone", "ciao", "A1");
    v.app.persist_now();
    std::optional<app::Remembered> r = app::read_remembered(p.load("remember"));
    REQUIRE(r);
    CHECK(r->jid == jid("user@example.com"));
    CHECK(xmpp::decode_scram_keys(r->scram_keys));
    for (const auto& [key, value] : p.storage) {
        CAPTURE(key);
        CHECK(value.find("pencil") == std::string::npos);
    }
    REQUIRE(app::read_chat(p.load("a:user@example.com:chat:anna@example.com")));
    CHECK(app::read_chat(p.load("a:user@example.com:chat:anna@example.com"))->messages.back().body == "ciao");
    v.app.apply(app::LogOut{});
    CHECK(p.load("remember").empty());
    CHECK(p.load("a:user@example.com:session").empty());
    CHECK_FALSE(p.load("a:user@example.com:chat:anna@example.com").empty());  // the chats stay for next time
}

TEST_CASE("a public computer keeps nothing and forgets what an earlier visit kept") {
    app::test::FakePlatform p;
    p.storage["a:user@example.com:chat:anna@example.com"] = "<chat peer='anna@example.com' kind='contact'/>";
    Visit v{p};
    v.log_in(false);
    v.receive("anna@example.com/phone", "ciao", "A1");
    v.app.persist_now();
    v.app.apply(app::LogOut{});
    for (const auto& [key, value] : p.storage) CHECK(key.rfind("a:user@example.com", 0) != 0);
    CHECK(p.load("remember").empty());
}

TEST_CASE("after a reload the chats are there at once and the account logs in again with its keys") {
    app::test::FakePlatform p;
    {
        Visit v{p};
        v.log_in(true);
        v.receive("anna@example.com/phone", "ciao", "A1");
        v.app.apply(app::OpenChat{jid("anna@example.com")});
        v.app.persist_now();
    }  // the page goes away without logging out
    app::test::FakePlatform reloaded;
    reloaded.storage = p.storage;
    Visit v{reloaded};
    REQUIRE(v.app.restore_saved());
    const app::Conversation* c = v.app.chats().find(jid("anna@example.com"));
    REQUIRE(c);  // before any network
    REQUIRE(c->messages.size() == 1);
    CHECK(c->messages[0].body == "ciao");
    CHECK(v.app.state().reconnecting);
    CHECK(v.app.state().resuming);
    REQUIRE(v.app.chats().active());  // the chat that was in front is in front again
    CHECK(*v.app.chats().active() == jid("anna@example.com"));
    v.server.log_in(true);  // the same SCRAM proof, computed from the kept keys
    v.app.refresh();
    CHECK(v.app.state().connection == Connection::Online);
    CHECK_FALSE(v.app.state().resuming);
}

TEST_CASE("kept keys the server no longer takes: forgotten, and the form asks for the password") {
    app::test::FakePlatform p;
    {
        Visit v{p};
        v.log_in(true);
        v.app.persist_now();
    }
    app::test::FakePlatform reloaded;
    reloaded.storage = p.storage;
    Visit v{reloaded};
    REQUIRE(v.app.restore_saved());
    v.server.start("user@example.com", "", true);
    v.server.say("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
    v.app.refresh();
    CHECK(v.app.state().connection == Connection::Offline);
    CHECK(reloaded.load("remember").empty());
    CHECK_FALSE(v.app.state().login.text.empty());
}

TEST_CASE("a new session catches up from the archive after the newest id seen, before what arrives live") {
    app::test::FakePlatform p;
    Visit v{p};
    v.log_in(false);
    v.receive("anna@example.com/phone", "prima", "A1");
    v.app.account().on_ws_closed();  // no stream management here: the next session is a new one
    v.app.refresh();
    v.server.come_back();
    v.app.refresh();
    auto [iq, queryid] = v.last_query();
    REQUIRE_FALSE(queryid.empty());
    CHECK(v.server.sent_contains("<after>A1</after>"));
    v.receive("anna@example.com/phone", "dopo (dal vivo)", "A4");  // live, before the archive answers
    auto result = [&](const std::string& id, const std::string& body) {
        v.server.say("<message xmlns='jabber:client' to='user@example.com/parla-1'><result xmlns='urn:xmpp:mam:2' queryid='" +
                     queryid + "' id='" + id + "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                     "stamp='2026-11-28T10:00:00Z'/><message xmlns='jabber:client' type='chat' from='anna@example.com/phone' "
                     "to='user@example.com' id='" + id + "x'><body>" + body + "</body></message></forwarded></result></message>");
    };
    result("A2", "mentre eri via 1");
    result("A3", "mentre eri via 2");
    result("A4", "dopo (dal vivo)");  // already shown live: not twice
    v.server.say("<iq xmlns='jabber:client' type='result' id='" + iq + "'><fin xmlns='urn:xmpp:mam:2' complete='true'>"
                 "<set xmlns='http://jabber.org/protocol/rsm'><first>A2</first><last>A4</last></set></fin></iq>");
    v.app.refresh();
    const app::Conversation* c = v.app.chats().find(jid("anna@example.com"));
    REQUIRE(c);
    std::vector<std::string> bodies;
    for (const ChatMessage& m : c->messages) bodies.push_back(m.body);
    CHECK(bodies == std::vector<std::string>{"prima", "mentre eri via 1", "mentre eri via 2", "dopo (dal vivo)"});
}

TEST_CASE("an archive that cannot answer the catch-up leaves a line saying messages may be missing") {
    app::test::FakePlatform p;
    Visit v{p};
    v.log_in(false);
    v.receive("anna@example.com/phone", "prima", "A1");
    v.app.account().on_ws_closed();
    v.app.refresh();
    v.server.come_back();
    v.app.refresh();
    auto [iq, queryid] = v.last_query();
    REQUIRE_FALSE(iq.empty());
    v.server.say("<iq xmlns='jabber:client' type='error' id='" + iq + "'><error type='cancel'><service-unavailable "
                 "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    v.app.refresh();
    const app::Conversation* c = v.app.chats().find(jid("anna@example.com"));
    REQUIRE(c);
    REQUIRE(c->messages.size() == 2);
    CHECK(c->messages[1].kind == ChatMessage::Kind::Notice);
    CHECK(c->messages[1].body.find("may be missing") != std::string::npos);
}
