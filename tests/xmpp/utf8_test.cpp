// RFC 3629 §3-4 and XML 1.0 §2.2: tests for the strict UTF-8 decoder and Char set.
#include "xmpp/utf8.h"

#include <doctest/doctest.h>

using namespace xmpp;

TEST_CASE("is_valid_utf8 accepts well-formed text and refuses every RFC 3629 hazard") {
  struct Row {
    std::string name;
    std::string bytes;
    bool valid;
  };
  const Row rows[] = {
      {"empty", "", true},
      {"ascii", "hello", true},
      {"two-byte min U+0080", "\xC2\x80", true},
      {"three-byte euro", "\xE2\x82\xAC", true},
      {"last BMP before surrogates U+D7FF", "\xED\x9F\xBF", true},
      {"first after surrogates U+E000", "\xEE\x80\x80", true},
      {"four-byte min U+10000", "\xF0\x90\x80\x80", true},
      {"max U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"NUL is valid UTF-8", std::string("a\0b", 3), true},
      // hostile rows
      {"overlong slash C0 AF", "\xC0\xAF", false},
      {"overlong C1", "\xC1\xBF", false},
      {"overlong 3-byte E0 80 80", "\xE0\x80\x80", false},
      {"overlong 3-byte E0 9F BF", "\xE0\x9F\xBF", false},
      {"overlong 4-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", false},
      {"surrogate high D800", "\xED\xA0\x80", false},
      {"surrogate low DFFF", "\xED\xBF\xBF", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"F5 lead", "\xF5\x80\x80\x80", false},
      {"FF byte", "\xFF", false},
      {"stray continuation", "a\x80", false},
      {"truncated 2-byte", "\xC3", false},
      {"truncated 3-byte", "\xE2\x82", false},
      {"truncated 4-byte", "\xF0\x9F\x98", false},
      {"lead then ascii", "\xE2(\xAC", false},
      {"third byte not continuation", "\xE2\x82(", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(is_valid_utf8(row.bytes) == row.valid);
  }
}

TEST_CASE("next_code_point decodes values and skips one byte on error") {
  std::string s = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFFZ";
  std::size_t pos = 0;
  CHECK(next_code_point(s, pos) == U'A');
  CHECK(next_code_point(s, pos) == 0xE9);
  CHECK(next_code_point(s, pos) == 0x20AC);
  CHECK(next_code_point(s, pos) == 0x1F600);
  CHECK(pos == 10);
  CHECK(next_code_point(s, pos) == kBadUtf8);
  CHECK(pos == 11);
  CHECK(next_code_point(s, pos) == U'Z');
  CHECK(pos == s.size());
}

TEST_CASE("next_code_point never reads past the end of a view") {
  // The bytes after each view would complete the sequence; the view must still fail.
  const std::string buffer = "\xE2\x82\xAC\xF0\x9F\x98\x80";
  for (std::size_t len : {1u, 2u}) {
    std::size_t pos = 0;
    CHECK(next_code_point(std::string_view(buffer.data(), len), pos) == kBadUtf8);
    CHECK(pos == 1);
  }
  CHECK_FALSE(is_valid_utf8(std::string_view(buffer.data() + 3, 3)));
  CHECK(is_valid_utf8(std::string_view(buffer.data() + 3, 4)));
}

TEST_CASE("append_utf8 round-trips through next_code_point") {
  for (char32_t c : {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFDu, 0x10000u, 0x10FFFFu}) {
    CAPTURE(static_cast<unsigned>(c));
    std::string s;
    append_utf8(s, c);
    std::size_t pos = 0;
    CHECK(next_code_point(s, pos) == c);
    CHECK(pos == s.size());
  }
}

TEST_CASE("is_xml_char follows the XML 1.0 Char production") {
  struct Row {
    char32_t c;
    bool ok;
  };
  const Row rows[] = {{0x0, false},     {0x1, false},     {0x8, false},      {0x9, true},
                      {0xA, true},      {0xB, false},     {0xC, false},      {0xD, true},
                      {0x1F, false},    {0x20, true},     {0x7F, true},      {0xD7FF, true},
                      {0xD800, false},  {0xDFFF, false},  {0xE000, true},    {0xFFFD, true},
                      {0xFFFE, false},  {0xFFFF, false},  {0x10000, true},   {0x10FFFF, true},
                      {0x110000, false}, {kBadUtf8, false}};
  for (const Row& row : rows) {
    CAPTURE(static_cast<unsigned>(row.c));
    CHECK(is_xml_char(row.c) == row.ok);
  }
}

TEST_CASE("is_noncharacter covers FDD0..FDEF and every plane's last two") {
  CHECK(is_noncharacter(0xFDD0));
  CHECK(is_noncharacter(0xFDEF));
  CHECK(is_noncharacter(0xFFFE));
  CHECK(is_noncharacter(0x1FFFF));
  CHECK(is_noncharacter(0x10FFFE));
  CHECK_FALSE(is_noncharacter(0xFDCF));
  CHECK_FALSE(is_noncharacter(0xFDF0));
  CHECK_FALSE(is_noncharacter(0xFFFD));
  CHECK_FALSE(is_noncharacter(U'a'));
}
