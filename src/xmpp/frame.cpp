// RFC 7395 §3.3.3 (one element per WebSocket message) and RFC 6120 §11.1 (no comments,
// PIs, DTDs or non-predefined entities), checked in three passes:
//  1. raw bytes: size, UTF-8, XML 1.0 Char;
//  2. lexical: <!DOCTYPE, <!--, <?, and every &...; reference. This pass must exist:
//     pugixml keeps unknown entities as literal text and ends a value at &#0;;
//  3. tree (check_document): one root, no text beside it, depth, and every name,
//     attribute value and text node re-checked after pugixml decoded the references.
//     The walk is iterative.
// An XML declaration is accepted at the start only (after an optional BOM), with
// version 1.0 and UTF-8 or no encoding: XML 1.0 §2.8 makes it part of the prolog, not a
// processing instruction, and RFC 6120 §11.5 lets TCP streams send one, so a server or
// proxy reusing TCP code may prefix <open/> with it; limited this way it cannot change
// how we read a byte.
#include "xmpp/frame.h"

#include <cstdint>

#include "xmpp/utf8.h"

namespace xmpp {

namespace {

FrameResult fail(FrameError error, std::string message) {
  FrameResult r;
  r.error = error;
  r.message = std::move(message);
  return r;
}

bool starts(std::string_view s, std::size_t pos, std::string_view prefix) {
  return s.substr(pos, prefix.size()) == prefix;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Pass 1.
FrameError check_chars(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = next_code_point(s, pos);
    if (c == kBadUtf8) return FrameError::invalid_utf8;
    if (!is_xml_char(c)) return FrameError::forbidden_char;
  }
  return FrameError::none;
}

// Checks the reference starting at s[pos] == '&'; sets `end` past its ';'.
FrameError check_reference(std::string_view s, std::size_t pos, std::size_t& end) {
  const std::size_t semi = s.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 32) return FrameError::malformed;
  end = semi + 1;
  const std::string_view name = s.substr(pos + 1, semi - pos - 1);
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
    return FrameError::none;
  if (name.empty() || name[0] != '#') return FrameError::entity;
  const bool hex = name.size() > 1 && name[1] == 'x';
  const std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return FrameError::malformed;
  std::uint32_t value = 0;
  for (char c : digits) {
    unsigned d;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (hex && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else return FrameError::malformed;
    value = value * (hex ? 16 : 10) + d;
    if (value > 0x10FFFF) return FrameError::forbidden_char;  // also stops overflow
  }
  return is_xml_char(value) ? FrameError::none : FrameError::forbidden_char;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Pass 2.
FrameError check_lexical(std::string_view s) {
  // XML 1.0 §4.3.3 allows a UTF-8 byte order mark; pugixml skips it, so may we.
  const std::size_t start = s.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  std::size_t pos = start;
  while (pos < s.size()) {
    if (s[pos] == '&') {
      std::size_t end = 0;
      if (const FrameError e = check_reference(s, pos, end); e != FrameError::none) return e;
      pos = end;
    } else if (s[pos] != '<') {
      ++pos;
    } else if (starts(s, pos, "<![CDATA[")) {
      const std::size_t end = s.find("]]>", pos + 9);  // '&' and '<' are literal inside
      if (end == std::string_view::npos) return FrameError::malformed;
      pos = end + 3;
    } else if (starts(s, pos, "<!--")) {
      return FrameError::comment;
    } else if (starts(s, pos, "<!")) {
      return FrameError::doctype;
    } else if (starts(s, pos, "<?")) {
      const bool declaration = pos == start && starts(s, pos, "<?xml") &&
                               pos + 5 < s.size() && is_xml_space(s[pos + 5]);
      if (!declaration) return FrameError::processing_instruction;
      const std::size_t end = s.find("?>", pos);
      if (end == std::string_view::npos) return FrameError::malformed;
      pos = end + 2;
    } else {
      ++pos;
    }
  }
  return FrameError::none;
}

bool valid_value(const char* value) {
  const std::string_view s(value);
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = next_code_point(s, pos);
    if (c == kBadUtf8 || !is_xml_char(c)) return false;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool good_declaration(pugi::xml_node decl) {
  bool version = false;
  for (pugi::xml_attribute a : decl.attributes()) {
    const std::string_view name = a.name(), value = a.value();
    if (name == "version" && value == "1.0") version = true;
    else if (name == "encoding" && iequals(value, "UTF-8")) continue;
    else if (name == "standalone" && (value == "yes" || value == "no")) continue;
    else return false;
  }
  return version;
}

bool is_blank(const char* value) {
  for (const char* p = value; *p; ++p)
    if (!is_xml_space(*p)) return false;
  return true;
}

// Pass 3, one node; nodes that pass 2 already excludes are refused again in case a
// parser quirk lets one through.
FrameError check_node(pugi::xml_node node, std::size_t depth, const FrameLimits& limits) {
  switch (node.type()) {
    case pugi::node_element:
      if (depth > limits.max_depth) return FrameError::too_deep;
      for (pugi::xml_attribute a : node.attributes())
        if (!valid_value(a.value()) || !valid_value(a.name())) return FrameError::forbidden_char;
      return valid_value(node.name()) ? FrameError::none : FrameError::forbidden_char;
    case pugi::node_pcdata:
    case pugi::node_cdata:
      return valid_value(node.value()) ? FrameError::none : FrameError::forbidden_char;
    case pugi::node_comment: return FrameError::comment;
    case pugi::node_doctype: return FrameError::doctype;
    case pugi::node_pi:
    case pugi::node_declaration: return FrameError::processing_instruction;
    default: return FrameError::malformed;
  }
}

std::string explain(FrameError e, const FrameLimits& limits) {
  switch (e) {
    case FrameError::empty: return "The message contains no XML element.";
    case FrameError::too_large:
      return "The message is larger than the " + std::to_string(limits.max_bytes) +
             "-byte limit.";
    case FrameError::invalid_utf8: return "The message contains bytes that are not valid UTF-8.";
    case FrameError::forbidden_char:
      return "The message contains a character XML 1.0 does not allow, written directly or "
             "as a character reference.";
    case FrameError::doctype: return "The message contains a DOCTYPE or other DTD markup, "
                                     "which XMPP forbids.";
    case FrameError::comment: return "The message contains an XML comment, which XMPP forbids.";
    case FrameError::processing_instruction:
      return "The message contains a processing instruction, which XMPP forbids.";
    case FrameError::bad_declaration:
      return "The message's XML declaration is not version 1.0 in UTF-8.";
    case FrameError::entity:
      return "The message uses an entity other than &amp; &lt; &gt; &quot; &apos;, which "
             "XMPP forbids.";
    case FrameError::too_deep:
      return "The message nests elements deeper than " + std::to_string(limits.max_depth) +
             " levels.";
    case FrameError::multiple_roots:
      return "The message contains more than one top-level element.";
    case FrameError::text_outside_root:
      return "The message has text outside its top-level element.";
    default: return "The message is not well-formed XML.";
  }
}

}  // namespace

FrameError check_document(const pugi::xml_document& doc, const FrameLimits& limits) {
  pugi::xml_node root;
  for (pugi::xml_node n : doc.children()) {
    if (n.type() == pugi::node_declaration && n == doc.first_child()) {
      if (!good_declaration(n)) return FrameError::bad_declaration;
    } else if (n.type() == pugi::node_element) {
      if (root) return FrameError::multiple_roots;
      root = n;
    } else if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      if (n.type() == pugi::node_cdata || !is_blank(n.value()))
        return FrameError::text_outside_root;
    } else {
      return check_node(n, 0, limits);
    }
  }
  if (!root) return FrameError::empty;

  // Pre-order walk without recursion: a hostile frame can nest tens of thousands of levels.
  pugi::xml_node node = root;
  std::size_t depth = 1;
  while (true) {
    if (const FrameError e = check_node(node, depth, limits); e != FrameError::none) return e;
    if (pugi::xml_node child = node.first_child()) {
      node = child;
      ++depth;
      continue;
    }
    while (node != root && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node == root) return FrameError::none;
    node = node.next_sibling();
  }
}

FrameResult parse_frame(std::string_view text, const FrameLimits& limits) {
  FrameError e = FrameError::none;
  if (text.size() > limits.max_bytes) e = FrameError::too_large;
  else if (text.empty()) e = FrameError::empty;
  else if ((e = check_chars(text)) == FrameError::none) e = check_lexical(text);
  if (e != FrameError::none) return fail(e, explain(e, limits));

  auto doc = std::make_unique<pugi::xml_document>();
  // parse_fragment keeps text outside the root, which pugixml otherwise drops; the
  // comment/pi/doctype/declaration flags keep those nodes so pass 3 can see them.
  const unsigned flags = pugi::parse_default | pugi::parse_fragment | pugi::parse_comments |
                         pugi::parse_pi | pugi::parse_declaration | pugi::parse_doctype |
                         pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result parsed =
      doc->load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
  if (!parsed)
    return fail(FrameError::malformed,
                "The message is not well-formed XML (" + std::string(parsed.description()) +
                    " at byte " + std::to_string(parsed.offset) + ").");
  if ((e = check_document(*doc, limits)) != FrameError::none) return fail(e, explain(e, limits));

  FrameResult ok;
  ok.frame.doc = std::move(doc);
  return ok;
}

std::string_view local_name(pugi::xml_node element) {
  const std::string_view name = element.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view ns_of(pugi::xml_node element) {
  if (element.type() != pugi::node_element) return {};
  const std::string_view name = element.name();
  const std::size_t colon = name.find(':');
  const std::string_view prefix =
      colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";  // bound by XML
  for (pugi::xml_node n = element; n.type() == pugi::node_element; n = n.parent()) {
    for (pugi::xml_attribute a : n.attributes()) {
      const std::string_view attr = a.name();
      if (attr.substr(0, 5) != "xmlns") continue;
      // Default namespace for unprefixed names; xmlns="" undeclares it (returns "").
      if (prefix.empty() ? attr.size() == 5
                         : attr.size() == 6 + prefix.size() && attr[5] == ':' &&
                               attr.substr(6) == prefix)
        return a.value();
    }
  }
  return {};
}

bool is(pugi::xml_node node, std::string_view local, std::string_view ns) {
  return node.type() == pugi::node_element && local_name(node) == local && ns_of(node) == ns;
}

std::string sanitize_for_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = next_code_point(text, pos);
    if (c != kBadUtf8 && is_xml_char(c)) out.append(text.substr(start, pos - start));
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace xmpp
