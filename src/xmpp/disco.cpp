// XEP-0030 §3.1: disco#info about us: identity client/web and our features.
#include "xmpp/disco.h"

namespace xmpp {

bool Disco::handle(const Stanza& s) {
    pugi::xml_node q = s.child("query", kNsDiscoInfo);
    if (s.name != "iq" || s.type != "get" || !q) return false;
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "result";
    iq.append_attribute("id") = std::string(s.id).c_str();
    if (s.from) iq.append_attribute("to") = s.from->full().c_str();
    pugi::xml_node query = iq.append_child("query");
    query.append_attribute("xmlns") = std::string(kNsDiscoInfo).c_str();
    // A node we do not know (e.g. entity-caps hashes we never published) is item-not-found.
    if (const char* node = q.attribute("node").value(); *node) {
        iq.attribute("type") = "error";
        iq.remove_child(query);
        StanzaError{"cancel", "item-not-found", {}, {}}.write(iq);
        session_.send(iq);
        return true;
    }
    pugi::xml_node id = query.append_child("identity");
    id.append_attribute("category") = "client";
    id.append_attribute("type") = "web";
    id.append_attribute("name") = "Parla";
    for (const std::string& f : features_()) query.append_child("feature").append_attribute("var") = f.c_str();
    session_.send(iq);
    return true;
}

}  // namespace xmpp
