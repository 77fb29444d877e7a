// XEP-0184 delivery receipts and XEP-0333 chat markers: which requests are answered (contacts
// who may see our presence, live one-to-one messages), what is reported, carbons of markers,
// send_displayed, and through a whole Client, that receipts never show as messages.
// [SECTION] Harness  [SECTION] Answering requests  [SECTION] Reporting  [SECTION] Carbons
// [SECTION] Sending  [SECTION] Through the client
#include "xmpp/receipts.h"

#include "xmpp/carbons.h"
#include "xmpp/chat.h"
#include "xmpp/client.h"
#include "xmpp/roster.h"

#include "fake_session.h"
#include "logged_in_client.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace xmpp;
using xmpp::test::deliver;
using xmpp::test::jid;

namespace {

// [SECTION] Harness

std::string describe(const Event& e) {
    if (const auto* d = std::get_if<MessageDelivered>(&e)) return "delivered " + d->from.full() + " " + d->id;
    if (const auto* d = std::get_if<MessageDisplayed>(&e)) return "displayed " + d->from.full() + " " + d->id;
    if (const auto* r = std::get_if<ChatRead>(&e)) return "read " + r->peer.full() + " " + r->id;
    if (const auto* m = std::get_if<MessageReceived>(&e)) return "message " + m->message.from.full() + ": " + m->message.body;
    if (std::get_if<MessageCarbonSent>(&e)) return "carbon-sent";
    return "?";
}

std::string describe_all(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events)
        if (!std::holds_alternative<RosterChanged>(e) && !std::holds_alternative<StateChanged>(e))
            out += (out.empty() ? "" : "; ") + describe(e);
    return out;
}

RosterItem contact(const char* bare, Subscription s) { return RosterItem{jid(bare), "", {}, s, false, false}; }

// <message from to=juliet/balcony [type] [id]>inner</message>
std::string message(std::string_view from, std::string_view type, std::string_view inner, std::string_view id = "m1") {
    std::string out = "<message xmlns='jabber:client' to='juliet@example.com/balcony'";
    if (!from.empty()) out += " from='" + std::string(from) + "'";
    if (!type.empty()) out += " type='" + std::string(type) + "'";
    if (!id.empty()) out += " id='" + std::string(id) + "'";
    return out + ">" + std::string(inner) + "</message>";
}

constexpr const char* kAsk = "<body>Wherefore art thou?</body><request xmlns='urn:xmpp:receipts'/>";

struct Fixture {
    test::FakeSession session;  // juliet@example.com/balcony; ids id1, id2, ...
    Roster roster{session};
    Receipts receipts{session, roster};

    Fixture() {
        roster.restore("", {contact("romeo@example.net", Subscription::Both), contact("nurse@example.com", Subscription::From),
                            contact("tybalt@example.net", Subscription::To), contact("paris@example.net", Subscription::None)});
        session.take_events();
    }
    std::string events() { return describe_all(session.take_events()); }
};

std::string receipt(std::string_view to, std::string_view type, std::string_view id, std::string_view own_id = "id1") {
    return "<message to='" + std::string(to) + "' type='" + std::string(type) + "' id='" + std::string(own_id) +
           "'><received xmlns='urn:xmpp:receipts' id='" + std::string(id) + "'/><store xmlns='urn:xmpp:hints'/></message>";
}

}  // namespace

// [SECTION] Answering requests

TEST_CASE("request: answered for contacts who may see our presence, to the sender's full JID; the message is left for Chat") {
    Fixture f;
    // Subscription both, type chat: the same type back, a new id, a store hint (XEP-0334).
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat", kAsk)));
    test::expect_sent(f.session, {receipt("romeo@example.net/orchard", "chat", "m1").c_str()});
    // Subscription from, no type (normal); an unknown type reads as normal (RFC 6121 §5.2.2).
    CHECK_FALSE(deliver(f.receipts, message("nurse@example.com/kitchen", "", kAsk, "m2")));
    CHECK_FALSE(deliver(f.receipts, message("nurse@example.com/kitchen", "weird", kAsk, "m3")));
    test::expect_sent(f.session, {receipt("nurse@example.com/kitchen", "normal", "m2", "id2").c_str(),
                                  receipt("nurse@example.com/kitchen", "normal", "m3", "id3").c_str()});
    // Kept offline by the server (a delay stamp): its first delivery to a client, answered.
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat",
                                            std::string(kAsk) + "<delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/>", "m4")));
    test::expect_sent(f.session, {receipt("romeo@example.net/orchard", "chat", "m4", "id4").c_str()});
    // An id of exactly kMaxMarkIdBytes is echoed.
    const std::string longest(kMaxMarkIdBytes, 'x');
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat", kAsk, longest)));
    test::expect_sent(f.session, {receipt("romeo@example.net/orchard", "chat", longest, "id5").c_str()});
    CHECK(f.events().empty());
}

TEST_CASE("request: never answered for senders who may not see our presence (§8)") {
    Fixture f;
    for (const char* from : {"tybalt@example.net/street",  // subscription to: we see theirs, not they ours
                             "paris@example.net/church",   // none
                             "rosaline@example.org/home",  // not in the roster
                             "example.net"}) {
        CAPTURE(from);
        CHECK_FALSE(deliver(f.receipts, message(from, "chat", kAsk)));
    }
    CHECK(f.session.take_sent().empty());
    CHECK(f.events().empty());
}

TEST_CASE("request: not answered for group chat, errors, headlines, ourselves, acks, or without id or body") {
    Fixture f;
    const std::string too_long(kMaxMarkIdBytes + 1, 'x');
    struct Row {
        const char* name;
        std::string xml;
        bool taken;
    };
    const std::vector<Row> rows = {
        {"group chat", message("romeo@example.net/orchard", "groupchat", kAsk), false},
        {"error", message("romeo@example.net", "error", kAsk), false},
        {"headline", message("romeo@example.net", "headline", kAsk), false},
        {"another of our resources", message("juliet@example.com/phone", "chat", kAsk), false},
        {"our account (no from)", message("", "chat", kAsk), false},
        {"no id", message("romeo@example.net/orchard", "chat", kAsk, ""), false},
        {"an id over the cap", message("romeo@example.net/orchard", "chat", kAsk, too_long), false},
        // §5.4: an ack message never gets one back (its receipt is reported).
        {"an ack asking for an ack",
         message("romeo@example.net/orchard", "chat", std::string(kAsk) + "<received xmlns='urn:xmpp:receipts' id='x'/>"), false},
        {"no body", message("romeo@example.net/orchard", "chat", "<request xmlns='urn:xmpp:receipts'/>"), true},
        {"an empty body", message("romeo@example.net/orchard", "chat", "<body/><request xmlns='urn:xmpp:receipts'/>"), true},
        {"a body in another namespace",
         message("romeo@example.net/orchard", "chat", "<body xmlns='urn:example'>x</body><request xmlns='urn:xmpp:receipts'/>"),
         true},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(deliver(f.receipts, row.xml) == row.taken);
        CHECK(f.session.take_sent().empty());
    }
    CHECK(f.events() == "delivered romeo@example.net/orchard x");
}

// [SECTION] Reporting

TEST_CASE("receipts and markers are reported as the sender said them; receipt-only messages are taken") {
    Fixture f;
    CHECK(deliver(f.receipts, message("romeo@example.net/orchard", "chat", "<received xmlns='urn:xmpp:receipts' id='a1'/>", "r1")));
    CHECK(deliver(f.receipts, message("romeo@example.net/orchard", "chat", "<received xmlns='urn:xmpp:chat-markers:0' id='a2'/>")));
    CHECK(deliver(f.receipts, message("romeo@example.net", "chat", "<displayed xmlns='urn:xmpp:chat-markers:0' id='a3'/>")));
    CHECK(deliver(f.receipts, message("romeo@example.net/orchard", "", "<acknowledged xmlns='urn:xmpp:chat-markers:0' id='a4'/>")));
    // Not only contacts: the app matches the id in that peer's chat.
    CHECK(deliver(f.receipts, message("rosaline@example.org/home", "chat",
                                      "<received xmlns='urn:xmpp:receipts' id='a5'/><displayed xmlns='urn:xmpp:chat-markers:0' id='a6'/>")));
    CHECK(f.events() == "delivered romeo@example.net/orchard a1; delivered romeo@example.net/orchard a2; "
                        "displayed romeo@example.net a3; displayed romeo@example.net/orchard a4; "
                        "delivered rosaline@example.org/home a5; displayed rosaline@example.org/home a6");
    // A marker beside a body: reported, and the message is left for Chat.
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat",
                                            "<body>and this</body><displayed xmlns='urn:xmpp:chat-markers:0' id='a7'/>")));
    CHECK(f.events() == "displayed romeo@example.net/orchard a7");
    CHECK(f.session.take_sent().empty());  // §5.4 / XEP-0333: nothing marks a mark
}

TEST_CASE("malformed or misplaced receipts and markers are ignored") {
    Fixture f;
    const std::string too_long(kMaxMarkIdBytes + 1, 'x');
    for (const std::string& inner : {std::string("<received xmlns='urn:xmpp:receipts'/>"),  // pre-1.1: no id
                                     std::string("<received xmlns='urn:xmpp:receipts' id=''/>"),
                                     "<received xmlns='urn:xmpp:receipts' id='" + too_long + "'/>",
                                     "<displayed xmlns='urn:xmpp:chat-markers:0' id='" + too_long + "'/>",
                                     std::string("<displayed xmlns='urn:xmpp:chat-markers:0'/>"),
                                     std::string("<markable xmlns='urn:xmpp:chat-markers:0'/>"),
                                     std::string("<displayed xmlns='urn:xmpp:receipts' id='b1'/>")}) {  // no such element
        CAPTURE(inner);
        CHECK(deliver(f.receipts, message("romeo@example.net/orchard", "chat", inner)));  // taken: nothing to show
    }
    // Other namespaces are someone else's (chat states, say).
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat", "<received xmlns='urn:example' id='b2'/>")));
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "chat", "<active xmlns='http://jabber.org/protocol/chatstates'/>")));
    // Not a one-to-one peer's: errors (Chat's), group chat (Muc's), our own account.
    const char* marker = "<displayed xmlns='urn:xmpp:chat-markers:0' id='b3'/>";
    CHECK_FALSE(deliver(f.receipts, message("romeo@example.net/orchard", "error", marker)));
    CHECK_FALSE(deliver(f.receipts, message("coven@chat.example.com/witch", "groupchat", marker)));
    CHECK_FALSE(deliver(f.receipts, message("juliet@example.com/phone", "chat", marker)));
    CHECK_FALSE(deliver(f.receipts, message("", "chat", marker)));
    CHECK_FALSE(deliver(f.receipts, "<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>"));
    CHECK(f.events().empty());
}

// [SECTION] Carbons

namespace {

struct CarbonFixture {
    test::FakeSession session;  // juliet@example.com/balcony
    Carbons carbons{session, [](std::string_view) { return true; }};
    std::string events() { return describe_all(session.take_events()); }
};

std::string carbon(std::string_view wrapper, std::string_view inner, std::string_view outer_from = "juliet@example.com") {
    return "<message xmlns='jabber:client' to='juliet@example.com/balcony' from='" + std::string(outer_from) + "'><" +
           std::string(wrapper) + " xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" + std::string(inner) +
           "</forwarded></" + std::string(wrapper) + "></message>";
}

constexpr const char* kOurDisplayed =
    "<message xmlns='jabber:client' from='juliet@example.com/phone' to='romeo@example.net' type='chat' id='d1'>"
    "<displayed xmlns='urn:xmpp:chat-markers:0' id='m7'/><store xmlns='urn:xmpp:hints'/></message>";

}  // namespace

TEST_CASE("carbons: our other device's displayed marker is ChatRead; a spoofed one is dropped") {
    CarbonFixture f;
    REQUIRE(deliver(f.carbons, carbon("sent", kOurDisplayed)));
    CHECK(f.events() == "read romeo@example.net m7");
    // XEP-0280 §11: only our own bare JID sends copies; a contact or another resource cannot.
    for (const char* from : {"romeo@example.net/orchard", "romeo@example.net", "juliet@example.com/phone", "example.com"}) {
        CAPTURE(from);
        CHECK(deliver(f.carbons, carbon("sent", kOurDisplayed, from)));
    }
    CHECK(f.events().empty());
    // Not read elsewhere: a received marker, our own marker from this resource, one to nobody.
    CHECK(deliver(f.carbons, carbon("sent", "<message xmlns='jabber:client' from='juliet@example.com/phone' to='romeo@example.net' "
                                            "type='chat'><received xmlns='urn:xmpp:chat-markers:0' id='m8'/></message>")));
    CHECK(deliver(f.carbons, carbon("sent", "<message xmlns='jabber:client' from='juliet@example.com/balcony' to='romeo@example.net' "
                                            "type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='m9'/></message>")));
    CHECK(deliver(f.carbons, carbon("sent", "<message xmlns='jabber:client' from='juliet@example.com/phone' type='chat'>"
                                            "<displayed xmlns='urn:xmpp:chat-markers:0' id='m10'/></message>")));
    CHECK(f.events().empty());
}

TEST_CASE("carbons: a peer's receipt or marker our other device received is reported") {
    CarbonFixture f;
    REQUIRE(deliver(f.carbons, carbon("received", "<message xmlns='jabber:client' from='romeo@example.net/orchard' "
                                                  "to='juliet@example.com/phone' type='chat'><received xmlns='urn:xmpp:receipts' "
                                                  "id='s1'/><displayed xmlns='urn:xmpp:chat-markers:0' id='s2'/></message>")));
    CHECK(f.events() == "delivered romeo@example.net/orchard s1; displayed romeo@example.net/orchard s2");
    // Spoofed by the peer itself: dropped.
    CHECK(deliver(f.carbons, carbon("received", "<message xmlns='jabber:client' from='romeo@example.net/orchard' "
                                                "to='juliet@example.com/phone' type='chat'><displayed "
                                                "xmlns='urn:xmpp:chat-markers:0' id='s3'/></message>",
                                    "romeo@example.net/orchard")));
    CHECK(f.events().empty());
}

// [SECTION] Sending

TEST_CASE("send_displayed: only to contacts who may see our presence, with a usable id, once per id") {
    Fixture f;
    CHECK(f.receipts.send_displayed(jid("romeo@example.net/orchard"), "m1"));
    test::expect_sent(f.session, {"<message to='romeo@example.net/orchard' type='chat' id='id1'>"
                                  "<displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/><store xmlns='urn:xmpp:hints'/></message>"});
    CHECK(f.receipts.send_displayed(jid("romeo@example.net"), "m1"));  // already said for this peer
    CHECK(f.session.take_sent().empty());
    CHECK(f.receipts.send_displayed(jid("nurse@example.com"), "n1"));  // subscription from, bare JID
    test::expect_sent(f.session, {"<message to='nurse@example.com' type='chat' id='id2'>"
                                  "<displayed xmlns='urn:xmpp:chat-markers:0' id='n1'/><store xmlns='urn:xmpp:hints'/></message>"});

    // §security: never to whom may not see our presence; never an id we cannot echo.
    CHECK_FALSE(f.receipts.send_displayed(jid("tybalt@example.net/street"), "t1"));
    CHECK_FALSE(f.receipts.send_displayed(jid("paris@example.net"), "p1"));
    CHECK_FALSE(f.receipts.send_displayed(jid("rosaline@example.org/home"), "r1"));
    CHECK_FALSE(f.receipts.send_displayed(jid("juliet@example.com/phone"), "j1"));
    CHECK_FALSE(f.receipts.send_displayed(jid("romeo@example.net"), ""));
    CHECK_FALSE(f.receipts.send_displayed(jid("romeo@example.net"), std::string(kMaxMarkIdBytes + 1, 'x')));
    CHECK_FALSE(f.receipts.send_displayed(jid("romeo@example.net"), std::string("a\x01" "b")));
    CHECK_FALSE(f.receipts.send_displayed(Jid{}, "m2"));
    CHECK(f.session.take_sent().empty());

    // A later message; and after the stream closed the same id may be said again.
    CHECK(f.receipts.send_displayed(jid("romeo@example.net"), "m2"));
    f.receipts.on_closed();
    CHECK(f.receipts.send_displayed(jid("romeo@example.net"), "m2"));
    CHECK(f.session.take_sent().size() == 2);
}

TEST_CASE("Chat: chat messages with a body ask for a receipt and are markable; resend keeps both") {
    test::FakeSession session;
    Chat chat{session};
    chat.send_message(jid("romeo@example.net"), "Hi");
    chat.send_message(jid("romeo@example.net"), "news", "normal");
    chat.send_message(jid("romeo@example.net"), "");
    test::expect_sent(session, {"<message type='chat' to='romeo@example.net' id='id1'><body>Hi</body>"
                                "<origin-id xmlns='urn:xmpp:sid:0' id='id1'/><request xmlns='urn:xmpp:receipts'/>"
                                "<markable xmlns='urn:xmpp:chat-markers:0'/></message>",
                                "<message type='normal' to='romeo@example.net' id='id2'><body>news</body>"
                                "<origin-id xmlns='urn:xmpp:sid:0' id='id2'/></message>",
                                "<message type='chat' to='romeo@example.net' id='id3'><body/>"
                                "<origin-id xmlns='urn:xmpp:sid:0' id='id3'/></message>"});
    Message m;
    m.id = m.origin_id = "w1";
    m.type = "chat";
    m.to = jid("romeo@example.net");
    m.body = "written offline";
    chat.resend(m, 0);
    test::expect_sent(session, {"<message type='chat' to='romeo@example.net' id='w1'><body>written offline</body>"
                                "<origin-id xmlns='urn:xmpp:sid:0' id='w1'/><request xmlns='urn:xmpp:receipts'/>"
                                "<markable xmlns='urn:xmpp:chat-markers:0'/></message>"});
}

TEST_CASE("Chat: a received message says whether the sender asked for markers") {
    test::FakeSession session;
    Chat chat{session};
    REQUIRE(deliver(chat, message("romeo@example.net/orchard", "chat", "<body>a</body><markable xmlns='urn:xmpp:chat-markers:0'/>")));
    REQUIRE(deliver(chat, message("romeo@example.net/orchard", "chat", "<body>b</body><markable xmlns='urn:example'/>")));
    const auto got = session.events_of<MessageReceived>();
    REQUIRE(got.size() == 2);
    CHECK(got[0].message.markable);
    CHECK_FALSE(got[1].message.markable);
}

// [SECTION] Through the client

TEST_CASE("client: a request is answered and the message shown; receipts and markers never show as messages") {
    test::LoggedInClient c;  // user@example.com/r1
    c.server("<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster'>"
             "<item jid='romeo@example.net' subscription='both'/></query></iq>");
    c.drain();
    const std::vector<std::string> features = c.client->disco_features();
    CHECK(std::count(features.begin(), features.end(), "urn:xmpp:receipts") == 1);
    CHECK(std::count(features.begin(), features.end(), "urn:xmpp:chat-markers:0") == 1);

    c.server("<message xmlns='jabber:client' from='romeo@example.net/orchard' to='user@example.com/r1' type='chat' id='m1'>"
             "<body>hello</body><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/></message>");
    std::vector<std::string> out = c.client->take_outgoing();
    REQUIRE(out.size() == 1);
    CHECK_XML(out[0], "<message xmlns='jabber:client' to='romeo@example.net/orchard' type='chat' id='id4'>"
                      "<received xmlns='urn:xmpp:receipts' id='m1'/><store xmlns='urn:xmpp:hints'/></message>");
    std::vector<Event> events = c.events_shown();
    CHECK(describe_all(events) == "message romeo@example.net/orchard: hello");
    REQUIRE(events.size() == 1);
    CHECK(std::get<MessageReceived>(events[0]).message.markable);

    c.server("<message xmlns='jabber:client' from='romeo@example.net/orchard' to='user@example.com/r1' type='chat' id='r1'>"
             "<received xmlns='urn:xmpp:receipts' id='id9'/></message>");
    c.server("<message xmlns='jabber:client' from='romeo@example.net/orchard' to='user@example.com/r1' type='chat' id='r2'>"
             "<displayed xmlns='urn:xmpp:chat-markers:0' id='id9'/></message>");
    c.server("<message xmlns='jabber:client' from='romeo@example.net/orchard' to='user@example.com/r1' type='chat' id='r3'>"
             "<received xmlns='urn:xmpp:receipts'/></message>");
    CHECK(describe_all(c.events_shown()) == "delivered romeo@example.net/orchard id9; displayed romeo@example.net/orchard id9");
    CHECK(c.client->take_outgoing().empty());  // no errors, no receipts for receipts

    // A stranger's request: shown, not answered.
    c.server("<message xmlns='jabber:client' from='rosaline@example.org/home' to='user@example.com/r1' type='chat' id='m2'>"
             "<body>who?</body><request xmlns='urn:xmpp:receipts'/></message>");
    CHECK(c.client->take_outgoing().empty());
    CHECK(describe_all(c.events_shown()) == "message rosaline@example.org/home: who?");
}
