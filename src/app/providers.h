// Providers to suggest when registering: a short list we keep here, and the XMPP Providers
// list (its providers-B.json format) fetched at run time, when reachable.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace app {

struct Provider {
    enum class InBand { Unknown, Yes, No };
    std::string domain;
    char category = 0;  // XMPP Providers category 'A'..'D'; 0 when the list does not know it
    InBand in_band = InBand::Unknown;  // in-app (XEP-0077) sign-up
    std::string web_signup;  // http(s) sign-up page, or ""
    int compliance = -1;     // XMPP compliance tester rating, 0..100; -1 unknown
    std::string country;     // ISO code of the first server location, or ""
    bool from_list = false;  // known from the fetched list (else only from ours)
};

inline constexpr std::string_view kDefaultProvidersUrl = "https://data.xmpp.net/providers/v2/providers-B.json";

// Ours: domains only with what we know of them; Parla still asks each server itself.
std::vector<Provider> builtin_providers();

// A providers-B.json document: an array of objects with "jid", "category",
// "inBandRegistration", "registrationWebPage" ({language: url}), "ratingXmppComplianceTester",
// "serverLocations". Entries with a bad domain are skipped, links other than http(s) dropped,
// unknown keys ignored. False (and `out` untouched) when the document is not such a list.
bool parse_provider_list(std::string_view json, std::vector<Provider>& out);

// `list` entries replace ours of the same domain; the result is sorted by domain.
std::vector<Provider> merge_providers(const std::vector<Provider>& ours, const std::vector<Provider>& list);

// Up to `max` providers whose domain contains `typed` (case-insensitive): those starting
// with it first, then category A before B before the rest, then by domain.
std::vector<const Provider*> suggest_providers(const std::vector<Provider>& all, std::string_view typed, std::size_t max);

// The provider with exactly this domain, or null.
const Provider* find_provider(const std::vector<Provider>& all, std::string_view domain);

}  // namespace app
