// RFC 8259: JSON, read strictly and without recursion. Section numbers below are RFC 8259's.
// Deliberately not accepted: comments, single quotes, trailing commas, NaN/Infinity,
// leading '+' or zeros, and raw control characters in strings. A UTF-8 byte order mark
// at the start is skipped, which §8.1 allows.
#include "xmpp/json.h"

#include "xmpp/utf8.h"

namespace xmpp {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

JsonReader::JsonReader(std::string_view text, const JsonLimits& limits)
    : text_(text), limits_(limits) {
    if (text_.size() > limits_.max_bytes) {
        fail(JsonError::too_large);
        return;
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool JsonReader::stop(JsonError error) {
    fail(error);
    return false;
}

JsonEvent JsonReader::fail(JsonError error) {
    if (error_ == JsonError::none) {
        error_ = error;
        error_offset_ = pos_;
    }
    value_.clear();
    expect_ = Expect::done;
    return JsonEvent::error;
}

// §2: insignificant whitespace is space, tab, line feed and carriage return only.
void JsonReader::skip_space() {
    while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        ++pos_;
    }
}

JsonEvent JsonReader::next() {
    if (error_ != JsonError::none) return JsonEvent::error;
    if (expect_ == Expect::done) return JsonEvent::end;
    value_.clear();
    skip_space();

    if (expect_ == Expect::after_value) {
        if (stack_.empty()) {
            if (pos_ != text_.size()) return fail(JsonError::trailing);
            expect_ = Expect::done;
            return JsonEvent::end;
        }
        if (pos_ == text_.size()) return fail(JsonError::truncated);
        const bool object = stack_.back() == '{';
        const char c = text_[pos_];
        if (c == (object ? '}' : ']')) {
            ++pos_;
            stack_.pop_back();
            return object ? JsonEvent::end_object : JsonEvent::end_array;
        }
        if (c != ',') return fail(JsonError::unexpected);
        ++pos_;
        skip_space();
        expect_ = object ? Expect::key : Expect::value;
    }

    if (pos_ == text_.size()) return fail(JsonError::truncated);
    const char c = text_[pos_];

    if (expect_ == Expect::key_or_close || expect_ == Expect::key) {
        if (expect_ == Expect::key_or_close && c == '}') {
            ++pos_;
            stack_.pop_back();
            expect_ = Expect::after_value;
            return JsonEvent::end_object;
        }
        if (c != '"') return fail(JsonError::unexpected);
        if (!read_string()) return JsonEvent::error;
        skip_space();  // §4: name-separator
        if (pos_ == text_.size()) return fail(JsonError::truncated);
        if (text_[pos_] != ':') return fail(JsonError::unexpected);
        ++pos_;
        expect_ = Expect::value;
        return JsonEvent::key;
    }

    if (expect_ == Expect::value_or_close && c == ']') {
        ++pos_;
        stack_.pop_back();
        expect_ = Expect::after_value;
        return JsonEvent::end_array;
    }
    return read_value();
}

JsonEvent JsonReader::read_value() {
    const char c = text_[pos_];
    expect_ = Expect::after_value;
    if (c == '{' || c == '[') {
        if (stack_.size() >= limits_.max_depth) return fail(JsonError::too_deep);
        ++pos_;
        stack_.push_back(c);
        expect_ = c == '{' ? Expect::key_or_close : Expect::value_or_close;
        return c == '{' ? JsonEvent::begin_object : JsonEvent::begin_array;
    }
    if (c == '"') return read_string() ? JsonEvent::string : JsonEvent::error;
    if (c == '-' || is_digit(c)) return read_number() ? JsonEvent::number : JsonEvent::error;
    if (c >= 'a' && c <= 'z') return read_literal() ? JsonEvent::literal : JsonEvent::error;
    return fail(JsonError::unexpected);
}

// §7. On entry text_[pos_] is the opening quote; decodes into value_.
bool JsonReader::read_string() {
    ++pos_;
    while (true) {
        if (pos_ >= text_.size()) return stop(JsonError::truncated);
        const char c = text_[pos_];
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c != '\\') {
            const std::size_t start = pos_;
            const char32_t cp = next_code_point(text_, pos_);
            if (cp == kBadUtf8) {
                pos_ = start;
                return stop(JsonError::invalid_utf8);
            }
            if (cp < 0x20) {
                pos_ = start;
                return stop(JsonError::control_char);
            }
            value_.append(text_.substr(start, pos_ - start));
            continue;
        }
        if (++pos_ >= text_.size()) return stop(JsonError::truncated);
        const char e = text_[pos_++];
        switch (e) {
            case '"': value_ += '"'; continue;
            case '\\': value_ += '\\'; continue;
            case '/': value_ += '/'; continue;
            case 'b': value_ += '\b'; continue;
            case 'f': value_ += '\f'; continue;
            case 'n': value_ += '\n'; continue;
            case 'r': value_ += '\r'; continue;
            case 't': value_ += '\t'; continue;
            case 'u': break;
            default: --pos_; return stop(JsonError::bad_escape);
        }
        char32_t unit = 0;
        if (!read_hex4(unit)) return false;
        if (unit >= 0xDC00 && unit <= 0xDFFF) return stop(JsonError::lone_surrogate);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            // §7: a character outside the BMP is a high then a low surrogate escape.
            if (text_.substr(pos_, 2) != "\\u") {
                const std::string_view rest = text_.substr(pos_);
                return stop(rest.empty() || rest == "\\" ? JsonError::truncated
                                                          : JsonError::lone_surrogate);
            }
            pos_ += 2;
            char32_t low = 0;
            if (!read_hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return stop(JsonError::lone_surrogate);
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(value_, unit);
    }
}

bool JsonReader::read_hex4(char32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
        if (pos_ >= text_.size()) return stop(JsonError::truncated);
        const int h = hex_value(text_[pos_]);
        if (h < 0) return stop(JsonError::bad_escape);
        out = out * 16 + static_cast<char32_t>(h);
    }
    return true;
}

// §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool JsonReader::read_number() {
    const std::size_t start = pos_;
    auto digits = [this] {
        const std::size_t from = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        return pos_ - from;
    };
    auto bad = [this] {
        return stop(pos_ >= text_.size() ? JsonError::truncated : JsonError::bad_number);
    };
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
        ++pos_;
    } else if (digits() == 0) {
        return bad();
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        if (digits() == 0) return bad();
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
        if (digits() == 0) return bad();
    }
    // "01" and "1.2.3" are number errors; whatever else follows is for the grammar to judge.
    if (pos_ < text_.size() && (is_digit(text_[pos_]) || text_[pos_] == '.'))
        return stop(JsonError::bad_number);
    value_.assign(text_.substr(start, pos_ - start));
    return true;
}

// §3: the literal names must be lower-case.
bool JsonReader::read_literal() {
    for (std::string_view word : {"true", "false", "null"}) {
        const std::string_view have = text_.substr(pos_, word.size());
        if (have == word) {
            pos_ += word.size();
            value_.assign(word);
            return true;
        }
        const bool cut_short = pos_ + have.size() == text_.size();
        if (cut_short && !have.empty() && have == word.substr(0, have.size()))
            return stop(JsonError::truncated);
    }
    return stop(JsonError::bad_literal);
}

}  // namespace xmpp
