// XEP-0280 Message Carbons: enabling, and unwrapping the copies (§7, §8) from our own
// account only (§11).
#include "xmpp/carbons.h"

#include "xmpp/forward.h"
#include "xmpp/frame.h"
#include "xmpp/muc.h"
#include "xmpp/receipts.h"

#include <utility>

namespace xmpp {

void Carbons::on_session_ready() {
    ++generation_;
    requested_ = enabled_ = false;
    if (server_supports_(kNsCarbons)) enable();
}

void Carbons::on_server_features() {
    if (!requested_ && server_supports_(kNsCarbons)) enable();
}

void Carbons::on_closed() {
    ++generation_;
    requested_ = enabled_ = false;
}

void Carbons::enable() {
    // §4: <iq type='set'><enable xmlns='urn:xmpp:carbons:2'/></iq>, to our own account.
    requested_ = true;
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    iq.append_child("enable").append_attribute("xmlns") = std::string(kNsCarbons).c_str();
    session_.send_iq(iq, [this, generation = generation_](const IqResponse& r) {
        if (generation == generation_ && r.ok()) enabled_ = true;
    });
}

bool Carbons::handle(const Stanza& s) {
    if (s.name != "message") return false;
    pugi::xml_node wrapper;
    bool sent = false;
    for (pugi::xml_node c = s.node.first_child(); c && !wrapper; c = c.next_sibling()) {
        if (is(c, "received", kNsCarbons)) wrapper = c;
        else if (is(c, "sent", kNsCarbons)) wrapper = c, sent = true;
    }
    if (!wrapper) return false;  // <private/> and plain messages are Chat's

    // §11: a copy MUST come from our own bare JID; no 'from' is our account too (RFC 6120
    // §8.1.2.1). Anyone else (a contact, another of our resources) could forge the
    // "received" message: taken here so nothing shows it, and dropped.
    const Jid own = session_.own_jid().bare_jid();
    if (s.from && *s.from != own) return true;
    const std::optional<Forwarded> f = read_forwarded(child_element(wrapper, "forwarded", kNsForward));
    if (!f) return true;
    const Stanza& in = f->message;
    // §6: one-to-one conversation only. Group chat copies are the room's business (Muc shows
    // the room's own echo), errors and headlines are not conversations, and a private
    // message from a room occupant (XEP-0045 §7.5) is not a contact's.
    if (in.type == "groupchat" || in.type == "error" || in.type == "headline") return true;
    if (in.child("x", kNsMucUser)) return true;
    Message m = read_message_content(in);
    // RFC 6121 §5.2.2: a type we do not understand is normal.
    m.type = in.type == "chat" ? "chat" : "normal";

    if (sent) {
        // §8: one of our other devices sent it, from our account to the peer.
        if (!in.to) return true;
        if (in.from && in.from->bare_jid() != own) return true;
        if (in.from && *in.from == session_.own_jid()) return true;  // ours: MessageSent said it
        if (m.body.empty()) {
            // XEP-0333: that device marked the peer's messages displayed. Chat states: not shown.
            if (const Marks marks = read_marks(in.node); !marks.displayed.empty())
                session_.emit(ChatRead{*in.to, marks.displayed});
            return true;
        }
        if (!in.from) m.from = own;
        session_.emit(MessageCarbonSent{std::move(m)});
        return true;
    }
    // §7: a message to our account that another of our devices received.
    if (in.to && in.to->bare_jid() != own) return true;
    if (m.body.empty()) {
        // The peer's receipt or marker for one of our messages, delivered to that device.
        if (in.from && in.from->bare_jid() != own) report_marks(session_, *in.from, read_marks(in.node));
        return true;
    }
    if (!in.from) m.from = own;
    if (!in.to) m.to = own;
    session_.emit(MessageReceived{std::move(m)});
    return true;
}

}  // namespace xmpp
