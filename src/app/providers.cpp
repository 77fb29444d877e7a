// Provider suggestions: our short list, and the XMPP Providers list read with the strict JSON reader.
#include "app/providers.h"

#include "xmpp/data_form.h"
#include "xmpp/jid.h"
#include "xmpp/json.h"

#include <algorithm>

namespace app {

namespace {

constexpr std::size_t kMaxProviders = 2000;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool http_url(const std::string& url) {
    return url.size() <= 2048 && (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
           url.find_first_of(" \t\r\n\"<>") == std::string::npos;
}

// A domain-only address the JID rules accept, lower-cased.
bool valid_domain(std::string& domain) {
    if (domain.empty() || domain.find_first_of("@/") != std::string::npos) return false;
    xmpp::JidResult r = xmpp::Jid::parse(domain);
    if (!r.ok() || !r.jid.local.empty()) return false;
    domain = r.jid.domain;
    return true;
}

}  // namespace

std::vector<Provider> builtin_providers() {
    // Well-known public providers, by domain and country. Whether a server takes sign-ups
    // in the app is asked of the server when the person fetches its form.
    struct Row {
        const char* domain;
        const char* country;
    };
    static const Row rows[] = {{"conversations.im", "DE"}, {"jabber.hot-chilli.net", "DE"}, {"jabber.org", ""},
                               {"trashserver.net", "DE"}, {"xmpp.jp", "JP"}, {"yax.im", "DE"}};
    std::vector<Provider> out;
    for (const Row& r : rows) {
        Provider p;
        p.domain = r.domain;
        p.country = r.country;
        out.push_back(std::move(p));
    }
    return out;
}

bool parse_provider_list(std::string_view json, std::vector<Provider>& out) {
    xmpp::JsonLimits limits;
    limits.max_bytes = 2 * 1024 * 1024;
    limits.max_depth = 8;
    xmpp::JsonReader r(json, limits);
    std::vector<Provider> list;
    Provider cur;
    std::string key;       // the member of the provider object being read
    std::string sub_key;   // a member inside registrationWebPage
    std::string page_any;  // the first sign-up page of any language
    bool first_location = true;
    auto finish = [&] {
        if (cur.web_signup.empty()) cur.web_signup = page_any;
        cur.from_list = true;
        if (valid_domain(cur.domain) && list.size() < kMaxProviders) list.push_back(std::move(cur));
        cur = Provider{};
        page_any.clear();
        first_location = true;
    };
    xmpp::JsonEvent e = r.next();
    if (e != xmpp::JsonEvent::begin_array) return false;
    for (e = r.next(); e != xmpp::JsonEvent::end && e != xmpp::JsonEvent::error; e = r.next()) {
        std::size_t d = r.depth();
        const std::string& v = r.value();
        if (e == xmpp::JsonEvent::begin_object && d == 2) {
            cur = Provider{};
        } else if (e == xmpp::JsonEvent::end_object && d == 1) {
            finish();
        } else if (e == xmpp::JsonEvent::key && d == 2) {
            key = v;
        } else if (e == xmpp::JsonEvent::key && d == 3) {
            sub_key = v;
        } else if (d == 2 && e == xmpp::JsonEvent::string) {
            if (key == "jid") cur.domain = lower(v);
            else if (key == "category" && v.size() == 1 && v[0] >= 'A' && v[0] <= 'D') cur.category = v[0];
        } else if (d == 2 && e == xmpp::JsonEvent::literal && key == "inBandRegistration") {
            cur.in_band = v == "true" ? Provider::InBand::Yes : v == "false" ? Provider::InBand::No : Provider::InBand::Unknown;
        } else if (d == 2 && e == xmpp::JsonEvent::number && key == "ratingXmppComplianceTester") {
            int n = 0;
            bool digits = !v.empty() && v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits) n = std::stoi(v);
            cur.compliance = digits && n <= 100 ? n : -1;
        } else if (d == 3 && e == xmpp::JsonEvent::string && key == "registrationWebPage" && http_url(v)) {
            if (sub_key == "en") cur.web_signup = v;
            if (page_any.empty()) page_any = v;
        } else if (d == 3 && e == xmpp::JsonEvent::string && key == "serverLocations" && first_location) {
            first_location = false;
            if (v.size() == 2) cur.country = v;
        } else if (d == 1 && e != xmpp::JsonEvent::end_array && e != xmpp::JsonEvent::end_object) {
            return false;  // the array holds something other than objects
        }
    }
    if (e != xmpp::JsonEvent::end) return false;
    out = std::move(list);
    return true;
}

std::vector<Provider> merge_providers(const std::vector<Provider>& ours, const std::vector<Provider>& list) {
    std::vector<Provider> all = list;
    for (const Provider& p : ours)
        if (!find_provider(all, p.domain)) all.push_back(p);
    std::sort(all.begin(), all.end(), [](const Provider& a, const Provider& b) { return a.domain < b.domain; });
    all.erase(std::unique(all.begin(), all.end(), [](const Provider& a, const Provider& b) { return a.domain == b.domain; }),
              all.end());
    return all;
}

std::vector<const Provider*> suggest_providers(const std::vector<Provider>& all, std::string_view typed, std::size_t max) {
    std::string t = lower(xmpp::trim_space(typed));
    std::vector<const Provider*> hits;
    for (const Provider& p : all)
        if (p.domain.find(t) != std::string::npos) hits.push_back(&p);
    auto rank = [&](const Provider* p) {
        int starts = p->domain.rfind(t, 0) == 0 ? 0 : 1;
        int cat = p->category ? p->category - 'A' : 4;
        return std::pair{starts, cat};
    };
    std::stable_sort(hits.begin(), hits.end(), [&](const Provider* a, const Provider* b) { return rank(a) < rank(b); });
    if (hits.size() > max) hits.resize(max);
    return hits;
}

const Provider* find_provider(const std::vector<Provider>& all, std::string_view domain) {
    std::string d = lower(domain);
    for (const Provider& p : all)
        if (p.domain == d) return &p;
    return nullptr;
}

}  // namespace app
