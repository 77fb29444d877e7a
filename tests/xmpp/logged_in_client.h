// Test support: a whole Client, logged in with PLAIN over a secure transport as
// user@example.com/r1, for tests that check how the client dispatches what a server says.
// Stanza ids count id1, id2, …: id1 was the bind; the roster get (id2) and the server's
// disco#info (id3) are left for the test to answer.
#pragma once
#include "xmpp/client.h"

#include "fake_session.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp::test {

struct CountingEntropy : Entropy {
    int n = 0;
    std::string nonce() override { return "fyko+d2lbbFgONRv9qkxdawL"; }
    std::string id() override { return "id" + std::to_string(++n); }
};

struct LoggedInClient {
    CountingEntropy entropy;
    std::unique_ptr<Client> client;

    LoggedInClient() {
        ClientConfig c;
        c.jid = jid("user@example.com");
        c.password = "pencil";
        c.secure_transport = true;
        client = std::make_unique<Client>(c, entropy);
        const char* open = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s' version='1.0'/>";
        client->on_open(0);
        server(open);
        server("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
               "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        server(open);
        server("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
               "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        server("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
               "<jid>user@example.com/r1</jid></bind></iq>");
        REQUIRE(client->state() == StreamState::Ready);
        drain();
    }
    void server(std::string_view frame) { client->on_frame(frame, 0); }
    // Forgets what was sent and announced so far.
    void drain() {
        client->take_outgoing();
        client->take_events();
    }
    // The events since the last call, state changes left out.
    std::vector<Event> events_shown() {
        std::vector<Event> shown;
        for (Event& e : client->take_events())
            if (!std::holds_alternative<StateChanged>(e)) shown.push_back(std::move(e));
        return shown;
    }
};

}  // namespace xmpp::test
