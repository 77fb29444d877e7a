// libFuzzer: frame parsing (xmpp::parse_frame) and dispatch through a whole xmpp::Client.
//
// Every input gets a fresh client (cheap, and each input reproduces on its own), driven
// to a state by a scripted server, then fed the input's frames one after another.
//
// Input: one mode byte, then frames separated by '\0' (a byte no XMPP frame may contain).
//   mode bits 0-1, where the frames start:
//     0  Ready: PLAIN over a secure transport, bound as user@example.com/fuzz; the roster
//        (romeo@example.net, both; juliet@example.net, pending out) and disco#info answered
//        (ping, carbons, MAM: carbons are enabled with id4); the next stanza id is id5
//     1  Handshake: only on_open() done; the frames play the server from its <open/> on
//        (SCRAM nonce fyko+d2lbbFgONRv9qkxdawL, password pencil, as in RFC 5802 §5)
//     2  Registering (XEP-0077): <open/> and features answered; the form request is id1
//     3  as 0, with XEP-0198 stream management enabled (id sm-1, resume='true')
//   bit 2: phase 1 only: an insecure transport (no PLAIN)
//   bit 3: phase 2 only: submit the registration form as soon as it arrives (username fuzz,
//          password secret, every other field filled in)
//   A printable mode byte keeps seed files readable: '@' 'A' 'B' 'C' are phases 0..3.
// Frames that are not XML drive the platform side instead:
//   empty   31 s pass: on_timer() at every deadline (IQ timeouts, pings, handshake steps)
//   "\x01"  the WebSocket drops and a new one opens (on_closed, on_open: resumption)
//   "\x02"  logout()
//   "\x03"  the app acts: joins room@conference.example.com as 'user', sends romeo a chat
//           message and the room a groupchat message, asks example.com for its version and,
//           where the core has XEP-0313, its archive for romeo (max 20) and the room's last page
// Checked (FUZZ_CHECK traps): every frame the client sends parses as one XML element,
// next_deadline() is after the time on_timer() was called with, and each IQ request (and
// archive query) completes at most once and, once the connection is closed and the session
// logged out, exactly once.
// Set FUZZ_FRAME_TRACE=1 to print what the client sends and announces (for writing seeds).
#include "xmpp/chat.h"
#include "xmpp/client.h"
#include "xmpp/muc.h"
#include "xmpp/stanza.h"
#if __has_include("xmpp/mam.h")
#include "xmpp/mam.h"
#define FUZZ_FRAME_MAM 1
#endif

#include "fuzz_check.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace xmpp;

constexpr std::string_view kServerOpen =
    "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s1' version='1.0'/>";

std::string features(std::string_view inner) {
    return "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>" + std::string(inner) +
           "</stream:features>";
}

const bool kTrace = [] {
    const char* t = std::getenv("FUZZ_FRAME_TRACE");
    return t && *t && *t != '0';
}();

class FixedEntropy : public Entropy {
public:
    std::string nonce() override { return "fyko+d2lbbFgONRv9qkxdawL"; }
    std::string id() override { return "id" + std::to_string(++next_); }

private:
    int next_ = 0;
};

Jid must_parse(std::string_view text) {
    JidResult r = Jid::parse(text);
    FUZZ_CHECK(r.ok());
    return r.jid;
}

class Driver {
public:
    Driver(ClientConfig config, bool submit_registration)
        : submit_(submit_registration), client_(std::move(config), entropy_) {}

    Client& client() { return client_; }

    void open() {
        client_.on_open(clock_);
        drain();
    }
    void frame(std::string_view text) {
        clock_ += 10;
        if (kTrace) std::fprintf(stderr, "<- %.*s\n", static_cast<int>(text.size()), text.data());
        client_.on_frame(text, clock_);
        drain();
    }
    void closed() {
        client_.on_closed(clock_);
        drain();
    }
    void logout() {
        client_.logout();
        drain();
    }
    // Moves the clock by `ms`, calling on_timer() at every deadline on the way.
    void advance(Millis ms) {
        const Millis target = clock_ + ms;
        for (int i = 0; i < 100; ++i) {
            const std::optional<Millis> due = client_.next_deadline();
            if (!due || *due > target) break;
            clock_ = std::max(clock_, *due);
            client_.on_timer(clock_);
            drain();
            const std::optional<Millis> after = client_.next_deadline();
            FUZZ_CHECK(!after || *after > clock_);  // else a platform would spin on on_timer()
        }
        clock_ = target;
    }
    // The app's side: a room, a chat message, a groupchat message, an IQ.
    void act() {
        const Jid room = must_parse("room@conference.example.com");
        client_.get<Muc>().join(room, "user");
        client_.get<Chat>().send_message(must_parse("romeo@example.net"), "Hello\x01 <there> & \xff");
        client_.get<Muc>().send(room, "Hi all");
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("type") = "get";
        iq.append_attribute("to") = "example.com";
        iq.append_child("query").append_attribute("xmlns") = "jabber:iq:version";
        client_.request(iq, [counter = counter()](const IqResponse&) { counter(); });
#ifdef FUZZ_FRAME_MAM
        MamFilter filter;
        filter.with = must_parse("romeo@example.net");
        filter.max = 20;
        client_.get<Mam>().query(std::nullopt, filter, [counter = counter()](const MamPage&) { counter(); });
        filter = MamFilter{};
        filter.last_page = true;
        client_.get<Mam>().query(room, filter, [counter = counter()](const MamPage&) { counter(); });
#endif
        drain();
    }
    // A new callback's completion count: called when it completes.
    std::function<void()> counter() {
        const std::size_t n = completions_.size();
        completions_.push_back(0);
        return [counts = &completions_, n] { ++(*counts)[n]; };
    }
    void check_completions(bool all_done) const {
        for (int c : completions_) FUZZ_CHECK(all_done ? c == 1 : c <= 1);
    }

private:
    // Checks what the client sent, and submits a registration form that arrived (whose
    // frames and events are drained in the next round).
    void drain() {
        for (int round = 0; round < 4; ++round) {
            for (const std::string& out : client_.take_outgoing()) {
                if (kTrace) std::fprintf(stderr, "-> %s\n", out.c_str());
                const FrameResult r = parse_frame(out, FrameLimits{64 * 1024 * 1024, 128});
                if (!r.ok())
                    std::fprintf(stderr, "the client sent a frame that does not parse (%s): %s\n", r.message.c_str(),
                                 out.c_str());
                FUZZ_CHECK(r.ok());
            }
            std::optional<RegistrationForm> form;
            for (const Event& e : client_.take_events()) {
                if (kTrace) std::fprintf(stderr, "   event #%zu\n", e.index());
                if (const auto* f = std::get_if<RegistrationFormReceived>(&e)) form = f->form;
            }
            check_completions(false);
            if (!form || !submit_) return;
            submit(*form);
        }
    }
    void submit(const RegistrationForm& form) {
        if (form.form) {
            DataForm filled = *form.form;
            for (FormField& f : filled.fields) {
                if (!f.values.empty() || f.type == "fixed" || f.type == "hidden") continue;
                if (f.var == "username") f.values = {"fuzz"};
                else if (f.var == "password") f.values = {"secret"};
                else if (f.type == "boolean") f.values = {"1"};
                else if (!f.options.empty()) f.values = {f.options.front().value};
                else if (f.type == "jid-single" || f.type == "jid-multi") f.values = {"fuzz@example.com"};
                else f.values = {"x"};
            }
            client_.submit_registration({}, &filled);
        } else {
            std::map<std::string, std::string> values = form.legacy_values;
            for (const std::string& name : form.legacy_fields) values.emplace(name, "x");
            values["username"] = "fuzz";
            values["password"] = "secret";
            client_.submit_registration(values, nullptr);
        }
    }

private:
    bool submit_;
    FixedEntropy entropy_;  // before the client, which keeps a reference
    std::vector<int> completions_;
    Millis clock_ = 1'700'000'000'000;
    Client client_;
};

constexpr std::string_view kRosterResult =
    "<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster' ver='v1'>"
    "<item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
    "<item jid='juliet@example.net' subscription='none' ask='subscribe'/></query></iq>";
constexpr std::string_view kDiscoResult =
    "<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
    "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/>"
    "<feature var='urn:xmpp:ping'/><feature var='urn:xmpp:carbons:2'/><feature var='urn:xmpp:mam:2'/></query></iq>";
constexpr std::string_view kBindResult =
    "<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
    "<jid>user@example.com/fuzz</jid></bind></iq>";

void login(Driver& d, bool stream_management) {
    d.open();
    d.frame(kServerOpen);
    d.frame(features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"));
    d.frame("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    d.frame(kServerOpen);
    d.frame(features(std::string("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                                 "<ver xmlns='urn:xmpp:features:rosterver'/><sub xmlns='urn:xmpp:features:pre-approval'/>") +
                     (stream_management ? "<sm xmlns='urn:xmpp:sm:3'/>" : "")));
    d.frame(kBindResult);
    if (stream_management) d.frame("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='300'/>");
    d.frame(kRosterResult);
    d.frame(kDiscoResult);
    if (stream_management) d.frame("<a xmlns='urn:xmpp:sm:3' h='3'/>");
    FUZZ_CHECK(d.client().state() == StreamState::Ready);
    FUZZ_CHECK(d.client().stream_management_enabled() == stream_management);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const unsigned mode = data[0];
    const unsigned phase = mode & 3;

    ClientConfig config;
    config.jid = must_parse(phase == 2 ? "example.com" : "user@example.com");
    config.password = "pencil";
    config.secure_transport = phase != 1 || !(mode & 4);
    config.register_account = phase == 2;
    config.stream_management = phase == 3;
    Driver d(std::move(config), phase == 2 && (mode & 8));

    switch (phase) {
    case 0: login(d, false); break;
    case 1: d.open(); break;
    case 2:
        d.open();
        d.frame(kServerOpen);
        d.frame(features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                         "</mechanisms><register xmlns='http://jabber.org/features/iq-register'/>"));
        FUZZ_CHECK(d.client().state() == StreamState::Registering);
        break;
    case 3: login(d, true); break;
    }

    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    for (int frames = 0; frames < 1000; ++frames) {
        const std::size_t end = rest.find('\0');
        const std::string_view frame = rest.substr(0, end);
        if (frame.empty()) d.advance(31000);
        else if (frame == "\x01") {
            d.closed();
            d.open();
        } else if (frame == "\x02") d.logout();
        else if (frame == "\x03") d.act();
        else d.frame(frame);
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }

    // The end: the connection closes and a session left waiting for resumption is given up.
    d.closed();
    d.logout();
    FUZZ_CHECK(d.client().state() == StreamState::Disconnected);
    d.check_completions(true);
    return 0;
}
