// XEP-0280 Message Carbons: enabling once the server offers them, unwrapping copies from our
// own bare JID only (§11, CVE-2017-5589), and through a whole Client, that copies reach
// neither Chat nor Muc as messages from their wrapper.
// [SECTION] Harness  [SECTION] Enabling  [SECTION] Copies  [SECTION] Spoofing and ignored copies
// [SECTION] Through the client
#include "xmpp/carbons.h"

#include "xmpp/chat.h"
#include "xmpp/client.h"

#include "fake_session.h"
#include "logged_in_client.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

using namespace xmpp;
using xmpp::test::deliver;
using xmpp::test::jid;

namespace {

// [SECTION] Harness

std::string describe(const Event& e) {
    auto line = [](const char* kind, const Message& m) {
        return std::string(kind) + " " + m.type + " " + m.from.full() + " -> " + m.to.full() + ": " + m.body +
               (m.id.empty() ? "" : " id=" + m.id) + (m.origin_id.empty() ? "" : " origin=" + m.origin_id) +
               (m.thread.empty() ? "" : " thread=" + m.thread);
    };
    if (const auto* r = std::get_if<MessageReceived>(&e)) return line("received", r->message);
    if (const auto* s = std::get_if<MessageCarbonSent>(&e)) return line("carbon-sent", s->message);
    if (const auto* r = std::get_if<RoomMessage>(&e)) return "groupchat " + r->nick + ": " + r->message.body;
    if (const auto* p = std::get_if<RoomPrivateMessage>(&e)) return "private " + p->nick + ": " + p->message.body;
    if (std::get_if<StateChanged>(&e)) return "state";
    return "?";
}

std::string describe_all(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) out += (out.empty() ? "" : "; ") + describe(e);
    return out;
}

// <message from=outer to=juliet/balcony><wrapper xmlns=carbons><forwarded><message .../></forwarded></wrapper></message>
std::string carbon(std::string_view wrapper, std::string_view inner, std::string_view outer_from = "juliet@example.com",
                   std::string_view outer_type = "chat") {
    std::string out = "<message xmlns='jabber:client' to='juliet@example.com/balcony' type='" + std::string(outer_type) + "'";
    if (!outer_from.empty()) out += " from='" + std::string(outer_from) + "'";
    return out + "><" + std::string(wrapper) + " xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" +
           std::string(inner) + "</forwarded></" + std::string(wrapper) + "></message>";
}

constexpr const char* kFromRomeo =
    "<message xmlns='jabber:client' from='romeo@example.net/orchard' to='juliet@example.com/chamber' type='chat' id='m1'>"
    "<body>Wherefore art thou?</body><thread>t1</thread><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>";
constexpr const char* kToRomeo =
    "<message xmlns='jabber:client' from='juliet@example.com/chamber' to='romeo@example.net' type='chat' id='m2'>"
    "<body>Here</body><origin-id xmlns='urn:xmpp:sid:0' id='m2'/></message>";

struct Fixture {
    test::FakeSession session;  // juliet@example.com/balcony; ids id1, id2, ...
    std::set<std::string> features;
    Carbons carbons{session, [this](std::string_view f) { return features.count(std::string(f)) > 0; }};

    std::string events() { return describe_all(session.take_events()); }
    // Delivers a stanza the module must take (copies and spoofs alike).
    void take(const std::string& xml) { CHECK_MESSAGE(deliver(carbons, xml), xml); }
};

}  // namespace

// [SECTION] Enabling

TEST_CASE("enable: at session ready when the server's features already list carbons (§4)") {
    Fixture f;
    f.features = {"urn:xmpp:carbons:2"};
    f.carbons.on_session_ready();
    test::expect_sent(f.session, {"<iq type='set' id='id1'><enable xmlns='urn:xmpp:carbons:2'/></iq>"});
    CHECK_FALSE(f.carbons.enabled());
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1' from='juliet@example.com'/>"));
    CHECK(f.carbons.enabled());
    // The features arriving again do not enable twice.
    f.carbons.on_server_features();
    CHECK(f.session.take_sent().empty());
    CHECK(f.events().empty());
}

TEST_CASE("enable: when the features arrive after session ready; never without the feature") {
    Fixture f;
    f.carbons.on_session_ready();
    CHECK(f.session.take_sent().empty());
    f.features = {"urn:xmpp:ping"};
    f.carbons.on_server_features();
    CHECK(f.session.take_sent().empty());
    f.features.insert("urn:xmpp:carbons:2");
    f.carbons.on_server_features();
    test::expect_sent(f.session, {"<iq type='set' id='id1'><enable xmlns='urn:xmpp:carbons:2'/></iq>"});
    f.carbons.on_server_features();
    CHECK(f.session.take_sent().empty());  // asked once per session
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1'/>"));
    CHECK(f.carbons.enabled());

    // A new session asks again (and is not enabled until the server says so).
    f.carbons.on_closed();
    CHECK_FALSE(f.carbons.enabled());
    f.carbons.on_session_ready();
    test::expect_sent(f.session, {"<iq type='set' id='id2'><enable xmlns='urn:xmpp:carbons:2'/></iq>"});
    CHECK_FALSE(f.carbons.enabled());
}

TEST_CASE("enable: a refusal leaves carbons off; an answer from an older session is ignored") {
    Fixture f;
    f.features = {"urn:xmpp:carbons:2"};
    f.carbons.on_session_ready();
    REQUIRE(f.session.answer("id1", "<iq type='error' id='id1'><error type='cancel'>"
                                    "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    CHECK_FALSE(f.carbons.enabled());

    f.carbons.on_closed();
    f.carbons.on_session_ready();  // id2 for the new session
    f.session.take_sent();
    f.carbons.on_closed();
    REQUIRE(f.session.answer("id2", "<iq type='result' id='id2'/>"));  // late: the session is gone
    CHECK_FALSE(f.carbons.enabled());
}

// [SECTION] Copies

TEST_CASE("received copy from our bare JID: a MessageReceived as if it had come to us (§7)") {
    Fixture f;
    f.take(carbon("received", kFromRomeo));
    CHECK(f.events() == "received chat romeo@example.net/orchard -> juliet@example.com/chamber: Wherefore art thou? "
                        "id=m1 origin=o1 thread=t1");
    // RFC 6120 §8.1.2.1: no 'from' is our account, the same as our bare JID.
    f.take(carbon("received", kFromRomeo, ""));
    CHECK(f.events() == "received chat romeo@example.net/orchard -> juliet@example.com/chamber: Wherefore art thou? "
                        "id=m1 origin=o1 thread=t1");
    // A normal message with a body is eligible too (§6); an unknown type reads as normal.
    f.take(carbon("received", "<message xmlns='jabber:client' from='romeo@example.net' to='juliet@example.com'>"
                              "<body>no type</body></message>"));
    f.take(carbon("received", "<message xmlns='jabber:client' from='romeo@example.net' to='juliet@example.com' "
                              "type='weird'><body>odd type</body></message>"));
    CHECK(f.events() == "received normal romeo@example.net -> juliet@example.com: no type; "
                        "received normal romeo@example.net -> juliet@example.com: odd type");
}

TEST_CASE("sent copy from our bare JID: MessageCarbonSent to the peer (§8)") {
    Fixture f;
    f.take(carbon("sent", kToRomeo));
    CHECK(f.events() == "carbon-sent chat juliet@example.com/chamber -> romeo@example.net: Here id=m2 origin=m2");
    // No 'from' on the forwarded message: our account.
    f.take(carbon("sent", "<message xmlns='jabber:client' to='romeo@example.net/orchard' type='chat' id='m3'>"
                          "<body>Hi</body></message>"));
    CHECK(f.events() == "carbon-sent chat juliet@example.com -> romeo@example.net/orchard: Hi id=m3");
}

TEST_CASE("copies: the body is capped at kMaxBodyBytes; <private/> messages are Chat's") {
    Fixture f;
    const std::string big(kMaxBodyBytes + 100, 'a');
    f.take(carbon("received", "<message xmlns='jabber:client' from='romeo@example.net' type='chat'><body>" + big +
                                  "</body></message>"));
    const auto got = f.session.events_of<MessageReceived>();
    REQUIRE(got.size() == 1);
    CHECK(got[0].message.body.size() == kMaxBodyBytes);
    CHECK(got[0].message.to == jid("juliet@example.com"));  // no 'to': our account
    f.session.take_events();

    // XEP-0280 §9: <private/> changes nothing on receipt; a plain message is not ours.
    CHECK_FALSE(deliver(f.carbons, "<message xmlns='jabber:client' from='romeo@example.net/orchard' type='chat'>"
                                   "<body>secret</body><private xmlns='urn:xmpp:carbons:2'/></message>"));
    CHECK_FALSE(deliver(f.carbons, kFromRomeo));
    CHECK_FALSE(deliver(f.carbons, "<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>"));
    CHECK(f.events().empty());
}

// [SECTION] Spoofing and ignored copies

TEST_CASE("spoofed copies (not from our bare JID) are taken and dropped (§11, CVE-2017-5589)") {
    Fixture f;
    for (const char* from : {"romeo@example.net", "romeo@example.net/orchard",
                             "juliet@example.com/phone",    // another of our resources: not the server
                             "juliet@example.com/balcony",  // ourselves, full JID
                             "example.com", "juliet@example.org"}) {
        CAPTURE(from);
        f.take(carbon("received", kFromRomeo, from));
        f.take(carbon("sent", kToRomeo, from));
        // Even with a body of its own, the wrapper is not shown as a message from its sender.
        f.take("<message xmlns='jabber:client' from='" + std::string(from) + "' type='chat'><body>look</body>"
               "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" + kFromRomeo +
               "</forwarded></received></message>");
    }
    CHECK(f.events().empty());
}

TEST_CASE("ignored copies: group chat, no body, room private messages, errors, broken wrappers") {
    Fixture f;
    const char* ignored[] = {
        // §6: group chat is the room's (Muc shows the room's echo), also as a sent copy.
        "<message xmlns='jabber:client' from='coven@chat.example.com/firstwitch' to='juliet@example.com/chamber' "
        "type='groupchat'><body>room</body></message>",
        // Chat states and other body-less messages.
        "<message xmlns='jabber:client' from='romeo@example.net/orchard' to='juliet@example.com' type='chat'>"
        "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>",
        // XEP-0045 §7.5: a room occupant's private message is not a contact's.
        "<message xmlns='jabber:client' from='coven@chat.example.com/firstwitch' to='juliet@example.com/chamber' "
        "type='chat'><body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>",
        "<message xmlns='jabber:client' from='romeo@example.net' type='error'><body>bounced</body></message>",
        "<message xmlns='jabber:client' from='news.example.net' type='headline'><body>news</body></message>",
        // The forwarded message must be qualified by jabber:client (XEP-0297).
        "<message from='romeo@example.net/orchard' type='chat'><body>no namespace</body></message>",
        "<message xmlns='urn:example' from='romeo@example.net/orchard' type='chat'><body>other namespace</body></message>",
        // Invalid addresses: dropped, never half-trusted.
        "<message xmlns='jabber:client' from='@bad' type='chat'><body>bad from</body></message>",
        // Nothing forwarded at all.
        "",
    };
    for (const char* inner : ignored) {
        CAPTURE(inner);
        f.take(carbon("received", inner));
        f.take(carbon("sent", inner));
        f.take(carbon("received", inner, "juliet@example.com", "groupchat"));
    }
    // A <received/> without <forwarded/>.
    f.take("<message xmlns='jabber:client' from='juliet@example.com'><received xmlns='urn:xmpp:carbons:2'>" +
           std::string(kFromRomeo) + "</received></message>");
    CHECK(f.events().empty());
}

TEST_CASE("copies that do not fit their direction are dropped") {
    Fixture f;
    // A "sent" copy must be from our account and to someone.
    f.take(carbon("sent", "<message xmlns='jabber:client' from='romeo@example.net/orchard' to='juliet@example.com' "
                          "type='chat'><body>not ours</body></message>"));
    f.take(carbon("sent", "<message xmlns='jabber:client' from='juliet@example.com/chamber' type='chat'>"
                          "<body>to nobody</body></message>"));
    // Our own message from this very resource: MessageSent already said it.
    f.take(carbon("sent", "<message xmlns='jabber:client' from='juliet@example.com/balcony' to='romeo@example.net' "
                          "type='chat'><body>echo</body></message>"));
    // A "received" copy must be to our account.
    f.take(carbon("received", "<message xmlns='jabber:client' from='romeo@example.net/orchard' "
                              "to='rosaline@example.net' type='chat'><body>not to us</body></message>"));
    CHECK(f.events().empty());
}

// [SECTION] Through the client

namespace {

// A client logged in as user@example.com/r1; the roster (id2) and the server's disco#info
// (id3) are left for the test to answer.
struct ClientFixture : test::LoggedInClient {
    std::string events() { return describe_all(events_shown()); }
};

std::string client_carbon(std::string_view wrapper, std::string_view inner, std::string_view from = "user@example.com") {
    return "<message xmlns='jabber:client' from='" + std::string(from) + "' to='user@example.com/r1' type='chat'><" +
           std::string(wrapper) + " xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" +
           std::string(inner) + "</forwarded></" + std::string(wrapper) + "></message>";
}

}  // namespace

TEST_CASE("client: carbons enabled from disco#info; copies unwrapped once, spoofs shown nowhere") {
    ClientFixture c;
    CHECK_FALSE(c.client->get<Carbons>().enabled());
    c.server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
             "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:carbons:2'/></query></iq>");
    std::vector<std::string> out = c.client->take_outgoing();
    REQUIRE(out.size() == 1);
    CHECK_XML(out[0], "<iq xmlns='jabber:client' type='set' id='id4'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
    c.server("<iq xmlns='jabber:client' type='result' id='id4' from='user@example.com'/>");
    CHECK(c.client->get<Carbons>().enabled());

    const char* from_romeo = "<message xmlns='jabber:client' from='romeo@example.net/orchard' to='user@example.com/phone' "
                             "type='chat' id='a'><body>hello</body></message>";
    const char* to_romeo = "<message xmlns='jabber:client' from='user@example.com/phone' to='romeo@example.net' "
                           "type='chat' id='b'><body>hi back</body></message>";
    c.server(client_carbon("received", from_romeo));
    c.server(client_carbon("sent", to_romeo));
    // Spoofed by a contact, by another of our resources, and a room's group chat copy.
    c.server(client_carbon("received", from_romeo, "romeo@example.net/orchard"));
    c.server(client_carbon("sent", to_romeo, "user@example.com/phone"));
    c.server(client_carbon("received", "<message xmlns='jabber:client' from='coven@chat.example.com/witch' "
                                       "type='groupchat'><body>room</body></message>"));
    // A live message still reaches Chat.
    c.server("<message xmlns='jabber:client' from='romeo@example.net/orchard' type='chat'><body>live</body></message>");
    CHECK(c.events() == "received chat romeo@example.net/orchard -> user@example.com/phone: hello id=a; "
                        "carbon-sent chat user@example.com/phone -> romeo@example.net: hi back id=b; "
                        "received chat romeo@example.net/orchard -> user@example.com/r1: live");
    CHECK(c.client->take_outgoing().empty());  // nothing answered with an error

    // The stream closing turns them off until the next session enables them again.
    c.client->on_closed(0);
    CHECK_FALSE(c.client->get<Carbons>().enabled());
}
