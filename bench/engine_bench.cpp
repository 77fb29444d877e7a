// Engine throughput: frames parsed and dispatched per second by the sans-I/O client,
// natively and in wasm (the same source). Prints one line per workload.
#include "xmpp/chat.h"
#include "xmpp/client.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct CounterEntropy : xmpp::Entropy {
    int n = 0;
    std::string nonce() override { return "benchmarknonce0123456789"; }
    std::string id() override { return "b" + std::to_string(++n); }
};

// A client logged in with PLAIN over a "secure" transport (no PBKDF2 in the measurement).
std::unique_ptr<xmpp::Client> ready_client(CounterEntropy& entropy) {
    xmpp::ClientConfig config;
    config.jid = xmpp::Jid::parse("bench@example.com").jid;
    config.password = "secret";
    config.secure_transport = true;
    auto c = std::make_unique<xmpp::Client>(config, entropy);
    c->on_open(0);
    const char* open = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s' version='1.0'/>";
    c->on_frame(open, 0);
    c->on_frame("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
                "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>", 0);
    c->on_frame("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", 0);
    c->on_frame(open, 0);
    c->on_frame("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind "
                "xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>", 0);
    c->on_frame("<iq xmlns='jabber:client' type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                "<jid>bench@example.com/r</jid></bind></iq>", 0);
    c->take_outgoing();
    c->take_events();
    return c;
}

void run(const char* name, const std::vector<std::string>& frames, int repeat) {
    CounterEntropy entropy;
    auto c = ready_client(entropy);
    if (c->state() != xmpp::StreamState::Ready) {
        std::printf("%-28s client not ready\n", name);
        return;
    }
    std::size_t bytes = 0, events = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < repeat; ++r) {
        for (const std::string& f : frames) {
            c->on_frame(f, 1);
            bytes += f.size();
        }
        events += c->take_events().size();
        c->take_outgoing();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double n = static_cast<double>(frames.size()) * repeat;
    std::printf("%-28s %9.0f frames/s %7.1f MB/s  (%zu events)\n", name, n / s, bytes / s / 1e6, events);
}

}  // namespace

int main() {
    std::vector<std::string> messages, presences, pushes;
    for (int i = 0; i < 1000; ++i) {
        messages.push_back("<message xmlns='jabber:client' type='chat' from='juliet@example.com/balcony' "
                           "to='bench@example.com/r' id='m" + std::to_string(i) +
                           "'><body>Ciao Romeo, questo è il messaggio numero " + std::to_string(i) +
                           " — a che ora ci vediamo?</body><origin-id xmlns='urn:xmpp:sid:0' id='o" +
                           std::to_string(i) + "'/></message>");
        presences.push_back("<presence xmlns='jabber:client' from='contact" + std::to_string(i % 200) +
                            "@example.com/phone'><show>away</show><status>in riunione</status>"
                            "<priority>5</priority></presence>");
        pushes.push_back("<iq xmlns='jabber:client' type='set' id='p" + std::to_string(i) +
                         "'><query xmlns='jabber:iq:roster'><item jid='contact" + std::to_string(i) +
                         "@example.com' name='Contact " + std::to_string(i) +
                         "' subscription='both'><group>Amici</group></item></query></iq>");
    }
    std::printf("Parla engine throughput (%s)\n",
#ifdef __EMSCRIPTEN__
                "wasm"
#else
                "native"
#endif
    );
    run("chat messages", messages, 50);
    run("presence", presences, 50);
    run("roster pushes", pushes, 20);
    return 0;
}
