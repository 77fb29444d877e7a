// RFC 3629: strict UTF-8 decoding, and the XML 1.0 (Fifth Edition) §2.2 Char set.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xmpp {

// Returned by next_code_point for any byte sequence RFC 3629 forbids.
inline constexpr char32_t kBadUtf8 = 0xFFFFFFFF;

// Decodes the code point at s[pos] and advances pos past it. On an invalid sequence
// (overlong, surrogate, above U+10FFFF, truncated, stray continuation byte) returns
// kBadUtf8 and advances one byte, so callers can skip bad bytes one at a time.
char32_t next_code_point(std::string_view s, std::size_t& pos);

bool is_valid_utf8(std::string_view s);

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
constexpr bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Unicode noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
constexpr bool is_noncharacter(char32_t c) {
  return (c >= 0xFDD0 && c <= 0xFDEF) || ((c & 0xFFFE) == 0xFFFE && c <= 0x10FFFF);
}

// Cuts valid UTF-8 to at most `max` bytes without splitting a character.
std::string cap_utf8(std::string_view s, std::size_t max);

// Appends c (which must be a Unicode scalar value) as UTF-8.
void append_utf8(std::string& out, char32_t c);

}  // namespace xmpp
