// XEP-0198 stream management in the client, scripted as conversations with a server.
// [SECTION] Script harness  [SECTION] Counters  [SECTION] Enabling  [SECTION] Acks
// [SECTION] Losing the connection  [SECTION] Resumption  [SECTION] Resumption failed
// [SECTION] Never resumable
#include "xmpp/client.h"

#include "xmpp/chat.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"
#include "xmpp/stream_management.h"

#include "xml_compare.h"

#include "client_script.h"
#include "fake_session.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <string>
#include <vector>

using namespace xmpp;

using xmpp::test::jid;
using namespace xmpp::test;

namespace {

// [SECTION] Script harness

constexpr const char* kSmFeature = "<sm xmlns='urn:xmpp:sm:3'/>";
constexpr const char* kEnable = "<enable xmlns='urn:xmpp:sm:3' resume='true'/>";
constexpr const char* kR = "<r xmlns='urn:xmpp:sm:3'/>";

std::string chat_xml(std::string_view id, std::string_view body) {
    return "<message xmlns='jabber:client' type='chat' to='romeo@example.net' id='" + std::string(id) + "'><body>" +
           std::string(body) + "</body><origin-id xmlns='urn:xmpp:sid:0' id='" + std::string(id) +
           "'/><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/></message>";
}

ClientConfig sm_config(bool on = true) {
    ClientConfig c;
    c.jid = jid("user@example.com");
    c.password = "pencil";
    c.stream_management = on;
    return c;
}

struct Completion {
    int calls = 0;
    IqResponse::Kind kind = IqResponse::Kind::Result;
    IqCallback callback() {
        return [this](const IqResponse& r) {
            ++calls;
            kind = r.kind;
        };
    }
};

// The conversation harness (client_script.h) with this file's shortcuts.
class Script : public test::ClientScript {
public:
    explicit Script(ClientConfig cfg = sm_config()) : ClientScript(std::move(cfg), kNonceSha1, describe_sm_event) {}

    // Opens a stream and logs in with SCRAM-SHA-1, up to the server's <open/> after SASL.
    void authenticate() {
        open();
        server(kServerOpen);
        server(features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
                        "</mechanisms>"));
        server(sasl("challenge", kServerFirstSha1));
        server(sasl("success", kServerFinalSha1));
        server(kServerOpen);
        expect_sent(kOpen);
        expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
        expect_sent(sasl("response", kClientFinalSha1));
        expect_sent(kOpen);
    }

    // Ready as kBoundJid with stream management on: romeo in the roster, the first three
    // stanzas (roster get, presence, disco#info) acked, two handled (their answers).
    // The next stanza id is id4.
    void login(std::string_view enabled = "<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true'/>") {
        authenticate();
        server(features(std::string(kBindFeature) + kSmFeature));
        server(bind_result("id1", kBoundJid));
        server(enabled);
        server("<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster'>"
               "<item jid='romeo@example.net' subscription='both'/></query></iq>");
        server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
               "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:ping'/></query></iq>");
        server(ack("3"));
        REQUIRE(client.state() == StreamState::Ready);
        REQUIRE(client.stream_management_enabled());
        clear();
    }

    // Sends <iq type='get' to='example.com'><query xmlns='jabber:iq:version'/></iq>.
    void request(Completion& c) {
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("type") = "get";
        iq.append_attribute("to") = "example.com";
        iq.append_child("query").append_attribute("xmlns") = "jabber:iq:version";
        client.request(iq, c.callback());
        pump();
    }

    Message say(std::string_view body, std::string_view to = "romeo@example.net", std::string_view type = "chat") {
        Message m = client.get<Chat>().send_message(jid(to), body, type);
        pump();
        return m;
    }
};

}  // namespace

// [SECTION] Counters

TEST_CASE("XEP-0198 §4: h arithmetic wraps at 2^32; too many acked is refused") {
    constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();
    CHECK(sm_newly_acked(7, 7, 0) == 0u);
    CHECK(sm_newly_acked(7, 9, 3) == 2u);
    CHECK(sm_newly_acked(7, 10, 3) == 3u);
    CHECK_FALSE(sm_newly_acked(7, 11, 3));
    CHECK_FALSE(sm_newly_acked(7, 6, 10));  // backwards: wraps to ~2^32, far more than sent
    CHECK(sm_newly_acked(kMax - 1, 1, 3) == 3u);  // 2^32-1, 0, 1
    CHECK(sm_newly_acked(kMax, 0, 1) == 1u);
    CHECK_FALSE(sm_newly_acked(kMax - 1, 2, 3));

    CHECK(parse_sm_counter("0") == 0u);
    CHECK(parse_sm_counter("4294967295") == kMax);
    CHECK(parse_sm_counter("0000000012") == 12u);
    CHECK_FALSE(parse_sm_counter("4294967296"));
    CHECK_FALSE(parse_sm_counter("00000000001"));  // 11 digits
    CHECK_FALSE(parse_sm_counter(""));
    CHECK_FALSE(parse_sm_counter("-1"));
    CHECK_FALSE(parse_sm_counter("+1"));
    CHECK_FALSE(parse_sm_counter(" 1"));
    CHECK_FALSE(parse_sm_counter("1e3"));
}

// [SECTION] Enabling

TEST_CASE("XEP-0198 §3: <enable resume='true'/> right after bind when offered; <enabled/> turns acks on") {
    Script s;
    s.authenticate();
    s.server(features(std::string(kBindFeature) + kSmFeature));
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    s.server(bind_result("id1", kBoundJid));
    s.expect_sent(kEnable);
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>");
    s.expect_sent("<presence xmlns='jabber:client'/>");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id3' to='example.com'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.events() == "state connecting; state authenticating; state binding; state ready; ready " +
                            std::string(kBoundJid));
    CHECK_FALSE(s.client.stream_management_enabled());

    s.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='300' location='[2001:db8::1]:5222'/>");
    CHECK(s.client.stream_management_enabled());
    s.expect_nothing_sent();  // 3 stanzas out: no <r/> yet
    CHECK(s.events().empty());
    // The three stanzas after <enable/> are the ones the server counts.
    s.server(ack("3"));
    CHECK(s.events().empty());  // no message among them
    s.expect_nothing_sent();
}

TEST_CASE("XEP-0198 §3: without the feature, turned off, or refused, nothing of it happens") {
    SUBCASE("not offered") {
        Script s;
        s.authenticate();
        s.server(features(kBindFeature));
        s.server(bind_result("id1", kBoundJid));
        s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>");
        s.expect_sent("<presence xmlns='jabber:client'/>");
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id3' to='example.com'>"
                      "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        s.server(sm("r"));
        s.expect_nothing_sent();
        s.events();
        s.closed();
        CHECK(s.events() == "state disconnected; disconnected");
        CHECK_FALSE(s.client.resumable());
    }
    SUBCASE("turned off in the config: the server's <sm/>, <r/> and <enabled/> change nothing") {
        Script s(sm_config(false));
        s.authenticate();
        s.server(features(std::string(kBindFeature) + kSmFeature));
        s.server(bind_result("id1", kBoundJid));
        s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>");
        s.expect_sent("<presence xmlns='jabber:client'/>");
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id3' to='example.com'>"
                      "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        s.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true'/>");
        s.server(sm("r"));
        s.expect_nothing_sent();
        CHECK_FALSE(s.client.stream_management_enabled());
        s.events();
        s.closed();
        CHECK(s.events() == "state disconnected; disconnected");
        CHECK_FALSE(s.client.resumable());
    }
    SUBCASE("<failed/>: off for this session, which goes on") {
        Script s;
        s.authenticate();
        s.server(features(std::string(kBindFeature) + kSmFeature));
        s.server(bind_result("id1", kBoundJid));
        s.server("<failed xmlns='urn:xmpp:sm:3'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
        s.clear();
        CHECK_FALSE(s.client.stream_management_enabled());
        CHECK(s.client.state() == StreamState::Ready);
        s.server(sm("r"));
        s.server("<enabled xmlns='urn:xmpp:sm:3' id='late' resume='true'/>");  // never asked for now
        s.say("hello");
        s.expect_sent(chat_xml("id4", "hello"));
        s.advance(10000);
        s.expect_nothing_sent();  // no <r/>
        s.events();
        s.closed();
        CHECK(s.events() == "state disconnected; disconnected");
        CHECK_FALSE(s.client.resumable());
    }
}

// [SECTION] Acks

TEST_CASE("XEP-0198 §4: only message, presence and iq count; <r/> is answered at once with h") {
    Script s;
    s.login();  // the roster and disco#info results: 2 handled
    s.server(sm("r"));
    s.expect_sent(ack("2"));

    s.server("<message xmlns='jabber:client' type='chat' from='romeo@example.net/orchard' id='m1'><body>hi</body></message>");
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='nobody-asked' from='example.com'/>");
    s.server("<iq xmlns='jabber:client' type='get' id='p1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='result' id='p1' to='example.com'/>");
    // Not stanzas: nonzas, elements of other namespaces, stream features.
    s.server(ack("3"));
    s.server(sm("r"));
    s.expect_sent(ack("6"));
    s.server(sm("r"));
    s.expect_sent(ack("6"));
    s.server("<message xmlns='jabber:server' from='romeo@example.net'><body>x</body></message>");
    s.server("<unknown xmlns='urn:example:nonza'/>");
    s.server("<enabled xmlns='urn:xmpp:sm:3' id='again' resume='true'/>");
    s.server(sm("r"));
    s.expect_sent(ack("6"));
    s.expect_nothing_sent();
    CHECK(s.events() == "message hi; presence");
}

TEST_CASE("XEP-0198 §4: h wraps from 2^32-1 to 0, inbound and outbound") {
    Script s;
    s.login();
    s.client.set_sm_counters_for_test(0xFFFFFFFFu, 0xFFFFFFFEu);
    s.server(sm("r"));
    s.expect_sent(ack("4294967295"));
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    s.server(sm("r"));
    s.expect_sent(ack("0"));

    s.say("one");
    s.say("two");
    s.say("three");
    s.clear();
    s.server(ack("1"));  // 2^32-1, 0, 1
    CHECK(s.take<StanzasAcked>().size() == 1);
    s.say("four");  // 2
    s.server(ack("2"));
    CHECK(s.events() == "sent id7; acked id7");
    s.expect_sent(chat_xml("id7", "four"));
    s.expect_nothing_sent();
}

TEST_CASE("XEP-0198 §4: unacked stanzas are kept; <r/> every 5, a/h drops the acked ones") {
    Script s;
    s.login();
    s.say("1");
    s.say("2");
    s.say("3");
    s.say("4");
    s.expect_sent(chat_xml("id4", "1"));
    s.expect_sent(chat_xml("id5", "2"));
    s.expect_sent(chat_xml("id6", "3"));
    s.expect_sent(chat_xml("id7", "4"));
    s.expect_nothing_sent();
    s.say("5");
    s.expect_sent(chat_xml("id8", "5"));
    s.expect_sent(kR);  // the 5th since the last request
    s.expect_nothing_sent();
    CHECK(s.events() == "sent id4; sent id5; sent id6; sent id7; sent id8");

    s.server(ack("5"));  // 3 from login + 2
    CHECK(s.events() == "acked id4 id5");
    s.server(ack("5"));  // the same again: nothing new
    CHECK(s.events().empty());

    // Only messages are reported; an IQ is acked silently.
    Completion c;
    s.request(c);  // id9
    s.say("6");    // id10
    s.server(ack("8"));
    CHECK(s.events() == "sent id10; acked id6 id7 id8");
    s.server(ack("9"));  // the IQ
    CHECK(s.events().empty());
    s.server(ack("10"));
    CHECK(s.events() == "acked id10");

    // Without acks: <r/> after the 5th and the 10th.
    s.clear();
    for (int i = 0; i < 10; ++i) s.say("x");
    for (int i = 11; i <= 20; ++i) {
        s.expect_sent(chat_xml("id" + std::to_string(i), "x"));
        if (i == 15 || i == 20) s.expect_sent(kR);
    }
    s.expect_nothing_sent();
    s.server(ack("20"));
    const std::vector<StanzasAcked> acked = s.take<StanzasAcked>();
    REQUIRE(acked.size() == 1);
    CHECK(acked[0].ids.size() == 10);
}

TEST_CASE("XEP-0198 §4: <r/> 5 s after the last unacked stanza, once") {
    Script s;
    s.login();
    s.say("one");
    s.expect_sent(chat_xml("id4", "one"));
    s.advance(4999);
    s.expect_nothing_sent();
    s.advance(1);
    s.expect_sent(kR);
    s.advance(15000);
    s.expect_nothing_sent();  // asked once; no new stanza since
    CHECK(s.clock == 20000);
    CHECK(s.events() == "sent id4");
    s.server(ack("4"));  // answered (an ack not given within 20 s loses the connection: below)

    // The client knows the time from what the platform feeds it (frames, timers): here
    // frames at 20000 and 23000.
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    s.say("two");
    s.advance(3000);
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard' type='unavailable'/>");
    s.say("three");  // the 5 s start again
    s.advance(4999);
    s.expect_sent(chat_xml("id5", "two"));
    s.expect_sent(chat_xml("id6", "three"));
    s.expect_nothing_sent();
    s.advance(1);
    s.expect_sent(kR);
    s.server(ack("6"));
    CHECK(s.events() == "acked id4; presence; sent id5; presence; sent id6; acked id5 id6");
    s.advance(20000);
    s.expect_nothing_sent();
}

TEST_CASE("XEP-0198 §4: an h acking more than was sent is a stream error: undefined-condition, then close") {
    Script s;
    s.login();
    s.say("one");  // sent: 4
    s.clear();
    std::string h, extra;
    SUBCASE("too high") {
        h = "5";
        extra = "<handled-count-too-high xmlns='urn:xmpp:sm:3' h='5' send-count='4'/>";
    }
    SUBCASE("going backwards") {
        h = "2";
        extra = "<handled-count-too-high xmlns='urn:xmpp:sm:3' h='2' send-count='4'/>";
    }
    SUBCASE("not a number") { h = "many"; }
    s.server(ack(h));
    s.expect_sent("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><undefined-condition "
                  "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>" + extra + "</stream:error>");
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    // "one" was never confirmed: handed back to be sent again by the next session.
    CHECK(s.events() == "state disconnected; resume-failed id4; disconnected undefined-condition");
    CHECK(s.client.wants_transport_closed());
    CHECK_FALSE(s.client.resumable());
    s.closed();
    CHECK(s.events().empty());
}

// [SECTION] Losing the connection

TEST_CASE("XEP-0198 §5: a dropped connection keeps the session: ConnectionLost, state intact") {
    Script s;
    s.login();
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    Completion c;
    s.request(c);  // id4
    s.clear();
    s.closed();
    CHECK(s.events() == "state disconnected; lost resumable");
    s.expect_nothing_sent();
    CHECK(s.client.state() == StreamState::Disconnected);
    CHECK(s.client.resumable());
    CHECK_FALSE(s.client.resume_deadline());  // the server gave no 'max'
    CHECK(s.client.wants_transport_closed());
    CHECK_FALSE(s.client.next_deadline());
    CHECK(c.calls == 0);  // waits for resumption
    CHECK(s.client.get<Presences>().aggregate(jid("romeo@example.net")) == Show::Online);
    CHECK(s.client.get<Roster>().find(jid("romeo@example.net")) != nullptr);

    // What is sent meanwhile waits; an IQ cannot (its answer would need a session).
    s.say("while away");
    s.expect_nothing_sent();
    CHECK(s.events() == "sent id5");
    Completion later;
    s.request(later);
    CHECK(later.calls == 1);
    CHECK(later.kind == IqResponse::Kind::Closed);
    s.expect_nothing_sent();
    s.server("<message xmlns='jabber:client' from='romeo@example.net'><body>lost</body></message>");
    CHECK(s.events().empty());
}

TEST_CASE("XEP-0198: a keepalive ping that times out loses the connection without <close/>") {
    Script s;
    s.login();
    s.advance(60000);  // ping_interval of silence
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    s.advance(20000);  // ping_timeout
    s.expect_sent(kR);  // 5 s after the ping
    s.expect_nothing_sent();
    CHECK(s.events() == "state disconnected; lost resumable");
    CHECK(s.client.wants_transport_closed());
    CHECK(s.client.resumable());
    s.closed();  // the platform closes the socket: nothing more
    CHECK(s.events().empty());
}

// [SECTION] Resumption

TEST_CASE("XEP-0198 §5: resumed on the same client: queue resent in order, no roster, no presence") {
    Script s;
    s.login();
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");  // handled: 3
    s.say("one");  // id4
    s.say("two");  // id5
    Completion c;
    s.request(c);  // id6: 30 s timeout, until 30000
    s.server(ack("4"));
    s.clear();
    s.advance(1000);  // at 1000 the 5 s <r/> is not due yet
    s.closed();
    s.say("three");  // id7, queued while lost
    s.clear();

    s.advance(20000);  // at 21000
    s.authenticate();
    CHECK(s.events() == "state connecting; state authenticating; state binding");
    s.server(features(std::string(kBindFeature) + kSmFeature));
    s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
    s.expect_nothing_sent();  // no bind
    CHECK(s.client.resumable());

    s.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='5'/>");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id6' to='example.com'><query xmlns='jabber:iq:version'/></iq>");
    s.expect_sent(chat_xml("id7", "three"));
    s.expect_nothing_sent();  // no roster get, no presence, no disco#info
    CHECK(s.events() == "acked id5; state ready; resumed");
    CHECK(s.client.state() == StreamState::Ready);
    CHECK_FALSE(s.client.resumable());
    CHECK(s.client.jid() == jid(kBoundJid));
    CHECK(s.client.get<Presences>().aggregate(jid("romeo@example.net")) == Show::Online);
    CHECK(s.client.get<Roster>().find(jid("romeo@example.net")) != nullptr);
    CHECK(s.client.server_supports("urn:xmpp:ping"));

    // The IQ got its outage back: not timed out at 30000.
    s.advance(10000);  // 31000
    s.expect_sent(kR);  // 5 s after the resent stanzas
    CHECK(c.calls == 0);
    s.server("<iq xmlns='jabber:client' type='result' id='id6' from='example.com'/>");
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Result);
    // Counting goes on from the h sent in <resume/>.
    s.server(sm("r"));
    s.expect_sent(ack("4"));
    s.server(ack("7"));
    CHECK(s.events() == "acked id7");
}

TEST_CASE("XEP-0198 §5: a connection lost again during the resumption stays resumable") {
    Script s;
    s.login();
    s.say("one");
    s.closed();
    s.clear();
    SUBCASE("the transport closes") {
        s.open();
        s.server(kServerOpen);
        s.closed();
        CHECK(s.events() == "state connecting; state disconnected; lost resumable");
    }
    SUBCASE("the server does not answer <resume/>") {
        s.authenticate();
        s.server(features(std::string(kBindFeature) + kSmFeature));
        s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
        s.events();
        s.advance(30000);  // handshake_timeout
        s.expect_nothing_sent();
        CHECK(s.events() == "state disconnected; lost resumable");
    }
    CHECK(s.client.resumable());
    s.clear();
    s.authenticate();
    s.server(features(std::string(kBindFeature) + kSmFeature));
    s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
    s.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
    s.expect_sent(chat_xml("id4", "one"));
    CHECK(s.client.state() == StreamState::Ready);
}

TEST_CASE("XEP-0198 §5: an h in <resumed/> acking more than was sent is a stream error") {
    Script s;
    s.login();
    s.say("one");
    s.closed();
    s.clear();
    s.authenticate();
    s.server(features(std::string(kBindFeature) + kSmFeature));
    s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
    s.events();
    s.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='9'/>");
    s.expect_sent("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><undefined-condition "
                  "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><handled-count-too-high xmlns='urn:xmpp:sm:3' "
                  "h='9' send-count='4'/></stream:error>");
    s.expect_sent(kClose);
    CHECK(s.events() == "state disconnected; resume-failed id4; disconnected undefined-condition");
    CHECK_FALSE(s.client.resumable());
}

// [SECTION] Resumption failed

TEST_CASE("XEP-0198 §5: <failed/> to <resume/>: a new session, SessionReady, then ResumeFailed with the unsent") {
    Script s;
    s.login();
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    s.say("one");                                              // id4
    s.say("in the room", "room@muc.example.com", "groupchat");  // id5
    Completion c;
    s.request(c);  // id6
    pugi::xml_document doc;  // a chat state: not something to resend
    pugi::xml_node m = doc.append_child("message");
    m.append_attribute("to") = "romeo@example.net";
    m.append_attribute("type") = "chat";
    m.append_child("active").append_attribute("xmlns") = "http://jabber.org/protocol/chatstates";
    CHECK(s.client.send_stanza(m));
    std::string expect_unsent = " id4 id5";
    SUBCASE("without h") {}
    SUBCASE("with the h the server had: what it confirms is not unsent") {
        expect_unsent = " id5";
    }
    const bool with_h = expect_unsent == " id5";
    s.closed();
    s.clear();

    s.authenticate();
    s.server(features(std::string(kBindFeature) + kSmFeature));
    s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
    s.events();
    s.server(std::string("<failed xmlns='urn:xmpp:sm:3'") + (with_h ? " h='4'" : "") +
             "><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
    // The old session is over: its IQ is closed, presences forgotten; bind on this stream.
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Closed);
    CHECK(s.client.get<Presences>().aggregate(jid("romeo@example.net")) == Show::Offline);
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id7'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.events() == (with_h ? "acked id4; presence" : "presence"));
    CHECK_FALSE(s.client.resumable());

    s.server(bind_result("id7", "user@example.com/fresh"));
    s.expect_sent(kEnable);
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id8'><query xmlns='jabber:iq:roster'/></iq>");
    s.expect_sent("<presence xmlns='jabber:client'/>");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id9' to='example.com'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    s.expect_nothing_sent();  // nothing resent by the core
    const std::vector<ResumeFailed> failed = s.take<ResumeFailed>();
    CHECK(s.events() == "state ready; ready user@example.com/fresh");
    REQUIRE(failed.size() == 1);
    CHECK(unsent_ids(failed[0]) == expect_unsent);
    const Message& room = failed[0].unsent.back();
    CHECK(room.id == "id5");
    CHECK(room.origin_id == "id5");
    CHECK(room.type == "groupchat");
    CHECK(room.to == jid("room@muc.example.com"));
    CHECK(room.body == "in the room");
    if (!with_h) {
        const Message& chat = failed[0].unsent.front();
        CHECK(chat.origin_id == "id4");
        CHECK(chat.type == "chat");
        CHECK(chat.to == jid("romeo@example.net"));
        CHECK(chat.body == "one");
    }
    // A fresh SM session, counted from zero.
    s.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-2' resume='true'/>");
    s.server(sm("r"));
    s.expect_sent(ack("0"));
    s.server(ack("3"));
    CHECK(s.events().empty());
}

TEST_CASE("XEP-0198 §5: a server no longer offering <sm/> gets a new session too") {
    Script s;
    s.login();
    s.say("one");
    s.closed();
    s.clear();
    s.authenticate();
    s.events();
    s.server(features(kBindFeature));
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id5'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    s.server(bind_result("id5", kBoundJid));
    CHECK(s.events() == "state ready; ready " + std::string(kBoundJid) + "; resume-failed id4");
}

TEST_CASE("XEP-0198 §5: past the server's 'max', resumption is not attempted") {
    Script s;
    s.login("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='60'/>");
    s.say("one");  // id4
    s.clock = 1000;
    s.closed();
    CHECK(s.client.resume_deadline() == 61000);
    s.clear();
    SUBCASE("just within") {
        s.advance(59999);
        s.authenticate();
        s.server(features(std::string(kBindFeature) + kSmFeature));
        s.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
    }
    SUBCASE("past it: bound anew") {
        s.advance(60000);
        CHECK(s.client.resumable());  // on_open decides
        s.authenticate();
        CHECK_FALSE(s.client.resumable());
        s.server(features(std::string(kBindFeature) + kSmFeature));
        s.expect_sent("<iq xmlns='jabber:client' type='set' id='id5'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        s.expect_nothing_sent();
        s.server(bind_result("id5", kBoundJid));
        s.expect_sent(kEnable);
        const std::vector<ResumeFailed> failed = s.take<ResumeFailed>();
        REQUIRE(failed.size() == 1);
        REQUIRE(failed[0].unsent.size() == 1);
        CHECK(failed[0].unsent[0].id == "id4");
        CHECK(s.take<SessionReady>().size() == 1);
    }
}

TEST_CASE("XEP-0198: logging in again failing ends the lost session: ResumeFailed, then Disconnected") {
    Script s;
    s.login();
    s.say("one");
    s.closed();
    s.clear();
    s.open();
    s.server(kServerOpen);
    s.server(features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
                      "</mechanisms>"));
    s.server(sasl("challenge", kServerFirstSha1));
    s.events();
    s.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
    CHECK(s.events() == "state disconnected; resume-failed id4; disconnected not-authorized");
    CHECK_FALSE(s.client.resumable());
}

// [SECTION] Never resumable

TEST_CASE("XEP-0198: a logout or a stream error never leaves the client resumable") {
    Script s;
    s.login();
    s.say("one");
    s.clear();
    SUBCASE("logout, answered") {
        s.client.logout();
        s.pump();
        s.expect_sent("<presence xmlns='jabber:client' type='unavailable'/>");
        s.expect_sent(kClose);
        s.server(kClose);
        CHECK(s.events() == "state closing; state disconnected; disconnected");
    }
    SUBCASE("logout, then the transport closes") {
        s.client.logout();
        s.pump();
        s.closed();
        CHECK(s.events() == "state closing; state disconnected; disconnected");
    }
    SUBCASE("logout while a keepalive ping is out, then silence") {
        s.advance(5000);
        s.expect_sent(kR);
        s.server(ack("4"));  // the server reads us; then it falls silent
        s.advance(60000);
        s.client.logout();
        s.advance(30000);  // the ping times out first
        CHECK(s.take<ConnectionLost>().empty());
        CHECK(s.take<Disconnected>().size() == 1);
    }
    SUBCASE("<conflict/>: another client took the resource") {
        s.server("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                 "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        s.expect_sent(kClose);
        // "one" was never confirmed: handed back (the app sends it when it logs in again).
        CHECK(s.events() == "state disconnected; resume-failed id4; disconnected conflict");
        s.closed();
    }
    SUBCASE("the server closes the stream") {
        s.server(kClose);
        CHECK(s.events() == "state disconnected; resume-failed id4; disconnected undefined-condition");
        s.closed();
    }
    SUBCASE("a server that did not allow resumption") {
        Script t;
        t.login("<enabled xmlns='urn:xmpp:sm:3'/>");
        t.closed();
        CHECK(t.events() == "state disconnected; disconnected");
        CHECK_FALSE(t.client.resumable());
        s.client.logout();  // (for the checks below)
        s.closed();
    }
    SUBCASE("logout while the connection is lost") {
        s.closed();
        CHECK(s.events() == "state disconnected; lost resumable");
        s.client.logout();
        s.pump();
        s.expect_nothing_sent();
        CHECK(s.events() == "resume-failed id4; disconnected");
    }
    CHECK_FALSE(s.client.resumable());
    CHECK(s.client.state() == StreamState::Disconnected);
    // The next connection is a new session: bind, no <resume/>, no ResumeFailed.
    s.clear();
    s.authenticate();
    s.server(features(std::string(kBindFeature) + kSmFeature));
    const std::string bind = s.next_sent();  // (its id depends on the subcase)
    CHECK(bind.find("<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>") != std::string::npos);
    const FrameResult f = parse_frame(bind);
    REQUIRE(f.ok());
    s.server(bind_result(f.frame.root().attribute("id").value(), kBoundJid));
    CHECK(s.take<ResumeFailed>().empty());
    CHECK(s.take<SessionReady>().size() == 1);
}

TEST_CASE("XEP-0198: an ack asked for and not given in 20 s loses the connection (resumable), though frames still come") {
    Script s;
    s.login();
    s.say("one");
    s.advance(5000);
    s.expect_sent(chat_xml("id4", "one"));
    s.expect_sent(kR);
    s.events();
    // The server keeps sending (a connection dead only our way), but never acks.
    for (int i = 0; i < 3; ++i) {
        s.advance(6000);
        s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    }
    CHECK(s.take<ConnectionLost>().empty());  // 18 s: not yet
    s.advance(2000);
    CHECK(s.take<ConnectionLost>().size() == 1);
    CHECK(s.client.resumable());
    CHECK(s.client.wants_transport_closed());
}
