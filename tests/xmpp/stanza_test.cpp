// RFC 6120 §8: stanza attributes (read_stanza) and stanza errors (StanzaError).
#include "xmpp/stanza.h"

#include "xmpp/frame.h"

#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;

namespace {

constexpr const char* kNs = "urn:ietf:params:xml:ns:xmpp-stanzas";

FrameResult parse(std::string_view xml) {
    FrameResult f = parse_frame(xml);
    REQUIRE_MESSAGE(f.ok(), f.message << ": " << xml);
    return f;
}

std::string cond(std::string_view name) { return "<" + std::string(name) + " xmlns='" + kNs + "'/>"; }
std::string text(std::string_view t) { return "<text xmlns='" + std::string(kNs) + "'>" + std::string(t) + "</text>"; }

// Writes `e` into an empty <iq/> and returns it as XML.
std::string written(const StanzaError& e) {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    e.write(iq);
    return to_xml(iq);
}

}  // namespace

TEST_CASE("StanzaError::parse reads type, condition, text and by") {
    struct Row {
        const char* name;
        std::string stanza;
        std::string type, condition, text, by;
    };
    const std::vector<Row> rows = {
        {"plain", "<iq type='error'><error type='cancel'>" + cond("item-not-found") + "</error></iq>", "cancel",
         "item-not-found", "", ""},
        {"text and by",
         "<message type='error'><error type='wait' by='example.net'>" + cond("resource-constraint") +
             "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>Busy</text></error></message>",
         "wait", "resource-constraint", "Busy", "example.net"},
        {"text before the condition", "<iq><error type='auth'>" + text("Who?") + cond("not-authorized") + "</error></iq>",
         "auth", "not-authorized", "Who?", ""},
        {"application condition skipped",
         "<iq><error type='modify'><too-many xmlns='urn:example:app'/>" + cond("bad-request") + "</error></iq>",
         "modify", "bad-request", "", ""},
        {"first defined condition wins",
         "<iq><error type='cancel'>" + cond("conflict") + cond("gone") + "</error></iq>", "cancel", "conflict", "", ""},
        {"no condition", "<iq><error type='cancel'/></iq>", "cancel", "undefined-condition", "", ""},
        {"condition without the stanzas namespace", "<iq xmlns='jabber:client'><error type='cancel'><conflict/></error></iq>",
         "cancel", "undefined-condition", "", ""},
        {"no type", "<iq><error>" + cond("forbidden") + "</error></iq>", "", "forbidden", "", ""},
        {"payload before the error", "<iq><query xmlns='jabber:iq:roster'/><error type='cancel'>" +
                                         cond("feature-not-implemented") + "</error></iq>",
         "cancel", "feature-not-implemented", "", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        const FrameResult f = parse(row.stanza);
        const std::optional<StanzaError> e = StanzaError::parse(f.frame.root());
        REQUIRE(e.has_value());
        CHECK(e->type == row.type);
        CHECK(e->condition == row.condition);
        CHECK(e->text == row.text);
        CHECK(e->by == row.by);
    }
}

TEST_CASE("StanzaError::parse: no <error/> child is nullopt") {
    for (const char* xml : {"<iq type='result'/>", "<iq type='error'><query><error type='cancel'/></query></iq>",
                            "<message type='error'><body>error</body></message>"}) {
        CAPTURE(xml);
        const FrameResult f = parse(xml);
        CHECK_FALSE(StanzaError::parse(f.frame.root()).has_value());
    }
}

TEST_CASE("StanzaError: parse, write, compare (round trip)") {
    const std::vector<std::string> rows = {
        "<iq><error type='cancel'>" + cond("item-not-found") + "</error></iq>",
        "<iq><error type='wait'>" + cond("resource-constraint") + text("Slow down") + "</error></iq>",
        "<iq><error type='modify' by='example.net'>" + cond("jid-malformed") + "</error></iq>",
        "<iq><error type='auth' by='room@muc.example.com'>" + cond("registration-required") +
            text("Register first &amp; then &lt;join&gt;") + "</error></iq>",
    };
    for (const std::string& xml : rows) {
        CAPTURE(xml);
        const FrameResult f = parse(xml);
        const std::optional<StanzaError> e = StanzaError::parse(f.frame.root());
        REQUIRE(e.has_value());
        CHECK_XML(written(*e), xml);
        // And once more: what we write reads back the same.
        const FrameResult again = parse(written(*e));
        const std::optional<StanzaError> e2 = StanzaError::parse(again.frame.root());
        REQUIRE(e2.has_value());
        CHECK(e2->type == e->type);
        CHECK(e2->condition == e->condition);
        CHECK(e2->text == e->text);
        CHECK(e2->by == e->by);
    }
}

TEST_CASE("StanzaError::write fills in defaults and cleans text") {
    CHECK_XML(written(StanzaError{}), "<iq><error type='cancel'>" + cond("undefined-condition") + "</error></iq>");
    CHECK_XML(written(StanzaError{"modify", "bad-request", std::string("a\x01" "b", 3) + std::string(1, '\0') + "c", {}}),
              "<iq><error type='modify'>" + cond("bad-request") + text("abc") + "</error></iq>");
    CHECK(parse_frame(written(StanzaError{"wait", "policy-violation", "\x1F\xFF", {}})).ok());
}

TEST_CASE("StanzaError::sentence is plain words, with the server's text quoted") {
    CHECK(StanzaError{"cancel", "item-not-found", {}, {}}.sentence() == "It was not found.");
    CHECK(StanzaError{"cancel", "service-unavailable", {}, {}}.sentence() == "The service is not available.");
    CHECK(StanzaError{"wait", "remote-server-timeout", {}, {}}.sentence() == "There was no answer in time.");
    CHECK(StanzaError{"auth", "forbidden", "Members only", {}}.sentence() ==
          "You are not allowed to do this. The server said: \"Members only\"");
    CHECK(StanzaError{"cancel", "x-unknown", {}, {}}.sentence() == "Something went wrong.");
    CHECK(StanzaError{"cancel", "", {}, {}}.sentence() == "Something went wrong.");
    // Every defined condition has its own sentence.
    for (const char* c : {"bad-request", "conflict", "feature-not-implemented", "forbidden", "gone",
                          "internal-server-error", "item-not-found", "jid-malformed", "not-acceptable", "not-allowed",
                          "not-authorized", "policy-violation", "recipient-unavailable", "redirect",
                          "registration-required", "remote-server-not-found", "remote-server-timeout",
                          "resource-constraint", "service-unavailable", "subscription-required",
                          "unexpected-request"}) {
        CAPTURE(c);
        CHECK(StanzaError{"cancel", c, {}, {}}.sentence() != "Something went wrong.");
    }
}

TEST_CASE("read_stanza reads the common attributes") {
    const FrameResult f = parse("<message xmlns='jabber:client' type='chat' id='m1' from='romeo@example.net/orchard' "
                                "to='juliet@example.com/balcony'><body>x</body></message>");
    const std::optional<Stanza> s = read_stanza(f.frame.root());
    REQUIRE(s.has_value());
    CHECK(s->name == "message");
    CHECK(s->type == "chat");
    CHECK(s->id == "m1");
    REQUIRE(s->from.has_value());
    CHECK(s->from->full() == "romeo@example.net/orchard");
    REQUIRE(s->to.has_value());
    CHECK(s->to->full() == "juliet@example.com/balcony");
    CHECK(s->child("body", "jabber:client"));
    CHECK_FALSE(s->child("body", "urn:example:other"));

    const FrameResult bare = parse("<iq xmlns='jabber:client' type='result' id='r'/>");
    const std::optional<Stanza> b = read_stanza(bare.frame.root());
    REQUIRE(b.has_value());
    CHECK_FALSE(b->from.has_value());  // from our server on behalf of our account
    CHECK_FALSE(b->to.has_value());
}

TEST_CASE("read_stanza rejects an invalid 'from' or 'to'") {
    const std::vector<const char*> bad = {"", "@example.com", "romeo@", "romeo@example.net/", "a b@example.net",
                                          "romeo@exa<mple.net", "romeo@@example.net", "\xC3\x28@example.net"};
    for (const char* jid : bad) {
        CAPTURE(jid);
        for (const char* attr : {"from", "to"}) {
            CAPTURE(attr);
            pugi::xml_document doc;
            pugi::xml_node m = doc.append_child("message");
            m.append_attribute("type") = "chat";
            m.append_attribute(attr) = jid;
            CHECK_FALSE(read_stanza(m).has_value());
        }
    }
}

TEST_CASE("to_xml writes one line; child_text finds by local name") {
    const FrameResult f = parse("<iq xmlns='jabber:client' type='get'>\n  <query xmlns='jabber:iq:version'>"
                                "<name>Parla</name></query>\n</iq>");
    const std::string xml = to_xml(f.frame.root());
    CHECK(xml.find('\n') == std::string::npos);
    CHECK_XML(xml, "<iq xmlns='jabber:client' type='get'><query xmlns='jabber:iq:version'><name>Parla</name></query></iq>");
    CHECK(child_text(f.frame.root().child("query"), "name") == "Parla");
    CHECK(child_text(f.frame.root(), "missing").empty());
}
