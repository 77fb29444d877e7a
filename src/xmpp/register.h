// XEP-0077: In-Band Registration (payloads only), with XEP-0158 CAPTCHA forms, XEP-0066
// redirection and XEP-0231 Bits of Binary for the CAPTCHA pictures.
#pragma once
#include "xmpp/data_form.h"
#include "xmpp/scram.h"  // Bytes, base64_decode
#include "xmpp/stanza.h"

#include <pugixml.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsRegister = "jabber:iq:register";  // also the §12.4 FORM_TYPE
inline constexpr std::string_view kNsRegisterFeature = "http://jabber.org/features/iq-register";  // §8
inline constexpr std::string_view kNsOob = "jabber:x:oob";      // XEP-0066 §3
inline constexpr std::string_view kNsBob = "urn:xmpp:bob";      // XEP-0231
inline constexpr std::string_view kFormTypeCaptcha = "urn:xmpp:captcha";  // XEP-0158 §3.1.2

// §8: true when <stream:features/> holds <register xmlns='http://jabber.org/features/iq-register'/>.
bool offers_registration(pugi::xml_node features);

// XEP-0231 §2: <data xmlns='urn:xmpp:bob' cid='...' type='image/png' max-age='86400'>base64</data>.
struct BobData {
    static constexpr std::size_t kMaxBytes = 512 * 1024;  // decoded; the XEP asks for 8 KiB

    std::string cid;   // "sha1+<hex>@bob.xmpp.org"
    std::string type;  // image/png, image/jpeg, image/gif or image/webp, lower case
    Bytes bytes;       // never empty
    long max_age = -1; // seconds to cache (§2); -1 when absent or unreadable

    // Nullopt unless it is a data element with a cid, an allowed image type (no SVG: it can
    // carry script), and canonical base64 (whitespace aside) of 1..kMaxBytes bytes. An empty
    // <data/> is a §4 request for data, not data, so it is refused too.
    static std::optional<BobData> parse(pugi::xml_node data);
};

// XEP-0231 §2 / RFC 2392: the cid of a "cid:" URI ("cid:sha1+...@bob.xmpp.org"), or "".
std::string cid_of_uri(std::string_view uri);

// The host's answer to a registration get (§3.1), or the form echoed in an error.
// §6 precedence: submit the data form when there is one, else the legacy fields; never
// both. redirect_url is the alternative (or the only way, when nothing else is offered).
struct RegistrationForm {
    static constexpr std::size_t kMaxTextBytes = 4 * 1024;           // each legacy value
    static constexpr std::size_t kMaxInstructionsBytes = 16 * 1024;
    static constexpr std::size_t kMaxUrlBytes = 2048;
    static constexpr std::size_t kMaxBob = 8;

    bool registered = false;   // §3.1 <registered/>: this account exists already
    std::string instructions;  // whitespace runs collapsed; several elements joined with '\n'
    std::vector<std::string> legacy_fields;  // §14.1 schema names, as offered, without duplicates
    std::map<std::string, std::string> legacy_values;  // the non-empty ones, prefilled (<key/> too)
    std::optional<DataForm> form;             // §4 extensibility; may be a XEP-0158 CAPTCHA form
    std::optional<std::string> redirect_url;  // §5 XEP-0066 <x><url/></x>, only http(s)
    std::vector<BobData> bob;  // XEP-0231 data anywhere in the iq, unique cids, at most kMaxBob

    // Takes the <iq/> or its <query xmlns='jabber:iq:register'/>; nullopt without that query.
    static std::optional<RegistrationForm> parse(pugi::xml_node iq_or_query);

    bool in_band() const { return form.has_value() || !legacy_fields.empty(); }
    bool is_captcha() const { return form && form->form_type() == kFormTypeCaptcha; }
    const BobData* find_bob(std::string_view cid) const;
    // §3.1: every offered legacy field must be sent; these have no non-empty value in `values`.
    std::vector<std::string> missing_legacy_values(const std::map<std::string, std::string>& values) const;
};

// <iq xmlns='jabber:client' type='get' id=... to=...><query xmlns='jabber:iq:register'/></iq>
// (§3.1), one frame ready to send; 'to' is left out when to_domain is empty.
std::string registration_get_xml(std::string_view id, std::string_view to_domain);
// Append <query xmlns='jabber:iq:register'/> to `iq` (typed 'set' when it has no type) with
// either the legacy fields or the submitted data form (§6: never both). Keys that are not
// §14.1 schema names are skipped: the query's elements are fixed by the schema.
void write_legacy_submission(pugi::xml_node iq, const std::map<std::string, std::string>& values);
// `filled` is the form as offered with the user's values; its submission() is written.
void write_form_submission(pugi::xml_node iq, const DataForm& filled);

// §3.3: <query><username/><password/></query> appended to a 'set' iq to our server.
void write_password_change(pugi::xml_node iq, std::string_view username, std::string_view password);
// §3.2: <query><remove/></query> appended to a 'set' iq to our server.
void write_removal(pugi::xml_node iq);

// A failed registration (§3.1), in words a person understands.
struct RegistrationError {
    static constexpr std::size_t kMaxTextBytes = 1024;

    std::string condition;  // RFC 6120 §8.3.3 condition, e.g. "conflict"
    std::string sentence;   // for the user
    std::string text;       // the server's own text (untrusted, capped), may be empty
    std::string field;      // the var the server's text names (not-acceptable), or ""

    // `offered` (the form the user filled) adds its field names and labels to what the
    // server's text is searched for, and its redirect URL to service-unavailable.
    static RegistrationError from(const StanzaError& error, const RegistrationForm* offered = nullptr);
};

}  // namespace xmpp
