// XEP-0082: XMPP date and time profiles (the DateTime profile, as XEP-0203 stamps use it).
#pragma once
#include "xmpp/stanza.h"

#include <optional>
#include <string>
#include <string_view>

namespace xmpp {

// CCYY-MM-DDThh:mm:ss[.sss]TZD, TZD 'Z' or +hh:mm / -hh:mm, to milliseconds since the
// Unix epoch (UTC). Nullopt for anything else: missing zone, bad ranges (Feb 30, 24:00),
// lowercase separators, trailing text. A leap second (:60) reads as :59.999.
std::optional<Millis> parse_datetime(std::string_view text);
// Milliseconds since the epoch as CCYY-MM-DDThh:mm:ss[.sss]Z (the fraction only when not 0).
std::string format_datetime(Millis ms);

}  // namespace xmpp
