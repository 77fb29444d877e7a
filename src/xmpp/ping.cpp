// XEP-0199 §4: a ping is answered with an empty result.
#include "xmpp/ping.h"

namespace xmpp {

bool Ping::handle(const Stanza& s) {
    if (s.name != "iq" || s.type != "get" || !s.child("ping", "urn:xmpp:ping")) return false;
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "result";
    iq.append_attribute("id") = std::string(s.id).c_str();
    if (s.from) iq.append_attribute("to") = s.from->full().c_str();
    session_.send(iq);
    return true;
}

}  // namespace xmpp
