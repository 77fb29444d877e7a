// Test support: a whole Client scripted as a conversation with a server — a clock only the
// test moves, what the client sent (checked in order) and what it announced — plus the frames
// such conversations use (RFC 7395 framing, SASL, the RFC 5802 §5 SCRAM-SHA-1 vector).
#pragma once
#include "xmpp/client.h"

#include "xml_compare.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp::test {

// XEP-0198 nonzas and a bind answer, as the server sends them.
inline std::string sm(std::string_view name, std::string_view attributes = {}) {
    return "<" + std::string(name) + " xmlns='urn:xmpp:sm:3'" + std::string(attributes) + "/>";
}
inline std::string ack(std::string_view h) { return sm("a", " h='" + std::string(h) + "'"); }
inline std::string bind_result(std::string_view id, std::string_view full) {
    return "<iq xmlns='jabber:client' type='result' id='" + std::string(id) +
           "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>" + std::string(full) + "</jid></bind></iq>";
}

// Stream-management tests read events as one line: "sent id4; lost resumable; resumed", ...
inline std::string ids(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& id : list) out += " " + id;
    return out;
}

// " id4 id5": the ids of the messages a ResumeFailed hands back, in order.
inline std::string unsent_ids(const ResumeFailed& f) {
    std::vector<std::string> list;
    for (const Message& m : f.unsent) list.push_back(m.id);
    return ids(list);
}

inline std::string describe_sm_event(const Event& e) {
    if (const auto* s = std::get_if<StateChanged>(&e)) return std::string("state ") + to_string(s->state);
    if (const auto* r = std::get_if<SessionReady>(&e)) return "ready " + r->jid.full();
    if (const auto* d = std::get_if<Disconnected>(&e))
        return "disconnected" + (d->failure.condition.empty() ? std::string() : " " + d->failure.condition);
    if (const auto* m = std::get_if<MessageSent>(&e)) return "sent " + m->message.id;
    if (const auto* m = std::get_if<MessageReceived>(&e)) return "message " + m->message.body;
    if (const auto* a = std::get_if<StanzasAcked>(&e)) return "acked" + ids(a->ids);
    if (const auto* l = std::get_if<ConnectionLost>(&e)) return l->resumable ? "lost resumable" : "lost";
    if (std::get_if<Resumed>(&e)) return "resumed";
    if (const auto* f = std::get_if<ResumeFailed>(&e)) return "resume-failed" + unsent_ids(*f);
    if (std::get_if<PresenceChanged>(&e)) return "presence";
    if (std::get_if<RosterChanged>(&e)) return "roster";
    return "other";
}

inline constexpr const char* kOpen = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'/>";
inline constexpr const char* kServerOpen =
    "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s1' version='1.0'/>";
inline constexpr const char* kClose = "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>";
inline constexpr const char* kBindFeature = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
inline constexpr const char* kBoundJid = "user@example.com/4db06f06";

// RFC 5802 §5 (SCRAM-SHA-1), base64 as on the wire: the fixed nonce makes every login the same.
inline constexpr const char* kNonceSha1 = "fyko+d2lbbFgONRv9qkxdawL";
inline constexpr const char* kClientFirstSha1 = "biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM";  // n,,n=user,r=fyko...
inline constexpr const char* kServerFirstSha1 =  // r=fyko...3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096
    "cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0wzcmZjTkhZSlkxWlZ2V1ZzN2oscz1RU1hDUitRNnNlazhiZjkyLGk9NDA5Ng==";
inline constexpr const char* kClientFinalSha1 =  // c=biws,r=...,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=
    "Yz1iaXdzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdMM3JmY05IWUpZMVpWdldWczdqLHA9djBYOHYzQnoyVDBDSkdiSlF5RjBYK0hJNFRzPQ==";
inline constexpr const char* kServerFinalSha1 = "dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9";  // v=rmF9pqV8S7suAoZWja4dJRkFsKQ=

inline std::string features(std::string_view inner) {
    return "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>" + std::string(inner) +
           "</stream:features>";
}

// <name xmlns=sasl [mechanism=...]>payload</name>
inline std::string sasl(std::string_view name, std::string_view payload, std::string_view mechanism = {}) {
    std::string out = "<" + std::string(name) + " xmlns='urn:ietf:params:xml:ns:xmpp-sasl'";
    if (!mechanism.empty()) out += " mechanism='" + std::string(mechanism) + "'";
    return out + ">" + std::string(payload) + "</" + std::string(name) + ">";
}

// A fixed nonce and counter ids: id1, id2, ...
class TestEntropy : public Entropy {
public:
    explicit TestEntropy(std::string nonce = kNonceSha1) : nonce_(std::move(nonce)) {}
    std::string nonce() override { return nonce_; }
    std::string id() override { return "id" + std::to_string(++next_); }

private:
    std::string nonce_;
    int next_ = 0;
};

// A client, a clock only the test moves, and what the client sent and announced. `describe`
// turns an event into the short line events() joins.
class ClientScript {
public:
    using Describe = std::string (*)(const Event&);
    ClientScript(ClientConfig cfg, std::string nonce, Describe describe)
        : entropy_(std::move(nonce)), client(std::move(cfg), entropy_), describe_(describe) {}

private:
    TestEntropy entropy_;  // before the client, which keeps a reference

public:
    Client client;
    Millis clock = 0;

    // --- The platform side ---
    void open() {
        client.on_open(clock);
        pump();
    }
    void server(std::string_view frame) {
        client.on_frame(frame, clock);
        pump();
    }
    void closed() {
        client.on_closed(clock);
        pump();
    }
    // Moves the clock by `ms`, calling on_timer each time next_deadline() passes.
    void advance(Millis ms) {
        const Millis target = clock + ms;
        for (int i = 0; i < 1000; ++i) {
            const std::optional<Millis> d = client.next_deadline();
            if (!d || *d > target) break;
            clock = std::max(clock, *d);
            client.on_timer(clock);
            pump();
            const std::optional<Millis> after = client.next_deadline();
            if (after && *after <= clock) {
                FAIL_CHECK("next_deadline() is still " << *after << " after on_timer(" << clock
                                                       << "): a platform would call on_timer in a busy loop");
                break;
            }
        }
        clock = target;
    }
    void pump() {
        for (std::string& f : client.take_outgoing()) sent_.push_back(std::move(f));
        for (Event& e : client.take_events()) events_.push_back(std::move(e));
    }

    // --- Checks ---
    // The next frame the client sent, compared canonically.
    void expect_sent(std::string_view xml) {
        if (sent_.empty()) {
            FAIL_CHECK("nothing more was sent; expected: " << xml);
            return;
        }
        const std::string frame = sent_.front();
        sent_.pop_front();
        CHECK_XML(frame, xml);
    }
    // The next frame the client sent, as it is ("" when none).
    std::string next_sent() {
        if (sent_.empty()) return {};
        std::string frame = std::move(sent_.front());
        sent_.pop_front();
        return frame;
    }
    void expect_nothing_sent() {
        std::string all;
        for (const std::string& f : sent_) all += "\n  " + f;
        CHECK_MESSAGE(sent_.empty(), "unexpected frames:" << all);
        sent_.clear();
    }
    // Every event since the last call, one line each, joined with "; ".
    std::string events() {
        std::string out;
        for (const Event& e : events_) out += (out.empty() ? "" : "; ") + describe_(e);
        events_.clear();
        return out;
    }
    template <class T>
    std::vector<T> take() {
        std::vector<T> out;
        for (auto it = events_.begin(); it != events_.end();) {
            if (const T* t = std::get_if<T>(&*it)) {
                out.push_back(*t);
                it = events_.erase(it);
            } else {
                ++it;
            }
        }
        return out;
    }
    // Forgets what was sent and announced so far.
    void clear() {
        sent_.clear();
        events_.clear();
    }

protected:
    std::deque<std::string> sent_;
    std::vector<Event> events_;

private:
    Describe describe_;
};

}  // namespace xmpp::test
