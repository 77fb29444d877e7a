// XEP-0004: Data Forms, with XEP-0221 media elements and XEP-0068 FORM_TYPE.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsDataForms = "jabber:x:data";
inline constexpr std::string_view kNsMediaElement = "urn:xmpp:media-element";  // XEP-0221

// XEP-0004 §3.2: one <option/> of a list-single or list-multi field.
struct FormOption {
    std::string label;
    std::string value;
    friend bool operator==(const FormOption&, const FormOption&) = default;
};

// XEP-0221 §2: one <uri type='image/png'>cid:...</uri>.
struct MediaUri {
    std::string uri;
    std::string type;  // MIME type, may be empty
    friend bool operator==(const MediaUri&, const MediaUri&) = default;
};

// XEP-0221 §2: media (a CAPTCHA picture, say) attached to a field. Only cid:, http: and
// https: URIs are kept: the others are nothing a client should fetch for a form.
struct MediaElement {
    int width = 0;   // recommended display size in pixels; 0 when not given
    int height = 0;
    std::vector<MediaUri> uris;
    friend bool operator==(const MediaElement&, const MediaElement&) = default;
};

// XEP-0004 §3.2: one <field/>.
struct FormField {
    std::string var;    // empty only for type "fixed"
    std::string type = "text-single";  // one of the ten §3.3 types (others read as text-single)
    std::string label;
    std::string desc;
    bool required = false;
    std::vector<std::string> values;
    std::vector<FormOption> options;  // list-single and list-multi only
    std::optional<MediaElement> media;

    // boolean fields (§3.3): "1" or "true" is true; anything else, or no value, is false.
    bool bool_value() const;
    friend bool operator==(const FormField&, const FormField&) = default;
};

// XEP-0004 §3: a form, a submission, a cancellation or a result. <reported/> and <item/>
// (§3.4, multi-item results) are not read: registration never uses them.
struct DataForm {
    // Limits for hostile input; what goes past them is dropped, never an error.
    static constexpr std::size_t kMaxFields = 200;
    static constexpr std::size_t kMaxOptions = 500;  // per field
    static constexpr std::size_t kMaxValues = 100;   // per field
    static constexpr std::size_t kMaxMediaUris = 16;
    static constexpr std::size_t kMaxTextBytes = 4 * 1024;  // each string, cut on a UTF-8 boundary
    static constexpr std::size_t kMaxInstructionsBytes = 16 * 1024;

    std::string type = "form";  // form, submit, cancel, result
    std::string title;
    std::string instructions;  // every <instructions/>, joined with '\n'
    std::vector<FormField> fields;

    // Reads <x xmlns='jabber:x:data'/>. Nullopt when it is not one, or its type is not one
    // of the four of §3.1. Lenient below that: bad fields are dropped (see data_form.cpp).
    static std::optional<DataForm> parse(pugi::xml_node x);
    // Appends <x xmlns='jabber:x:data' type=.../> to parent; each line of instructions
    // becomes its own <instructions/> (§3: they SHOULD NOT contain newlines).
    void write(pugi::xml_node parent) const;

    const FormField* field(std::string_view var) const;
    FormField* field(std::string_view var);  // to fill in values before submission()
    // XEP-0068: the value of the hidden FORM_TYPE field, or "".
    std::string form_type() const;
    // XEP-0004 §3.1/§3.2: the type='submit' answer to this form: every field but the fixed
    // ones, with var, type and values only (hidden values echoed as given). Fill in values
    // first. Single-valued types keep their first value, text-multi values are split on line
    // breaks (§3.3 note), jid-multi values are normalised and de-duplicated (§3.3).
    DataForm submission() const;

    friend bool operator==(const DataForm&, const DataForm&) = default;
};

// Vars of required fields (fixed ones aside) without a non-empty value, in form order.
std::vector<std::string> missing_required(const DataForm& form);
// Vars of jid-single/jid-multi fields with a non-empty value Jid::parse refuses (§3.3
// note: such values MUST be valid JIDs), in form order.
std::vector<std::string> invalid_jid_fields(const DataForm& form);

// Text helpers shared by the payload parsers.
inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }  // XML 1.0 S
std::string_view trim_space(std::string_view s);                    // without leading/trailing whitespace
std::string element_text(pugi::xml_node node, std::size_t max);     // character data directly inside, capped
std::string collapse_space(std::string_view s);                     // whitespace runs become one space

}  // namespace xmpp
