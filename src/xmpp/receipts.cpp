// XEP-0184 Message Delivery Receipts and XEP-0333 Chat Markers, one-to-one.
//
// Which messages get a receipt (XEP-0184 §5): a live chat or normal message with a body, an
// id and <request/>, from a contact who may see our presence (§8), not from our own account.
// Messages the server kept while we were offline (with a <delay/>) are answered: this is
// their first delivery to a client. Archive results (Mam) and carbons (Carbons) never reach
// this module; §5.5 forbids receipts for archived messages, and the device a carbon copies
// answers for itself. An ack message carrying <request/> is not answered (§5.4: no loops).
#include "xmpp/receipts.h"

#include "xmpp/forward.h"
#include "xmpp/frame.h"
#include "xmpp/roster.h"

namespace xmpp {

namespace {

// An id we can echo: present, within the cap, only characters XML allows.
bool usable_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxMarkIdBytes && sanitize_for_xml(id) == id;
}

// As Chat reads it: a non-empty <body/> qualified by jabber:client.
bool has_body(pugi::xml_node message) {
    for (pugi::xml_node c = message.first_child(); c; c = c.next_sibling())
        if (is(c, "body", kNsClient) && !c.text().empty()) return true;
    return false;
}

void add_store_hint(pugi::xml_node msg) {
    msg.append_child("store").append_attribute("xmlns") = std::string(kNsHints).c_str();
}

}  // namespace

Marks read_marks(pugi::xml_node message) {
    Marks m;
    for (pugi::xml_node c = message.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view n = local_name(c), ns = ns_of(c), id = c.attribute("id").value();
        if (!usable_id(id)) continue;
        if (ns == kNsReceipts || ns == kNsMarkers) {
            if (n == "received" && m.delivered.empty()) m.delivered = std::string(id);
            else if (ns == kNsMarkers && (n == "displayed" || n == "acknowledged") && m.displayed.empty())
                m.displayed = std::string(id);
        }
    }
    return m;
}

void report_marks(Session& session, const Jid& from, const Marks& marks) {
    if (!marks.delivered.empty()) session.emit(MessageDelivered{from, marks.delivered});
    if (!marks.displayed.empty()) session.emit(MessageDisplayed{from, marks.displayed});
}

bool Receipts::may_tell(const Jid& peer) const {
    if (peer.domain.empty() || peer.bare_jid() == session_.own_jid().bare_jid()) return false;
    const RosterItem* item = roster_.find(peer);
    return item && (item->subscription == Subscription::From || item->subscription == Subscription::Both);
}

bool Receipts::send_displayed(const Jid& peer, const std::string& message_id) {
    if (!may_tell(peer) || !usable_id(message_id)) return false;
    std::string& last = last_displayed_[peer.bare_jid()];
    if (last == message_id) return true;
    last = message_id;
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("to") = peer.full().c_str();
    msg.append_attribute("type") = "chat";
    msg.append_attribute("id") = session_.new_id().c_str();
    pugi::xml_node displayed = msg.append_child("displayed");
    displayed.append_attribute("xmlns") = std::string(kNsMarkers).c_str();
    displayed.append_attribute("id") = message_id.c_str();
    add_store_hint(msg);  // XEP-0334: archived, so our other devices and the peer's see it later
    session_.send(msg);
    return true;
}

bool Receipts::handle(const Stanza& s) {
    if (s.name != "message") return false;
    // Errors are Chat's (MessageFailed), group chat Muc's; our own account answers nothing.
    if (s.type == "error" || s.type == "groupchat" || s.type == "headline") return false;
    if (!s.from || s.from->bare_jid() == session_.own_jid().bare_jid()) return false;

    report_marks(session_, *s.from, read_marks(s.node));

    bool receipt_elements = false;  // any receipt or marker (a malformed one too), or a request
    for (pugi::xml_node c = s.node.first_child(); c && !receipt_elements; c = c.next_sibling())
        receipt_elements = c.type() == pugi::node_element && (ns_of(c) == kNsReceipts || ns_of(c) == kNsMarkers);
    // Nothing to show: taken, so it never appears as an empty message.
    if (!has_body(s.node)) return receipt_elements;

    const bool is_ack = child_element(s.node, "received", kNsReceipts);
    if (!s.child("request", kNsReceipts) || is_ack || !usable_id(s.id) || !may_tell(*s.from)) return false;
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("to") = s.from->full().c_str();
    msg.append_attribute("type") = s.type == "chat" ? "chat" : "normal";
    msg.append_attribute("id") = session_.new_id().c_str();
    pugi::xml_node received = msg.append_child("received");
    received.append_attribute("xmlns") = std::string(kNsReceipts).c_str();
    received.append_attribute("id") = std::string(s.id).c_str();
    add_store_hint(msg);
    session_.send(msg);
    return false;  // Chat shows the message
}

void Receipts::disco_features(std::vector<std::string>& f) const {
    f.push_back(std::string(kNsReceipts));
    f.push_back(std::string(kNsMarkers));
}

}  // namespace xmpp
