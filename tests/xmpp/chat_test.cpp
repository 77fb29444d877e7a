// RFC 6121 §5: one-to-one messages, with XEP-0359 origin-id.
#include "xmpp/chat.h"

#include "fake_session.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;
using xmpp::test::deliver;

using xmpp::test::jid;

namespace {

struct Fixture {
    test::FakeSession session;  // own JID juliet@example.com/balcony, ids id1, id2, ...
    Chat chat{session};

    std::string only_sent() {
        const std::vector<std::string> sent = session.take_sent();
        REQUIRE_MESSAGE(sent.size() == 1, "expected one frame, got " << sent.size());
        return sent.front();
    }
    std::vector<Message> received() {
        std::vector<Message> out;
        for (const MessageReceived& m : session.events_of<MessageReceived>()) out.push_back(m.message);
        session.take_events();
        return out;
    }
};

// The text of <body/> in one line of XML we sent.
std::string body_of(const std::string& xml) {
    const FrameResult f = parse_frame(xml);
    REQUIRE_MESSAGE(f.ok(), f.message);
    return std::string(child_text(f.frame.root(), "body"));
}

}  // namespace

TEST_CASE("send_message: id, origin-id and the MessageSent event") {
    Fixture f;
    const Message m = f.chat.send_message(jid("romeo@example.net"), "Wherefore art thou?");
    CHECK_XML(f.only_sent(), "<message type='chat' to='romeo@example.net' id='id1'>"
                             "<body>Wherefore art thou?</body><origin-id xmlns='urn:xmpp:sid:0' id='id1'/>"
                             "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/></message>");
    CHECK(m.id == "id1");
    CHECK(m.origin_id == "id1");
    CHECK(m.type == "chat");
    CHECK(m.to == jid("romeo@example.net"));
    CHECK(m.from == jid("juliet@example.com/balcony"));
    const auto sent = f.session.events_of<MessageSent>();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].message.id == "id1");
    CHECK(sent[0].message.body == "Wherefore art thou?");

    // Every message gets a fresh id.
    CHECK(f.chat.send_message(jid("romeo@example.net"), "again").id == "id2");
}

TEST_CASE("send_message: type, thread, a full JID and markup in the body") {
    Fixture f;
    f.chat.send_message(jid("romeo@example.net/orchard"), "a < b & 'c'", "normal", "t-42");
    CHECK_XML(f.only_sent(), "<message type='normal' to='romeo@example.net/orchard' id='id1'>"
                             "<body>a &lt; b &amp; 'c'</body><thread>t-42</thread>"
                             "<origin-id xmlns='urn:xmpp:sid:0' id='id1'/></message>");
}

TEST_CASE("send_message: control characters are stripped from the body") {
    Fixture f;
    const std::string typed = std::string("a\x01" "b", 3) + std::string(1, '\0') + "c\x1B" "d\te\nf\xEF\xBF\xBF";
    const Message m = f.chat.send_message(jid("romeo@example.net"), typed);
    CHECK(m.body == "abcd\te\nf");
    const std::string xml = f.only_sent();
    CHECK(parse_frame(xml).ok());  // the stream stays well-formed
    CHECK(body_of(xml) == "abcd\te\nf");
}

TEST_CASE("send_message: a body over kMaxBodyBytes is capped on a UTF-8 boundary") {
    struct Row {
        const char* name;
        std::string body;
        std::size_t expected_size;
    };
    const std::string e_acute = "\xC3\xA9";     // 2 bytes
    const std::string euro = "\xE2\x82\xAC";    // 3 bytes
    const std::string emoji = "\xF0\x9F\x98\x80";  // 4 bytes
    const std::vector<Row> rows = {
        {"exactly the limit", std::string(kMaxBodyBytes, 'a'), kMaxBodyBytes},
        {"one ASCII byte over", std::string(kMaxBodyBytes + 1, 'a'), kMaxBodyBytes},
        {"2-byte character across the limit", std::string(kMaxBodyBytes - 1, 'a') + e_acute, kMaxBodyBytes - 1},
        {"3-byte character across the limit", std::string(kMaxBodyBytes - 2, 'a') + euro, kMaxBodyBytes - 2},
        {"4-byte character across the limit", std::string(kMaxBodyBytes - 1, 'a') + emoji, kMaxBodyBytes - 1},
        {"4-byte character ending at the limit", std::string(kMaxBodyBytes - 4, 'a') + emoji + "b", kMaxBodyBytes},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        Fixture f;
        const Message m = f.chat.send_message(jid("romeo@example.net"), row.body);
        CHECK(m.body.size() == row.expected_size);
        CHECK(m.body == row.body.substr(0, row.expected_size));
        CHECK(body_of(f.only_sent()) == m.body);
    }
}

TEST_CASE("incoming chat, normal and headline messages become MessageReceived") {
    Fixture f;
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' id='m1' from='romeo@example.net/orchard' "
                            "to='juliet@example.com/balcony'><body>Hi</body><thread>t1</thread>"
                            "<origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>"));
    std::vector<Message> got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].id == "m1");
    CHECK(got[0].origin_id == "o1");
    CHECK(got[0].type == "chat");
    CHECK(got[0].from == jid("romeo@example.net/orchard"));
    CHECK(got[0].to == jid("juliet@example.com/balcony"));
    CHECK(got[0].body == "Hi");
    CHECK(got[0].thread == "t1");

    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' from='romeo@example.net'><subject>S</subject>"
                            "<body>no type</body></message>"));
    got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].type == "normal");  // RFC 6121 §5.2.2: the default
    CHECK(got[0].subject == "S");
    CHECK(got[0].to == jid("juliet@example.com/balcony"));

    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='headline' from='example.com'><body>News</body></message>"));
    got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].type == "headline");
    CHECK(got[0].from == jid("example.com"));

    // No 'from': from our own account (RFC 6120 §8.1.2.1).
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='chat'><body>self</body></message>"));
    got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].from == jid("juliet@example.com"));
}

TEST_CASE("incoming: the first body is taken; bodies and extensions in other namespaces are not") {
    Fixture f;
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' from='romeo@example.net/orchard'>"
                            "<body xmlns='urn:example:fake'>fake</body><body>one</body><body xml:lang='fr'>un</body>"
                            "</message>"));
    const std::vector<Message> got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == "one");
}

TEST_CASE("incoming: an oversized body is capped on a UTF-8 boundary") {
    Fixture f;
    const std::string body = std::string(kMaxBodyBytes - 1, 'a') + "\xC3\xA9";
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' from='romeo@example.net'><body>" + body +
                                "</body></message>"));
    const std::vector<Message> got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == std::string(kMaxBodyBytes - 1, 'a'));
}

TEST_CASE("incoming: groupchat is left for rooms, messages without body for other modules") {
    Fixture f;
    CHECK_FALSE(deliver(f.chat, "<message xmlns='jabber:client' type='groupchat' from='room@muc.example.com/nick'>"
                                "<body>hi all</body></message>"));
    CHECK_FALSE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' from='romeo@example.net/orchard'>"
                                "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    CHECK_FALSE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' from='romeo@example.net'><body/></message>"));
    CHECK_FALSE(deliver(f.chat, "<presence xmlns='jabber:client' from='romeo@example.net'/>"));
    CHECK_FALSE(deliver(f.chat, "<iq xmlns='jabber:client' type='get' id='x'/>"));
    CHECK(f.session.events.empty());
    CHECK(f.session.sent.empty());
}

TEST_CASE("incoming: a message with an invalid 'from' never reaches the module") {
    Fixture f;
    CHECK_FALSE(deliver(f.chat, "<message xmlns='jabber:client' type='chat' from='bad jid@example.net'>"
                                "<body>x</body></message>"));
    CHECK(f.session.events.empty());
}

TEST_CASE("RFC 6121 §5.2.2: a message of unknown type is treated as normal") {
    Fixture f;
    CHECK(deliver(f.chat, "<message xmlns='jabber:client' type='shout' id='m9' from='romeo@example.net'>"
                          "<body>HELLO</body></message>"));
    const std::vector<Message> got = f.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].type == "normal");
    CHECK(got[0].body == "HELLO");
}

TEST_CASE("a type='error' reply becomes MessageFailed with our id and the condition") {
    Fixture f;
    const Message m = f.chat.send_message(jid("romeo@example.net"), "Hi");
    f.session.take_sent();
    f.session.take_events();
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='error' id='" + m.id + "' from='romeo@example.net'>"
                            "<body>Hi</body><error type='cancel' by='example.net'>"
                            "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                            "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Nobody home</text></error></message>"));
    const auto failed = f.session.events_of<MessageFailed>();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].id == "id1");
    CHECK(failed[0].to == jid("romeo@example.net"));
    CHECK(failed[0].error.type == "cancel");
    CHECK(failed[0].error.condition == "service-unavailable");
    CHECK(failed[0].error.text == "Nobody home");
    CHECK(f.session.events_of<MessageReceived>().empty());  // the echoed body is not a new message
    CHECK(f.session.sent.empty());                          // errors are never answered

    // An error without a condition still fails the message.
    f.session.take_events();
    REQUIRE(deliver(f.chat, "<message xmlns='jabber:client' type='error' id='id7' from='romeo@example.net'/>"));
    const auto bare = f.session.events_of<MessageFailed>();
    REQUIRE(bare.size() == 1);
    CHECK(bare[0].id == "id7");
    CHECK(bare[0].error.condition == "undefined-condition");
}

TEST_CASE("Chat announces XEP-0359") {
    Fixture f;
    std::vector<std::string> features;
    f.chat.disco_features(features);
    CHECK(features == std::vector<std::string>{"urn:xmpp:sid:0"});
}
