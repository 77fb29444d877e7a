// RFC 6120 §8: stanzas, their common attributes and errors.
#include "xmpp/stanza.h"

#include "xmpp/frame.h"


namespace xmpp {

pugi::xml_node Stanza::child(std::string_view local, std::string_view ns) const {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && is(c, local, ns)) return c;
    return {};
}

std::optional<Stanza> read_stanza(pugi::xml_node node) {
    Stanza s;
    s.node = node;
    s.name = local_name(node);
    s.type = node.attribute("type").value();
    s.id = node.attribute("id").value();
    if (pugi::xml_attribute a = node.attribute("from")) {
        JidResult r = Jid::parse(a.value());
        if (!r.ok()) return std::nullopt;
        s.from = r.jid;
    }
    if (pugi::xml_attribute a = node.attribute("to")) {
        JidResult r = Jid::parse(a.value());
        if (!r.ok()) return std::nullopt;
        s.to = r.jid;
    }
    return s;
}

std::optional<StanzaError> StanzaError::parse(pugi::xml_node stanza) {
    pugi::xml_node e;
    for (pugi::xml_node c = stanza.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == "error") e = c;
    if (!e) return std::nullopt;
    StanzaError err;
    err.type = e.attribute("type").value();
    err.by = e.attribute("by").value();
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || ns_of(c) != kNsStanzas) continue;
        if (local_name(c) == "text")
            err.text = c.text().get();
        else if (err.condition.empty())
            err.condition = std::string(local_name(c));
    }
    if (err.condition.empty()) err.condition = "undefined-condition";
    return err;
}

void StanzaError::write(pugi::xml_node stanza) const {
    pugi::xml_node e = stanza.append_child("error");
    e.append_attribute("type") = type.empty() ? "cancel" : type.c_str();
    if (!by.empty()) e.append_attribute("by") = by.c_str();  // RFC 6120 §8.3.2: who found the error
    pugi::xml_node c = e.append_child(condition.empty() ? "undefined-condition" : condition.c_str());
    c.append_attribute("xmlns") = std::string(kNsStanzas).c_str();
    if (!text.empty()) {
        pugi::xml_node t = e.append_child("text");
        t.append_attribute("xmlns") = std::string(kNsStanzas).c_str();
        t.text() = sanitize_for_xml(text).c_str();
    }
}

std::string StanzaError::sentence() const {
    struct Row {
        const char* condition;
        const char* sentence;
    };
    static const Row rows[] = {
        {"bad-request", "The server did not understand the request."},
        {"conflict", "That name is already taken."},
        {"feature-not-implemented", "The server or the contact's app does not support this."},
        {"forbidden", "You are not allowed to do this."},
        {"gone", "This address no longer exists."},
        {"internal-server-error", "The server had an internal error. Try again later."},
        {"item-not-found", "It was not found."},
        {"jid-malformed", "The address is not valid."},
        {"not-acceptable", "The server did not accept it."},
        {"not-allowed", "This is not allowed."},
        {"not-authorized", "You are not authorised to do this."},
        {"policy-violation", "The server refused it because of its rules."},
        {"recipient-unavailable", "The recipient is not available right now."},
        {"redirect", "It has moved to another address."},
        {"registration-required", "You need to register first."},
        {"remote-server-not-found", "The other person's server could not be found."},
        {"remote-server-timeout", "There was no answer in time."},
        {"resource-constraint", "The server is too busy. Try again later."},
        {"service-unavailable", "The service is not available."},
        {"subscription-required", "You need to be subscribed first."},
        {"unexpected-request", "The server did not expect this request."},
    };
    std::string s = "Something went wrong.";
    for (const Row& r : rows)
        if (condition == r.condition) s = r.sentence;
    if (!text.empty()) s += " The server said: \"" + text + "\"";
    return s;
}

namespace {
struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};
}  // namespace

std::string to_xml(pugi::xml_node node) {
    StringWriter w;  // not std::ostream: keeps iostreams out of the wasm
    node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
    return std::move(w.out);
}

std::string_view child_text(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) return c.text().get();
    return {};
}

}  // namespace xmpp
