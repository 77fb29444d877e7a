// libFuzzer: XEP-0004 data forms (xmpp::DataForm) and XEP-0077 registration forms
// (xmpp::RegistrationForm) read from arbitrary XML, and the submissions written from them.
//
// Input: one XML element, as a server would send it (parsed with xmpp::parse_frame, the
// way every incoming frame is). Every element of it is tried as <x xmlns='jabber:x:data'/>;
// the root (an <iq/> or a <query xmlns='jabber:iq:register'/>) as a registration form.
// Checked (FUZZ_CHECK traps):
//   - what parse() promises: the documented limits, known types, unique vars, one value
//     for single-valued types, only http(s)/cid media, unique BoB cids;
//   - what is written (the form, its submission, the legacy and the data-form registration
//     submissions) is XML a server can read: check_document passes, and it parses back;
//   - parse(write(form)) == form and parse(write(submission)) == submission (but for CRs in
//     values, which any XML parser reads back as LF: see as_read_back()).
#include "xmpp/data_form.h"
#include "xmpp/frame.h"
#include "xmpp/register.h"
#include "xmpp/stanza.h"

#include "fuzz_check.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace {

using namespace xmpp;

bool one_of(std::string_view s, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

bool starts_nocase(std::string_view s, std::string_view lower_prefix) {
    if (s.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != lower_prefix[i]) return false;
    return true;
}

bool single_valued(std::string_view type) {
    return !one_of(type, {"list-multi", "jid-multi", "text-multi", "hidden"});
}

// A written element serialised and read back as a frame: what the server would get.
FrameResult reread(pugi::xml_node element) {
    const std::string xml = to_xml(element);
    FrameResult r = parse_frame(xml, FrameLimits{16 * 1024 * 1024, 64});
    FUZZ_CHECK(r.ok());
    return r;
}

void check_limits(const DataForm& form) {
    FUZZ_CHECK(one_of(form.type, {"form", "submit", "cancel", "result"}));
    FUZZ_CHECK(form.title.size() <= DataForm::kMaxTextBytes);
    FUZZ_CHECK(form.instructions.size() <= DataForm::kMaxInstructionsBytes);
    FUZZ_CHECK(form.fields.size() <= DataForm::kMaxFields);
    std::set<std::string> vars;
    for (const FormField& f : form.fields) {
        FUZZ_CHECK(one_of(f.type, {"boolean", "fixed", "hidden", "jid-multi", "jid-single", "list-multi", "list-single",
                                   "text-multi", "text-private", "text-single"}));
        FUZZ_CHECK(!f.var.empty() || f.type == "fixed");
        FUZZ_CHECK(f.var.size() <= DataForm::kMaxTextBytes);
        if (!f.var.empty()) FUZZ_CHECK(vars.insert(f.var).second);
        FUZZ_CHECK(f.label.size() <= DataForm::kMaxTextBytes && f.desc.size() <= DataForm::kMaxTextBytes);
        FUZZ_CHECK(f.values.size() <= DataForm::kMaxValues);
        if (single_valued(f.type)) FUZZ_CHECK(f.values.size() <= 1);
        for (const std::string& v : f.values) FUZZ_CHECK(v.size() <= DataForm::kMaxTextBytes);
        FUZZ_CHECK(f.options.size() <= DataForm::kMaxOptions);
        if (!one_of(f.type, {"list-single", "list-multi"})) FUZZ_CHECK(f.options.empty());
        std::set<std::string> option_values;
        for (const FormOption& o : f.options) {
            FUZZ_CHECK(option_values.insert(o.value).second);
            FUZZ_CHECK(o.label.size() <= DataForm::kMaxTextBytes && o.value.size() <= DataForm::kMaxTextBytes);
        }
        if (f.media) {
            FUZZ_CHECK(!f.media->uris.empty() && f.media->uris.size() <= DataForm::kMaxMediaUris);
            FUZZ_CHECK(f.media->width >= 0 && f.media->width <= 10000);
            FUZZ_CHECK(f.media->height >= 0 && f.media->height <= 10000);
            for (const MediaUri& u : f.media->uris) {
                FUZZ_CHECK(starts_nocase(u.uri, "cid:") || starts_nocase(u.uri, "http://") || starts_nocase(u.uri, "https://"));
                for (char c : u.uri) FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && c != 0x7F);
            }
        }
        if (!f.var.empty()) FUZZ_CHECK(form.field(f.var) == &f);
    }
    FUZZ_CHECK(form.field("") == nullptr);
}

// pugixml writes a CR in element text as it is, and an XML parser reads a raw CR (or CRLF)
// as LF (XML 1.0 §2.11): a value's CR (&#13; in the server's form) reaches the server as LF.
// Known and accepted (see fuzz/README.md), so values are compared modulo that.
std::string as_read_back(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') out += s[i];
        else {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        }
    }
    return out;
}

DataForm as_read_back(DataForm form) {
    for (FormField& f : form.fields) {
        for (std::string& v : f.values) v = as_read_back(v);
        // A submission sends a text-multi's every line; a form read keeps the first kMaxValues.
        if (f.values.size() > DataForm::kMaxValues) f.values.resize(DataForm::kMaxValues);
        std::vector<FormOption> options;  // "x\r" and "x\n" were two options; read back, one
        for (FormOption& o : f.options) {
            o.value = as_read_back(o.value);
            if (std::none_of(options.begin(), options.end(), [&](const FormOption& x) { return x.value == o.value; }))
                options.push_back(std::move(o));
        }
        f.options = std::move(options);
    }
    return form;
}

// parse(write(form)) == form, and what write() made is valid XML.
void check_round_trip(const DataForm& form) {
    pugi::xml_document doc;
    pugi::xml_node parent = doc.append_child("message");
    form.write(parent);
    FUZZ_CHECK(check_document(doc, FrameLimits{16 * 1024 * 1024, 64}) == FrameError::none);
    const FrameResult back = reread(parent.first_child());
    const std::optional<DataForm> again = DataForm::parse(back.frame.root());
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(*again == as_read_back(form));
}

void check_form(const DataForm& form) {
    check_limits(form);
    check_round_trip(form);

    (void)form.form_type();
    (void)missing_required(form);
    const std::vector<std::string> bad_jids = invalid_jid_fields(form);
    for (const FormField& f : form.fields) (void)f.bool_value();

    const DataForm submission = form.submission();
    FUZZ_CHECK(submission.type == "submit");
    for (const FormField& f : submission.fields) {
        FUZZ_CHECK(f.type != "fixed" && !f.var.empty());
        FUZZ_CHECK(f.label.empty() && f.desc.empty() && f.options.empty() && !f.media);
        if (single_valued(f.type)) FUZZ_CHECK(f.values.size() <= 1);
        // Valid JIDs are submitted normalised, so they parse to themselves.
        if ((f.type == "jid-single" || f.type == "jid-multi") &&
            std::find(bad_jids.begin(), bad_jids.end(), f.var) == bad_jids.end())
            for (const std::string& v : f.values) {
                const JidResult r = Jid::parse(v);
                FUZZ_CHECK(r.ok() && r.jid.full() == v);
            }
    }
    check_round_trip(submission);
}

void check_registration(pugi::xml_node node) {
    const std::optional<RegistrationForm> reg = RegistrationForm::parse(node);
    if (!reg) return;
    FUZZ_CHECK(reg->instructions.size() <= RegistrationForm::kMaxInstructionsBytes);
    std::set<std::string> seen;
    for (const std::string& f : reg->legacy_fields) FUZZ_CHECK(seen.insert(f).second);
    for (const auto& [name, value] : reg->legacy_values) {
        FUZZ_CHECK(seen.count(name) == 1);
        FUZZ_CHECK(!value.empty() && value.size() <= RegistrationForm::kMaxTextBytes);
    }
    if (reg->redirect_url) {
        FUZZ_CHECK(reg->redirect_url->size() <= RegistrationForm::kMaxUrlBytes);
        FUZZ_CHECK(starts_nocase(*reg->redirect_url, "http://") || starts_nocase(*reg->redirect_url, "https://"));
    }
    FUZZ_CHECK(reg->bob.size() <= RegistrationForm::kMaxBob);
    std::set<std::string> cids;
    for (const BobData& b : reg->bob) {
        FUZZ_CHECK(cids.insert(b.cid).second);
        FUZZ_CHECK(!b.bytes.empty() && b.bytes.size() <= BobData::kMaxBytes);
        FUZZ_CHECK(one_of(b.type, {"image/png", "image/jpeg", "image/gif", "image/webp"}));
        FUZZ_CHECK(reg->find_bob(b.cid) == &b);
        FUZZ_CHECK(cid_of_uri("cid:" + b.cid) == b.cid);
    }
    (void)reg->in_band();
    (void)reg->is_captcha();
    FUZZ_CHECK(reg->missing_legacy_values(reg->legacy_values).size() ==
               reg->legacy_fields.size() - reg->legacy_values.size() +
                   static_cast<std::size_t>(std::count_if(reg->legacy_values.begin(), reg->legacy_values.end(),
                                                          [](const auto& kv) { return trim_space(kv.second).empty(); })));
    if (reg->form) check_form(*reg->form);

    // §3.1 legacy submission of the prefilled values: the server reads back the same fields.
    {
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("xmlns") = "jabber:client";
        write_legacy_submission(iq, reg->legacy_values);
        FUZZ_CHECK(check_document(doc) == FrameError::none);
        const FrameResult back = reread(iq);
        const std::optional<RegistrationForm> again = RegistrationForm::parse(back.frame.root());
        std::map<std::string, std::string> sent = reg->legacy_values;
        for (auto& [name, value] : sent) value = as_read_back(value);
        FUZZ_CHECK(again && again->legacy_values == sent && !again->form);
    }
    // §4 data form submission: the server reads back the form's submission.
    if (reg->form) {
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("xmlns") = "jabber:client";
        write_form_submission(iq, *reg->form);
        FUZZ_CHECK(check_document(doc, FrameLimits{16 * 1024 * 1024, 64}) == FrameError::none);
        const FrameResult back = reread(iq);
        const std::optional<RegistrationForm> again = RegistrationForm::parse(back.frame.root());
        FUZZ_CHECK(again && again->form && *again->form == as_read_back(reg->form->submission()));
        FUZZ_CHECK(again->legacy_fields.empty());
    }
    // A failed registration answered with this form offered.
    if (const std::optional<StanzaError> error = StanzaError::parse(node)) {
        const RegistrationError e = RegistrationError::from(*error, &*reg);
        FUZZ_CHECK(!e.sentence.empty() && e.text.size() <= RegistrationError::kMaxTextBytes);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const FrameResult frame = parse_frame(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!frame.ok()) return 0;
    const pugi::xml_node root = frame.frame.root();

    // Every element, as the payload parsers may meet a form anywhere in a stanza.
    std::size_t visited = 0;
    for (pugi::xml_node n = root; n && visited < 10000; ++visited) {
        if (n.type() == pugi::node_element) {
            if (std::optional<DataForm> form = DataForm::parse(n)) check_form(*form);
            if (local_name(n) == "iq" || local_name(n) == "query") check_registration(n);
            if (local_name(n) == "data") (void)BobData::parse(n);
        }
        // Depth-first, without recursion.
        if (n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != root && !n.next_sibling()) n = n.parent();
        if (!n || n == root) break;
        n = n.next_sibling();
    }
    (void)offers_registration(root);
    return 0;
}
