// A tiny JSON writer for what Parla hands to JavaScript (widget registry, events, state).
#pragma once
#include <string>
#include <string_view>

namespace app {

// Appends `s` as a JSON string literal (quotes, backslashes and control characters escaped).
void append_json_string(std::string& out, std::string_view s);

// Builds one JSON object: JsonObject o; o.str("a", x).num("b", 1).boolean("c", true); o.done()
class JsonObject {
public:
    JsonObject& str(std::string_view key, std::string_view value);
    JsonObject& num(std::string_view key, double value);
    JsonObject& boolean(std::string_view key, bool value);
    JsonObject& raw(std::string_view key, std::string_view json);  // an already-encoded value
    std::string done();

private:
    void key(std::string_view k);
    std::string out_ = "{";
};

}  // namespace app
