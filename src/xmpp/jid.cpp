// RFC 7622: XMPP address format. §3.2 splitting, §3.3-3.4 part rules, approximated
// without the PRECIS (RFC 8264/8265) and IDNA2008 tables a browser build cannot afford:
//  - localpart: ASCII is lower-cased (UsernameCaseMapped would also case-fold and
//    width-map non-ASCII; we leave that to the server, which re-applies PRECIS anyway);
//    spaces and " & ' / : < > @ are refused as RFC 7622 §3.3.1 requires.
//  - domainpart: ASCII is lower-cased and must be letters, digits, '-' and '.' or an
//    IPv6 literal in [ ]; non-ASCII labels are kept as typed (no IDNA mapping); one
//    trailing dot is removed (§3.2).
//  - resourcepart: anything but control characters; non-ASCII spaces become U+0020 as
//    OpaqueString maps them.
// All parts: valid UTF-8, no control characters, no noncharacters, 1..1023 bytes.
#include "xmpp/jid.h"

#include "xmpp/utf8.h"

namespace xmpp {

namespace {

constexpr std::size_t kMaxPart = 1023;

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Unicode general category Zs: the spaces PRECIS IdentifierClass disallows.
bool is_space(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_ascii_ldh(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.';
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

const char* part_name(JidPart part) {
  switch (part) {
    case JidPart::local: return "The part before @";
    case JidPart::domain: return "The server name";
    case JidPart::resource: return "The part after /";
    default: return "The address";
  }
}

// Names the offending character in words a user can act on.
std::string describe(char32_t c) {
  if (is_space(c)) return "a space";
  if (c == '"') return "a double quote (\")";
  if (c == '\'') return "an apostrophe (')";
  std::string out = "\"";
  append_utf8(out, c);
  return out + "\"";
}

JidResult fail(JidError error, JidPart part, std::string message) {
  JidResult r;
  r.error = error;
  r.part = part;
  r.message = std::move(message);
  return r;
}

JidResult forbidden(JidPart part, char32_t c) {
  return fail(JidError::forbidden_char, part,
              std::string(part_name(part)) + " contains " + describe(c) +
                  ", which addresses cannot have.");
}

// Checks what every part shares; `extra` refuses part-specific characters.
template <typename Extra>
JidResult check_chars(std::string_view s, JidPart part, Extra extra) {
  const std::string name = part_name(part);
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = next_code_point(s, pos);
    if (c == kBadUtf8)
      return fail(JidError::invalid_utf8, part,
                  name + " contains bytes that are not valid UTF-8 text.");
    if (is_control(c))
      return fail(JidError::control_char, part,
                  name + " contains an invisible control character, which addresses cannot have.");
    if (is_noncharacter(c))
      return fail(JidError::noncharacter, part,
                  name + " contains a reserved Unicode noncharacter, which addresses cannot have.");
    if (extra(c)) return forbidden(part, c);
  }
  return {};
}

JidResult check_length(std::string_view s, JidPart part) {
  if (s.size() > kMaxPart)
    return fail(JidError::too_long, part,
                std::string(part_name(part)) + " is longer than 1023 bytes.");
  return {};
}

JidResult check_local(std::string_view s) {
  auto r = check_chars(s, JidPart::local, [](char32_t c) {
    return is_space(c) || c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' ||
           c == '<' || c == '>' || c == '@';
  });
  return r.ok() ? check_length(s, JidPart::local) : r;
}

// RFC 3986 IP-literal, loosely: hex digits, ':' and '.' (IPv4-mapped) inside [ ].
bool is_ipv6_literal(std::string_view s) {
  if (s.size() < 4 || s.front() != '[' || s.back() != ']') return false;
  bool colon = false;
  for (char c : s.substr(1, s.size() - 2)) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (c == ':') colon = true;
    if (!hex && c != ':' && c != '.') return false;
  }
  return colon;
}

JidResult check_domain(std::string_view s) {
  if (s.front() == '[') {
    if (!is_ipv6_literal(s))
      return fail(JidError::forbidden_char, JidPart::domain,
                  "The server name starts with [ but is not an IPv6 address in brackets.");
    return check_length(s, JidPart::domain);
  }
  auto r = check_chars(s, JidPart::domain, [](char32_t c) {
    return is_space(c) || (c < 0x80 && !is_ascii_ldh(c));
  });
  if (!r.ok()) return r;
  if (s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos)
    return fail(JidError::empty_part, JidPart::domain,
                "The server name starts or ends with a dot, or has two dots in a row.");
  return check_length(s, JidPart::domain);
}

// OpaqueString maps every non-ASCII space to U+0020; the rest is kept.
std::string map_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t c = next_code_point(s, pos);
    if (c != kBadUtf8 && is_space(c))
      out += ' ';
    else
      out.append(s.substr(start, pos - start));
  }
  return out;
}

}  // namespace

JidResult Jid::parse(std::string_view text) {
  if (text.empty()) return fail(JidError::empty, JidPart::whole, "The address is empty.");

  // §3.2: the resource is everything after the first '/'; the local part is what
  // precedes the first '@' before that '/'. ASCII bytes never occur inside multi-byte
  // UTF-8 sequences, so splitting before decoding is safe.
  const std::size_t slash = text.find('/');
  const std::string_view head = text.substr(0, slash);
  const std::size_t at = head.find('@');

  Jid jid;
  if (at != std::string_view::npos) {
    const std::string_view local = head.substr(0, at);
    if (local.empty())
      return fail(JidError::empty_part, JidPart::local,
                  "The part before @ is empty; put a name before the @ or remove it.");
    if (auto r = check_local(local); !r.ok()) return r;
    jid.local = lower_ascii(local);
  }

  std::string_view domain = at == std::string_view::npos ? head : head.substr(at + 1);
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty())
    return fail(JidError::empty_part, JidPart::domain,
                "The server name is missing; an address looks like name@example.org.");
  if (auto r = check_domain(domain); !r.ok()) return r;
  jid.domain = lower_ascii(domain);

  if (slash != std::string_view::npos) {
    const std::string_view resource = text.substr(slash + 1);
    if (resource.empty())
      return fail(JidError::empty_part, JidPart::resource,
                  "The part after / is empty; add a resource after the / or remove it.");
    if (auto r = check_chars(resource, JidPart::resource, [](char32_t) { return false; });
        !r.ok())
      return r;
    jid.resource = map_spaces(resource);
    if (auto r = check_length(jid.resource, JidPart::resource); !r.ok()) return r;
  }

  JidResult ok;
  ok.jid = std::move(jid);
  return ok;
}

std::string Jid::bare() const { return local.empty() ? domain : local + "@" + domain; }

std::string Jid::full() const { return resource.empty() ? bare() : bare() + "/" + resource; }

}  // namespace xmpp
