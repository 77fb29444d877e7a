// RFC 7395 §3.3.3: each WebSocket message is one complete XML element; RFC 6120 §11:
// the XML subset XMPP allows. Parsing with input hygiene, plus namespace helpers.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace xmpp {

struct FrameLimits {
  std::size_t max_bytes = 256 * 1024;
  std::size_t max_depth = 64;  // the root element is depth 1
};

enum class FrameError {
  none,
  empty,            // no element at all (empty or whitespace-only message)
  too_large,
  invalid_utf8,
  forbidden_char,   // raw or via &#...; — a character XML 1.0 does not allow
  doctype,          // <!DOCTYPE or any other <! markup declaration
  comment,
  processing_instruction,
  bad_declaration,  // an XML declaration we do not accept (see frame.cpp)
  entity,           // an entity reference other than the five predefined ones
  malformed,        // not well-formed XML
  too_deep,
  multiple_roots,
  text_outside_root,
};

// xml_document cannot be copied or moved, so a Frame owns it through a pointer.
struct Frame {
  std::unique_ptr<pugi::xml_document> doc;
  pugi::xml_node root() const { return doc ? doc->document_element() : pugi::xml_node(); }
};

struct FrameResult {
  Frame frame;  // doc is null unless ok()
  FrameError error = FrameError::none;
  std::string message;  // one sentence, for logs and the stream error text
  bool ok() const { return error == FrameError::none; }
};

FrameResult parse_frame(std::string_view text, const FrameLimits& limits = {});

// Pass 3 of parse_frame on its own, for a document built in memory (an outgoing
// stanza, say): exactly one root element, no text beside it, no comment/PI/DOCTYPE
// nodes, depth within limits, and only XML 1.0 characters in names, values and text.
FrameError check_document(const pugi::xml_document& doc, const FrameLimits& limits = {});

// Namespace of an element, resolved through xmlns / xmlns:prefix on it and its
// ancestors (pugixml ignores namespaces). Empty if none is in scope. The view points
// into the document and lives as long as it does.
std::string_view ns_of(pugi::xml_node element);
// Element name without its prefix: "stream:features" -> "features".
std::string_view local_name(pugi::xml_node element);
// True for an element with this local name in this namespace.
bool is(pugi::xml_node node, std::string_view local, std::string_view ns);

// Drops invalid UTF-8 and characters XML 1.0 forbids (NUL, most C0 controls, U+FFFE,
// U+FFFF) from outgoing user text, so what a user types cannot break the stream.
std::string sanitize_for_xml(std::string_view text);
// Escapes & < > " ' for element text and attribute values alike.
std::string xml_escape(std::string_view text);

}  // namespace xmpp
