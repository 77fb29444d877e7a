// XEP-0077: In-Band Registration (payloads only), with XEP-0158 CAPTCHA forms, XEP-0066
// redirection and XEP-0231 Bits of Binary for the CAPTCHA pictures.
// Everything here reads what an unauthenticated server sends before we know who it is, so
// parsing is bounded and refuses what a client should not show or open: non-http(s) URLs,
// URLs with credentials in them, SVG or mislabelled images, oversized or malformed data.
#include "xmpp/register.h"

#include "xmpp/frame.h"
#include "xmpp/utf8.h"

#include <algorithm>
#include <array>
#include <climits>

namespace xmpp {

namespace {

// §14.1 schema, in schema order; <instructions/>, <registered/> and <remove/> are not fields.
constexpr std::array<std::string_view, 17> kLegacyFields = {
    "username", "nick", "password", "name", "first", "last",  "email", "address", "city",
    "state",    "zip",  "phone",    "url",  "date",  "misc",  "text",  "key"};

constexpr std::size_t kMaxCidBytes = 256;
constexpr std::size_t kMaxDepth = 8;  // how deep in the iq we look for <data/>

bool is_legacy_field(std::string_view name) {
    return std::find(kLegacyFields.begin(), kLegacyFields.end(), name) != kLegacyFields.end();
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && lowercase(s.substr(0, prefix.size())) == prefix;
}

// §5 / XEP-0066: a page we may offer to open. Only http(s), no spaces or quotes, a host, and
// no user@ part ("https://provider.example@evil.example/" reads as the wrong site).
bool acceptable_web_url(std::string_view url) {
    if (url.size() > RegistrationForm::kMaxUrlBytes) return false;
    std::size_t rest = 0;
    if (starts_with_nocase(url, "https://")) rest = 8;
    else if (starts_with_nocase(url, "http://")) rest = 7;
    else return false;
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
    }
    const std::size_t end = url.find_first_of("/?#", rest);
    const std::string_view authority = url.substr(rest, end == std::string_view::npos ? url.npos : end - rest);
    return !authority.empty() && authority.find('@') == std::string_view::npos;
}

// The first acceptable <url/> of a jabber:x:oob element.
std::optional<std::string> oob_url(pugi::xml_node x) {
    for (pugi::xml_node c = x.first_child(); c; c = c.next_sibling()) {
        if (!is(c, "url", kNsOob)) continue;
        const std::string text = element_text(c, RegistrationForm::kMaxUrlBytes + 64);
        const std::string_view url = trim_space(text);
        if (acceptable_web_url(url)) return std::string(url);
    }
    return std::nullopt;
}

// The first bytes must say what the type attribute says: a renderer that sniffs content
// would otherwise happily take SVG (with script) labelled image/png.
bool magic_matches(std::string_view type, const Bytes& b) {
    auto starts = [&](std::string_view sig, std::size_t at = 0) {
        if (b.size() < at + sig.size()) return false;
        for (std::size_t i = 0; i < sig.size(); ++i)
            if (b[at + i] != static_cast<unsigned char>(sig[i])) return false;
        return true;
    };
    if (type == "image/png") return starts("\x89PNG\r\n\x1a\n");
    if (type == "image/jpeg") return starts("\xFF\xD8\xFF");
    if (type == "image/gif") return starts("GIF87a") || starts("GIF89a");
    if (type == "image/webp") return starts("RIFF") && starts("WEBP", 8);
    return false;
}

void collect_bob(pugi::xml_node node, std::size_t depth, std::vector<BobData>& out) {
    for (pugi::xml_node c = node.first_child(); c && out.size() < RegistrationForm::kMaxBob; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (is(c, "data", kNsBob)) {
            std::optional<BobData> d = BobData::parse(c);
            const bool dup = d && std::any_of(out.begin(), out.end(), [&](const BobData& x) { return x.cid == d->cid; });
            if (d && !dup) out.push_back(std::move(*d));
        } else if (depth + 1 < kMaxDepth) {
            collect_bob(c, depth + 1, out);
        }
    }
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// `phrase` in `text` as a whole word, ASCII case-insensitively.
bool mentions(std::string_view text, std::string_view phrase) {
    if (phrase.empty()) return false;
    const std::string t = lowercase(text);
    const std::string p = lowercase(phrase);
    for (std::size_t at = t.find(p); at != std::string::npos; at = t.find(p, at + 1)) {
        const bool left = at == 0 || !is_word_char(t[at - 1]);
        const bool right = at + p.size() == t.size() || !is_word_char(t[at + p.size()]);
        if (left && right) return true;
    }
    return false;
}

struct Candidate {
    std::string phrase;  // what the server's text might say
    std::string var;     // the field it means
    std::string shown;   // how the sentence names it
};

std::vector<Candidate> candidates(const RegistrationForm* offered) {
    std::vector<Candidate> out = {
        {"username", "username", "username"}, {"user name", "username", "username"},
        {"password", "password", "password"}, {"email", "email", "email address"},
        {"e-mail", "email", "email address"},
    };
    if (offered) {
        for (const std::string& f : offered->legacy_fields) out.push_back({f, f, f});
        if (offered->form)
            for (const FormField& f : offered->form->fields) {
                if (f.type == "hidden" || f.type == "fixed") continue;
                const std::string shown = f.label.empty() ? f.var : f.label;
                out.push_back({f.var, f.var, shown});
                if (!f.label.empty() && f.label.size() <= 64) out.push_back({f.label, f.var, f.label});
            }
    }
    // Longer phrases first, so "user name" wins over a field called "name".
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) { return a.phrase.size() > b.phrase.size(); });
    return out;
}

}  // namespace

bool offers_registration(pugi::xml_node features) {
    for (pugi::xml_node c = features.first_child(); c; c = c.next_sibling())
        if (is(c, "register", kNsRegisterFeature)) return true;
    return false;
}

std::optional<BobData> BobData::parse(pugi::xml_node data) {
    if (!is(data, "data", kNsBob)) return std::nullopt;
    BobData out;
    out.cid = std::string(trim_space(data.attribute("cid").value()));
    if (out.cid.empty() || out.cid.size() > kMaxCidBytes || out.cid.find('@') == std::string::npos) return std::nullopt;
    for (char c : out.cid)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return std::nullopt;

    out.type = lowercase(trim_space(data.attribute("type").value()));  // RFC 2045 §5.1: case-insensitive
    if (out.type != "image/png" && out.type != "image/jpeg" && out.type != "image/gif" && out.type != "image/webp")
        return std::nullopt;

    const std::string_view age = data.attribute("max-age").value();
    if (!age.empty() && age.size() <= 10 && std::all_of(age.begin(), age.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long long n = 0;
        for (char c : age) n = n * 10 + (c - '0');
        out.max_age = static_cast<long>(std::min<long long>(n, INT_MAX));  // long is 32 bits in wasm
    }

    // §2 says no whitespace, but its own examples wrap the base64: drop XML whitespace, then
    // decode strictly. Stop early on text that cannot decode to kMaxBytes or less.
    const std::size_t max_chars = (kMaxBytes + 2) / 3 * 4;
    std::string b64;
    for (pugi::xml_node c = data.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
        for (const char* p = c.value(); *p; ++p) {
            if (is_xml_space(*p)) continue;
            if (b64.size() >= max_chars) return std::nullopt;
            b64 += *p;
        }
    }
    if (b64.empty() || !base64_decode(b64, out.bytes)) return std::nullopt;
    if (out.bytes.empty() || out.bytes.size() > kMaxBytes || !magic_matches(out.type, out.bytes)) return std::nullopt;
    return out;
}

std::string cid_of_uri(std::string_view uri) {
    uri = trim_space(uri);
    if (!starts_with_nocase(uri, "cid:")) return {};
    const std::string_view cid = uri.substr(4);
    if (cid.empty() || cid.size() > kMaxCidBytes) return {};
    for (char c : cid)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return {};
    return std::string(cid);
}

std::optional<RegistrationForm> RegistrationForm::parse(pugi::xml_node node) {
    pugi::xml_node query;
    pugi::xml_node root = node;  // where BoB data is looked for: the whole iq when we have it
    if (is(node, "query", kNsRegister)) {
        query = node;
        if (node.parent().type() == pugi::node_element && local_name(node.parent()) == "iq") root = node.parent();
    } else if (local_name(node) == "iq") {
        for (pugi::xml_node c = node.first_child(); c && !query; c = c.next_sibling())
            if (is(c, "query", kNsRegister)) query = c;
    }
    if (!query) return std::nullopt;

    RegistrationForm out;
    for (pugi::xml_node c = query.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (is(c, "x", kNsDataForms)) {
            if (!out.form) out.form = DataForm::parse(c);
            continue;
        }
        if (is(c, "x", kNsOob)) {
            if (!out.redirect_url) out.redirect_url = oob_url(c);
            continue;
        }
        if (ns_of(c) != kNsRegister) continue;
        const std::string_view name = local_name(c);
        if (name == "registered") {
            out.registered = true;
        } else if (name == "instructions") {
            if (out.instructions.size() >= kMaxInstructionsBytes) continue;
            const std::string line = collapse_space(element_text(c, kMaxInstructionsBytes));
            if (line.empty()) continue;
            if (!out.instructions.empty()) out.instructions += '\n';
            out.instructions += line;
        } else if (is_legacy_field(name)) {
            const std::string field(name);
            if (std::find(out.legacy_fields.begin(), out.legacy_fields.end(), field) != out.legacy_fields.end()) continue;
            out.legacy_fields.push_back(field);
            std::string value = element_text(c, kMaxTextBytes);
            if (!value.empty()) out.legacy_values[field] = std::move(value);
        }
    }
    out.instructions = cap_utf8(out.instructions, kMaxInstructionsBytes);
    collect_bob(root, 0, out.bob);
    return out;
}

const BobData* RegistrationForm::find_bob(std::string_view cid) const {
    for (const BobData& b : bob)
        if (!cid.empty() && b.cid == cid) return &b;
    return nullptr;
}

std::vector<std::string> RegistrationForm::missing_legacy_values(const std::map<std::string, std::string>& values) const {
    std::vector<std::string> out;
    for (const std::string& f : legacy_fields) {
        auto it = values.find(f);
        if (it == values.end() || trim_space(it->second).empty()) out.push_back(f);
    }
    return out;
}

std::string registration_get_xml(std::string_view id, std::string_view to_domain) {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    // Sent as its own frame before login: RFC 7395 §3.3.3 wants the namespace on it.
    iq.append_attribute("xmlns") = std::string(kNsClient).c_str();
    iq.append_attribute("type") = "get";
    iq.append_attribute("id") = sanitize_for_xml(id).c_str();
    if (!to_domain.empty()) iq.append_attribute("to") = sanitize_for_xml(to_domain).c_str();
    iq.append_child("query").append_attribute("xmlns") = std::string(kNsRegister).c_str();
    return to_xml(iq);
}

namespace {
pugi::xml_node new_register_query(pugi::xml_node iq) {
    if (!iq.attribute("type")) iq.append_attribute("type") = "set";
    pugi::xml_node query = iq.append_child("query");
    query.append_attribute("xmlns") = std::string(kNsRegister).c_str();
    return query;
}
}  // namespace

void write_legacy_submission(pugi::xml_node iq, const std::map<std::string, std::string>& values) {
    pugi::xml_node query = new_register_query(iq);
    for (std::string_view name : kLegacyFields) {  // schema order, whatever order the map has
        auto it = values.find(std::string(name));
        if (it != values.end()) query.append_child(std::string(name).c_str()).text() = sanitize_for_xml(it->second).c_str();
    }
}

void write_form_submission(pugi::xml_node iq, const DataForm& filled) {
    filled.submission().write(new_register_query(iq));
}

void write_password_change(pugi::xml_node iq, std::string_view username, std::string_view password) {
    pugi::xml_node query = new_register_query(iq);
    query.append_child("username").text() = sanitize_for_xml(username).c_str();
    query.append_child("password").text() = sanitize_for_xml(password).c_str();
}

void write_removal(pugi::xml_node iq) { new_register_query(iq).append_child("remove"); }

RegistrationError RegistrationError::from(const StanzaError& error, const RegistrationForm* offered) {
    RegistrationError out;
    out.condition = error.condition;
    out.text = cap_utf8(error.text, kMaxTextBytes);
    const std::string& c = out.condition;
    const bool captcha = mentions(out.text, "captcha") || (offered && offered->is_captcha());

    if (c == "conflict") {
        out.field = "username";
        out.sentence = "That username is already taken. Choose another one.";
    } else if (c == "not-acceptable") {
        std::string shown;
        for (const Candidate& cand : candidates(offered)) {
            if (!mentions(out.text, cand.phrase)) continue;
            out.field = cand.var;
            shown = cand.shown;
            break;
        }
        out.sentence = shown.empty() ? "The server did not accept what was entered. Check every field and try again."
                                     : "The server did not accept the " + shown + ". Change it and try again.";
    } else if (c == "not-allowed") {
        if (mentions(out.text, "captcha"))
            out.sentence = "The CAPTCHA answer was wrong. Try again with a new one.";
        else if (captcha)
            out.sentence = "The CAPTCHA answer was wrong, or this provider refused the registration. Try again with a new CAPTCHA.";
        else
            out.sentence = "This provider refused the registration.";
    } else if (c == "resource-constraint") {
        out.sentence = "Too many accounts were registered from here recently. Wait a while and try again.";
    } else if (c == "service-unavailable") {
        out.sentence = "This provider does not let apps create accounts.";
        if (offered && offered->redirect_url)
            out.sentence += " You can sign up on its web page: " + *offered->redirect_url;
        else
            out.sentence += " Look for a sign-up page on its web site.";
    } else if (c == "bad-request") {
        out.sentence = "Something required is missing. Fill in every field and try again.";
    } else {
        StanzaError plain = error;
        plain.text.clear();
        out.sentence = plain.sentence();
    }
    if (!out.text.empty()) out.sentence += " The server said: \"" + out.text + "\"";
    return out;
}

}  // namespace xmpp
