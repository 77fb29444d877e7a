// RFC 7622: XMPP address format (JID), without the PRECIS tables.
#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace xmpp {

struct JidResult;

struct Jid {
  std::string local;     // optional; before the '@'
  std::string domain;    // required
  std::string resource;  // optional; after the '/'

  // Splits, checks and normalises an address; never throws. See jid.cpp for what
  // "normalises" covers and what it leaves to the server.
  static JidResult parse(std::string_view text);

  bool is_bare() const { return resource.empty(); }
  std::string bare() const;  // "local@domain" or "domain"
  std::string full() const;  // bare() plus "/resource" when there is one
  Jid bare_jid() const { return Jid{local, domain, {}}; }

  // Parts are compared after normalisation, so equal JIDs compare equal byte-wise.
  friend bool operator==(const Jid&, const Jid&) = default;
  friend std::strong_ordering operator<=>(const Jid&, const Jid&) = default;
};

enum class JidPart { none, whole, local, domain, resource };

enum class JidError {
  none,
  empty,           // the whole input is empty
  empty_part,      // "@x", "x@", "x/", "x@/r", "."
  too_long,        // a part is over 1023 bytes
  forbidden_char,  // a character the part cannot contain (space, '"', '&', ...)
  control_char,    // U+0000..U+001F, U+007F..U+009F
  invalid_utf8,
  noncharacter,    // U+FFFE, U+FDD0, ...
};

struct JidResult {
  Jid jid;                   // meaningful only when ok()
  JidError error = JidError::none;
  JidPart part = JidPart::none;
  std::string message;       // one sentence for the user; empty when ok()
  bool ok() const { return error == JidError::none; }
};

}  // namespace xmpp
