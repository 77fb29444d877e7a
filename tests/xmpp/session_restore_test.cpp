// "Never lose a message" across a page reload: "remember me" with SCRAM keys instead of the
// password (ClientConfig::scram_keys, Client::scram_keys), and a XEP-0198 session saved by one
// Client and resumed by a new one (Client::save_session / restore_session).
// [SECTION] Harness  [SECTION] Remember me  [SECTION] Saving  [SECTION] Restoring and resuming
// [SECTION] Snapshots refused
#include "xmpp/client.h"

#include "xmpp/chat.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"
#include "xmpp/scram.h"

#include "client_script.h"
#include "fake_session.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace xmpp;
using namespace xmpp::test;

namespace {

// [SECTION] Harness

constexpr const char* kSmFeature = "<sm xmlns='urn:xmpp:sm:3'/>";
constexpr const char* kRosterVer = "<ver xmlns='urn:xmpp:features:rosterver'/>";
constexpr const char* kEnabled = "<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='300'/>";
constexpr const char* kMechanisms =  // a password login picks SCRAM-SHA-1
    "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
    "<mechanism>PLAIN</mechanism></mechanisms>";
constexpr const char* kMechanismsWith512 =  // stored SHA-1 keys must still pick SCRAM-SHA-1
    "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-512</mechanism>"
    "<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>";

// pugixml writes attributes in double quotes: the snapshot as it is stored.
std::string dq(std::string text) {
    for (char& c : text)
        if (c == '\'') c = '"';
    return text;
}

ClientConfig config(std::string password = "pencil") {
    ClientConfig c;
    c.jid = jid("user@example.com");
    c.password = std::move(password);
    c.stream_management = true;
    return c;
}

class Script : public ClientScript {
public:
    explicit Script(ClientConfig cfg = config()) : ClientScript(std::move(cfg), kNonceSha1, describe_sm_event) {}
    std::string mechanisms = kMechanisms;  // what the server offers

    // SCRAM-SHA-1 with the RFC 5802 vector, by password or by its keys (the same frames), up
    // to the server's <open/> after SASL.
    void authenticate() {
        open();
        server(kServerOpen);
        server(features(mechanisms));
        server(sasl("challenge", kServerFirstSha1));
        server(sasl("success", kServerFinalSha1));
        server(kServerOpen);
        expect_sent(kOpen);
        expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
        expect_sent(sasl("response", kClientFinalSha1));
        expect_sent(kOpen);
    }

    // Ready as kBoundJid with a resumable SM session 'sm-1' (max 300 s); the roster get,
    // presence and disco#info acked (3), their two answers handled.
    void login(std::string_view enabled = kEnabled) {
        authenticate();
        server(features(std::string(kBindFeature) + kSmFeature + kRosterVer));
        server(bind_result("id1", kBoundJid));
        server(enabled);
        server("<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster' ver='v1'>"
               "<item jid='romeo@example.net' subscription='both'/></query></iq>");
        server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
               "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:ping'/>"
               "<feature var='urn:xmpp:mam:2'/></query></iq>");
        server(ack("3"));
        REQUIRE(client.state() == StreamState::Ready);
        REQUIRE(client.stream_management_enabled());
        clear();
    }

    // A chat message to romeo; returns the frame that went out ("" while the connection is lost).
    std::string say(std::string_view body, std::string& id) {
        id = client.get<Chat>().send_message(jid("romeo@example.net"), body, "chat").id;
        pump();
        return next_sent();
    }
};

// A session saved while lost: sm-1, 3 handled, 3 acked; "one" acked, "two" sent and not
// acked, "three" written while the connection was down. `frames`: how "two" and "three"
// went out (or would have).
struct Saved {
    std::string snapshot;
    std::vector<std::string> ids;  // one, two, three
    std::string two_frame;
    Millis lost_for = 0;
};

Saved save_lost_session(Script& s) {
    Saved out;
    out.ids.resize(3);
    s.login();
    s.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");  // handled: 3
    s.say("one", out.ids[0]);
    out.two_frame = s.say("two", out.ids[1]);
    s.server(ack("4"));  // "one"
    s.clock += 1000;
    s.closed();
    CHECK(s.say("three", out.ids[2]).empty());  // waits for the session
    s.clock += 2500;
    s.client.on_timer(s.clock);  // the platform feeds time
    s.clear();
    out.lost_for = 2500;
    out.snapshot = s.client.save_session();
    REQUIRE_FALSE(out.snapshot.empty());
    return out;
}

// `text` with the first `from` replaced by `to` (both written with single quotes).
std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const std::string f = dq(std::string(from));
    const std::size_t at = text.find(f);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the snapshot: " << f << "\n" << text);
    return text.replace(at, f.size(), dq(std::string(to)));
}
bool has(const std::string& text, std::string_view part) { return text.find(dq(std::string(part))) != std::string::npos; }

}  // namespace

// [SECTION] Remember me

TEST_CASE("Remember me: scram_keys() after a password login round-trips and logs in again without the password") {
    Script first;
    CHECK_FALSE(first.client.scram_keys());
    first.login();
    const std::optional<ScramKeys> keys = first.client.scram_keys();
    REQUIRE(keys);
    CHECK(keys->hash == ScramHash::sha1);
    CHECK(keys->iterations == 4096);
    CHECK(base64_encode(keys->salt) == "QSXCR+Q6sek8bf92");
    CHECK(keys->client_key.size() == 20);
    CHECK(keys->server_key.size() == 20);
    CHECK(keys->salted_password.empty());  // the pair is enough; nothing that is the password's equal

    const std::string stored = encode_scram_keys(*keys);
    CHECK(stored.rfind("SCRAM-SHA-1:4096:QSXCR+Q6sek8bf92:", 0) == 0);
    CHECK(stored.find("pencil") == std::string::npos);
    const std::optional<ScramKeys> loaded = decode_scram_keys(stored);
    REQUIRE(loaded);

    ClientConfig c = config("");
    c.scram_keys = loaded;
    Script again(c);
    again.mechanisms = kMechanismsWith512;
    again.login();  // the same SCRAM-SHA-1 frames, though SCRAM-SHA-512 and PLAIN are offered
    CHECK(again.client.jid() == jid(kBoundJid));
    REQUIRE(again.client.scram_keys());
    CHECK(encode_scram_keys(*again.client.scram_keys()) == stored);
}

TEST_CASE("Remember me: keys that no longer fit end the login with credentials-expired, before any proof") {
    std::optional<ScramKeys> keys;
    {
        Script first;
        first.login();
        keys = first.client.scram_keys();
    }
    REQUIRE(keys);
    struct Row {
        const char* name;
        std::string mechanisms;
        std::string server_first;  // "" when the client must stop at the mechanisms
    };
    const std::string mech = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
    const std::vector<Row> rows = {
        {"the keys' mechanism is gone (SCRAM-SHA-512 and PLAIN remain)",
         mech + "<mechanism>SCRAM-SHA-512</mechanism><mechanism>PLAIN</mechanism></mechanisms>", ""},
        {"PLAIN only: keys are never sent as PLAIN", mech + "<mechanism>PLAIN</mechanism></mechanisms>", ""},
        {"another salt", mech + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>",
         "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf93,i=4096"},
        {"another iteration count", mech + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>",
         "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=8192"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        ClientConfig c = config("");
        c.scram_keys = keys;
        c.secure_transport = true;  // PLAIN would be allowed with a password
        Script s(c);
        s.open();
        s.server(kServerOpen);
        s.server(features(row.mechanisms));
        if (!row.server_first.empty()) {
            s.expect_sent(kOpen);
            s.expect_sent(sasl("auth", kClientFirstSha1, "SCRAM-SHA-1"));
            s.server(sasl("challenge", base64_encode(Bytes(row.server_first.begin(), row.server_first.end()))));
        } else {
            s.expect_sent(kOpen);
        }
        s.expect_sent(kClose);  // no <auth/>, no <response/>: nothing made from the keys
        s.expect_nothing_sent();
        const std::vector<Disconnected> d = s.take<Disconnected>();
        REQUIRE(d.size() == 1);
        CHECK(d[0].failure.kind == Failure::Kind::AuthFailed);
        CHECK(d[0].failure.condition == "credentials-expired");
        CHECK(d[0].failure.sentence.find("password again") != std::string::npos);
        CHECK_FALSE(s.client.scram_keys());
    }
}

TEST_CASE("Remember me: a PLAIN login gives no keys; a typed password wins over stored keys") {
    ClientConfig c = config();
    c.secure_transport = true;
    {
        Script s(c);
        s.open();
        s.server(kServerOpen);
        s.server(features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"));
        s.server(sasl("success", ""));
        CHECK(s.client.state() == StreamState::Binding);
        CHECK_FALSE(s.client.scram_keys());
    }
    ScramKeys wrong;  // keys for another salt: unused, or the login would fail
    wrong.hash = ScramHash::sha1;
    wrong.salt = Bytes(16, 7);
    wrong.iterations = 4096;
    wrong.client_key = wrong.server_key = Bytes(20, 1);
    c.scram_keys = wrong;
    Script s(c);
    s.login();  // with "pencil": the RFC 5802 frames
    REQUIRE(s.client.scram_keys());
    CHECK(s.client.scram_keys()->salt != wrong.salt);
}

// [SECTION] Saving

TEST_CASE("save_session: only for a resumable session, and a restored one saves the same") {
    SUBCASE("nothing before login, without SM, without resume, after logout") {
        Script s;
        CHECK(s.client.save_session().empty());
        s.login("<enabled xmlns='urn:xmpp:sm:3' id='sm-1'/>");  // no resume='true'
        CHECK(s.client.save_session().empty());
        ClientConfig off = config();
        off.stream_management = false;
        Script t(off);
        t.authenticate();
        t.server(features(std::string(kBindFeature) + kSmFeature));
        t.server(bind_result("id1", kBoundJid));
        CHECK(t.client.state() == StreamState::Ready);
        CHECK(t.client.save_session().empty());
        Script u;
        u.login();
        CHECK_FALSE(u.client.save_session().empty());
        u.client.logout();
        CHECK(u.client.save_session().empty());  // leaving ends the session
    }
    SUBCASE("ready, and lost") {
        Script s;
        s.login();
        const std::string ready = s.client.save_session();
        CHECK_FALSE(has(ready, "lost-for"));
        CHECK(has(ready, "<sm id='sm-1' h='2' acked='3' max='300' transmitted='0'/>"));
        s.closed();
        const std::string lost = s.client.save_session();
        CHECK(has(lost, "lost-for='0'"));
    }
    SUBCASE("what a restored client saves is what it was given") {
        Script s;
        const Saved saved = save_lost_session(s);
        Script t;
        t.clock = 777;
        REQUIRE(t.client.restore_session(saved.snapshot, t.clock));
        CHECK(t.client.save_session() == saved.snapshot);
    }
}

// [SECTION] Restoring and resuming

TEST_CASE("restore_session: a new client, logging in with keys, resumes: <resume h/>, the queue resent in order, Resumed") {
    Script s;
    const Saved saved = save_lost_session(s);
    CAPTURE(saved.snapshot);
    // What the snapshot says, read the way the lead will read it in a bug report.
    CHECK(saved.snapshot.rfind(dq("<session xmlns='urn:parla:session:1' jid='" + std::string(kBoundJid) + "'><sm "), 0) == 0);
    CHECK(has(saved.snapshot, "<sm id='sm-1' h='3' acked='4' max='300' lost-for='2500' transmitted='1'>"));
    CHECK(has(saved.snapshot, "<feature var='urn:xmpp:mam:2'/><feature var='urn:xmpp:ping'/><stream-feature var='rosterver'/><presences "));
    // Romeo's presence, with the session: a resumed session is not sent presence again.
    CHECK(has(saved.snapshot, "<presences own-show='online' own-priority='0'><r jid='romeo@example.net/orchard' show='online' priority='0'></r></presences></session>"));

    // The page reloads: a new Client, a clock from zero, no password.
    ClientConfig c = config("");
    c.scram_keys = decode_scram_keys(encode_scram_keys(*s.client.scram_keys()));
    Script t(c);
    t.mechanisms = kMechanismsWith512;
    t.clock = 40;
    REQUIRE(t.client.restore_session(saved.snapshot, t.clock));
    CHECK(t.events().empty());
    t.expect_nothing_sent();
    CHECK(t.client.state() == StreamState::Disconnected);
    CHECK(t.client.resumable());
    CHECK(t.client.jid() == jid(kBoundJid));
    CHECK(t.client.resume_deadline() == 40 + 300000 - 2500);
    CHECK(t.client.server_supports("urn:xmpp:mam:2"));
    CHECK(t.client.get<Roster>().versioning_supported());
    CHECK_FALSE(t.client.get<Roster>().preapproval_supported());

    t.clock = 500;
    t.authenticate();
    CHECK(t.events() == "state connecting; state authenticating; state binding");
    t.server(features(std::string(kBindFeature) + kSmFeature));
    t.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
    t.expect_nothing_sent();  // no bind

    t.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='4'/>");  // "two" never arrived
    CHECK(t.next_sent() == saved.two_frame);  // exactly as it went out before
    const std::string three = t.next_sent();
    CHECK(has(three, ">three</body>"));
    CHECK(has(three, "id='" + saved.ids[2] + "'"));
    t.expect_nothing_sent();  // no roster get, no presence, no disco#info
    CHECK(t.events() == "state ready; resumed");
    CHECK(t.client.state() == StreamState::Ready);
    CHECK_FALSE(t.client.resumable());

    // Counting goes on: inbound from the h sent, outbound from the h received.
    t.server("<message xmlns='jabber:client' type='chat' from='romeo@example.net/orchard' id='m9'><body>hi</body></message>");
    t.server(sm("r"));
    t.expect_sent(ack("4"));
    t.events();
    t.server(ack("6"));
    CHECK(t.events() == "acked" + ids({saved.ids[1], saved.ids[2]}));
}

TEST_CASE("restore_session: <failed/> binds a new session and reports the unsent after SessionReady") {
    Script s;
    const Saved saved = save_lost_session(s);
    Script t;
    REQUIRE(t.client.restore_session(saved.snapshot, 0));
    t.authenticate();
    t.server(features(std::string(kBindFeature) + kSmFeature));
    t.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
    t.events();
    std::string h_attr, expect_acked, expect_unsent;
    SUBCASE("without h") {
        expect_unsent = ids({saved.ids[1], saved.ids[2]});
    }
    SUBCASE("with the h the server had: \"two\" arrived") {
        h_attr = " h='5'";
        expect_acked = "acked " + saved.ids[1];
        expect_unsent = " " + saved.ids[2];
    }
    t.server("<failed xmlns='urn:xmpp:sm:3'" + h_attr +
             "><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
    // The old session's presences go with it: Romeo reads as offline until he says otherwise.
    CHECK(t.events() == expect_acked + (expect_acked.empty() ? "" : "; ") + "presence");
    CHECK_FALSE(t.client.resumable());
    CHECK_FALSE(t.client.server_supports("urn:xmpp:mam:2"));  // the old session's, asked again
    const std::string bind = t.next_sent();
    CHECK(bind.find("<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>") != std::string::npos);
    const FrameResult f = parse_frame(bind);
    REQUIRE(f.ok());
    t.server(bind_result(f.frame.root().attribute("id").value(), "user@example.com/fresh"));
    t.expect_sent("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
    const std::vector<ResumeFailed> failed = t.take<ResumeFailed>();
    CHECK(t.events() == "state ready; ready user@example.com/fresh");
    REQUIRE(failed.size() == 1);
    CHECK(unsent_ids(failed[0]) == expect_unsent);
    const Message& three = failed[0].unsent.back();
    CHECK(three.body == "three");
    CHECK(three.type == "chat");
    CHECK(three.to == jid("romeo@example.net"));
    CHECK(three.from == jid(kBoundJid));
}

TEST_CASE("restore_session: the window is the server's to judge; a stale snapshot's h is not an error") {
    SUBCASE("a snapshot saved long after the drop still asks; the deadline is only informative") {
        Script s;
        s.login("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='60'/>");
        s.closed();
        s.clock += 100000;
        s.client.on_timer(s.clock);
        const std::string saved = s.client.save_session();
        CHECK(has(saved, "max='60' lost-for='100000'"));
        Script t;
        REQUIRE(t.client.restore_session(saved, 5000));
        CHECK(t.client.resume_deadline() == 5000 + 60000 - 100000);
        t.clock = 5000;
        t.authenticate();
        t.server(features(std::string(kBindFeature) + kSmFeature));
        t.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
    }
    SUBCASE("saved before the last message went out: <resumed/> confirming more takes everything as arrived") {
        Script s;
        s.login();
        std::string one, two;
        s.say("one", one);
        const std::string saved = s.client.save_session();  // the app missed saving after "two"
        s.say("two", two);
        s.closed();
        Script t;
        REQUIRE(t.client.restore_session(saved, 0));
        t.authenticate();
        t.server(features(std::string(kBindFeature) + kSmFeature));
        t.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='2'/>");
        t.events();
        t.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='5'/>");
        t.expect_nothing_sent();  // no stream error, nothing to resend
        CHECK(t.events() == "acked " + one + "; state ready; resumed");
        t.server(sm("r"));
        t.expect_sent(ack("2"));
        std::string three;
        t.say("three", three);
        t.server(ack("6"));
        CHECK(t.events() == "sent " + three + "; acked " + three);
    }
    SUBCASE("an h going backwards is still a stream error") {
        Script s;
        const Saved saved = save_lost_session(s);
        Script t;
        REQUIRE(t.client.restore_session(saved.snapshot, 0));
        t.authenticate();
        t.server(features(std::string(kBindFeature) + kSmFeature));
        t.expect_sent("<resume xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
        t.events();
        t.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='3'/>");
        t.expect_sent("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><undefined-condition "
                      "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><handled-count-too-high xmlns='urn:xmpp:sm:3' "
                      "h='3' send-count='5'/></stream:error>");
        CHECK(t.events() == "state disconnected; presence; resume-failed" + ids({saved.ids[1], saved.ids[2]}) +
                                "; disconnected undefined-condition");
    }
    SUBCASE("logout before reconnecting ends the restored session: ResumeFailed, Disconnected") {
        Script s;
        const Saved saved = save_lost_session(s);
        Script t;
        REQUIRE(t.client.restore_session(saved.snapshot, 0));
        t.client.logout();
        t.pump();
        t.expect_nothing_sent();
        CHECK(t.events() == "presence; resume-failed" + ids({saved.ids[1], saved.ids[2]}) + "; disconnected");
        CHECK_FALSE(t.client.resumable());
    }
}

// [SECTION] Snapshots refused

TEST_CASE("restore_session refuses malformed, foreign, inconsistent and oversized snapshots, changing nothing") {
    Script s;
    const Saved saved = save_lost_session(s);
    const std::string& good = saved.snapshot;
    const std::string sm_open = "<sm id='sm-1' h='3' acked='4' max='300' lost-for='2500' transmitted='1'>";
    std::vector<std::pair<std::string, std::string>> bad = {
        {"empty", ""},
        {"not XML", "session"},
        {"another account", replaced(good, "jid='user@example.com/", "jid='eve@example.com/")},
        {"another server", replaced(good, "jid='user@example.com/", "jid='user@example.org/")},
        {"a bare JID", replaced(good, "jid='" + std::string(kBoundJid) + "'", "jid='user@example.com'")},
        {"a JID that does not parse", replaced(good, "jid='user@", "jid='us er@@")},
        {"no JID", replaced(good, " jid='" + std::string(kBoundJid) + "'", "")},
        {"h negative", replaced(good, "h='3'", "h='-3'")},
        {"h past 2^32", replaced(good, "h='3'", "h='4294967296'")},
        {"h empty", replaced(good, "h='3'", "h=''")},
        {"h with a space", replaced(good, "h='3'", "h=' 3'")},
        {"no h", replaced(good, " h='3'", "")},
        {"acked not a number", replaced(good, "acked='4'", "acked='four'")},
        {"more transmitted than queued", replaced(good, "transmitted='1'", "transmitted='3'")},
        {"max not whole", replaced(good, "max='300'", "max='1.5'")},
        {"lost-for negative", replaced(good, "lost-for='2500'", "lost-for='-2500'")},
        {"lost-for with a leading zero", replaced(good, "lost-for='2500'", "lost-for='02500'")},
        {"no SM id", replaced(good, "id='sm-1' ", "")},
        {"an empty SM id", replaced(good, "id='sm-1'", "id=''")},
        {"an unknown attribute", replaced(good, "<sm ", "<sm extra='1' ")},
        {"an attribute twice", replaced(good, "<sm ", "<sm h='9' ")},
        {"no <sm/>", dq("<session xmlns='urn:parla:session:1' jid='user@example.com/4db06f06'>"
                        "<feature var='urn:xmpp:ping'/></session>")},
        {"two <sm/>", replaced(good, "<feature ", "<sm id='sm-2' h='0' acked='0' transmitted='0'/><feature ")},
        {"<sm/> renamed", replaced(replaced(good, "<sm ", "<ms "), "</sm>", "</ms>")},
        {"an unknown element", replaced(good, "<feature ", "<favourite var='x'/><feature ")},
        {"an unknown stream feature", replaced(good, "var='rosterver'", "var='starttls'")},
        {"a feature without var", replaced(good, "<feature var='urn:xmpp:ping'/>", "<feature/>")},
        {"text in the session", replaced(good, "<feature ", "hello<feature ")},
        {"another namespace", replaced(good, "urn:parla:session:1", "urn:parla:session:2")},
        {"a queued stanza of another namespace",
         replaced(good, sm_open + "<message xmlns='jabber:client'", sm_open + "<message xmlns='jabber:server'")},
        {"a queued nonza", replaced(good, sm_open, sm_open + "<r xmlns='urn:xmpp:sm:3'/>")},
        {"a DOCTYPE", "<!DOCTYPE session [<!ENTITY x 'y'>]>" + good},
        {"an entity", replaced(good, "<body>two", "<body>&x;two")},
        {"two roots", good + good},
        {"huge", replaced(good, "<body>two", "<body>" + std::string(5 * 1024 * 1024, 'x') + "two")},
    };
    // Every truncation: a snapshot cut short (a reload while IndexedDB was writing, say).
    for (std::size_t n = 0; n < good.size(); n += 3) bad.push_back({"truncated at " + std::to_string(n), good.substr(0, n)});

    Script t;
    for (const auto& [name, text] : bad) {
        CAPTURE(name);
        CHECK_FALSE(t.client.restore_session(text, 0));
        CHECK_FALSE(t.client.resumable());
        CHECK(t.client.jid() == jid("user@example.com"));
        CHECK_FALSE(t.client.server_supports("urn:xmpp:mam:2"));
        CHECK(t.client.save_session().empty());
    }
    t.pump();
    CHECK(t.events().empty());
    t.expect_nothing_sent();
    // Untouched: the good one is still taken, once.
    CHECK(t.client.restore_session(good, 0));
    CHECK(t.client.resumable());
    CHECK_FALSE(t.client.restore_session(good, 0));

    SUBCASE("not on a client without SM, registering, or already connected") {
        ClientConfig off = config();
        off.stream_management = false;
        Script u(off);
        CHECK_FALSE(u.client.restore_session(good, 0));
        ClientConfig reg = config();
        reg.register_account = true;
        Script v(reg);
        CHECK_FALSE(v.client.restore_session(good, 0));
        Script w;
        w.open();
        CHECK_FALSE(w.client.restore_session(good, 0));
        Script x;
        x.login();
        CHECK_FALSE(x.client.restore_session(good, 0));
        CHECK(x.client.state() == StreamState::Ready);
    }
}

TEST_CASE("restore_session: contacts' presences and ours come back with the session; a bad one rejects it") {
    Script s;
    const Saved saved = save_lost_session(s);
    {
        Script t;
        REQUIRE(t.client.restore_session(saved.snapshot, 0));
        CHECK(t.client.get<Presences>().aggregate(jid("romeo@example.net")) == Show::Online);
        CHECK(t.events().empty());  // restoring is silent
    }
    for (const auto& [what, bad] : std::vector<std::pair<const char*, std::string>>{
             {"unknown show", replaced(saved.snapshot, "show=\"online\" priority", "show=\"sleepy\" priority")},
             {"offline resource", replaced(saved.snapshot, "show=\"online\" priority", "show=\"offline\" priority")},
             {"bad address", replaced(saved.snapshot, "jid=\"romeo@example.net/orchard\"", "jid=\"@@\"")},
             {"own show missing", replaced(saved.snapshot, "own-show=\"online\" ", "")},
             {"another child", replaced(saved.snapshot, "<r jid", "<x jid")},
         }) {
        CAPTURE(what);
        REQUIRE(bad != saved.snapshot);
        Script t;
        CHECK_FALSE(t.client.restore_session(bad, 0));
        CHECK(t.client.get<Presences>().aggregate(jid("romeo@example.net")) == Show::Offline);
    }
}
