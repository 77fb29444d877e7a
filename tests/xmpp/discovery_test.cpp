// XEP-0156 §2 / RFC 7395 §4: host-meta URLs, XRD and JRD parsing, endpoint checks, and the
// EndpointDiscovery state machine, with real-world-shaped and hostile documents.
#include "xmpp/discovery.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace xmpp;

namespace {

using V = std::vector<std::string>;

const std::string kXmlUrl = "https://example.org/.well-known/host-meta";
const std::string kJsonUrl = "https://example.org/.well-known/host-meta.json";

// Shaped like what Prosody's mod_http_host_meta and common static files serve.
const std::string kXrd = R"(<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0' xmlns:hm='http://host-meta.net/xrd/1.0'>
  <hm:Host>example.org</hm:Host>
  <Link rel="lrdd" type="application/xrd+xml" template="https://example.org/lrdd?uri={uri}"/>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://example.org:5281/http-bind"/>
  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://example.org:5281/xmpp-websocket">
    <Title>WebSocket</Title>
  </Link>
  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://ws.example.org/ws?a=1&amp;b=2"/>
</XRD>
)";

const std::string kJrd = R"({
  "subject": "example.org",
  "properties": {"http://example.org/ns/version": "1.0", "n": 3, "ok": true, "x": null},
  "links": [
    {"rel": "urn:xmpp:alt-connections:xbosh", "href": "https://example.org:5281/http-bind"},
    {"rel": "urn:xmpp:alt-connections:websocket",
     "href": "wss:\/\/example.org:5281\/xmpp-websocket",
     "titles": {"en": "WebSocket", "nested": [[1, 2], {"a": [false]}]}},
    {"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://backup.example.org/xmpp"}
  ]
})";

std::string xrd_with(const std::string& links) {
    return "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>" + links + "</XRD>";
}

std::string xrd_link(const std::string& href) {
    return xrd_with("<Link rel='urn:xmpp:alt-connections:websocket' href='" + href + "'/>");
}

std::string jrd_link(const std::string& href_json) {
    return R"({"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":)" + href_json + "}]}";
}

}  // namespace

TEST_CASE("host_meta_urls names both host-meta documents for a valid domain") {
    CHECK(host_meta_urls("example.org") == V{kXmlUrl, kJsonUrl});
    CHECK(host_meta_urls("xn--bcher-kva.example").size() == 2);
    CHECK(host_meta_urls("b\xC3\xBC" "cher.example").size() == 2);  // bücher: the browser maps it
    CHECK(host_meta_urls("[::1]") == V{"https://[::1]/.well-known/host-meta",
                                       "https://[::1]/.well-known/host-meta.json"});
    CHECK(host_meta_urls("localhost").size() == 2);
    CHECK(host_meta_urls("192.168.0.1").size() == 2);
}

TEST_CASE("host_meta_urls refuses a domain that could change the URL") {
    const std::string bad[] = {
        "", "evil.com/x", "user@evil.com", "a@b", "a?b", "a#b", "example.org:443", "a b", "a\tb",
        "a\nb", "a\\b", "a%2fb", "Example.org", ".example.org", "example.org.", "a..b", "[::1",
        "[::1]x", "[fe80::1%25eth0]", "[::G]", "a;b", "a=b", "a&b", "a'b", "a\"b", "a<b",
        std::string("a\0b", 3),
        "exa\xEF\xBC\x8Fmple.org",     // U+FF0F FULLWIDTH SOLIDUS
        "exa\xEF\xB9\x96mple.org",     // U+FE56 SMALL QUESTION MARK
        "\xE2\x80\xAE" "gro.elpmaxe",  // U+202E RIGHT-TO-LEFT OVERRIDE
        "a\xE2\x80\x8B" "b",           // U+200B ZERO WIDTH SPACE
        "a\xC2\xA0" "b",               // U+00A0 NO-BREAK SPACE
        "a\xC2\x85" "b",               // U+0085 NEXT LINE
        "\xFF\xFE",                    // not UTF-8
        std::string(1024, 'a'),
    };
    for (const std::string& domain : bad) {
        CAPTURE(domain);
        CHECK(host_meta_urls(domain).empty());
    }
}

TEST_CASE("check_endpoint accepts wss anywhere and ws only to this computer") {
    struct Row {
        const char* href;
        const char* url;
    };
    const Row rows[] = {
        {"wss://example.org/xmpp-websocket", "wss://example.org/xmpp-websocket"},
        {"wss://example.org:5281/ws", "wss://example.org:5281/ws"},
        {"wss://example.org", "wss://example.org"},
        {"wss://example.org?x=1", "wss://example.org?x=1"},
        {"WSS://Chat.Example.ORG/Path", "wss://chat.example.org/Path"},  // path keeps its case
        {"wss://[2001:DB8::1]:443/ws", "wss://[2001:db8::1]:443/ws"},
        {"wss://192.0.2.1/ws", "wss://192.0.2.1/ws"},
        {"wss://my_host.internal/ws", "wss://my_host.internal/ws"},
        {"ws://localhost:5280/xmpp-websocket", "ws://localhost:5280/xmpp-websocket"},
        {"ws://LOCALHOST/ws", "ws://localhost/ws"},
        {"ws://127.0.0.1:5280/ws", "ws://127.0.0.1:5280/ws"},
        {"ws://127.255.10.1/", "ws://127.255.10.1/"},
        {"ws://[::1]:5280/ws", "ws://[::1]:5280/ws"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.href);
        const EndpointCheck c = check_endpoint(row.href);
        CHECK_MESSAGE(c.ok(), c.refusal);
        CHECK(c.url == row.url);
    }
}

TEST_CASE("check_endpoint refuses hrefs that are not safe WebSocket addresses") {
    struct Row {
        std::string href;
        const char* why;  // a fragment of the refusal
    };
    const Row rows[] = {
        {"", "empty"},
        {"ws://example.org/ws", "not encrypted"},
        {"ws://chat.example.org:5280/xmpp-websocket", "not encrypted"},
        {"ws://127.0.0.1.evil.com/", "not encrypted"},
        {"ws://localhost.evil.com/", "not encrypted"},
        {"ws://localhost./", "not encrypted"},
        {"ws://128.0.0.1/", "not encrypted"},
        {"ws://0127.0.0.1/", "not encrypted"},
        {"ws://127.1/", "not encrypted"},
        {"ws://127.0.0.256/", "not encrypted"},
        {"ws://0x7f.0.0.1/", "not encrypted"},
        {"ws://2130706433/", "not encrypted"},
        {"ws://[::2]/", "not encrypted"},
        {"ws://localhost@evil.com/", "user name"},
        {"wss://user:secret@example.org/ws", "user name"},
        {"ws://127.0.0.1\\@evil.com/", "backslash"},
        {"https://example.org/ws", "not a WebSocket"},
        {"http://example.org:5280/http-bind", "not a WebSocket"},
        {"javascript:alert(1)", "not a WebSocket"},
        {"data:text/html,x", "not a WebSocket"},
        {"//example.org/ws", "not a WebSocket"},
        {"wss:example.org/ws", "not a WebSocket"},
        {"wsss://example.org/ws", "not a WebSocket"},
        {"wss://example.org/ws#frag", "fragment"},
        {"wss://example.org/ws x", "spaces"},
        {" wss://example.org/ws", "spaces"},
        {"wss://example.org/\nws", "control"},
        {"wss://example.org/\tws", "control"},
        {"wss://exam\xC3\xA9ple.org/ws", "non-ASCII"},
        {"wss://example.org/\xE2\x80\xAEsw", "non-ASCII"},
        {"wss:///ws", "server name"},
        {"wss://:443/ws", "server name"},
        {"wss://exa%6dple.org/ws", "server name"},
        {"wss://.example.org/ws", "server name"},
        {"wss://[::1/ws", "server name"},
        {"wss://[::1]x/ws", "server name"},
        {"wss://example.org:/ws", "port"},
        {"wss://example.org:0/ws", "port"},
        {"wss://example.org:65536/ws", "port"},
        {"wss://example.org:443x/ws", "port"},
        {"wss://example.org:" + std::string(20, '9') + "/ws", "port"},
        {"wss://example.org/" + std::string(2048, 'a'), "longer than 2048"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.href);
        const EndpointCheck c = check_endpoint(row.href);
        CHECK_FALSE(c.ok());
        CHECK(c.url.empty());
        CHECK(c.refusal.find(row.why) != std::string::npos);
    }
    CHECK(check_endpoint("wss://example.org/" + std::string(2048 - 18, 'a')).ok());
}

TEST_CASE("host-meta XRD: the websocket links of a real-world document, BOSH ignored") {
    CHECK(parse_host_meta_xml(kXrd) ==
          V{"wss://example.org:5281/xmpp-websocket", "wss://ws.example.org/ws?a=1&b=2"});
    const HostMetaLinks links = read_host_meta_xml(kXrd);
    CHECK(links.readable);
    CHECK(links.refused.empty());
}

TEST_CASE("host-meta XRD: comments, a byte order mark and prefixes are read") {
    const std::string commented = "\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- served by nginx -->\n"
                                  "<x:XRD xmlns:x='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
                                  "<!-- <x:Link rel='urn:xmpp:alt-connections:websocket' "
                                  "href='wss://commented.example/'/> -->"
                                  "<x:Link rel='URN:XMPP:ALT-CONNECTIONS:WEBSOCKET' "
                                  "href='wss://example.org/ws'/></x:XRD>";
    CHECK(parse_host_meta_xml(commented) == V{"wss://example.org/ws"});
    CHECK(parse_host_meta_xml(
              xrd_with("<Link rel='urn:xmpp:alt-connections:websocket'><![CDATA[<!--]]></Link>"
                       "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://a.example/'/>"
                       "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://b.example/'/>"
                       "<!-- -->")) == V{"wss://a.example/", "wss://b.example/"});
}

TEST_CASE("host-meta XRD: hostile and wrong documents give nothing") {
    const std::string link = "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://x.example/'/>";
    const std::string rows[] = {
        "<!DOCTYPE XRD [<!ENTITY ws 'wss://evil.example/'>]>"
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='&ws;'/></XRD>",
        "<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;'>]>"
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>&lol2;" + link + "</XRD>",
        "<!DOCTYPE XRD SYSTEM 'file:///etc/passwd'>" + xrd_with(link),
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><!-- unterminated" + link + "</XRD>",
        "<XRD>" + link + "</XRD>",                             // no namespace
        "<XRD xmlns='urn:other'>" + link + "</XRD>",             // wrong namespace
        "<html><body>Not found</body></html>",
        xrd_with(link).substr(0, 80),                          // truncated
        "{\"links\":[]}",
        "",
        xrd_with(link) + "<XRD/>",
        "<?xml-stylesheet href='x'?>" + xrd_with(link),
        xrd_with(link + "<pad>" + std::string(kMaxHostMetaBytes, ' ') + "</pad>"),  // huge
    };
    for (const std::string& body : rows) {
        CAPTURE(body.substr(0, 120));
        const HostMetaLinks links = read_host_meta_xml(body);
        CHECK_FALSE(links.readable);
        CHECK(links.endpoints.empty());
    }
}

TEST_CASE("host-meta XRD: unsafe, misplaced and duplicate links are dropped") {
    const std::string body = xrd_with(
        "<Link rel='urn:xmpp:alt-connections:websocket' href='ws://chat.example.org/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='javascript:alert(1)'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='http://example.org/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://ok.example/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='WSS://OK.example/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket'/>"
        "<Link href='wss://norel.example/'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket ' href='wss://space.example/'/>"
        "<Link xmlns='urn:other' rel='urn:xmpp:alt-connections:websocket' href='wss://ns.example/'/>"
        "<Wrapper><Link rel='urn:xmpp:alt-connections:websocket' href='wss://deep.example/'/></Wrapper>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='ws://localhost:5280/ws'/>");
    const HostMetaLinks links = read_host_meta_xml(body);
    CHECK(links.readable);
    CHECK(links.endpoints == V{"wss://ok.example/ws", "ws://localhost:5280/ws"});
    CHECK(links.refused ==
          V{"ws://chat.example.org/ws", "javascript:alert(1)", "http://example.org/ws", ""});
    CHECK(links.first_refusal.find("not encrypted") != std::string::npos);
}

TEST_CASE("host-meta JRD: the websocket links of a real-world document, BOSH ignored") {
    CHECK(parse_host_meta_json(kJrd) ==
          V{"wss://example.org:5281/xmpp-websocket", "wss://backup.example.org/xmpp"});
    CHECK(read_host_meta_json(kJrd).readable);
    CHECK(parse_host_meta_json(jrd_link(R"("\u0077ss://example.org/\u00e9")")).empty());  // é
    CHECK(parse_host_meta_json(jrd_link(R"("\u0077ss://example.org/ws")")) ==
          V{"wss://example.org/ws"});
}

TEST_CASE("host-meta JRD: only links[] objects with one string rel and href count") {
    const std::string body = R"({
      "rel": "urn:xmpp:alt-connections:websocket", "href": "wss://root.example/",
      "other": [{"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://other.example/"}],
      "links": [
        "wss://bare-string.example/",
        [{"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://nested.example/"}],
        {"rel": "urn:xmpp:alt-connections:websocket", "href": ["wss://array.example/"]},
        {"rel": "urn:xmpp:alt-connections:websocket", "href": 5},
        {"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://a.example/", "href": "wss://b.example/"},
        {"rel": "urn:xmpp:alt-connections:websocket"},
        {"href": "wss://norel.example/"},
        {"x": {"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://inner.example/"}},
        {"href": "wss://ok.example/", "rel": "urn:xmpp:alt-connections:websocket"},
        {"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://ok.example/"},
        {"rel": "urn:xmpp:alt-connections:websocket", "href": "ws://remote.example/"}
      ]
    })";
    const HostMetaLinks links = read_host_meta_json(body);
    CHECK(links.readable);
    CHECK(links.endpoints == V{"wss://ok.example/"});
    CHECK(links.refused == V{"ws://remote.example/"});
    CHECK(parse_host_meta_json(R"({"links":{"rel":"urn:xmpp:alt-connections:websocket","href":"wss://x/"}})").empty());
    CHECK(parse_host_meta_json(R"([{"links":[]}])").empty());
}

TEST_CASE("host-meta JRD: hostile documents give nothing and do not crash") {
    const std::string good = jrd_link(R"("wss://example.org/ws")");
    REQUIRE(parse_host_meta_json(good) == V{"wss://example.org/ws"});
    const std::string rows[] = {
        std::string(10000, '['),
        R"({"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":"wss://a/"},)" +
            std::string(10000, '['),
        std::string(10000, '{'),
        R"({"x":)" + std::string(5000, '[') + std::string(5000, ']') + "," + good.substr(1),
        good.substr(0, good.size() - 1),                               // truncated
        good.substr(0, good.size() / 2),
        jrd_link(R"("wss://example.org/\q")"),                         // bad escape
        jrd_link(R"("wss://example.org/\u00G0")"),
        jrd_link(R"("wss://example.org/\ud800")"),                     // lone surrogates
        jrd_link(R"("wss://example.org/\udc00x")"),
        jrd_link("\"wss://example.org/\xC3\x28\""),                    // invalid UTF-8
        jrd_link("\"wss://example.org/\n\""),                          // raw control character
        good + "x",
        R"({"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":"wss://a/",}]})",
        jrd_link("'wss://example.org/ws'"),
        jrd_link(R"("wss://example.org/)" + std::string(kMaxHostMetaBytes, 'a') + "\""),  // huge
        "",
        "null",
    };
    for (const std::string& body : rows) {
        CAPTURE(body.substr(0, 120));
        const HostMetaLinks links = read_host_meta_json(body);
        CHECK_FALSE(links.readable);
        CHECK(links.endpoints.empty());
    }
    // Escapes that decode to something refused are refused after decoding.
    CHECK(parse_host_meta_json(jrd_link(R"("wss://example.org/ws\u0000")")).empty());
    CHECK(parse_host_meta_json(jrd_link(R"("ws:\/\/evil.example\/")")).empty());
}

TEST_CASE("EndpointDiscovery: both documents agree") {
    EndpointDiscovery d("example.org");
    CHECK(d.fetches() == V{kXmlUrl, kJsonUrl});
    CHECK_FALSE(d.done());
    d.on_fetched(kJsonUrl, 200, kJrd);
    CHECK(d.fetches() == V{kXmlUrl});
    CHECK_FALSE(d.done());
    d.on_fetched(kXmlUrl, 200, kXrd);
    CHECK(d.done());
    CHECK(d.fetches().empty());
    // XML order first, then what only the JSON adds.
    CHECK(d.candidates() == V{"wss://example.org:5281/xmpp-websocket", "wss://ws.example.org/ws?a=1&b=2",
                              "wss://backup.example.org/xmpp"});
    CHECK(d.remembered().empty());
    d.on_connect_result("wss://example.org:5281/xmpp-websocket", false);
    d.on_connect_result("wss://ws.example.org/ws?a=1&b=2", true);
    CHECK(d.remembered() == "wss://ws.example.org/ws?a=1&b=2");
    CHECK(d.tried_summary().empty());
}

TEST_CASE("EndpointDiscovery: one document failing is enough") {
    EndpointDiscovery d("example.org");
    d.on_fetched(kXmlUrl, 404, "<html>Not Found</html>");
    CHECK_FALSE(d.done());
    d.on_fetched(kJsonUrl, 200, jrd_link(R"("wss://example.org/ws")"));
    CHECK(d.done());
    CHECK(d.candidates() == V{"wss://example.org/ws"});

    EndpointDiscovery e("example.org");
    e.on_fetched(kXmlUrl, 200, xrd_link("wss://example.org/ws"));
    e.on_fetched(kJsonUrl, 0, "");
    CHECK(e.candidates() == V{"wss://example.org/ws"});
    e.on_connect_result("wss://example.org/ws", false);
    CHECK(e.tried_summary() ==
          "No WebSocket address worked for example.org: https://example.org/.well-known/host-meta.json "
          "could not be reached; wss://example.org/ws did not connect.");
}

TEST_CASE("EndpointDiscovery: both documents failing explains what was tried") {
    EndpointDiscovery d("example.org");
    CHECK(d.tried_summary() ==
          "No WebSocket address found for example.org: https://example.org/.well-known/host-meta has "
          "not answered yet; https://example.org/.well-known/host-meta.json has not answered yet.");
    d.on_fetched(kXmlUrl, 0, "");
    d.on_fetched(kJsonUrl, 404, "Not Found");
    CHECK(d.done());
    CHECK(d.candidates().empty());
    CHECK(d.tried_summary() ==
          "No WebSocket address found for example.org: https://example.org/.well-known/host-meta could "
          "not be reached; https://example.org/.well-known/host-meta.json answered 404.");

    EndpointDiscovery e("example.org");
    e.on_fetched(kXmlUrl, 200, "<XRD xmlns='urn:wrong'/>");
    e.on_fetched(kJsonUrl, 200, R"({"links":[{"rel":"urn:xmpp:alt-connections:xbosh","href":"https://x/"}]})");
    CHECK(e.tried_summary() ==
          "No WebSocket address found for example.org: https://example.org/.well-known/host-meta "
          "answered with a document that could not be read; "
          "https://example.org/.well-known/host-meta.json lists no WebSocket address.");

    EndpointDiscovery f("example.org");
    f.on_fetched(kXmlUrl, 200, xrd_with(
        "<Link rel='urn:xmpp:alt-connections:websocket' href='ws://example.org:5280/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='http://example.org/ws'/>"));
    f.on_fetched(kJsonUrl, 500, "");
    CHECK(f.tried_summary() ==
          "No WebSocket address found for example.org: https://example.org/.well-known/host-meta lists "
          "ws://example.org:5280/ws, refused because it is not encrypted (ws:// is allowed only to "
          "this computer) (and 1 more refused); https://example.org/.well-known/host-meta.json "
          "answered 500.");
}

TEST_CASE("EndpointDiscovery: a configured address wins and nothing is fetched") {
    EndpointDiscovery d("example.org", std::string("wss://configured.example/ws"),
                        std::string("wss://remembered.example/ws"));
    CHECK(d.fetches().empty());
    CHECK(d.done());
    CHECK(d.candidates() == V{"wss://configured.example/ws"});
    d.on_fetched(kXmlUrl, 200, kXrd);  // not asked for: ignored
    CHECK(d.candidates() == V{"wss://configured.example/ws"});
    d.on_connect_result("wss://remembered.example/ws", true);  // not a candidate: ignored
    CHECK(d.remembered() == "wss://remembered.example/ws");
    d.on_connect_result("wss://configured.example/ws", false);
    CHECK(d.tried_summary() == "No WebSocket address worked for example.org: the configured address "
                               "wss://configured.example/ws did not connect.");
    d.on_connect_result("wss://configured.example/ws", true);
    CHECK(d.remembered() == "wss://configured.example/ws");

    EndpointDiscovery unsafe("example.org", std::string("ws://chat.example.org/ws"));
    CHECK(unsafe.done());
    CHECK(unsafe.fetches().empty());
    CHECK(unsafe.candidates().empty());
    CHECK(unsafe.tried_summary() ==
          "No WebSocket address found for example.org: the configured address "
          "ws://chat.example.org/ws was refused because it is not encrypted (ws:// is allowed only "
          "to this computer).");

    EndpointDiscovery local("example.org", std::string("ws://localhost:5280/xmpp-websocket"));
    CHECK(local.candidates() == V{"ws://localhost:5280/xmpp-websocket"});
    EndpointDiscovery empty("example.org", std::string(""));  // empty means not configured
    CHECK(empty.fetches().size() == 2);
}

TEST_CASE("EndpointDiscovery: the remembered endpoint is tried first") {
    EndpointDiscovery d("example.org", std::nullopt, std::string("wss://ws.example.org/ws?a=1&b=2"));
    CHECK(d.fetches().size() == 2);
    CHECK(d.candidates() == V{"wss://ws.example.org/ws?a=1&b=2"});  // usable before fetches end
    CHECK(d.remembered() == "wss://ws.example.org/ws?a=1&b=2");
    d.on_fetched(kXmlUrl, 200, kXrd);
    d.on_fetched(kJsonUrl, 200, kJrd);
    CHECK(d.candidates() == V{"wss://ws.example.org/ws?a=1&b=2", "wss://example.org:5281/xmpp-websocket",
                              "wss://backup.example.org/xmpp"});
    d.on_connect_result("wss://ws.example.org/ws?a=1&b=2", false);
    CHECK(d.remembered() == "wss://ws.example.org/ws?a=1&b=2");  // one failure does not forget
    d.on_connect_result("wss://backup.example.org/xmpp", true);
    CHECK(d.remembered() == "wss://backup.example.org/xmpp");

    EndpointDiscovery stale("example.org", std::nullopt, std::string("ws://evil.example/ws"));
    CHECK(stale.candidates().empty());  // a stored value must pass the same check
    CHECK(stale.remembered().empty());
}

TEST_CASE("EndpointDiscovery: answers are taken once, for the URLs asked for") {
    EndpointDiscovery d("example.org");
    d.on_fetched("https://evil.example/.well-known/host-meta", 200, xrd_link("wss://evil.example/"));
    d.on_fetched(kXmlUrl, 200, xrd_link("wss://first.example/"));
    d.on_fetched(kXmlUrl, 200, xrd_link("wss://second.example/"));
    d.on_fetched(kJsonUrl, 200, xrd_link("wss://xml-at-json-url.example/"));  // the body decides
    CHECK(d.candidates() == V{"wss://first.example/", "wss://xml-at-json-url.example/"});
    d.on_connect_result("wss://evil.example/", true);
    CHECK(d.remembered().empty());
}

TEST_CASE("EndpointDiscovery: a domain with '/' or '@' fetches nothing") {
    for (const char* domain : {"evil.com/x", "user@example.org", "", "example.org:443"}) {
        CAPTURE(domain);
        EndpointDiscovery d(domain);
        CHECK(d.fetches().empty());
        CHECK(d.done());
        CHECK(d.candidates().empty());
        CHECK(d.tried_summary().find("cannot be used in a web address") != std::string::npos);
    }
    EndpointDiscovery d("evil.com/x");
    CHECK(d.tried_summary() == "No WebSocket address can be looked up for \"evil.com/x\": that "
                               "server name cannot be used in a web address.");
}
