// RFC 7395 §3.3.3 / RFC 6120 §11: good and hostile frames, namespaces, outgoing text.
#include "xmpp/frame.h"

#include <doctest/doctest.h>

using namespace xmpp;

namespace {

std::string nested(std::size_t depth) {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) s += "<a>";
  for (std::size_t i = 0; i < depth; ++i) s += "</a>";
  return s;
}

constexpr const char* kFraming = "urn:ietf:params:xml:ns:xmpp-framing";

}  // namespace

TEST_CASE("parse_frame accepts the frames XMPP over WebSocket carries") {
  struct Row {
    std::string name;
    std::string text;
    const char* root;
  };
  const Row rows[] = {
      {"open", "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'/>",
       "open"},
      {"close", "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", "close"},
      {"message", "<message xmlns='jabber:client' to='a@b' type='chat'><body>hi &amp; "
                  "&lt;bye&gt; &quot;x&quot; &apos;y&apos;</body></message>",
       "message"},
      {"char refs", "<a>&#65;&#x42;&#x1F600;&#9;&#xA;&#xD;</a>", "a"},
      {"prefixed", "<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>",
       "stream:features"},
      {"surrounding whitespace", " \r\n<a/>\n\t", "a"},
      {"cdata", "<a><![CDATA[<not> &markup; &#0;]]></a>", "a"},
      {"utf-8 text", "<a>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80</a>", "a"},
      {"xml declaration", "<?xml version='1.0'?><a/>", "a"},
      {"declaration with encoding", "<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>", "a"},
      {"gt in text", "<a>1 > 0</a>", "a"},
      {"byte order mark", "\xEF\xBB\xBF<a/>", "a"},
      {"byte order mark and declaration", "\xEF\xBB\xBF<?xml version='1.0'?>\n<a/>", "a"},
      {"max depth 64", nested(64), "a"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    FrameResult r = parse_frame(row.text);
    REQUIRE_MESSAGE(r.ok(), r.message);
    CHECK(r.message.empty());
    REQUIRE(r.frame.doc);
    CHECK(std::string_view(r.frame.root().name()) == row.root);
  }
}

TEST_CASE("parse_frame decodes text and references") {
  FrameResult r = parse_frame("<a x='1&amp;2'>&#x1F600;&lt;b&gt;</a>");
  REQUIRE(r.ok());
  CHECK(std::string_view(r.frame.root().child_value()) == "\xF0\x9F\x98\x80<b>");
  CHECK(std::string_view(r.frame.root().attribute("x").value()) == "1&2");
  // A whitespace-only body survives: it is the element's only child.
  FrameResult ws = parse_frame("<body> </body>");
  REQUIRE(ws.ok());
  CHECK(std::string_view(ws.frame.root().child_value()) == " ");
}

TEST_CASE("parse_frame refuses hostile frames") {
  const std::string laughs =
      "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
      "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
      "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
      "<lolz>&lol3;</lolz>";
  struct Row {
    std::string name;
    std::string text;
    FrameError error;
  };
  const Row rows[] = {
      {"empty", "", FrameError::empty},
      {"whitespace only", "  \n ", FrameError::empty},
      {"billion laughs", laughs, FrameError::doctype},
      {"doctype", "<!DOCTYPE a><a/>", FrameError::doctype},
      {"external entity", "<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a>&x;</a>",
       FrameError::doctype},
      {"entity declaration", "<!ENTITY x 'y'><a/>", FrameError::doctype},
      {"comment before", "<!-- hi --><a/>", FrameError::comment},
      {"comment inside", "<a><!-- hi --></a>", FrameError::comment},
      {"processing instruction", "<?php echo 1; ?><a/>", FrameError::processing_instruction},
      {"pi inside", "<a><?target data?></a>", FrameError::processing_instruction},
      {"xml-stylesheet", "<?xml-stylesheet href='x'?><a/>", FrameError::processing_instruction},
      {"declaration not first", " <?xml version='1.0'?><a/>", FrameError::processing_instruction},
      {"declaration before byte order mark", "<?xml version='1.0'?>\xEF\xBB\xBF<a/>",
       FrameError::text_outside_root},
      {"declaration without space", "<?xml?><a/>", FrameError::processing_instruction},
      {"declaration after root", "<a/><?xml version='1.0'?>", FrameError::processing_instruction},
      {"declaration utf-16", "<?xml version='1.0' encoding='UTF-16'?><a/>",
       FrameError::bad_declaration},
      {"declaration latin-1", "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
       FrameError::bad_declaration},
      {"declaration 1.1", "<?xml version='1.1'?><a/>", FrameError::bad_declaration},
      {"declaration junk attribute", "<?xml version='1.0' evil='1'?><a/>",
       FrameError::bad_declaration},
      {"undefined entity", "<a>&lol;</a>", FrameError::entity},
      {"undefined entity in attribute", "<a x='&nbsp;'/>", FrameError::entity},
      {"bare ampersand", "<a>fish & chips</a>", FrameError::malformed},
      {"unterminated reference", "<a>&#65</a>", FrameError::malformed},
      {"uppercase X reference", "<a>&#X41;</a>", FrameError::malformed},
      {"empty reference", "<a>&#;</a>", FrameError::malformed},
      {"ref NUL", "<a>x&#0;y</a>", FrameError::forbidden_char},
      {"ref NUL hex padded", "<a>x&#x0000;y</a>", FrameError::forbidden_char},
      {"ref SOH", "<a>&#1;</a>", FrameError::forbidden_char},
      {"ref SOH hex", "<a>&#x1;</a>", FrameError::forbidden_char},
      {"ref ESC in attribute", "<a x='&#27;'/>", FrameError::forbidden_char},
      {"ref surrogate", "<a>&#xD800;</a>", FrameError::forbidden_char},
      {"ref surrogate decimal", "<a>&#57343;</a>", FrameError::forbidden_char},
      {"ref FFFE", "<a>&#xFFFE;</a>", FrameError::forbidden_char},
      {"ref FFFF", "<a>&#xFFFF;</a>", FrameError::forbidden_char},
      {"ref above max", "<a>&#x110000;</a>", FrameError::forbidden_char},
      {"ref overflow", "<a>&#x100000000041;</a>", FrameError::forbidden_char},
      {"raw NUL", std::string("<a>x\0y</a>", 10), FrameError::forbidden_char},
      {"raw control", "<a>\x01</a>", FrameError::forbidden_char},
      {"raw control in attribute", "<a x='\x1B'/>", FrameError::forbidden_char},
      {"raw FFFE", "<a>\xEF\xBF\xBE</a>", FrameError::forbidden_char},
      {"invalid utf-8 byte", "<a>\xFF</a>", FrameError::invalid_utf8},
      {"overlong lt", "<a>\xC0\xBC</a>", FrameError::invalid_utf8},
      {"raw surrogate", "<a>\xED\xA0\x80</a>", FrameError::invalid_utf8},
      {"truncated sequence", "<a>\xE2\x82</a>", FrameError::invalid_utf8},
      {"bad utf-8 in name", "<a\xC3/>", FrameError::invalid_utf8},
      {"two roots", "<a/><b/>", FrameError::multiple_roots},
      {"two stanzas", "<message/><message/>", FrameError::multiple_roots},
      {"text after root", "<a/>junk", FrameError::text_outside_root},
      {"text before root", "junk<a/>", FrameError::text_outside_root},
      {"text only", "hello", FrameError::text_outside_root},
      {"unclosed", "<a>", FrameError::malformed},
      {"mismatched", "<a></b>", FrameError::malformed},
      {"half a stanza", "<message><body>hi</bo", FrameError::malformed},
      {"unterminated cdata", "<a><![CDATA[x</a>", FrameError::malformed},
      {"depth 65", nested(65), FrameError::too_deep},
      {"depth 10000", nested(10000), FrameError::too_deep},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const FrameResult r = parse_frame(row.text);
    CHECK_FALSE(r.ok());
    CHECK(r.error == row.error);
    CHECK(r.frame.doc == nullptr);
    CHECK_FALSE(r.frame.root());
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("parse_frame enforces configurable limits") {
  const std::string big = "<a>" + std::string(256 * 1024, 'x') + "</a>";
  CHECK(parse_frame(big).error == FrameError::too_large);
  FrameLimits roomy;
  roomy.max_bytes = 512 * 1024;
  CHECK(parse_frame(big, roomy).ok());
  const std::string exact = "<a>" + std::string(256 * 1024 - 7, 'x') + "</a>";
  REQUIRE(exact.size() == 256 * 1024);
  CHECK(parse_frame(exact).ok());

  FrameLimits shallow;
  shallow.max_depth = 3;
  CHECK(parse_frame(nested(3), shallow).ok());
  CHECK(parse_frame(nested(4), shallow).error == FrameError::too_deep);
  CHECK(parse_frame("<a><b/><c><d/></c></a>", shallow).ok());
  CHECK(parse_frame("<a><b/><c><d><e/></d></c></a>", shallow).error == FrameError::too_deep);
  // Depth comes back down between siblings: wide is fine, only deep is refused.
  CHECK(parse_frame("<a><b><c/></b><b><c/></b><b><c/></b></a>", shallow).ok());

  // The deepest nesting that fits in the size cap must not crash.
  const FrameResult r = parse_frame(nested(256 * 1024 / 7));
  CHECK(r.error == FrameError::too_deep);
}

TEST_CASE("check_document re-checks a tree built in memory") {
  // pugixml lets code put anything into a tree; these rows never reach pass 3 through
  // parse_frame, because passes 1 and 2 stop them first.
  struct Row {
    std::string name;
    void (*build)(pugi::xml_document&);
    FrameError error;
  };
  const Row rows[] = {
      {"clean", [](pugi::xml_document& d) { d.append_child("a").append_attribute("x") = "y"; },
       FrameError::none},
      {"control in attribute",
       [](pugi::xml_document& d) { d.append_child("a").append_attribute("x") = "a\x01" "b"; },
       FrameError::forbidden_char},
      {"control in attribute name",
       [](pugi::xml_document& d) { d.append_child("a").append_attribute("x\x02") = "b"; },
       FrameError::forbidden_char},
      {"FFFE in text",
       [](pugi::xml_document& d) { d.append_child("a").text() = "\xEF\xBF\xBE"; },
       FrameError::forbidden_char},
      {"bad UTF-8 in nested text",
       [](pugi::xml_document& d) { d.append_child("a").append_child("b").text() = "\xC0\xAF"; },
       FrameError::forbidden_char},
      {"control in element name", [](pugi::xml_document& d) { d.append_child("a\x1F"); },
       FrameError::forbidden_char},
      {"control in cdata",
       [](pugi::xml_document& d) {
         d.append_child("a").append_child(pugi::node_cdata).set_value("\x07");
       },
       FrameError::forbidden_char},
      {"comment node",
       [](pugi::xml_document& d) { d.append_child("a").append_child(pugi::node_comment); },
       FrameError::comment},
      {"pi node", [](pugi::xml_document& d) { d.append_child("a").append_child(pugi::node_pi); },
       FrameError::processing_instruction},
      {"doctype at top", [](pugi::xml_document& d) {
         d.append_child(pugi::node_doctype);
         d.append_child("a");
       },
       FrameError::doctype},
      {"no element", [](pugi::xml_document&) {}, FrameError::empty},
      {"two roots", [](pugi::xml_document& d) {
         d.append_child("a");
         d.append_child("b");
       },
       FrameError::multiple_roots},
      {"text beside root", [](pugi::xml_document& d) {
         d.append_child("a");
         d.append_child(pugi::node_pcdata).set_value("x");
       },
       FrameError::text_outside_root},
      {"too deep", [](pugi::xml_document& d) {
         pugi::xml_node n = d;
         for (int i = 0; i < 65; ++i) n = n.append_child("a");
       },
       FrameError::too_deep},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    pugi::xml_document doc;
    row.build(doc);
    CHECK(check_document(doc) == row.error);
  }
}

TEST_CASE("ns_of resolves default and prefixed namespaces through ancestors") {
  FrameResult r = parse_frame(
      "<stream:features xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'>"
      "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
      "</mechanisms><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><stream:x/><plain/>"
      "<p:q xmlns:p='urn:p'><p:r xmlns:p='urn:p2'/><s xmlns=''/><unbound:t/></p:q>"
      "<t xml:lang='en'/><xml:u/></stream:features>");
  REQUIRE_MESSAGE(r.ok(), r.message);
  const pugi::xml_node root = r.frame.root();
  CHECK(local_name(root) == "features");
  CHECK(ns_of(root) == "http://etherx.jabber.org/streams");
  CHECK(is(root, "features", "http://etherx.jabber.org/streams"));
  CHECK_FALSE(is(root, "stream:features", "http://etherx.jabber.org/streams"));
  CHECK_FALSE(is(root, "features", "jabber:client"));

  const pugi::xml_node mechs = root.child("mechanisms");
  CHECK(is(mechs, "mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl"));
  CHECK(is(mechs.child("mechanism"), "mechanism", "urn:ietf:params:xml:ns:xmpp-sasl"));
  CHECK(is(root.child("bind"), "bind", "urn:ietf:params:xml:ns:xmpp-bind"));
  CHECK(is(root.child("stream:x"), "x", "http://etherx.jabber.org/streams"));
  CHECK(is(root.child("plain"), "plain", "jabber:client"));  // inherited default

  const pugi::xml_node q = root.child("p:q");
  CHECK(ns_of(q) == "urn:p");
  CHECK(ns_of(q.child("p:r")) == "urn:p2");  // nearest declaration wins
  CHECK(ns_of(q.child("s")).empty());        // xmlns='' undeclares the default
  CHECK(ns_of(q.child("unbound:t")).empty());
  CHECK(local_name(q.child("unbound:t")) == "t");
  CHECK(ns_of(root.child("xml:u")) == "http://www.w3.org/XML/1998/namespace");

  CHECK(ns_of(pugi::xml_node()).empty());
  CHECK(ns_of(mechs.child("mechanism").first_child()).empty());  // text node
  CHECK_FALSE(is(pugi::xml_node(), "", ""));

  FrameResult plain = parse_frame("<a xmlnsfoo='x' xmlns:a='y'/>");
  REQUIRE(plain.ok());
  CHECK(ns_of(plain.frame.root()).empty());  // neither attribute declares a default
  CHECK(is(parse_frame(std::string("<close xmlns='") + kFraming + "'/>").frame.root(), "close",
           kFraming));
}

TEST_CASE("sanitize_for_xml keeps what XML allows and drops the rest") {
  struct Row {
    std::string name;
    std::string in, out;
  };
  const Row rows[] = {
      {"plain", "hello", "hello"},
      {"tab newline cr kept", "a\tb\nc\rd", "a\tb\nc\rd"},
      {"unicode kept", "\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD", "\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD"},
      {"NUL dropped", std::string("a\0b", 3), "ab"},
      {"controls dropped", "a\x01\x08\x0B\x0C\x1F" "b", "ab"},
      {"DEL kept (XML allows it)", "a\x7F" "b", "a\x7F" "b"},
      {"FFFE FFFF dropped", "a\xEF\xBF\xBE\xEF\xBF\xBF" "b", "ab"},
      {"invalid bytes dropped", "a\xFF\xC0\xAF" "b", "ab"},
      {"surrogate dropped", "a\xED\xA0\x80" "b", "ab"},
      {"truncated tail dropped", "ab\xE2\x82", "ab"},
      {"markup kept for escaping", "<b>&", "<b>&"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(sanitize_for_xml(row.in) == row.out);
  }
}

TEST_CASE("Escaped, sanitised user text always round-trips through parse_frame") {
  const char raw[] = "<b>Tom & \"Jerry\" 'x'\x01\0\xFF]]> &#0;";
  const std::string typed(raw, sizeof raw - 1);  // keeps the embedded NUL
  const std::string safe = xml_escape(sanitize_for_xml(typed));
  CHECK(safe == "&lt;b&gt;Tom &amp; &quot;Jerry&quot; &apos;x&apos;]]&gt; &amp;#0;");
  FrameResult r = parse_frame("<message><body a='" + safe + "'>" + safe + "</body></message>");
  REQUIRE_MESSAGE(r.ok(), r.message);
  const pugi::xml_node body = r.frame.root().child("body");
  CHECK(std::string_view(body.child_value()) == "<b>Tom & \"Jerry\" 'x']]> &#0;");
  CHECK(std::string_view(body.attribute("a").value()) == "<b>Tom & \"Jerry\" 'x']]> &#0;");
}
