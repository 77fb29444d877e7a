// XEP-0156: Discovering Alternative XMPP Connection Methods (HTTP lookup, §2), used as
// RFC 7395 §4 describes to find a server's XMPP-over-WebSocket endpoint.
// Sans-I/O: this module names the URLs to fetch, reads what the platform fetched, and
// orders the endpoints to try; the platform fetches, connects and stores.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kRelWebSocket = "urn:xmpp:alt-connections:websocket";
inline constexpr std::string_view kNsXrd = "http://docs.oasis-open.org/ns/xri/xrd-1.0";
inline constexpr std::size_t kMaxHostMetaBytes = 64 * 1024;
inline constexpr std::size_t kMaxEndpointLength = 2048;

// RFC 6415 §2 and Appendix A: https://DOMAIN/.well-known/host-meta and .../host-meta.json,
// in that order. Empty unless `domain` is a normalised JID domainpart that cannot
// change the shape of the URL (no / ? # @ : % \ whitespace, upper case, empty labels).
std::vector<std::string> host_meta_urls(const std::string& domain);

// An href judged as a WebSocket endpoint. Accepted: wss:// anywhere; ws:// only to
// this computer (127.x.x.x, [::1], localhost), since plain ws:// elsewhere would send
// the password in clear (RFC 7395 §3.9: TLS belongs at the WebSocket layer; XEP-0156 §3).
struct EndpointCheck {
    std::string url;      // when ok(): scheme and host lower-cased (RFC 3986 §6.2.2.1)
    std::string refusal;  // when not: a clause that follows "refused because ...",
                          // e.g. "it is not encrypted (ws:// is allowed only to this computer)"
    bool ok() const { return refusal.empty(); }
};
EndpointCheck check_endpoint(std::string_view href);

// What one host-meta document gave.
struct HostMetaLinks {
    bool readable = false;                 // the document parsed as an XRD or JRD
    std::vector<std::string> endpoints;    // accepted websocket hrefs, document order, unique
    std::vector<std::string> refused;      // websocket hrefs refused, as written
    std::string first_refusal;             // check_endpoint(refused[0]).refusal
};

// XRD (XML): <XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel=... href=.../>.
// Parsed with parse_frame's hygiene; comments and a byte order mark are tolerated.
HostMetaLinks read_host_meta_xml(std::string_view body);
// JRD (JSON, RFC 6415 Appendix A): {"links":[{"rel":...,"href":...}]}. Anything not
// fully valid JSON gives nothing, so a truncated document cannot yield half a list.
HostMetaLinks read_host_meta_json(std::string_view body);
// Just the accepted endpoints of the above.
std::vector<std::string> parse_host_meta_xml(std::string_view body);
std::vector<std::string> parse_host_meta_json(std::string_view body);

// One discovery run for one domain.
//   EndpointDiscovery d(domain, configured, remembered);
//   for (url : d.fetches()) platform fetches url, then d.on_fetched(url, status, body);
//   once d.done(): try d.candidates() in order, reporting each with on_connect_result;
//   store d.remembered() for next time; show d.tried_summary() if none worked.
class EndpointDiscovery {
public:
    // `configured` (e.g. from the deployment's settings) wins outright: it is the only
    // candidate and nothing is fetched. `remembered` (an earlier success) comes first.
    // Both are passed through check_endpoint; one that fails it is not used.
    EndpointDiscovery(std::string domain, std::optional<std::string> configured = {},
                      std::optional<std::string> remembered = {});

    // URLs still waiting for on_fetched, in host_meta_urls order.
    std::vector<std::string> fetches() const;
    // http_status 0: network error or CORS refusal; non-2xx: no document. A URL that is
    // not waiting (unknown, or already answered) is ignored.
    void on_fetched(const std::string& url, int http_status, std::string_view body);
    bool done() const;

    // Remembered first, then the XML document's endpoints, then the JSON document's
    // additions; no duplicates. Stable once done(): callers may keep an index.
    std::vector<std::string> candidates() const;

    // Records how a candidate went; other URLs are ignored. A failure does not forget
    // the remembered endpoint: outages pass, and it is still only tried first.
    void on_connect_result(const std::string& url, bool worked);
    // The URL to store for this domain: the last one that worked, else the remembered
    // one passed in (if usable); empty if neither.
    std::string remembered() const { return remembered_; }

    // For the person, when nothing worked: one sentence saying what was tried, e.g.
    // "No WebSocket address found for example.org: https://example.org/.well-known/host-meta
    // could not be reached; https://example.org/.well-known/host-meta.json answered 404."
    // Empty once a candidate worked.
    std::string tried_summary() const;

private:
    enum class Outcome { untried, worked, failed };
    struct Fetch {
        std::string url;
        bool answered = false;
        int status = 0;
        HostMetaLinks links;
    };

    std::string domain_;
    bool domain_ok_ = false;
    std::optional<std::string> configured_;  // as passed in, for the summary
    std::string configured_url_;             // normalised, when it passed check_endpoint
    std::string configured_refusal_;
    std::string remembered_;
    std::string remembered_in_;  // the usable remembered endpoint passed in
    std::vector<Fetch> fetches_;
    std::map<std::string, Outcome> outcomes_;
};

}  // namespace xmpp
