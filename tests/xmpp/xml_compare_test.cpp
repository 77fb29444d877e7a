// Test support (architecture.md §8): the canonical XML comparison the protocol tests rely on.
#include "xml_compare.h"

#include <doctest/doctest.h>

using xmpp::test::xml_equal;

TEST_CASE("xml_equal ignores attribute order, quote style, blank text and prefix spelling") {
    struct Row {
        const char* name;
        const char* a;
        const char* b;
    };
    const Row rows[] = {
        {"attribute order", "<iq type='get' id='id1' to='a.example'/>", "<iq to='a.example' id='id1' type='get'/>"},
        {"quote style", "<iq type=\"get\" id='id1'/>", "<iq type='get' id=\"id1\"/>"},
        {"empty vs open-close", "<presence></presence>", "<presence/>"},
        {"blank text between elements", "<iq>\n  <query xmlns='q'/>\n</iq>", "<iq><query xmlns='q'/></iq>"},
        {"default vs prefixed namespace", "<query xmlns='jabber:iq:roster'><item/></query>",
         "<r:query xmlns:r='jabber:iq:roster'><r:item/></r:query>"},
        {"namespace declared on parent or child", "<a xmlns='x'><b/></a>", "<a xmlns='x'><b xmlns='x'/></a>"},
        {"prefixed attribute by namespace", "<s xml:lang='en'/>",
         "<s xmlns:l='http://www.w3.org/XML/1998/namespace' l:lang='en'/>"},
        {"escaped text", "<status>a &amp; b</status>", "<status><![CDATA[a & b]]></status>"},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        std::string why;
        CHECK_MESSAGE(xml_equal(r.a, r.b, &why), why);
        CHECK_XML(r.a, r.b);
    }
}

TEST_CASE("xml_equal reports the first difference") {
    struct Row {
        const char* name;
        const char* a;
        const char* b;
        const char* why_contains;
    };
    const Row rows[] = {
        {"attribute value", "<iq type='get'/>", "<iq type='set'/>", "type"},
        {"missing attribute", "<iq type='get' id='1'/>", "<iq type='get'/>", "id"},
        {"child order", "<a><b/><c/></a>", "<a><c/><b/></a>", "<b>"},
        {"text", "<status>hi</status>", "<status>hello</status>", "'hi' vs 'hello'"},
        {"text vs none", "<status>hi</status>", "<status/>", "children"},
        {"extra child", "<a><b/></a>", "<a><b/><b/></a>", "1 children vs 2"},
        {"element name", "<a><b/></a>", "<a><c/></a>", "<b>"},
        {"namespace", "<query xmlns='jabber:iq:roster'/>", "<query xmlns='jabber:iq:private'/>", "jabber:iq:roster"},
        {"namespace vs none", "<a><b xmlns='x'/></a>", "<a><b/></a>", "namespace"},
        {"not XML", "<a>", "<a/>", "not XML"},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        std::string why;
        CHECK_FALSE(xml_equal(r.a, r.b, &why));
        CHECK_MESSAGE(why.find(r.why_contains) != std::string::npos, why);
        CHECK_FALSE(xml_equal(r.b, r.a));
    }
}
