// RFC 8259: the strict JSON pull reader: events, escapes (§7), numbers (§6), literals (§3),
// and hostile input (nesting, truncation, bad escapes, lone surrogates, size).
#include "xmpp/json.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace xmpp;

namespace {

// Reads everything; returns "error" as the last entry when the reader failed.
std::vector<std::string> events(std::string_view text, const JsonLimits& limits = {}) {
    static const char* const names[] = {"{", "}", "[", "]", "key:", "str:", "num:", "lit:",
                                        "end", "error"};
    std::vector<std::string> out;
    JsonReader r(text, limits);
    for (int guard = 0; guard < 100000; ++guard) {
        const JsonEvent e = r.next();
        std::string item = names[static_cast<int>(e)];
        if (e == JsonEvent::key || e == JsonEvent::string || e == JsonEvent::number ||
            e == JsonEvent::literal)
            item += r.value();
        out.push_back(item);
        if (e == JsonEvent::end || e == JsonEvent::error) break;
    }
    return out;
}

JsonError error_of(std::string_view text, const JsonLimits& limits = {}) {
    JsonReader r(text, limits);
    for (int guard = 0; guard < 100000; ++guard) {
        const JsonEvent e = r.next();
        if (e == JsonEvent::end) return JsonError::none;
        if (e == JsonEvent::error) return r.error();
    }
    return JsonError::none;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("JsonReader reports a JRD document as events in order") {
    const std::string text = R"({"subject":"x","links":[{"rel":"a","href":"b","n":-1.5e3},true,null],"e":{}})";
    CHECK(events(text) == V{"{", "key:subject", "str:x", "key:links", "[", "{", "key:rel", "str:a",
                            "key:href", "str:b", "key:n", "num:-1.5e3", "}", "lit:true", "lit:null",
                            "]", "key:e", "{", "}", "}", "end"});
}

TEST_CASE("JsonReader depth counts open containers") {
    JsonReader r(R"({"a":[{"b":1}]})");
    const std::size_t expected[] = {1, 1, 2, 3, 3, 3, 2, 1, 0, 0};
    for (std::size_t want : expected) {
        const JsonEvent e = r.next();
        CAPTURE(static_cast<int>(e));
        CHECK(r.depth() == want);
    }
}

TEST_CASE("JsonReader accepts scalars at the root, whitespace and a byte order mark") {
    CHECK(events("\"s\"") == V{"str:s", "end"});
    CHECK(events(" \t\r\n 0 \n") == V{"num:0", "end"});
    CHECK(events("false") == V{"lit:false", "end"});
    CHECK(events("\xEF\xBB\xBF[]") == V{"[", "]", "end"});
    CHECK(events("[ 1 , 2 ]") == V{"[", "num:1", "num:2", "]", "end"});
}

TEST_CASE("JsonReader decodes string escapes, including surrogate pairs") {
    CHECK(events(R"("\" \\ \/ \b \f \n \r \t")") == V{"str:\" \\ / \b \f \n \r \t", "end"});
    CHECK(events(R"("wss:\/\/example.org\/ws")") == V{"str:wss://example.org/ws", "end"});
    CHECK(events(R"("\u0041\u00e9\u20AC")") == V{"str:A\xC3\xA9\xE2\x82\xAC", "end"});
    CHECK(events(R"("\ud83d\ude00")") == V{"str:\xF0\x9F\x98\x80", "end"});
    CHECK(events("\"\xF0\x9F\x98\x80 raw\"") == V{"str:\xF0\x9F\x98\x80 raw", "end"});
    CHECK(events(R"("a\u0000b")") == V{std::string("str:a\0b", 7), "end"});
}

TEST_CASE("JsonReader accepts exactly the RFC 8259 number grammar") {
    for (const char* good : {"0", "-0", "12", "-12", "0.5", "1e5", "1E+5", "1e-5", "-1.25E-10"}) {
        CAPTURE(good);
        CHECK(events(good) == V{std::string("num:") + good, "end"});
    }
    for (const char* bad : {"01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "1.2.3", "0x10", "-a"}) {
        CAPTURE(bad);
        const JsonError e = error_of(std::string("[") + bad + "]");
        CHECK((e == JsonError::bad_number || e == JsonError::unexpected));
    }
}

TEST_CASE("JsonReader refuses what strict JSON does not allow") {
    struct Row {
        const char* name;
        std::string text;
        JsonError error;
    };
    const Row rows[] = {
        {"empty", "", JsonError::truncated},
        {"only space", "  \n", JsonError::truncated},
        {"trailing comma in array", "[1,]", JsonError::unexpected},
        {"trailing comma in object", R"({"a":1,})", JsonError::unexpected},
        {"missing colon", R"({"a" 1})", JsonError::unexpected},
        {"missing comma", "[1 2]", JsonError::unexpected},
        {"single quotes", "['a']", JsonError::unexpected},
        {"unquoted key", "{a:1}", JsonError::unexpected},
        {"non-string key", "{1:1}", JsonError::unexpected},
        {"comment", "[1 /* x */]", JsonError::unexpected},
        {"NaN", "[NaN]", JsonError::unexpected},
        {"capital literal", "[True]", JsonError::unexpected},
        {"misspelt literal", "[nul1]", JsonError::bad_literal},
        {"literal run-on", "[truex]", JsonError::unexpected},
        {"two roots", "{} {}", JsonError::trailing},
        {"garbage after root", "[]x", JsonError::trailing},
        {"mismatched close", "[}", JsonError::unexpected},
        {"raw newline in string", "[\"a\nb\"]", JsonError::control_char},
        {"raw tab in string", "[\"a\tb\"]", JsonError::control_char},
        {"raw NUL in string", std::string("[\"a\0b\"]", 7), JsonError::control_char},
        {"invalid utf-8 in string", "[\"\xC3\x28\"]", JsonError::invalid_utf8},
        {"overlong utf-8", "[\"\xC0\xAF\"]", JsonError::invalid_utf8},
        {"utf-8 surrogate", "[\"\xED\xA0\x80\"]", JsonError::invalid_utf8},
        {"non-ASCII outside strings", "[\xC3\xA9]", JsonError::unexpected},
        {"unknown escape", R"(["\x41"])", JsonError::bad_escape},
        {"escaped apostrophe", R"(["\'"])", JsonError::bad_escape},
        {"short \\u", R"(["\u12"])", JsonError::bad_escape},
        {"non-hex \\u", R"(["\u12G4"])", JsonError::bad_escape},
        {"lone high surrogate", R"(["\ud83d"])", JsonError::lone_surrogate},
        {"high surrogate then text", R"(["\ud83dx"])", JsonError::lone_surrogate},
        {"high then non-low", R"(["\ud83d\u0041"])", JsonError::lone_surrogate},
        {"two highs", R"(["\ud83d\ud83d"])", JsonError::lone_surrogate},
        {"lone low surrogate", R"(["\ude00"])", JsonError::lone_surrogate},
        {"low then high", R"(["\ude00\ud83d"])", JsonError::lone_surrogate},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(error_of(row.text) == row.error);
    }
}

TEST_CASE("JsonReader reports truncation wherever the text stops") {
    const std::string whole =
        R"({"links":[{"rel":"urn:x","href":"wss://a/\u00e9\ud83d\ude00","n":-1.5e3,"t":true,"f":false,"z":null}]})";
    CHECK(error_of(whole) == JsonError::none);
    for (std::size_t n = 0; n < whole.size(); ++n) {
        CAPTURE(n);
        CHECK(error_of(whole.substr(0, n)) == JsonError::truncated);
    }
}

TEST_CASE("JsonReader stops hostile nesting at the depth limit without recursing") {
    JsonLimits limits;
    limits.max_depth = 4;
    CHECK(error_of("[[[[]]]]", limits) == JsonError::none);
    CHECK(error_of("[[[[[]]]]]", limits) == JsonError::too_deep);
    CHECK(error_of(R"({"a":{"b":{"c":{"d":{}}}}})", limits) == JsonError::too_deep);

    // 10000 '[' and a million: refused at the default limit, in constant stack.
    CHECK(error_of(std::string(10000, '[')) == JsonError::too_deep);
    CHECK(error_of(std::string(10000, '[') + std::string(10000, ']')) == JsonError::too_deep);
    JsonLimits big;
    big.max_bytes = 2'000'000;
    big.max_depth = 2'000'000;  // even when allowed, depth costs no stack
    CHECK(error_of(std::string(1'000'000, '[') + std::string(1'000'000, ']'), big) ==
          JsonError::none);
}

TEST_CASE("JsonReader refuses bodies over the size limit before reading them") {
    std::string huge = "[\"" + std::string(64 * 1024, 'a') + "\"]";
    CHECK(error_of(huge) == JsonError::too_large);
    JsonReader r(huge);
    CHECK(r.next() == JsonEvent::error);
    CHECK(r.next() == JsonEvent::error);  // errors stick
    CHECK(r.error_offset() == 0);
}

TEST_CASE("JsonReader keeps reporting end after end and error after error") {
    JsonReader ok("[]");
    CHECK(ok.next() == JsonEvent::begin_array);
    CHECK(ok.next() == JsonEvent::end_array);
    CHECK(ok.next() == JsonEvent::end);
    CHECK(ok.next() == JsonEvent::end);

    JsonReader bad("[1,,2]");
    CHECK(bad.next() == JsonEvent::begin_array);
    CHECK(bad.next() == JsonEvent::number);
    CHECK(bad.next() == JsonEvent::error);
    CHECK(bad.error() == JsonError::unexpected);
    CHECK(bad.error_offset() == 3);
    CHECK(bad.next() == JsonEvent::error);
    CHECK(bad.value().empty());
}
