// XEP-0297 Stanza Forwarding, as XEP-0280 carbons and XEP-0313 archive results wrap
// messages: the inner <message/>, its XEP-0203 delay stamp, and what a message says.
#pragma once
#include "xmpp/events.h"
#include "xmpp/stanza.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace xmpp {

inline constexpr std::string_view kNsForward = "urn:xmpp:forward:0";

// <forwarded xmlns='urn:xmpp:forward:0'><delay/>?<message xmlns='jabber:client'/></forwarded>
struct Forwarded {
    Stanza message;          // the inner <message/>; valid as long as the document
    Millis stamp = 0;        // <delay stamp/> (ms since the epoch); 0 when none or unreadable
    bool delayed = false;    // a <delay/> was there
};

// Reads a <forwarded/> element. Nullopt when it is not one, has no <message/> qualified by
// jabber:client, or that message has an invalid from/to (dropped, never half-trusted).
std::optional<Forwarded> read_forwarded(pugi::xml_node forwarded);

// The first child element with this local name and namespace, or null.
pugi::xml_node child_element(pugi::xml_node parent, std::string_view local, std::string_view ns);

// What a message stanza says, capped for hostile input: id, XEP-0359 origin-id, the raw
// type, from/to when present, body (kMaxBodyBytes), thread and subject (jabber:client only),
// XEP-0333 markable.
Message read_message_content(const Stanza& s);

inline constexpr std::size_t kMaxForwardIdBytes = 1024;  // ids, origin-ids, threads
inline constexpr std::size_t kMaxForwardSubjectBytes = 4096;

}  // namespace xmpp
