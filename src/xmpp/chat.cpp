// RFC 6121 §5: messages. Errors bounced for a message we sent are reported with its id.
#include "xmpp/chat.h"

#include "xmpp/datetime.h"
#include "xmpp/frame.h"
#include "xmpp/receipts.h"
#include "xmpp/utf8.h"

namespace xmpp {

namespace {

// XEP-0184 <request/> and XEP-0333 <markable/>: the peer may tell us it got and read it.
void ask_for_receipts(pugi::xml_node msg) {
    msg.append_child("request").append_attribute("xmlns") = std::string(kNsReceipts).c_str();
    msg.append_child("markable").append_attribute("xmlns") = std::string(kNsMarkers).c_str();
}

}  // namespace

Message Chat::send_message(const Jid& to, std::string_view body, std::string_view type, std::string_view thread) {
    Message m;
    m.id = session_.new_id();
    m.origin_id = m.id;
    m.type = std::string(type);
    m.from = session_.own_jid();
    m.to = to;
    m.body = cap_utf8(sanitize_for_xml(body), kMaxBodyBytes);
    m.thread = sanitize_for_xml(thread);

    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("type") = m.type.c_str();
    msg.append_attribute("to") = to.full().c_str();
    msg.append_attribute("id") = m.id.c_str();
    msg.append_child("body").text() = m.body.c_str();
    if (!m.thread.empty()) msg.append_child("thread").text() = m.thread.c_str();
    pugi::xml_node origin = msg.append_child("origin-id");
    origin.append_attribute("xmlns") = std::string(kNsSid).c_str();
    origin.append_attribute("id") = m.origin_id.c_str();
    if (m.type == "chat" && !m.body.empty()) ask_for_receipts(msg);
    session_.send(msg);
    session_.emit(MessageSent{m});
    return m;
}

void Chat::resend(const Message& m, std::int64_t written_ms) {
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("type") = m.type.empty() ? "chat" : m.type.c_str();
    msg.append_attribute("to") = m.to.full().c_str();
    msg.append_attribute("id") = m.id.c_str();
    msg.append_child("body").text() = cap_utf8(sanitize_for_xml(m.body), kMaxBodyBytes).c_str();
    if (!m.thread.empty()) msg.append_child("thread").text() = sanitize_for_xml(m.thread).c_str();
    pugi::xml_node origin = msg.append_child("origin-id");
    origin.append_attribute("xmlns") = std::string(kNsSid).c_str();
    origin.append_attribute("id") = (m.origin_id.empty() ? m.id : m.origin_id).c_str();
    if ((m.type.empty() || m.type == "chat") && !m.body.empty()) ask_for_receipts(msg);
    if (written_ms > 0) {
        pugi::xml_node delay = msg.append_child("delay");
        delay.append_attribute("xmlns") = "urn:xmpp:delay";
        delay.append_attribute("stamp") = format_datetime(written_ms).c_str();
    }
    session_.send(msg);
}

bool Chat::handle(const Stanza& s) {
    if (s.name != "message") return false;
    if (s.type == "groupchat") return false;  // rooms are XEP-0045's
    if (s.type == "error") {
        // RFC 6120 §8.3: the error comes back with the id we gave the message.
        MessageFailed f;
        f.id = std::string(s.id);
        if (s.from) f.to = *s.from;
        f.error = StanzaError::parse(s.node).value_or(StanzaError{"cancel", "undefined-condition", {}, {}});
        session_.emit(std::move(f));
        return true;
    }
    Message m;
    m.id = std::string(s.id);
    m.type = s.type.empty() ? "normal" : std::string(s.type);
    // RFC 6121 §5.2.2: a type we do not understand MUST be treated as normal.
    if (m.type != "chat" && m.type != "normal" && m.type != "headline") m.type = "normal";
    m.from = s.from ? *s.from : session_.own_jid().bare_jid();
    m.to = s.to ? *s.to : session_.own_jid();
    for (pugi::xml_node c = s.node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view n = local_name(c), ns = ns_of(c);
        if (ns == kNsClient && n == "body" && m.body.empty()) m.body = cap_utf8(c.text().get(), kMaxBodyBytes);
        else if (ns == kNsClient && n == "thread") m.thread = c.text().get();
        else if (ns == kNsClient && n == "subject") m.subject = c.text().get();
        else if (ns == kNsSid && n == "origin-id") m.origin_id = c.attribute("id").value();
        else if (ns == kNsMarkers && n == "markable") m.markable = true;
        else if (ns == kNsSid && n == "stanza-id" && m.stanza_id.empty()) {
            // Anyone can write the element: only our own server's stamp (our bare JID) counts.
            JidResult by = Jid::parse(c.attribute("by").value());
            if (by.ok() && by.jid == session_.own_jid().bare_jid()) m.stanza_id = cap_utf8(c.attribute("id").value(), 256);
        }
    }
    if (m.body.empty()) return false;  // chat states, receipts, ... are for other modules
    session_.emit(MessageReceived{std::move(m)});
    return true;
}

}  // namespace xmpp
