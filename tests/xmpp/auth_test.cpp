// RFC 6120 §6: SASL mechanism choice and steps (Auth), without the client around it.
#include "xmpp/auth.h"

#include "xmpp/stream_errors.h"

#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;

namespace {

class FixedEntropy : public Entropy {
public:
    std::string nonce() override { return "fyko+d2lbbFgONRv9qkxdawL"; }
    std::string id() override { return "id"; }
};

ClientConfig account(std::string_view local = "user") {
    ClientConfig c;
    c.jid.local = std::string(local);
    c.jid.domain = "example.com";
    c.password = "pencil";
    return c;
}

std::string mechanisms(const std::vector<std::string>& names) {
    std::string out = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
    for (const std::string& n : names) out += "<mechanism>" + n + "</mechanism>";
    return out + "</mechanisms>";
}

Auth::Step start(Auth& auth, const std::vector<std::string>& offered) {
    const FrameResult f = parse_frame(mechanisms(offered));
    REQUIRE_MESSAGE(f.ok(), f.message);
    return auth.start(f.frame.root());
}

Auth::Step failure(Auth& auth, std::string_view xml) {
    const FrameResult f = parse_frame(xml);
    REQUIRE_MESSAGE(f.ok(), f.message);
    return auth.on_failure(f.frame.root());
}

std::string b64(std::string_view s) { return base64_encode(Bytes(s.begin(), s.end())); }

}  // namespace

TEST_CASE("Auth::start picks the strongest mechanism the policy allows") {
    struct Row {
        const char* name;
        std::vector<std::string> offered;
        bool secure, scram_before, anonymous;
        std::string mechanism;  // chosen, or "" when it must fail
        std::string condition;  // the failure's condition
    };
    const std::vector<Row> rows = {
        {"all SCRAM and PLAIN", {"PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"}, true, false, false,
         "SCRAM-SHA-512", ""},
        {"SHA-256 over SHA-1", {"SCRAM-SHA-1", "SCRAM-SHA-256"}, false, false, false, "SCRAM-SHA-256", ""},
        {"SCRAM over PLAIN on a secure transport", {"PLAIN", "SCRAM-SHA-1"}, true, false, false, "SCRAM-SHA-1", ""},
        {"PLAIN alone, secure", {"PLAIN"}, true, false, false, "PLAIN", ""},
        {"PLAIN alone, insecure", {"PLAIN"}, false, false, false, "", "encryption-required"},
        {"PLAIN alone, SCRAM seen before", {"PLAIN"}, true, true, false, "", "mechanism-too-weak"},
        {"only channel binding", {"SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS"}, true, false, false, "",
         "invalid-mechanism"},
        {"nothing known", {"GSSAPI", "EXTERNAL", "DIGEST-MD5"}, true, false, false, "", "invalid-mechanism"},
        {"none at all", {}, true, false, false, "", "invalid-mechanism"},
        {"names are case-sensitive", {"scram-sha-1", "plain"}, true, false, false, "", "invalid-mechanism"},
        {"anonymous, offered", {"SCRAM-SHA-512", "ANONYMOUS"}, false, false, true, "ANONYMOUS", ""},
        {"anonymous, not offered", {"SCRAM-SHA-512", "PLAIN"}, true, false, true, "", "invalid-mechanism"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        ClientConfig c = account();
        c.secure_transport = row.secure;
        c.server_offered_scram_before = row.scram_before;
        c.anonymous = row.anonymous;
        FixedEntropy entropy;
        Auth auth(c, entropy);
        const Auth::Step step = start(auth, row.offered);
        if (row.mechanism.empty()) {
            REQUIRE(step.failure.has_value());
            CHECK(step.failure->kind == Failure::Kind::AuthFailed);
            CHECK(step.failure->condition == row.condition);
            CHECK_FALSE(step.failure->sentence.empty());
            CHECK(step.send.empty());  // nothing leaves, least of all the password
        } else {
            CHECK_FALSE(step.failure.has_value());
            CHECK(auth.mechanism() == row.mechanism);
            const FrameResult sent = parse_frame(step.send);
            REQUIRE_MESSAGE(sent.ok(), step.send);
            CHECK(is(sent.frame.root(), "auth", kNsSasl));
            CHECK(std::string_view(sent.frame.root().attribute("mechanism").value()) == row.mechanism);
        }
        CHECK_FALSE(step.done);
    }
}

TEST_CASE("Auth::start: initial responses for SCRAM, PLAIN and ANONYMOUS") {
    FixedEntropy entropy;
    ClientConfig c = account();
    c.secure_transport = true;
    {
        Auth auth(c, entropy);
        CHECK_XML(start(auth, {"SCRAM-SHA-256"}).send,
                  "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>" +
                      b64("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL") + "</auth>");
        CHECK(auth.offered_scram());
    }
    {
        Auth auth(c, entropy);
        CHECK_XML(start(auth, {"PLAIN"}).send,
                  "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AHVzZXIAcGVuY2ls</auth>");
        CHECK_FALSE(auth.offered_scram());
    }
    {
        // RFC 5802 §5.1: ',' and '=' in the user name are escaped as =2C and =3D.
        ClientConfig odd = account("a,b=c");
        Auth auth(odd, entropy);
        CHECK_XML(start(auth, {"SCRAM-SHA-1"}).send,
                  "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" +
                      b64("n,,n=a=2Cb=3Dc,r=fyko+d2lbbFgONRv9qkxdawL") + "</auth>");
    }
    {
        ClientConfig anon = account("");
        anon.anonymous = true;
        Auth auth(anon, entropy);
        CHECK_XML(start(auth, {"ANONYMOUS"}).send,
                  "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'>=</auth>");
    }
}

TEST_CASE("Auth: SCRAM-SHA-1 steps with the RFC 5802 vector") {
    FixedEntropy entropy;
    ClientConfig c = account();
    Auth auth(c, entropy);
    start(auth, {"SCRAM-SHA-1"});
    const Auth::Step response =
        auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
    REQUIRE_FALSE(response.failure.has_value());
    CHECK_XML(response.send, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
                                 b64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=") +
                                 "</response>");
    CHECK_FALSE(response.done);

    SUBCASE("right server signature") {
        const Auth::Step done = auth.on_success(b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        CHECK_FALSE(done.failure.has_value());
        CHECK(done.done);
        CHECK(done.send.empty());
    }
    SUBCASE("wrong server signature") {
        const Auth::Step done = auth.on_success(b64("v=smF9pqV8S7suAoZWja4dJRkFsKQ="));
        REQUIRE(done.failure.has_value());
        CHECK(done.failure->condition == "not-authorized");
        CHECK_FALSE(done.done);
    }
    SUBCASE("server error in server-final") {
        const Auth::Step done = auth.on_success(b64("e=invalid-proof"));
        REQUIRE(done.failure.has_value());
        CHECK_FALSE(done.done);
    }
    SUBCASE("no additional data") {
        const Auth::Step done = auth.on_success("");
        REQUIRE(done.failure.has_value());
        CHECK_FALSE(done.done);
    }
    SUBCASE("additional data that is not base64") {
        const Auth::Step done = auth.on_success("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=!");
        REQUIRE(done.failure.has_value());
        CHECK_FALSE(done.done);
    }
}

TEST_CASE("Auth: bad challenges fail instead of guessing") {
    FixedEntropy entropy;
    ClientConfig c = account();
    c.secure_transport = true;
    SUBCASE("not base64") {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        const Auth::Step s = auth.on_challenge("%%%");
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->condition == "malformed-request");
    }
    SUBCASE("a nonce that does not extend ours") {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        const Auth::Step s = auth.on_challenge(b64("r=someoneelse3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        REQUIRE(s.failure.has_value());
        CHECK(s.send.empty());
    }
    SUBCASE("a challenge for PLAIN") {
        Auth auth(c, entropy);
        start(auth, {"PLAIN"});
        const Auth::Step s = auth.on_challenge(b64("anything"));
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->condition == "malformed-request");
    }
    SUBCASE("PLAIN succeeds without additional data") {
        Auth auth(c, entropy);
        start(auth, {"PLAIN"});
        CHECK(auth.on_success("").done);
    }
}

TEST_CASE("Auth::on_failure: RFC 6120 §6.5 conditions in plain words") {
    FixedEntropy entropy;
    ClientConfig c = account();
    Auth auth(c, entropy);
    for (const char* condition : {"aborted", "account-disabled", "credentials-expired", "encryption-required",
                                  "incorrect-encoding", "invalid-authzid", "invalid-mechanism", "malformed-request",
                                  "mechanism-too-weak", "not-authorized", "temporary-auth-failure"}) {
        CAPTURE(condition);
        const Auth::Step s =
            failure(auth, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><" + std::string(condition) + "/></failure>");
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->kind == Failure::Kind::AuthFailed);
        CHECK(s.failure->condition == condition);
        CHECK(s.failure->sentence == sasl_failure_sentence(condition));
        CHECK(s.failure->sentence != sasl_failure_sentence("x-unknown"));  // each has its own words
    }
    const Auth::Step bare = failure(auth, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    REQUIRE(bare.failure.has_value());
    CHECK(bare.failure->condition == "not-authorized");
    CHECK(bare.failure->sentence == "The address or the password is wrong.");

    const Auth::Step text = failure(auth, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><temporary-auth-failure/>"
                                          "<text>LDAP down</text></failure>");
    REQUIRE(text.failure.has_value());
    CHECK(text.failure->sentence ==
          "The server could not check the password right now. Try again later. The server said: \"LDAP down\"");
}

namespace {

// The RFC 5802 §5 keys (user/pencil), as a "remember me" stores them: no SaltedPassword.
ScramKeys rfc5802_keys() {
    ScramClient c(ScramHash::sha1, "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
    REQUIRE_FALSE(c.client_first().empty());
    REQUIRE(c.client_final("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096").ok());
    ScramKeys k = c.keys();
    k.salted_password.clear();
    return k;
}

}  // namespace

TEST_CASE("Auth with stored keys: only the keys' own mechanism, never PLAIN, else credentials-expired") {
    struct Row {
        const char* name;
        std::vector<std::string> offered;
        bool keys_ok;  // SCRAM-SHA-1 is started
    };
    const std::vector<Row> rows = {
        {"the keys' mechanism beside stronger ones", {"SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"}, true},
        {"the keys' mechanism alone", {"SCRAM-SHA-1"}, true},
        {"only stronger SCRAM", {"SCRAM-SHA-512", "SCRAM-SHA-256"}, false},
        {"PLAIN on a secure transport", {"PLAIN"}, false},
        {"only the channel-bound variant", {"SCRAM-SHA-1-PLUS"}, false},
        {"nothing", {}, false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        ClientConfig c = account();
        c.password.clear();
        c.secure_transport = true;
        c.scram_keys = rfc5802_keys();
        FixedEntropy entropy;
        Auth auth(c, entropy);
        const Auth::Step step = start(auth, row.offered);
        CHECK_FALSE(step.done);
        CHECK(step.send.find("PLAIN") == std::string::npos);
        if (!row.keys_ok) {
            REQUIRE(step.failure.has_value());
            CHECK(step.failure->kind == Failure::Kind::AuthFailed);
            CHECK(step.failure->condition == "credentials-expired");
            CHECK(step.failure->sentence == "The server no longer offers the login Parla remembered. Type your password again.");
            CHECK(step.send.empty());
            continue;
        }
        REQUIRE_FALSE(step.failure.has_value());
        CHECK(auth.using_stored_keys());
        CHECK(auth.mechanism() == "SCRAM-SHA-1");
        CHECK_XML(step.send, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" +
                                 b64("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL") + "</auth>");
        // The RFC 5802 proof, from the keys alone.
        const Auth::Step response =
            auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        REQUIRE_FALSE(response.failure.has_value());
        CHECK_XML(response.send, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
                                     b64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=") +
                                     "</response>");
        CHECK(auth.on_success(b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).done);
    }
}

TEST_CASE("Auth with stored keys: stale, incomplete or refused keys ask for the password") {
    FixedEntropy entropy;
    ClientConfig c = account();
    c.password.clear();
    c.scram_keys = rfc5802_keys();
    SUBCASE("the server changed the salt") {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        const Auth::Step s =
            auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=c2FsdHNhbHRzYWx0,i=4096"));
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->kind == Failure::Kind::AuthFailed);
        CHECK(s.failure->condition == "credentials-expired");
        CHECK(s.failure->sentence == "The server changed how it stores the password; enter the password again.");
        CHECK(s.send.empty());
    }
    SUBCASE("the server changed the iteration count") {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        const Auth::Step s =
            auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=10000"));
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->condition == "credentials-expired");
    }
    SUBCASE("incomplete keys") {
        c.scram_keys->client_key.resize(19);
        Auth auth(c, entropy);
        const Auth::Step s = start(auth, {"SCRAM-SHA-1", "PLAIN"});
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->condition == "credentials-expired");
        CHECK(s.send.empty());
    }
    SUBCASE("the server refuses the proof (the password was changed)") {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        const Auth::Step s = failure(auth, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        REQUIRE(s.failure.has_value());
        CHECK(s.failure->condition == "not-authorized");
        CHECK(s.failure->sentence == "The server no longer accepts the login Parla remembered. Type your password again.");
        CHECK_FALSE(auth.scram_keys());
    }
    SUBCASE("a typed password is used instead of stored keys, with the strongest mechanism") {
        c.password = "pencil";
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-512", "SCRAM-SHA-1"});
        CHECK_FALSE(auth.using_stored_keys());
        CHECK(auth.mechanism() == "SCRAM-SHA-512");
    }
}

TEST_CASE("Auth::scram_keys: after a SCRAM success only, ClientKey and ServerKey without SaltedPassword") {
    FixedEntropy entropy;
    ClientConfig c = account();
    c.secure_transport = true;
    {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        CHECK_FALSE(auth.scram_keys());
        auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        CHECK_FALSE(auth.scram_keys());  // the server has not proved itself yet
        CHECK_FALSE(auth.on_success(b64("v=smF9pqV8S7suAoZWja4dJRkFsKQ=")).done);
        CHECK_FALSE(auth.scram_keys());
    }
    {
        Auth auth(c, entropy);
        start(auth, {"SCRAM-SHA-1"});
        auth.on_challenge(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        REQUIRE(auth.on_success(b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).done);
        const std::optional<ScramKeys> k = auth.scram_keys();
        REQUIRE(k);
        const ScramKeys expected = rfc5802_keys();
        CHECK(k->hash == ScramHash::sha1);
        CHECK(k->salt == expected.salt);
        CHECK(k->iterations == 4096);
        CHECK(k->client_key == expected.client_key);
        CHECK(k->server_key == expected.server_key);
        CHECK(k->salted_password.empty());
    }
    {
        Auth auth(c, entropy);
        start(auth, {"PLAIN"});
        REQUIRE(auth.on_success("").done);
        CHECK_FALSE(auth.scram_keys());
    }
}
