// XEP-0077 through the client: form, submission, errors, then SASL on the same stream.
#include "xmpp/client.h"
#include "xmpp/register.h"

#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;

namespace {

struct CountingEntropy : Entropy {
    int n = 0;
    std::string nonce() override { return "fyko+d2lbbFgONRv9qkxdawL"; }
    std::string id() override { return "r" + std::to_string(++n); }
};

const char* kOpen = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s' version='1.0'/>";
const char* kFeatures = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
                        "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
                        "<register xmlns='http://jabber.org/features/iq-register'/></stream:features>";

struct Fixture {
    CountingEntropy entropy;
    std::unique_ptr<Client> client;
    Millis now = 0;

    Fixture() {
        ClientConfig c;
        c.jid = Jid::parse("example.com").jid;
        c.register_account = true;
        client = std::make_unique<Client>(c, entropy);
        client->on_open(now);
        client->on_frame(kOpen, now);
        client->on_frame(kFeatures, now);
    }
    std::vector<std::string> sent() { return client->take_outgoing(); }
    template <class E>
    std::vector<E> events() {
        std::vector<E> out;
        for (Event& e : client->take_events())
            if (auto* x = std::get_if<E>(&e)) out.push_back(*x);
        return out;
    }
    void form(const std::string& query_inner) {
        client->on_frame("<iq xmlns='jabber:client' type='result' id='r1' from='example.com'><query "
                         "xmlns='jabber:iq:register'>" + query_inner + "</query></iq>", now);
    }
};

}  // namespace

TEST_CASE("XEP-0077: the form is asked for before SASL, then submitted; SASL follows on the same stream") {
    Fixture f;
    std::vector<std::string> out = f.sent();
    REQUIRE(out.size() == 2);
    CHECK_XML(out[1], "<iq xmlns='jabber:client' type='get' to='example.com' id='r1'><query xmlns='jabber:iq:register'/></iq>");
    CHECK(f.client->state() == StreamState::Registering);
    f.form("<instructions>Choose a name</instructions><username/><password/>");
    auto forms = f.events<RegistrationFormReceived>();
    REQUIRE(forms.size() == 1);
    CHECK(forms[0].form.legacy_fields == std::vector<std::string>{"username", "password"});
    // Filling in the form takes as long as it takes: no handshake timeout now.
    f.now = 10 * 60 * 1000;
    std::optional<Millis> deadline = f.client->next_deadline();
    bool due = deadline.has_value() && *deadline <= f.now;
    CHECK_FALSE(due);

    REQUIRE(f.client->submit_registration({{"username", "user"}, {"password", "pencil"}}, nullptr));
    out = f.sent();
    REQUIRE(out.size() == 1);
    CHECK_XML(out[0], "<iq xmlns='jabber:client' type='set' to='example.com' id='r2'><query xmlns='jabber:iq:register'>"
                      "<username>user</username><password>pencil</password></query></iq>");
    f.client->on_frame("<iq xmlns='jabber:client' type='result' id='r2' from='example.com'/>", f.now);
    auto done = f.events<Registered>();
    REQUIRE(done.size() == 1);
    CHECK(done[0].jid.bare() == "user@example.com");
    out = f.sent();
    REQUIRE(out.size() == 1);  // SCRAM with the new name (RFC 5802 vector: user/pencil)
    CHECK_XML(out[0], "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
                      "biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM</auth>");
    CHECK(f.client->state() == StreamState::Authenticating);
}

TEST_CASE("XEP-0077: a taken name is reported and the form stays open") {
    Fixture f;
    f.sent();
    f.form("<username/><password/>");
    f.events<RegistrationFormReceived>();
    REQUIRE(f.client->submit_registration({{"username", "romeo"}, {"password", "x"}}, nullptr));
    f.client->on_frame("<iq xmlns='jabber:client' type='error' id='r2' from='example.com'><error type='cancel'>"
                       "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", f.now);
    auto failed = f.events<RegistrationFailed>();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].error.condition == "conflict");
    CHECK(f.client->state() == StreamState::Registering);
    CHECK(f.client->submit_registration({{"username", "romeo2"}, {"password", "x"}}, nullptr));
}

TEST_CASE("XEP-0077: a name that cannot be an address is refused before anything is sent") {
    Fixture f;
    f.sent();
    f.form("<username/><password/>");
    CHECK_FALSE(f.client->submit_registration({{"username", "ro meo"}, {"password", "x"}}, nullptr));
    CHECK(f.sent().empty());
    auto failed = f.events<RegistrationFailed>();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].error.field == "username");
}

TEST_CASE("XEP-0077: no in-band registration ends the stream with the reason") {
    Fixture f;
    f.sent();
    f.client->on_frame("<iq xmlns='jabber:client' type='error' id='r1' from='example.com'><error type='cancel'>"
                       "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", f.now);
    auto failed = f.events<RegistrationFailed>();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].error.condition == "service-unavailable");
    CHECK(f.client->state() == StreamState::Disconnected);
}
