// RFC 6120 §8: stanzas (message, presence, iq), their common attributes and errors.
#pragma once
#include "xmpp/jid.h"

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xmpp {

using Millis = std::int64_t;  // milliseconds on the caller's clock; the core never reads a clock

inline constexpr std::string_view kNsClient = "jabber:client";
inline constexpr std::string_view kNsStanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";

// RFC 6120 §8.3: a stanza error. Our own timeouts use condition "remote-server-timeout".
struct StanzaError {
    std::string type;       // cancel, continue, modify, auth, wait
    std::string condition;  // e.g. "item-not-found"
    std::string text;       // optional text from the server (untrusted)
    std::string by;

    // Reads the <error/> child of a stanza; nullopt when there is none.
    static std::optional<StanzaError> parse(pugi::xml_node stanza);
    // Appends <error type=...><condition xmlns=stanzas/></error> to a stanza.
    void write(pugi::xml_node stanza) const;
    // A sentence for a person: what went wrong, in plain words.
    std::string sentence() const;
};

// An incoming stanza: the root element of a parsed frame with its common attributes.
struct Stanza {
    pugi::xml_node node;
    std::string_view name;  // "message", "presence" or "iq"
    std::string_view type;  // may be empty
    std::string_view id;    // may be empty
    std::optional<Jid> from;  // absent: from the server on behalf of our account (RFC 6120 §8.1.2.1)
    std::optional<Jid> to;

    // The first child element with this local name and namespace.
    pugi::xml_node child(std::string_view local, std::string_view ns) const;
};

// Reads name, type, id, from and to. Fails (nullopt) when from/to are not valid JIDs:
// such a stanza is dropped, never half-trusted.
std::optional<Stanza> read_stanza(pugi::xml_node node);

// Serialises an element as one line of XML (for a WebSocket frame).
std::string to_xml(pugi::xml_node node);

// Text of the first child element with this local name (any namespace), or "".
std::string_view child_text(pugi::xml_node node, std::string_view local);

}  // namespace xmpp
