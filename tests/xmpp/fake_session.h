// Test support (architecture.md §2, §4, §8): a Session with a counter for ids, a clock
// the test moves, and a pending-IQ table the test answers, checked like RFC 6120 §8.1.2.1
// requires of the real client.
#pragma once
#include "xmpp/frame.h"
#include "xmpp/session.h"

#include "xml_compare.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xmpp::test {

// A JID the test knows is valid (the test fails at once if not).
inline Jid jid(std::string_view text) {
    const JidResult r = Jid::parse(text);
    REQUIRE_MESSAGE(r.ok(), text);
    return r.jid;
}

class FakeSession : public Session {
public:
    std::vector<std::string> sent;  // every element sent, as one line of XML
    std::vector<Event> events;
    Millis clock = 0;

    FakeSession() { set_own_jid("juliet@example.com/balcony"); }

    void set_own_jid(std::string_view text) {
        const JidResult r = Jid::parse(text);
        REQUIRE_MESSAGE(r.ok(), "FakeSession::set_own_jid: " << r.message);
        own_ = r.jid;
    }

    std::vector<std::string> take_sent() { return std::exchange(sent, {}); }
    std::vector<Event> take_events() { return std::exchange(events, {}); }

    // Events of one type, in order (drains nothing).
    template <class T>
    std::vector<T> events_of() const {
        std::vector<T> out;
        for (const Event& e : events)
            if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
        return out;
    }

    std::size_t pending_iqs() const { return pending_.size(); }

    // Answers the pending IQ `id` with `iq_xml` (an <iq type='result|error'/>). Returns
    // false, completing nothing, when there is no such IQ or the answer comes from
    // someone the request was not sent to: the real client drops those (spoofed replies).
    bool answer(std::string_view id, std::string_view iq_xml) {
        const FrameResult f = parse_frame(iq_xml);
        if (!f.ok()) {
            FAIL_CHECK("FakeSession::answer: the test's XML does not parse: " << f.message);
            return false;
        }
        const std::optional<Stanza> s = read_stanza(f.frame.root());
        if (!s || s->name != "iq" || (s->type != "result" && s->type != "error")) return false;
        for (auto it = pending_.begin(); it != pending_.end(); ++it) {
            if (it->id != id) continue;
            if (!from_expected(it->to, s->from)) return false;
            IqCallback done = std::move(it->done);
            pending_.erase(it);  // before the callback, which may send new IQs
            IqResponse r;
            r.stanza = s->node;
            if (s->type == "error") {
                r.kind = IqResponse::Kind::Error;
                r.error = StanzaError::parse(s->node).value_or(StanzaError{"cancel", "undefined-condition", {}, {}});
            }
            if (done) done(r);
            return true;
        }
        return false;
    }

    // Moves the clock and times out every IQ whose deadline has passed.
    void advance(Millis ms) {
        clock += ms;
        complete_where([&](const Pending& p) { return p.deadline <= clock; }, IqResponse::Kind::Timeout);
    }

    // The stream closed: every pending IQ completes with Closed.
    void close() {
        complete_where([](const Pending&) { return true; }, IqResponse::Kind::Closed);
    }

    // Session
    void send(pugi::xml_node element) override { sent.push_back(to_xml(element)); }

    void send_iq(pugi::xml_node iq, IqCallback done, Millis timeout) override {
        const std::string_view type = iq.attribute("type").value();
        CHECK_MESSAGE((type == "get" || type == "set"), "send_iq takes <iq type='get|set'/>, got: " << to_xml(iq));
        Pending p;
        p.id = new_id();
        if (!iq.attribute("id")) iq.append_attribute("id");
        iq.attribute("id") = p.id.c_str();
        if (pugi::xml_attribute to = iq.attribute("to")) {
            const JidResult r = Jid::parse(to.value());
            CHECK_MESSAGE(r.ok(), "send_iq to an invalid JID: " << to.value());
            p.to = r.jid;
        }
        p.deadline = clock + timeout;
        p.done = std::move(done);
        sent.push_back(to_xml(iq));
        pending_.push_back(std::move(p));
    }

    void emit(Event event) override { events.push_back(std::move(event)); }
    const Jid& own_jid() const override { return own_; }
    Millis now() const override { return clock; }
    std::string new_id() override { return "id" + std::to_string(++next_id_); }

private:
    struct Pending {
        std::string id;
        std::optional<Jid> to;
        Millis deadline = 0;
        IqCallback done;
    };

    // RFC 6120 §8.1.2.1: a reply to an IQ without 'to' comes from our account, i.e.
    // no 'from', our bare JID or our server; otherwise only from whom we asked.
    bool from_expected(const std::optional<Jid>& to, const std::optional<Jid>& from) const {
        const Jid bare = own_.bare_jid();
        if (to) return (from && *from == *to) || (!from && *to == bare);
        return !from || *from == bare || *from == Jid{{}, own_.domain, {}};
    }

    template <class Pred>
    void complete_where(Pred pred, IqResponse::Kind kind) {
        std::vector<IqCallback> due;
        for (auto it = pending_.begin(); it != pending_.end();) {
            if (pred(*it)) {
                due.push_back(std::move(it->done));
                it = pending_.erase(it);
            } else {
                ++it;
            }
        }
        for (IqCallback& done : due) {
            IqResponse r;
            r.kind = kind;
            r.error = StanzaError{"wait", "remote-server-timeout", {}, {}};
            if (done) done(r);
        }
    }

    Jid own_;
    int next_id_ = 0;
    std::vector<Pending> pending_;
};

// Feeds one incoming stanza to a module as the client would: parse, read, offer.
// False when the module did not take it, or when read_stanza dropped it (invalid from/to).
inline bool deliver(Module& module, std::string_view xml) {
    const FrameResult f = parse_frame(xml);
    if (!f.ok()) {
        FAIL_CHECK("deliver: the test's XML does not parse: " << f.message);
        return false;
    }
    const std::optional<Stanza> s = read_stanza(f.frame.root());
    if (!s) return false;
    return module.handle(*s);
}

// Checks the frames sent since the last call, in order, compared as canonical XML.
inline void expect_sent(FakeSession& session, std::initializer_list<const char*> expected) {
    const std::vector<std::string> sent = session.take_sent();
    std::string all;
    for (const std::string& s : sent) all += "\n  " + s;
    CHECK_MESSAGE(sent.size() == expected.size(), "sent:" << all);
    std::size_t i = 0;
    for (const char* e : expected)
        if (i < sent.size()) CHECK_XML(sent[i++], e);
}

}  // namespace xmpp::test
