// XEP-0004: Data Forms, with XEP-0221 media elements and XEP-0068 FORM_TYPE.
// Forms come from servers we do not control, so parse() is lenient and bounded:
//   - a field without 'var' (fixed fields aside, §3.2 MUST) is dropped;
//   - a field repeating an earlier 'var' is dropped, the first one kept (§3.2: var
//     "uniquely identifies the field"; keeping the first means a later duplicate cannot
//     swap out a field the user already saw, e.g. the hidden CAPTCHA challenge);
//   - an unknown or missing type reads as text-single (§3.3 MUST);
//   - single-valued types keep their first <value/> (§3.2: MUST NOT have more);
//   - <option/> is read only in list fields, needs its one <value/>, and is kept once per
//     value (§3.2, §3.3 note **);
//   - past DataForm::kMax* the rest is dropped: 200 fields, 500 options and 100 values per
//     field, 16 media URIs; every string is cut to 4 KiB on a UTF-8 boundary, the joined
//     instructions to 16 KiB; a var longer than 4 KiB drops its field (cutting would
//     submit a different name);
//   - elements in other namespaces, or in the wrong place, are ignored.
#include "xmpp/data_form.h"

#include "xmpp/frame.h"
#include "xmpp/jid.h"
#include "xmpp/utf8.h"

#include <algorithm>
#include <array>

namespace xmpp {

std::string_view trim_space(std::string_view s) {
    while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string element_text(pugi::xml_node node, std::size_t max) {
    std::string out;
    for (pugi::xml_node c = node.first_child(); c && out.size() <= max; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    return cap_utf8(out, max);
}

std::string collapse_space(std::string_view s) {
    std::string out;
    bool gap = false;
    for (char c : trim_space(s)) {
        if (is_xml_space(c)) {
            gap = true;
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

namespace {

constexpr std::array<std::string_view, 10> kFieldTypes = {
    "boolean",   "fixed",       "hidden",     "jid-multi",    "jid-single",
    "list-multi", "list-single", "text-multi", "text-private", "text-single"};

constexpr std::size_t kMaxMimeBytes = 255;  // RFC 6838 §4.2: type and subtype are 127 each

void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = sanitize_for_xml(value).c_str();
}

void set_text(pugi::xml_node node, std::string_view text) {
    node.text() = sanitize_for_xml(text).c_str();
}


// Display text (title, instructions, desc): servers wrap and indent it (see the XEP-0077
// examples), and §3 says it SHOULD NOT contain newlines, so whitespace runs become one space.
std::string display_text(pugi::xml_node node, std::size_t max) { return collapse_space(element_text(node, max)); }

bool is_multi_valued(std::string_view type) {
    return type == "list-multi" || type == "jid-multi" || type == "text-multi" || type == "hidden";
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

// XEP-0221 §2 allows any URI; we keep what a client can fetch safely for a form.
bool acceptable_media_uri(std::string_view uri) {
    for (char c : uri)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    for (std::string_view scheme : {"cid:", "http://", "https://"})
        if (starts_with_nocase(uri, scheme) && uri.size() > scheme.size()) return true;
    return false;
}

// Pixel sizes: plain decimal digits up to 10000, else "not given".
int parse_dimension(std::string_view s) {
    if (s.empty() || s.size() > 5) return 0;
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + (c - '0');
    }
    return n <= 10000 ? n : 0;
}

std::optional<MediaElement> parse_media(pugi::xml_node media) {
    MediaElement m;
    m.width = parse_dimension(media.attribute("width").value());
    m.height = parse_dimension(media.attribute("height").value());
    for (pugi::xml_node u = media.first_child(); u; u = u.next_sibling()) {
        if (m.uris.size() >= DataForm::kMaxMediaUris) break;
        if (!is(u, "uri", kNsMediaElement)) continue;
        const std::string text = element_text(u, DataForm::kMaxTextBytes);
        const std::string_view uri = trim_space(text);  // the XEP-0158 examples wrap URIs in whitespace
        if (!acceptable_media_uri(uri)) continue;
        m.uris.push_back({std::string(uri), cap_utf8(trim_space(u.attribute("type").value()), kMaxMimeBytes)});
    }
    if (m.uris.empty()) return std::nullopt;  // nothing to show
    return m;
}

std::optional<FormOption> parse_option(pugi::xml_node option) {
    for (pugi::xml_node v = option.first_child(); v; v = v.next_sibling())
        if (is(v, "value", kNsDataForms))
            return FormOption{cap_utf8(option.attribute("label").value(), DataForm::kMaxTextBytes),
                              element_text(v, DataForm::kMaxTextBytes)};
    return std::nullopt;  // §3.2: an option MUST contain one <value/>
}

std::optional<FormField> parse_field(pugi::xml_node node) {
    FormField f;
    const std::string_view var = node.attribute("var").value();
    if (var.size() > DataForm::kMaxTextBytes) return std::nullopt;
    f.var = std::string(var);
    const std::string_view type = node.attribute("type").value();
    if (std::find(kFieldTypes.begin(), kFieldTypes.end(), type) != kFieldTypes.end()) f.type = std::string(type);
    if (f.var.empty() && f.type != "fixed") return std::nullopt;
    f.label = cap_utf8(node.attribute("label").value(), DataForm::kMaxTextBytes);
    const bool list = f.type == "list-single" || f.type == "list-multi";

    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (is(c, "media", kNsMediaElement)) {
            if (!f.media) f.media = parse_media(c);
            continue;
        }
        if (ns_of(c) != kNsDataForms) continue;
        const std::string_view name = local_name(c);
        if (name == "desc") {
            if (f.desc.empty()) f.desc = display_text(c, DataForm::kMaxTextBytes);
        } else if (name == "required") {
            f.required = true;
        } else if (name == "value") {
            if (f.values.size() < DataForm::kMaxValues) f.values.push_back(element_text(c, DataForm::kMaxTextBytes));
        } else if (name == "option" && list && f.options.size() < DataForm::kMaxOptions) {
            std::optional<FormOption> o = parse_option(c);
            if (!o) continue;
            const bool seen = std::any_of(f.options.begin(), f.options.end(),
                                          [&](const FormOption& x) { return x.value == o->value; });
            if (!seen) f.options.push_back(std::move(*o));
        }
    }
    if (!is_multi_valued(f.type) && f.values.size() > 1) f.values.resize(1);
    return f;
}

bool has_text(const std::vector<std::string>& values) {
    return std::any_of(values.begin(), values.end(), [](const std::string& v) { return !trim_space(v).empty(); });
}

// §3.3 note ***: one <value/> per line of a text-multi field.
void split_lines(std::string_view text, std::vector<std::string>& out) {
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
        out.emplace_back(text.substr(start, i - start));
        if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
}

}  // namespace

bool FormField::bool_value() const {
    return !values.empty() && (values.front() == "1" || values.front() == "true");
}

std::optional<DataForm> DataForm::parse(pugi::xml_node x) {
    if (!is(x, "x", kNsDataForms)) return std::nullopt;
    DataForm form;
    const std::string_view type = x.attribute("type").value();
    if (type != "form" && type != "submit" && type != "cancel" && type != "result") return std::nullopt;
    form.type = std::string(type);

    for (pugi::xml_node c = x.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || ns_of(c) != kNsDataForms) continue;
        const std::string_view name = local_name(c);
        if (name == "title") {
            if (form.title.empty()) form.title = display_text(c, kMaxTextBytes);
        } else if (name == "instructions") {
            if (form.instructions.size() >= kMaxInstructionsBytes) continue;
            const std::string line = display_text(c, kMaxTextBytes);
            if (line.empty()) continue;
            if (!form.instructions.empty()) form.instructions += '\n';
            form.instructions += line;
        } else if (name == "field" && form.fields.size() < kMaxFields) {
            std::optional<FormField> f = parse_field(c);
            if (!f || (!f->var.empty() && form.field(f->var))) continue;
            form.fields.push_back(std::move(*f));
        }
    }
    form.instructions = cap_utf8(form.instructions, kMaxInstructionsBytes);
    return form;
}

void DataForm::write(pugi::xml_node parent) const {
    pugi::xml_node x = parent.append_child("x");
    set_attr(x, "xmlns", kNsDataForms);
    set_attr(x, "type", type.empty() ? "form" : type);
    if (!title.empty()) set_text(x.append_child("title"), title);
    std::vector<std::string> lines;
    split_lines(instructions, lines);
    for (const std::string& line : lines)
        if (!line.empty()) set_text(x.append_child("instructions"), line);

    for (const FormField& f : fields) {
        pugi::xml_node field = x.append_child("field");
        if (!f.var.empty()) set_attr(field, "var", f.var);
        set_attr(field, "type", f.type.empty() ? "text-single" : f.type);
        if (!f.label.empty()) set_attr(field, "label", f.label);
        if (!f.desc.empty()) set_text(field.append_child("desc"), f.desc);
        if (f.required) field.append_child("required");
        for (const std::string& v : f.values) set_text(field.append_child("value"), v);
        for (const FormOption& o : f.options) {
            pugi::xml_node option = field.append_child("option");
            if (!o.label.empty()) set_attr(option, "label", o.label);
            set_text(option.append_child("value"), o.value);
        }
        if (f.media) {
            pugi::xml_node media = field.append_child("media");
            set_attr(media, "xmlns", kNsMediaElement);
            if (f.media->width > 0) media.append_attribute("width") = f.media->width;
            if (f.media->height > 0) media.append_attribute("height") = f.media->height;
            for (const MediaUri& u : f.media->uris) {
                pugi::xml_node uri = media.append_child("uri");
                if (!u.type.empty()) set_attr(uri, "type", u.type);
                set_text(uri, u.uri);
            }
        }
    }
}

const FormField* DataForm::field(std::string_view var) const {
    if (var.empty()) return nullptr;  // only fixed fields lack a var, and they are not looked up
    for (const FormField& f : fields)
        if (f.var == var) return &f;
    return nullptr;
}

FormField* DataForm::field(std::string_view var) {
    return const_cast<FormField*>(static_cast<const DataForm&>(*this).field(var));
}

std::string DataForm::form_type() const {
    // XEP-0068 §3: a FORM_TYPE field that is not hidden is no context indicator.
    const FormField* f = field("FORM_TYPE");
    if (!f || f->type != "hidden" || f->values.empty()) return {};
    return f->values.front();
}

DataForm DataForm::submission() const {
    DataForm out;
    out.type = "submit";
    for (const FormField& f : fields) {
        if (f.type == "fixed") continue;  // §3.3: description only, nothing to submit
        FormField s;
        s.var = f.var;
        s.type = f.type;
        if (f.type == "text-multi") {
            for (const std::string& v : f.values) split_lines(v, s.values);
        } else if (f.type == "jid-multi" || f.type == "jid-single") {
            for (const std::string& v : f.values) {
                if (trim_space(v).empty()) continue;
                const JidResult r = Jid::parse(trim_space(v));
                std::string value = r.ok() ? r.jid.full() : v;  // invalid: see invalid_jid_fields()
                // §3.3: duplicate JIDs MUST be ignored.
                if (std::find(s.values.begin(), s.values.end(), value) == s.values.end())
                    s.values.push_back(std::move(value));
            }
        } else {
            s.values = f.values;
        }
        if (!is_multi_valued(s.type) && s.values.size() > 1) s.values.resize(1);
        out.fields.push_back(std::move(s));
    }
    return out;
}

std::vector<std::string> missing_required(const DataForm& form) {
    std::vector<std::string> out;
    for (const FormField& f : form.fields)
        if (f.required && f.type != "fixed" && !has_text(f.values)) out.push_back(f.var);
    return out;
}

std::vector<std::string> invalid_jid_fields(const DataForm& form) {
    std::vector<std::string> out;
    for (const FormField& f : form.fields) {
        if (f.type != "jid-single" && f.type != "jid-multi") continue;
        const bool bad = std::any_of(f.values.begin(), f.values.end(), [](const std::string& v) {
            return !trim_space(v).empty() && !Jid::parse(trim_space(v)).ok();
        });
        if (bad) out.push_back(f.var);
    }
    return out;
}

}  // namespace xmpp
