// QR codes (qrcodegen) and the xmpp: URI a friend scans to add us (RFC 5122).
#include "app/qr.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace {

// A finder pattern: a dark 7x7 ring, a light ring inside it, a dark 3x3 centre.
bool finder_at(const app::QrCode& qr, int left, int top) {
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 7; ++x) {
            int ring = std::min(std::min(x, y), std::min(6 - x, 6 - y));  // 0 outer, 1 light, 2+ centre
            if (qr.at(left + x, top + y) != (ring != 1)) return false;
        }
    return true;
}

// The light separator around a finder pattern (the row and column towards the code).
bool separated(const app::QrCode& qr, int row, int column_from, int column, int row_from) {
    for (int i = 0; i < 8; ++i)
        if (qr.at(column_from + i, row) || qr.at(column, row_from + i)) return false;
    return true;
}

}  // namespace

TEST_CASE("a QR code has finder patterns in three corners, separated, and a light quiet zone") {
    auto qr = app::make_qr("https://parla.example/?domain=example.org");
    REQUIRE(qr);
    int n = qr->size;
    CHECK((n - 17) % 4 == 0);  // sizes are 21, 25, ... 177 modules
    CHECK(qr->dark.size() == static_cast<std::size_t>(n) * n);
    CHECK(finder_at(*qr, 0, 0));
    CHECK(finder_at(*qr, n - 7, 0));
    CHECK(finder_at(*qr, 0, n - 7));
    CHECK_FALSE(finder_at(*qr, n - 7, n - 7));
    CHECK(separated(*qr, 7, 0, 7, 0));           // top left
    CHECK(separated(*qr, 7, n - 8, n - 8, 0));   // top right
    CHECK(separated(*qr, n - 8, 0, 7, n - 8));   // bottom left
    // Timing patterns: alternating modules between the finders on row 6 and column 6.
    for (int i = 8; i < n - 8; ++i) {
        CHECK(qr->at(i, 6) == (i % 2 == 0));
        CHECK(qr->at(6, i) == (i % 2 == 0));
    }
    // Outside the code is the quiet zone: light.
    CHECK_FALSE(qr->at(-1, 0));
    CHECK_FALSE(qr->at(0, n));
    CHECK_FALSE(qr->at(n, n));
}

TEST_CASE("the code grows with its text; the same text gives the same code") {
    auto small = app::make_qr("hello");
    REQUIRE(small);
    CHECK(small->size == 21);  // version 1
    auto url = app::make_qr("http://127.0.0.1:8086/?domain=localhost");
    REQUIRE(url);
    auto longer = app::make_qr(std::string(300, 'x'));
    REQUIRE(longer);
    CHECK(small->size <= url->size);
    CHECK(url->size < longer->size);
    auto again = app::make_qr("hello");
    REQUIRE(again);
    CHECK(again->dark == small->dark);
    CHECK(app::make_qr("hellO")->dark != small->dark);
    // Non-ASCII text and bytes with NUL are encoded as bytes too.
    CHECK(app::make_qr("xmpp:ji%C5%99i@%C4%8Dechy.example?roster"));
    CHECK(app::make_qr(std::string("a\0b", 3)));
}

TEST_CASE("text too long for the largest code gives nothing") {
    // Version 40 at medium error correction holds 2331 bytes.
    CHECK(app::make_qr(std::string(2331, 'x')));
    CHECK_FALSE(app::make_qr(std::string(2332, 'x')));
    CHECK_FALSE(app::make_qr(std::string(100000, 'x')));
    auto biggest = app::make_qr(std::string(2331, 'x'));
    REQUIRE(biggest);
    CHECK(biggest->size == 177);
}

TEST_CASE("xmpp: roster URI: plain addresses stay as they are") {
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"juliet", "example.com", {}}) == "xmpp:juliet@example.com?roster");
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"romeo.montague-1_x~", "im.example.org", {}}) ==
          "xmpp:romeo.montague-1_x~@im.example.org?roster");
    // The characters RFC 5122 allows in a node identifier are kept.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"a!$()*+,;=b", "example.com", {}}) == "xmpp:a!$()*+,;=b@example.com?roster");
    // A domain alone (a server, a gateway) has no "@".
    CHECK(app::xmpp_roster_uri(xmpp::Jid{{}, "example.com", {}}) == "xmpp:example.com?roster");
    // The resource is not part of the address a friend adds.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"juliet", "example.com", "balcony"}) == "xmpp:juliet@example.com?roster");
}

TEST_CASE("xmpp: roster URI: characters the path does not allow are percent-encoded") {
    // "&" and "'" are sub-delims a nodeid does not allow (they would confuse the query).
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"o'hara&co", "example.com", {}}) == "xmpp:o%27hara%26co@example.com?roster");
    // Characters that would end the path or start an escape.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"a?b#c/d%e", "example.com", {}}) == "xmpp:a%3Fb%23c%2Fd%25e@example.com?roster");
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"a b\"<>", "example.com", {}}) == "xmpp:a%20b%22%3C%3E@example.com?roster");
    // Non-ASCII: its UTF-8 bytes, as RFC 5122's own example "jiři@čechy.example" shows.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"ji\u0159i", "\u010dechy.example", {}}) ==
          "xmpp:ji%C5%99i@%C4%8Dechy.example?roster");
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"\u00e0\u00e8", "example.it", {}}) == "xmpp:%C3%A0%C3%A8@example.it?roster");
    // An IP literal keeps its brackets and colons.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{"me", "[::1]", {}}) == "xmpp:me@[::1]?roster");
    // A NUL byte is never passed through.
    CHECK(app::xmpp_roster_uri(xmpp::Jid{std::string("a\0b", 3), "example.com", {}}) == "xmpp:a%00b@example.com?roster");
}

TEST_CASE("xmpp: roster URI from a parsed full address") {
    auto parsed = xmpp::Jid::parse("Juliet@Example.COM/phone");
    REQUIRE(parsed.ok());
    CHECK(app::xmpp_roster_uri(parsed.jid.bare_jid()) == "xmpp:juliet@example.com?roster");
}
