// RFC 6120 / RFC 7395: the sans-I/O client, scripted as conversations with a server.
// [SECTION] Script harness  [SECTION] Login  [SECTION] SASL policy and failures
// [SECTION] Stream errors and closing  [SECTION] Bad frames  [SECTION] IQ table
// [SECTION] Answers to the server  [SECTION] Timers  [SECTION] Logout  [SECTION] Messages
#include "xmpp/client.h"

#include "xmpp/chat.h"
#include "xmpp/roster.h"

#include "xml_compare.h"

#include "client_script.h"
#include "fake_session.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

using namespace xmpp;

using xmpp::test::jid;
using namespace xmpp::test;

namespace {

// [SECTION] Script harness

// RFC 7677 §3 (SCRAM-SHA-256).
constexpr const char* kNonceSha256 = "rOprNGfwEbeRWgbNEkqO";
constexpr const char* kClientFirstSha256 = "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=";
constexpr const char* kServerFirstSha256 =
    "cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxp"
    "PTQwOTY=";
constexpr const char* kClientFinalSha256 =  // ...,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=
    "Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEYkazAscD1kSHpiWmFwV0lrNGpVaE4rVXRl"
    "OXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ==";
constexpr const char* kServerFinalSha256 = "dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==";

// SCRAM-SHA-512 with the RFC 5802 inputs, computed independently (Python hashlib/hmac).
constexpr const char* kClientFinalSha512 =
    "Yz1iaXdzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdMM3JmY05IWUpZMVpWdldWczdqLHA9VmRTOExrclVSaWVqMXRHNmlYK2ZxQ1hRZlVu"
    "QmIvL2Q5bGxYWWFIK3lsVWJEd0JVejlnZXlSOWZDNFRld3NrUlVNMnRsWVNhbGhBVDRBYXkxUTVkVEE9PQ==";
constexpr const char* kServerFinalSha512 =
    "dj0xNFBBQXVhdms5aHhCRWtnQjBickR4VWh2V3UrTjE2bWVZaytxeFZORnFjaFI4UVBvaE0wOVk0WjZXYVRDdVg0QzZucU1COUtJSlREbTZS"
    "cFNNOTkwZz09";

std::string mechanisms(std::initializer_list<const char*> names) {
    std::string out = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
    for (const char* n : names) out += "<mechanism>" + std::string(n) + "</mechanism>";
    return out + "</mechanisms>";
}

std::string stream_error(std::string_view inner) {
    return "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>" + std::string(inner) + "</stream:error>";
}

ClientConfig config(std::string_view account = "user@example.com") {
    ClientConfig c;
    c.jid = jid(account);
    c.password = "pencil";
    return c;
}

const char* kind_name(Failure::Kind k) {
    switch (k) {
    case Failure::Kind::None: return "none";
    case Failure::Kind::Transport: return "transport";
    case Failure::Kind::StreamError: return "stream-error";
    case Failure::Kind::AuthFailed: return "auth-failed";
    case Failure::Kind::Protocol: return "protocol";
    case Failure::Kind::BadFrame: return "bad-frame";
    case Failure::Kind::Timeout: return "timeout";
    case Failure::Kind::Config: return "config";
    }
    return "?";
}

// One short line per event, so a test can check the whole sequence at once.
std::string describe(const Event& e) {
    if (const auto* s = std::get_if<StateChanged>(&e)) return std::string("state ") + to_string(s->state);
    if (const auto* r = std::get_if<SessionReady>(&e)) return "ready " + r->jid.full();
    if (const auto* d = std::get_if<Disconnected>(&e))
        return std::string("disconnected ") + kind_name(d->failure.kind) +
               (d->failure.condition.empty() ? "" : " " + d->failure.condition);
    if (const auto* m = std::get_if<MessageReceived>(&e))
        return "message " + m->message.type + " from " + m->message.from.full() + ": " + m->message.body;
    if (const auto* m = std::get_if<MessageSent>(&e)) return "sent " + m->message.id;
    if (const auto* f = std::get_if<MessageFailed>(&e)) return "failed " + f->id + " " + f->error.condition;
    if (const auto* r = std::get_if<RosterChanged>(&e)) {
        std::string out = "roster";
        for (const Jid& j : r->jids) out += " " + j.full();
        return out;
    }
    if (std::get_if<PresenceChanged>(&e)) return "presence";
    if (std::get_if<SubscriptionRequest>(&e)) return "subscription";
    return "?";
}

// Counts completions of one IQ request and keeps the last answer.
struct Completion {
    int calls = 0;
    IqResponse::Kind kind = IqResponse::Kind::Result;
    std::string condition;
    std::string from;  // the answering stanza's 'from', when there was a stanza

    IqCallback callback() {
        return [this](const IqResponse& r) {
            ++calls;
            kind = r.kind;
            condition = r.error.condition;
            from = r.stanza ? r.stanza.attribute("from").value() : "";
        };
    }
};

// The conversation harness (client_script.h) with this file's shortcuts.
class Script : public test::ClientScript {
public:
    explicit Script(ClientConfig cfg = config(), std::string nonce = kNonceSha1)
        : ClientScript(std::move(cfg), std::move(nonce), describe) {}

    // The failure of the one Disconnected event since the last call (drains events).
    Failure failure() {
        std::vector<Failure> found;
        for (const Event& e : events_)
            if (const auto* d = std::get_if<Disconnected>(&e)) found.push_back(d->failure);
        events_.clear();
        REQUIRE_MESSAGE(found.size() == 1, "expected exactly one Disconnected event, got " << found.size());
        return found.front();
    }

    // --- Shortcuts ---
    // SCRAM-SHA-1 login to Ready as kBoundJid; roster and disco#info answered. Next id: id4.
    void login() {
        open();
        server(kServerOpen);
        server(features(mechanisms({"SCRAM-SHA-1", "PLAIN"})));
        server(sasl("challenge", kServerFirstSha1));
        server(sasl("success", kServerFinalSha1));
        server(kServerOpen);
        server(features(kBindFeature));
        server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
               "<jid>" + std::string(kBoundJid) + "</jid></bind></iq>");
        server("<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster'/></iq>");
        server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
               "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:ping'/></query></iq>");
        REQUIRE(client.state() == StreamState::Ready);
        sent_.clear();
        events_.clear();
    }

    // Sends <iq type='get'><query xmlns=ns/></iq> (to `to`, when given) through Client::request.
    void request(Completion& c, std::string_view to = {}, std::string_view ns = "jabber:iq:version",
                 Millis timeout = 0) {
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("type") = "get";
        if (!to.empty()) iq.append_attribute("to") = std::string(to).c_str();
        iq.append_child("query").append_attribute("xmlns") = std::string(ns).c_str();
        client.request(iq, c.callback(), timeout);
        pump();
    }
};

}  // namespace

// [SECTION] Login

TEST_CASE("login: SCRAM-SHA-1 (RFC 5802 §5), restart, bind, roster, presence, disco#info") {
    Script s;
    s.open();
    s.expect_sent(kOpen);
    CHECK(s.events() == "state connecting");

    s.server(kServerOpen);
    s.expect_nothing_sent();
    s.server(features(mechanisms({"SCRAM-SHA-1", "PLAIN"})));
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    CHECK(s.events() == "state authenticating");
    CHECK(s.client.server_offered_scram());

    s.server(sasl("challenge", kServerFirstSha1));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.server(sasl("success", kServerFinalSha1));
    // RFC 7395 §3.5: a new stream after SASL success.
    s.expect_sent(kOpen);
    CHECK(s.events() == "state binding");

    s.server(kServerOpen);
    s.server(features(std::string(kBindFeature) + "<ver xmlns='urn:xmpp:features:rosterver'/>"));
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.client.stream_features().count("rosterver") == 1);

    // RFC 6120 §7.6.1: the server picks the resource.
    s.server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
             "<jid>user@example.com/4db06f06</jid></bind></iq>");
    // RFC 6121 §2.2: roster first (with ver='' since the server versions), then presence.
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id2'><query xmlns='jabber:iq:roster' ver=''/></iq>");
    s.expect_sent("<presence xmlns='jabber:client'/>");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id3' to='example.com'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.events() == "state ready; ready user@example.com/4db06f06");
    CHECK(s.client.state() == StreamState::Ready);
    CHECK(s.client.jid() == jid("user@example.com/4db06f06"));

    s.server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
             "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/>"
             "<feature var='urn:xmpp:ping'/><feature var='urn:xmpp:carbons:2'/></query></iq>");
    CHECK(s.client.server_supports("urn:xmpp:carbons:2"));
    CHECK(s.client.server_supports("urn:xmpp:ping"));
    CHECK_FALSE(s.client.server_supports("urn:xmpp:mam:2"));
    // XEP-0280: the server offers carbons, so they are enabled now (carbons_test.cpp).
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id4'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.events().empty());
    CHECK_FALSE(s.client.wants_transport_closed());
}

TEST_CASE("login: a resource in the account is asked for at bind; the server's answer wins") {
    Script s(config("user@example.com/phone"));
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.server(sasl("success", kServerFinalSha1));
    s.server(kServerOpen);
    s.server(features(kBindFeature));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.expect_sent(kOpen);
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                  "<resource>phone</resource></bind></iq>");
    s.server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
             "<jid>user@example.com/phone-7f3a</jid></bind></iq>");
    CHECK(s.client.jid() == jid("user@example.com/phone-7f3a"));
    CHECK(s.client.state() == StreamState::Ready);
}

TEST_CASE("login: a bound JID for another account is refused") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.server(sasl("success", kServerFinalSha1));
    s.server(kServerOpen);
    s.server(features(kBindFeature));
    s.events();
    s.server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
             "<jid>admin@example.com/x</jid></bind></iq>");
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::Protocol);
    CHECK(f.condition == "bad-format");
    CHECK(s.client.state() == StreamState::Disconnected);
}

TEST_CASE("login: RFC 3921 session is established when the server does not mark it optional") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.server(sasl("success", kServerFinalSha1));
    s.server(kServerOpen);
    s.server(features(std::string(kBindFeature) + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>"));
    s.server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
             "<jid>user@example.com/r</jid></bind></iq>");
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.expect_sent(kOpen);
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='set' id='id2'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
    s.expect_nothing_sent();
    CHECK(s.client.state() == StreamState::Binding);

    SUBCASE("the session result makes us ready") {
        s.server("<iq xmlns='jabber:client' type='result' id='id2'/>");
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id3'><query xmlns='jabber:iq:roster'/></iq>");
        s.expect_sent("<presence xmlns='jabber:client'/>");
        CHECK(s.client.state() == StreamState::Ready);
    }
    SUBCASE("the connection dropping meanwhile does not make us ready afterwards") {
        s.closed();
        CHECK(s.events() == "state connecting; state authenticating; state binding; state disconnected; disconnected transport");
        s.expect_nothing_sent();
        CHECK(s.client.state() == StreamState::Disconnected);
    }
}

TEST_CASE("login: SCRAM-SHA-256 (RFC 7677) is chosen over SCRAM-SHA-1 and PLAIN") {
    ClientConfig c = config();
    c.secure_transport = true;  // even where PLAIN would be allowed
    Script s(c, kNonceSha256);
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"})));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha256, "SCRAM-SHA-256"));
    s.server(sasl("challenge", kServerFirstSha256));
    s.expect_sent(sasl("response", kClientFinalSha256));
    s.server(sasl("success", kServerFinalSha256));
    s.expect_sent(kOpen);
    s.expect_nothing_sent();
    CHECK(s.client.state() == StreamState::Binding);
}

TEST_CASE("login: SCRAM-SHA-512 is preferred when offered") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN"})));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-512"));  // client-first is hash-independent
    s.server(sasl("challenge", kServerFirstSha1));
    s.expect_sent(sasl("response", kClientFinalSha512));
    s.server(sasl("success", kServerFinalSha512));
    s.expect_sent(kOpen);
    CHECK(s.client.state() == StreamState::Binding);
}

TEST_CASE("login: server-final as a challenge, then an empty <success/>") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.server(sasl("challenge", kServerFinalSha1));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.expect_sent("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    s.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    s.expect_sent(kOpen);
    CHECK(s.client.state() == StreamState::Binding);
}

// [SECTION] SASL policy and failures

TEST_CASE("SASL: a wrong server signature ends the login before bind") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.events();
    // v=smF9pqV8S7suAoZWja4dJRkFsKQ=: one character off.
    s.server(sasl("success", "dj1zbUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9"));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::AuthFailed);
    CHECK(f.condition == "not-authorized");
    CHECK_FALSE(f.sentence.empty());
    CHECK(s.client.wants_transport_closed());

    // Whatever the server sends now is ignored: no restart, no bind.
    s.server(kServerOpen);
    s.server(features(kBindFeature));
    s.expect_nothing_sent();
    CHECK(s.events().empty());
}

TEST_CASE("SASL: a <success/> without server-final is not trusted") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::AuthFailed);
    CHECK(s.client.state() == StreamState::Disconnected);
}

TEST_CASE("SASL: <failure><not-authorized/></failure> becomes a plain sentence") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));
    s.server(sasl("challenge", kServerFirstSha1));
    s.events();

    SUBCASE("without text") {
        s.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::AuthFailed);
        CHECK(f.condition == "not-authorized");
        CHECK(f.sentence == "The address or the password is wrong.");
    }
    SUBCASE("with the server's text") {
        s.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><account-disabled/>"
                 "<text xml:lang='en'>Call your admin</text></failure>");
        const Failure f = s.failure();
        CHECK(f.condition == "account-disabled");
        CHECK(f.sentence == "This account has been disabled by the provider. The server said: \"Call your admin\"");
    }
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
    s.expect_sent(sasl("response", kClientFinalSha1));
    s.expect_sent(kClose);
    s.expect_nothing_sent();
}

TEST_CASE("SASL: PLAIN only when no SCRAM is offered and the transport is secure") {
    ClientConfig c = config();
    c.secure_transport = true;
    Script s(c);
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"PLAIN", "X-OAUTH2"})));
    s.expect_sent(kOpen);
    s.expect_sent(sasl("auth", "AHVzZXIAcGVuY2ls", "PLAIN"));  // \0user\0pencil
    CHECK_FALSE(s.client.server_offered_scram());
    s.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    s.expect_sent(kOpen);
    CHECK(s.client.state() == StreamState::Binding);
}

TEST_CASE("SASL: PLAIN is refused over an insecure transport") {
    Script s;  // secure_transport = false
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"PLAIN"})));
    s.expect_sent(kOpen);
    s.expect_sent(kClose);  // no <auth/>: the password never leaves
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::AuthFailed);
    CHECK(f.condition == "encryption-required");
}

TEST_CASE("SASL: PLAIN is refused from a server that offered SCRAM before") {
    ClientConfig c = config();
    c.secure_transport = true;
    c.server_offered_scram_before = true;
    Script s(c);
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"PLAIN"})));
    s.expect_sent(kOpen);
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::AuthFailed);
    CHECK(f.condition == "mechanism-too-weak");
}

TEST_CASE("SASL: no mechanism Parla supports") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server(features(mechanisms({"GSSAPI", "EXTERNAL"})));
    s.expect_sent(kOpen);
    s.expect_sent(kClose);
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::AuthFailed);
    CHECK(f.condition == "invalid-mechanism");
}

TEST_CASE("SASL: ANONYMOUS when configured, with a server-assigned address") {
    ClientConfig c = config("example.com");
    c.anonymous = true;
    c.password.clear();
    Script s(c);
    s.open();
    s.server(kServerOpen);

    SUBCASE("offered") {
        s.server(features(mechanisms({"SCRAM-SHA-1", "ANONYMOUS"})));
        s.expect_sent(kOpen);
        s.expect_sent(sasl("auth", "=", "ANONYMOUS"));  // RFC 6120 §6.4.2: empty initial response
        s.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        s.expect_sent(kOpen);
        s.server(kServerOpen);
        s.server(features(kBindFeature));
        s.expect_sent("<iq xmlns='jabber:client' type='set' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        // RFC 4505: the server makes up the whole address.
        s.server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                 "<jid>a1b2c3@example.com/r9</jid></bind></iq>");
        CHECK(s.client.state() == StreamState::Ready);
        CHECK(s.client.jid() == jid("a1b2c3@example.com/r9"));
    }
    SUBCASE("not offered") {
        s.server(features(mechanisms({"SCRAM-SHA-1", "PLAIN"})));
        s.expect_sent(kOpen);
        s.expect_sent(kClose);
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::AuthFailed);
        CHECK(f.condition == "invalid-mechanism");
    }
}

TEST_CASE("config: no domain, or no local part without anonymous, fails before any frame") {
    ClientConfig c;
    c.jid.domain = "";
    Script a(c);
    a.open();
    a.expect_nothing_sent();
    CHECK(a.events() == "state connecting; state disconnected; disconnected config");
    CHECK(a.client.wants_transport_closed());

    Script b(config("example.com"));
    b.open();
    b.expect_nothing_sent();
    const Failure f = b.failure();
    CHECK(f.kind == Failure::Kind::Config);
    CHECK(f.sentence == "The address needs a name before the @.");
}

// [SECTION] Stream errors and closing

TEST_CASE("stream error: <conflict/> ends the session with its condition and sentence") {
    Script s;
    s.login();
    Completion c;
    s.request(c, "romeo@example.net/orchard");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='romeo@example.net/orchard'>"
                  "<query xmlns='jabber:iq:version'/></iq>");
    s.server(stream_error("<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                          "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text>"));
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::StreamError);
    CHECK(f.condition == "conflict");
    CHECK(f.sentence == "You logged in from somewhere else with the same device name, so this session ended. "
                        "The server said: \"Replaced by new connection\"");
    CHECK(f.see_other_host.empty());
    CHECK(s.client.wants_transport_closed());
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Closed);
    CHECK_FALSE(s.client.next_deadline().has_value());
}

TEST_CASE("stream error: <see-other-host/> carries where to reconnect") {
    Script s;
    s.open();
    s.server(stream_error("<see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>other.example.com:5281"
                          "</see-other-host>"));
    s.expect_sent(kOpen);
    s.expect_sent(kClose);
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::StreamError);
    CHECK(f.condition == "see-other-host");
    CHECK(f.see_other_host == "other.example.com:5281");
}

TEST_CASE("RFC 7395 §3.6.1: <close see-other-uri='...'/> carries where to reconnect") {
    Script s;
    s.login();
    s.server("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' see-other-uri='wss://other.example.com/xmpp'/>");
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::StreamError);
    CHECK(f.condition == "see-other-host");
    CHECK(f.see_other_host == "wss://other.example.com/xmpp");
    CHECK(s.client.wants_transport_closed());
}

TEST_CASE("RFC 7395 §3.6: the server's <close/> is answered with <close/>") {
    Script s;
    s.login();
    s.server(kClose);
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    CHECK(s.events() == "state disconnected; disconnected stream-error undefined-condition");
    CHECK(s.client.wants_transport_closed());
    // Later frames and timers do nothing.
    s.server("<message xmlns='jabber:client' from='romeo@example.net'><body>late</body></message>");
    s.advance(10 * 60 * 1000);
    s.expect_nothing_sent();
    CHECK(s.events().empty());
}

TEST_CASE("stream open with another version is refused") {
    Script s;
    s.open();
    s.server("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s1' version='2.0'/>");
    s.expect_sent(kOpen);
    s.expect_sent(stream_error("<unsupported-version xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"));
    s.expect_sent(kClose);
    CHECK(s.failure().condition == "unsupported-version");
}

// [SECTION] Bad frames

TEST_CASE("bad frames: a stream error, <close/>, Disconnected BadFrame; nothing crashes") {
    struct Row {
        const char* name;
        std::string frame;
        const char* condition;
    };
    const std::vector<Row> rows = {
        {"DOCTYPE", "<!DOCTYPE message [<!ENTITY x 'y'>]><message xmlns='jabber:client'/>", "restricted-xml"},
        {"comment", "<message xmlns='jabber:client'><!-- hi --><body>x</body></message>", "restricted-xml"},
        {"processing instruction", "<message xmlns='jabber:client'><?pi x?></message>", "restricted-xml"},
        {"entity", "<message xmlns='jabber:client'><body>&lol;</body></message>", "restricted-xml"},
        {"invalid UTF-8", "<message xmlns='jabber:client'><body>\xC3\x28</body></message>", "unsupported-encoding"},
        {"over the size limit",
         "<message xmlns='jabber:client'><body>" + std::string(5000, 'a') + "</body></message>", "policy-violation"},
        {"not well-formed", "<message xmlns='jabber:client'><body>hi</message>", "not-well-formed"},
        {"unclosed", "<iq xmlns='jabber:client' type='get'", "not-well-formed"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        ClientConfig c = config();
        c.limits.max_bytes = 4096;
        Script s(c);
        s.login();
        s.server(row.frame);
        s.expect_sent(stream_error("<" + std::string(row.condition) + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"));
        s.expect_sent(kClose);
        s.expect_nothing_sent();
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::BadFrame);
        CHECK(f.condition == row.condition);
        CHECK(s.client.wants_transport_closed());
        s.server(row.frame);  // once closed, nothing more is said
        s.expect_nothing_sent();
    }
}

TEST_CASE("bad frames: hostile input before login never crashes") {
    const std::vector<std::string> frames = {
        "", " ", "<", ">", "text only", "<a/><b/>", std::string("<a>\0</a>", 8), "<a xmlns:p='x'><p:b/></a>",
        std::string(200, '<'), "<" + std::string(100, 'a') + std::string(100, '/'),
        [] {
            std::string deep;
            for (int i = 0; i < 500; ++i) deep += "<x>";
            for (int i = 0; i < 500; ++i) deep += "</x>";
            return deep;
        }(),
    };
    for (const std::string& frame : frames) {
        CAPTURE(frame);
        Script s;
        s.open();
        s.server(frame);
        s.server(frame);
        s.advance(60000);
        CHECK(s.client.state() != StreamState::Ready);
    }
}

// [SECTION] IQ table

TEST_CASE("IQ table: a result from a spoofed 'from' does not complete the request") {
    Script s;
    s.login();
    Completion c;
    s.request(c, "romeo@example.net/orchard");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='romeo@example.net/orchard'>"
                  "<query xmlns='jabber:iq:version'/></iq>");
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='mallory@evil.example/x'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='romeo@example.net/other'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='id4'/>");  // no 'from': our server, not Romeo
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='example.com'/>");
    CHECK(c.calls == 0);
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='romeo@example.net/orchard'/>");
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Result);
    CHECK(c.from == "romeo@example.net/orchard");
    // A second answer with the same id is ignored.
    s.server("<iq xmlns='jabber:client' type='error' id='id4' from='romeo@example.net/orchard'>"
             "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Result);
    s.expect_nothing_sent();
    CHECK(s.events().empty());
}

TEST_CASE("IQ table: a request to our account is answered by our account or server only") {
    Script s;
    s.login();
    Completion no_to, bare;
    s.request(no_to);
    s.request(bare, "user@example.com");
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='user@example.com/otherdevice'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='evil.example'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='id5' from='example.net'/>");
    CHECK(no_to.calls == 0);
    CHECK(bare.calls == 0);
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='example.com'/>");
    s.server("<iq xmlns='jabber:client' type='result' id='id5' from='user@example.com'/>");
    CHECK(no_to.calls == 1);
    CHECK(bare.calls == 1);
}

TEST_CASE("IQ table: an invalid 'from' drops the stanza, never half-trusting it") {
    Script s;
    s.login();
    Completion c;
    s.request(c, "romeo@example.net/orchard");
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='romeo@example.net/orchard' to='bad@@x'/>");
    CHECK(c.calls == 0);
    s.server("<iq xmlns='jabber:client' type='result' id='id4' from='romeo@example.net/orchard'/>");
    CHECK(c.calls == 1);
}

TEST_CASE("IQ table: each request completes exactly once") {
    Script s;
    s.login();

    SUBCASE("error") {
        Completion c;
        s.request(c, "romeo@example.net/orchard");
        s.server("<iq xmlns='jabber:client' type='error' id='id4' from='romeo@example.net/orchard'>"
                 "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Error);
        CHECK(c.condition == "item-not-found");
        s.advance(120000);
        s.closed();
        CHECK(c.calls == 1);
    }
    SUBCASE("timeout, only when the clock moves, and a late answer is ignored") {
        Completion c;
        s.request(c, "romeo@example.net/orchard", "jabber:iq:version", 5000);
        for (int i = 0; i < 20; ++i)  // traffic without time passing times nothing out
            s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
        s.advance(4999);
        CHECK(c.calls == 0);
        s.advance(1);
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Timeout);
        s.server("<iq xmlns='jabber:client' type='result' id='id4' from='romeo@example.net/orchard'/>");
        s.closed();
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Timeout);
    }
    SUBCASE("the default timeout is iq_timeout") {
        Completion c;
        s.request(c, "romeo@example.net/orchard");
        s.advance(s.client.config().iq_timeout - 1);
        CHECK(c.calls == 0);
        s.advance(1);
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Timeout);
    }
    SUBCASE("closed on disconnect") {
        Completion a, b;
        s.request(a, "romeo@example.net/orchard");
        s.request(b);
        s.closed();
        CHECK(a.calls == 1);
        CHECK(a.kind == IqResponse::Kind::Closed);
        CHECK(b.calls == 1);
        CHECK(b.kind == IqResponse::Kind::Closed);
        s.advance(120000);
        CHECK(a.calls == 1);
        CHECK(b.calls == 1);
    }
}

TEST_CASE("IQ table: a request while no stream is up completes at once with Closed, sending nothing") {
    SUBCASE("before on_open") {
        Script s;
        Completion c;
        s.request(c, "romeo@example.net/orchard");
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Closed);
        s.open();
        s.expect_sent(kOpen);  // nothing queued ahead of the stream
        s.expect_nothing_sent();
    }
    SUBCASE("after the stream closed") {
        Script s;
        s.login();
        s.closed();
        Completion c;
        s.request(c, "romeo@example.net/orchard");
        CHECK(c.calls == 1);
        CHECK(c.kind == IqResponse::Kind::Closed);
        s.expect_nothing_sent();
    }
}

TEST_CASE("IQ table: a request to an invalid address fails with jid-malformed") {
    Script s;
    s.login();
    Completion c;
    s.request(c, "a@b@c");
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Error);
    CHECK(c.condition == "jid-malformed");
    s.expect_nothing_sent();
}

// [SECTION] Answers to the server

TEST_CASE("RFC 6120 §8.4: an unknown IQ get/set gets service-unavailable") {
    Script s;
    s.login();
    s.server("<iq xmlns='jabber:client' type='get' id='v1' from='romeo@example.net/orchard' "
             "to='user@example.com/4db06f06'><query xmlns='jabber:iq:version'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='error' id='v1' to='romeo@example.net/orchard'>"
                  "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    s.server("<iq xmlns='jabber:client' type='set' id='s9'><unknown xmlns='urn:example:x'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='error' id='s9'>"
                  "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    s.expect_nothing_sent();
    CHECK(s.events().empty());
}

TEST_CASE("an IQ result or error with an unknown id is ignored") {
    Script s;
    s.login();
    s.server("<iq xmlns='jabber:client' type='result' id='nope' from='example.com'/>");
    s.server("<iq xmlns='jabber:client' type='error' id='id99'><error type='cancel'>"
             "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    s.expect_nothing_sent();
    CHECK(s.events().empty());
    CHECK(s.client.state() == StreamState::Ready);
}

TEST_CASE("RFC 6121 §2.1.6: a roster push from a foreign JID gets service-unavailable") {
    Script s;
    s.login();
    s.server("<iq xmlns='jabber:client' type='set' id='push1' from='mallory@evil.example/x'>"
             "<query xmlns='jabber:iq:roster'><item jid='eve@evil.example' subscription='both'/></query></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='error' id='push1' to='mallory@evil.example/x'>"
                  "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    s.expect_nothing_sent();
    CHECK(s.events().empty());
    CHECK(s.client.get<Roster>().find(jid("eve@evil.example")) == nullptr);

    // The genuine push (no 'from') is taken and acknowledged.
    s.server("<iq xmlns='jabber:client' type='set' id='push2'>"
             "<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' subscription='both'/></query></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='result' id='push2'/>");
    CHECK(s.events() == "roster romeo@example.net");
    CHECK(s.client.get<Roster>().find(jid("romeo@example.net")) != nullptr);
}

TEST_CASE("XEP-0030: disco#info is answered with identity client/web and sorted features") {
    Script s;
    s.login();
    const std::vector<std::string> f = s.client.disco_features();
    CHECK(std::is_sorted(f.begin(), f.end()));
    CHECK(std::adjacent_find(f.begin(), f.end()) == f.end());
    for (const char* must : {"http://jabber.org/protocol/disco#info", "urn:xmpp:ping", "urn:xmpp:sid:0"})
        CHECK_MESSAGE(std::count(f.begin(), f.end(), must) == 1, must);

    s.server("<iq xmlns='jabber:client' type='get' id='d1' from='romeo@example.net/orchard'>"
             "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    std::string expected = "<iq xmlns='jabber:client' type='result' id='d1' to='romeo@example.net/orchard'>"
                           "<query xmlns='http://jabber.org/protocol/disco#info'>"
                           "<identity category='client' type='web' name='Parla'/>";
    for (const std::string& feature : f) expected += "<feature var='" + feature + "'/>";
    s.expect_sent(expected + "</query></iq>");

    // A node we never published is item-not-found (XEP-0030 §3.2).
    s.server("<iq xmlns='jabber:client' type='get' id='d2' from='romeo@example.net/orchard'>"
             "<query xmlns='http://jabber.org/protocol/disco#info' node='urn:example#abc'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='error' id='d2' to='romeo@example.net/orchard'>"
                  "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    s.expect_nothing_sent();
}

TEST_CASE("XEP-0199: a ping is answered") {
    Script s;
    s.login();
    s.server("<iq xmlns='jabber:client' type='get' id='p1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    s.expect_sent("<iq xmlns='jabber:client' type='result' id='p1' to='example.com'/>");
    s.expect_nothing_sent();
}

TEST_CASE("stanzas before the session is ready are not dispatched") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.server("<iq xmlns='jabber:client' type='get' id='p1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    s.server("<message xmlns='jabber:client' from='romeo@example.net'><body>early</body></message>");
    s.expect_sent(kOpen);
    s.expect_nothing_sent();
    CHECK(s.events() == "state connecting");
}

// [SECTION] Timers

TEST_CASE("XEP-0199 keepalive: a ping after ping_interval of silence") {
    Script s;
    s.login();
    REQUIRE(s.client.next_deadline().has_value());
    CHECK(*s.client.next_deadline() == 60000);

    s.advance(59999);
    s.expect_nothing_sent();
    s.advance(1);
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    s.expect_nothing_sent();

    SUBCASE("answered: the session goes on and the next ping waits for silence again") {
        s.advance(5000);
        s.server("<iq xmlns='jabber:client' type='result' id='id4' from='example.com'/>");  // at 65000
        s.advance(60000 - 1);
        s.expect_nothing_sent();
        CHECK(s.client.state() == StreamState::Ready);
        s.advance(1);
        s.expect_sent("<iq xmlns='jabber:client' type='get' id='id5' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
        CHECK(s.events().empty());
    }
    SUBCASE("an error answer still proves the connection is alive") {
        s.server("<iq xmlns='jabber:client' type='error' id='id4' from='example.com'><error type='cancel'>"
                 "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        s.advance(30000);
        CHECK(s.client.state() == StreamState::Ready);
        CHECK(s.events().empty());
    }
    SUBCASE("a spoofed answer does not count") {
        s.server("<iq xmlns='jabber:client' type='result' id='id4' from='mallory@evil.example'/>");
        s.advance(20000);
        s.expect_sent(kClose);
        CHECK(s.failure().kind == Failure::Kind::Timeout);
    }
    SUBCASE("unanswered: Disconnected Timeout after ping_timeout") {
        s.advance(19999);
        CHECK(s.client.state() == StreamState::Ready);
        s.expect_nothing_sent();
        s.advance(1);
        s.expect_sent(kClose);
        s.expect_nothing_sent();
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::Timeout);
        CHECK(s.client.wants_transport_closed());
    }
}

TEST_CASE("keepalive: incoming traffic resets the silence timer") {
    Script s;
    s.login();
    s.advance(50000);
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    s.advance(59999);
    s.expect_nothing_sent();
    s.advance(1);
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
    CHECK(s.clock == 110000);
}

TEST_CASE("handshake timeout: the server never answers <open/>") {
    Script s;
    s.open();
    s.expect_sent(kOpen);
    REQUIRE(s.client.next_deadline().has_value());
    s.advance(s.client.config().handshake_timeout - 1);
    s.expect_nothing_sent();
    CHECK(s.client.state() == StreamState::Connecting);
    s.advance(1);
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::Timeout);
    CHECK(s.client.wants_transport_closed());
    CHECK_FALSE(s.client.next_deadline().has_value());
}

TEST_CASE("handshake timeout: each step has its own") {
    Script s;
    s.open();
    s.advance(20000);
    s.server(kServerOpen);
    s.server(features(mechanisms({"SCRAM-SHA-1"})));  // auth at 20000
    s.advance(20000);
    s.server(sasl("challenge", kServerFirstSha1));  // response at 40000
    s.advance(29999);
    CHECK(s.client.state() == StreamState::Authenticating);
    s.server(sasl("success", kServerFinalSha1));  // restart at 69999
    s.server(kServerOpen);
    s.advance(29999);
    s.server(features(kBindFeature));  // bind at 99998
    s.advance(29999);
    CHECK(s.client.state() == StreamState::Binding);
    s.events();
    s.advance(1);
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::Timeout);
}

// [SECTION] Logout

TEST_CASE("logout: unavailable presence and <close/>, then the server's <close/> ends it cleanly") {
    Script s;
    s.login();
    Completion c;
    s.request(c, "romeo@example.net/orchard");
    s.expect_sent("<iq xmlns='jabber:client' type='get' id='id4' to='romeo@example.net/orchard'>"
                  "<query xmlns='jabber:iq:version'/></iq>");
    s.client.logout();
    s.pump();
    s.expect_sent("<presence xmlns='jabber:client' type='unavailable'/>");
    s.expect_sent(kClose);
    s.expect_nothing_sent();
    CHECK(s.events() == "state closing");
    CHECK(c.calls == 0);

    s.client.logout();  // twice is once
    s.pump();
    s.expect_nothing_sent();

    s.server(kClose);
    s.expect_nothing_sent();  // our <close/> was already sent
    CHECK(s.events() == "state disconnected; disconnected none");
    CHECK(c.calls == 1);
    CHECK(c.kind == IqResponse::Kind::Closed);
    CHECK(s.client.wants_transport_closed());
}

TEST_CASE("logout: the transport closing while Closing is clean; while Ready it is a failure") {
    SUBCASE("closing") {
        Script s;
        s.login();
        s.client.logout();
        s.pump();
        s.events();
        s.closed();
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::None);
        s.expect_sent("<presence xmlns='jabber:client' type='unavailable'/>");
        s.expect_sent(kClose);
        s.expect_nothing_sent();
    }
    SUBCASE("ready") {
        Script s;
        s.login();
        s.closed();
        s.expect_nothing_sent();  // the socket is gone: nothing to say
        const Failure f = s.failure();
        CHECK(f.kind == Failure::Kind::Transport);
        CHECK(f.sentence == "The connection to the server was lost.");
    }
}

TEST_CASE("logout: a server that never answers <close/> still ends in a clean logout") {
    Script s;
    s.login();
    s.client.logout();
    s.pump();
    s.events();
    s.advance(s.client.config().handshake_timeout);
    const Failure f = s.failure();
    CHECK(f.kind == Failure::Kind::None);
    CHECK(s.client.wants_transport_closed());
}

TEST_CASE("logout during the handshake sends <close/> without presence") {
    Script s;
    s.open();
    s.server(kServerOpen);
    s.client.logout();
    s.pump();
    s.expect_sent(kOpen);
    s.expect_sent(kClose);
    s.expect_nothing_sent();
}

TEST_CASE("reconnect: a second on_open starts a fresh stream with the same client") {
    Script s;
    s.login();
    s.closed();
    s.events();
    s.open();
    s.expect_sent(kOpen);
    CHECK(s.events() == "state connecting");
    CHECK_FALSE(s.client.wants_transport_closed());
}

// [SECTION] Messages

TEST_CASE("messages through the client: sent with xmlns, received as events") {
    Script s;
    s.login();
    const Message m = s.client.get<Chat>().send_message(jid("romeo@example.net"), "Hello");
    s.pump();
    s.expect_sent("<message xmlns='jabber:client' type='chat' to='romeo@example.net' id='id4'><body>Hello</body>"
                  "<origin-id xmlns='urn:xmpp:sid:0' id='id4'/><request xmlns='urn:xmpp:receipts'/>"
                  "<markable xmlns='urn:xmpp:chat-markers:0'/></message>");
    CHECK(m.id == "id4");
    CHECK(s.events() == "sent id4");

    s.server("<message xmlns='jabber:client' type='chat' id='r1' from='romeo@example.net/orchard' "
             "to='user@example.com/4db06f06'><body>Hi!</body></message>");
    CHECK(s.events() == "message chat from romeo@example.net/orchard: Hi!");
    s.server("<message xmlns='jabber:client' type='groupchat' from='room@muc.example.com/nick'><body>x</body></message>");
    s.server("<message xmlns='jabber:client' type='error' id='id4' from='romeo@example.net'><error type='cancel'>"
             "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    CHECK(s.events() == "failed id4 service-unavailable");
    s.expect_nothing_sent();  // messages are never answered with errors
}
