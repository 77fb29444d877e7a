// XEP-0297: reading forwarded messages (for carbons and archive results).
#include "xmpp/forward.h"

#include "xmpp/chat.h"
#include "xmpp/datetime.h"
#include "xmpp/frame.h"
#include "xmpp/muc.h"
#include "xmpp/receipts.h"
#include "xmpp/utf8.h"

namespace xmpp {

pugi::xml_node child_element(pugi::xml_node parent, std::string_view local, std::string_view ns) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && is(c, local, ns)) return c;
    return {};
}

std::optional<Forwarded> read_forwarded(pugi::xml_node forwarded) {
    if (!is(forwarded, "forwarded", kNsForward)) return std::nullopt;
    pugi::xml_node inner = child_element(forwarded, "message", kNsClient);
    if (!inner) return std::nullopt;
    std::optional<Stanza> s = read_stanza(inner);
    if (!s) return std::nullopt;
    Forwarded f;
    f.message = *s;
    if (pugi::xml_node delay = child_element(forwarded, "delay", kNsDelay)) {
        f.delayed = true;
        f.stamp = parse_datetime(delay.attribute("stamp").value()).value_or(0);
    }
    return f;
}

Message read_message_content(const Stanza& s) {
    Message m;
    m.id = cap_utf8(s.id, kMaxForwardIdBytes);
    m.type = std::string(s.type);
    if (s.from) m.from = *s.from;
    if (s.to) m.to = *s.to;
    bool body = false, thread = false, subject = false, origin = false;
    for (pugi::xml_node c = s.node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view n = local_name(c), ns = ns_of(c);
        if (ns == kNsClient && n == "body" && !body) {
            body = true;
            m.body = cap_utf8(c.text().get(), kMaxBodyBytes);
        } else if (ns == kNsClient && n == "thread" && !thread) {
            thread = true;
            m.thread = cap_utf8(c.text().get(), kMaxForwardIdBytes);
        } else if (ns == kNsClient && n == "subject" && !subject) {
            subject = true;
            m.subject = cap_utf8(c.text().get(), kMaxForwardSubjectBytes);
        } else if (ns == kNsSid && n == "origin-id" && !origin) {
            origin = true;
            m.origin_id = cap_utf8(c.attribute("id").value(), kMaxForwardIdBytes);
        } else if (ns == kNsMarkers && n == "markable") {
            m.markable = true;
        }
    }
    return m;
}

}  // namespace xmpp
