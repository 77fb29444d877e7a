// RFC 8259: The JavaScript Object Notation (JSON) Data Interchange Format.
// A small, strict pull reader for untrusted documents such as host-meta.json (RFC 6415
// Appendix A). It never recurses: containers are tracked on an explicit, capped stack,
// so hostile nesting costs one byte per level and stops at the limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xmpp {

struct JsonLimits {
    std::size_t max_bytes = 64 * 1024;
    std::size_t max_depth = 32;  // containers open at once; the root container is 1
};

enum class JsonError {
    none,
    too_large,
    too_deep,
    truncated,       // the text ends inside a value, or there is no value at all
    unexpected,      // a character the grammar (RFC 8259 §2) does not allow here
    trailing,        // more than whitespace after the root value
    invalid_utf8,    // RFC 8259 §8.1: JSON exchanged between systems is UTF-8
    control_char,    // §7: U+0000..U+001F must be escaped inside strings
    bad_escape,      // §7: only \" \\ \/ \b \f \n \r \t \uXXXX exist
    lone_surrogate,  // §8.2: \uD800..\uDFFF not forming a pair cannot become UTF-8
    bad_number,      // §6
    bad_literal,     // §3: true, false, null, lower-case
};

enum class JsonEvent {
    begin_object,
    end_object,
    begin_array,
    end_array,
    key,      // an object member name; value() holds it, decoded
    string,   // value() holds it, decoded to UTF-8
    number,   // value() holds its source text
    literal,  // value() holds "true", "false" or "null"
    end,      // the whole text was read and is valid
    error,    // see error(); every later next() returns error again
};

// Usage: JsonReader r(text); for (auto e = r.next(); e != end && e != error; e = r.next())
// Events come in document order. A caller that wants the document only if all of it is
// valid must read to `end` before trusting what it collected.
class JsonReader {
public:
    explicit JsonReader(std::string_view text, const JsonLimits& limits = {});

    JsonEvent next();

    const std::string& value() const { return value_; }
    // Containers open after the event: 1 after the root begin_object, and a key or
    // scalar directly inside the root object also reports 1.
    std::size_t depth() const { return stack_.size(); }
    JsonError error() const { return error_; }
    std::size_t error_offset() const { return error_offset_; }

private:
    enum class Expect { root, value_or_close, value, key_or_close, key, after_value, done };

    JsonEvent fail(JsonError error);
    bool stop(JsonError error);  // fail() for the bool helpers
    void skip_space();
    JsonEvent read_value();
    bool read_string();
    bool read_hex4(char32_t& out);
    bool read_number();
    bool read_literal();

    std::string_view text_;
    JsonLimits limits_;
    std::size_t pos_ = 0;
    std::string stack_;  // '{' or '[' per open container
    Expect expect_ = Expect::root;
    std::string value_;
    JsonError error_ = JsonError::none;
    std::size_t error_offset_ = 0;
};

}  // namespace xmpp
