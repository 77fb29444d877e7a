// XEP-0156: Discovering Alternative XMPP Connection Methods, §2 HTTP Lookup Method, as
// RFC 7395 §4 uses it for the WebSocket endpoint. Documents are RFC 6415 host-meta: XRD
// (XML, §2) and JRD (JSON, Appendix A). Everything fetched is untrusted: bodies are
// size-capped, XML goes through parse_frame, JSON through the strict JsonReader, and
// every href must pass check_endpoint before it can become a candidate.
#include "xmpp/discovery.h"

#include <algorithm>
#include <utility>

#include "xmpp/frame.h"
#include "xmpp/json.h"
#include "xmpp/utf8.h"

namespace xmpp {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

constexpr std::size_t npos = std::string_view::npos;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z'); }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

// RFC 8288 §2.1.2: extension relation types are URIs; URN schemes and NIDs are
// case-insensitive, and no server means anything else by a change of case.
bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return lower(x) == lower(y); });
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Untrusted text goes into a sentence for a person only if it cannot hide anything.
std::string shown(std::string_view s) {
    const bool plain = !s.empty() && s.size() <= 200 &&
                       std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    return plain ? std::string(s) : std::string("(an address that cannot be shown)");
}

// RFC 3986 §3.2.2 IP-literal, loosely and lower-case only: hex digits, ':' and '.'.
bool is_ipv6_literal(std::string_view s) {
    if (s.size() < 4 || s.front() != '[' || s.back() != ']') return false;
    const std::string_view inner = s.substr(1, s.size() - 2);
    const bool chars = std::all_of(inner.begin(), inner.end(), [](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
    });
    return chars && inner.find(':') != npos;
}

// Characters that are invisible, or that URL host mapping (UTS #46, NFKC) could turn
// into ASCII delimiters: the fullwidth and small forms of / ? # @ : and the like.
bool is_risky_non_ascii(char32_t c) {
    return c <= 0x9F || c == 0xA0 || c == 0xAD || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           (c >= 0xFE50 && c <= 0xFE6F) || c == 0xFEFF || (c >= 0xFF00 && c <= 0xFFEF) ||
           is_noncharacter(c);
}

// A normalised JID domainpart (RFC 7622 §3.2) that can go between "https://" and "/"
// unchanged: lower-case letters, digits, '-', '.', non-ASCII letters, or [IPv6].
bool is_url_safe_domain(std::string_view d) {
    if (d.empty() || d.size() > 1023) return false;
    if (d.front() == '[') return is_ipv6_literal(d);
    if (d.front() == '.' || d.back() == '.' || d.find("..") != npos) return false;
    std::size_t pos = 0;
    while (pos < d.size()) {
        const char32_t c = next_code_point(d, pos);
        if (c == kBadUtf8) return false;
        if (c < 0x80) {
            const char a = static_cast<char>(c);
            if (!(is_digit(a) || (a >= 'a' && a <= 'z') || a == '-' || a == '.')) return false;
        } else if (is_risky_non_ascii(c)) {
            return false;
        }
    }
    return true;
}

// Dotted-quad 127.x.x.x in the plain decimal form only; the other spellings a browser
// also reads as IPv4 (127.1, 0x7f.0.0.1) are refused rather than interpreted.
bool is_ipv4_loopback(std::string_view host) {
    int parts = 0;
    std::size_t pos = 0;
    while (true) {
        const std::size_t dot = host.find('.', pos);
        const std::string_view part = host.substr(pos, dot == npos ? dot : dot - pos);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
        int value = 0;
        for (char c : part) value = is_digit(c) ? value * 10 + (c - '0') : 1000;
        if (value > 255 || (parts == 0 && value != 127)) return false;
        ++parts;
        if (dot == npos) return parts == 4;
        pos = dot + 1;
    }
}

bool is_loopback(std::string_view host) {
    return host == "localhost" || host == "[::1]" || is_ipv4_loopback(host);
}

bool is_valid_port(std::string_view port) {
    long value = port.empty() || port.size() > 5 ? -1 : 0;
    for (char c : port) value = is_digit(c) && value >= 0 ? value * 10 + (c - '0') : -1;
    return value >= 1 && value <= 65535;
}

bool is_reg_name(std::string_view host) {
    if (host.empty() || host.front() == '.' || host.find("..") != npos)
        return false;
    return std::all_of(host.begin(), host.end(),
                       [](char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; });
}

EndpointCheck refuse(std::string why) {
    return EndpointCheck{{}, std::move(why)};
}

void add_link(HostMetaLinks& out, std::string_view rel, std::string_view href) {
    if (!iequals(rel, kRelWebSocket)) return;  // BOSH and other relations are not ours
    EndpointCheck check = check_endpoint(href);
    if (check.ok()) {
        if (!contains(out.endpoints, check.url)) out.endpoints.push_back(std::move(check.url));
        return;
    }
    if (out.refused.empty()) out.first_refusal = check.refusal;
    out.refused.emplace_back(href);
}

// parse_frame refuses comments, as XMPP does (RFC 6120 §11.1), but hand-written
// host-meta files carry them; removing them before the full check keeps that check
// authoritative: whatever the removal leaves, parse_frame still judges all of it.
std::string without_comments(std::string_view s) {
    if (s.substr(0, kBom.size()) == kBom) s.remove_prefix(kBom.size());
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t lt = s.find('<', pos);
        out.append(s.substr(pos, lt == npos ? lt : lt - pos));
        if (lt == npos) break;
        const bool cdata = s.substr(lt, 9) == "<![CDATA[";
        const bool comment = s.substr(lt, 4) == "<!--";
        const std::size_t end = cdata     ? s.find("]]>", lt + 9)
                                : comment ? s.find("-->", lt + 4)
                                          : lt;
        if (end == npos) {  // unterminated: parse_frame will refuse it
            out.append(s.substr(lt));
            break;
        }
        if (cdata) out.append(s.substr(lt, end + 3 - lt));
        if (!cdata && !comment) out += '<';
        pos = cdata || comment ? end + 3 : lt + 1;
    }
    return out;
}

bool looks_like_json(std::string_view body) {
    if (body.substr(0, kBom.size()) == kBom) body.remove_prefix(kBom.size());
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    return first != npos && body[first] == '{';
}

}  // namespace

std::vector<std::string> host_meta_urls(const std::string& domain) {
    if (!is_url_safe_domain(domain)) return {};
    return {"https://" + domain + "/.well-known/host-meta",
            "https://" + domain + "/.well-known/host-meta.json"};
}

EndpointCheck check_endpoint(std::string_view href) {
    if (href.empty()) return refuse("it is empty");
    if (href.size() > kMaxEndpointLength) return refuse("it is longer than 2048 characters");
    for (char c : href) {
        if (c <= 0x20 || c >= 0x7F)  // char may be signed: bytes >= 0x80 are negative
            return refuse("it contains spaces, control characters or non-ASCII characters");
        // WHATWG URL: '\' acts as '/' in ws: and wss: URLs, so it could move the host.
        if (c == '\\') return refuse("it contains a backslash");
    }
    const std::size_t sep = href.find("://");
    const std::string scheme = lower_ascii(href.substr(0, sep == npos ? 0 : sep));
    if (scheme != "wss" && scheme != "ws") return refuse("it is not a WebSocket address (wss://)");
    // RFC 6455 §3: fragment identifiers are not allowed in WebSocket URIs.
    if (href.find('#') != npos) return refuse("it contains a #fragment");

    const std::string_view rest = href.substr(sep + 3);
    const std::size_t authority_end = rest.find_first_of("/?");
    const std::string_view authority = rest.substr(0, authority_end);
    const std::string_view tail =
        authority_end == npos ? std::string_view() : rest.substr(authority_end);
    if (authority.find('@') != npos)
        return refuse("it contains a user name or password");

    std::string_view host = authority;
    std::string_view port;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        host = authority.substr(0, close == npos ? close : close + 1);
        const std::string_view after = authority.substr(host.size());
        if (!after.empty()) {
            if (after.front() != ':') return refuse("its server name is not valid");
            port = after.substr(1);
            has_port = true;
        }
    } else if (const std::size_t colon = authority.find(':'); colon != npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        has_port = true;
    }
    const std::string host_lower = lower_ascii(host);
    if (host.empty() || !(host.front() == '[' ? is_ipv6_literal(host_lower) : is_reg_name(host)))
        return refuse("its server name is not valid");
    if (has_port && !is_valid_port(port)) return refuse("its port number is not valid");
    if (scheme == "ws" && !is_loopback(host_lower))
        return refuse("it is not encrypted (ws:// is allowed only to this computer)");

    EndpointCheck ok;
    ok.url = scheme + "://" + host_lower;
    if (has_port) ok.url += ":" + std::string(port);
    ok.url += tail;
    return ok;
}

HostMetaLinks read_host_meta_xml(std::string_view body) {
    HostMetaLinks out;
    if (body.size() > kMaxHostMetaBytes) return out;
    FrameLimits limits;
    limits.max_bytes = kMaxHostMetaBytes;
    limits.max_depth = 16;
    const FrameResult parsed = parse_frame(without_comments(body), limits);
    if (!parsed.ok()) return out;
    const pugi::xml_node root = parsed.frame.root();
    if (!is(root, "XRD", kNsXrd)) return out;
    out.readable = true;
    // XRD 1.0: Link elements are children of the XRD element.
    for (pugi::xml_node link : root.children()) {
        if (link.type() == pugi::node_element && is(link, "Link", kNsXrd))
            add_link(out, link.attribute("rel").value(), link.attribute("href").value());
    }
    return out;
}

HostMetaLinks read_host_meta_json(std::string_view body) {
    HostMetaLinks out;
    JsonLimits limits;
    limits.max_bytes = kMaxHostMetaBytes;
    JsonReader reader(body, limits);
    if (reader.next() != JsonEvent::begin_object) return out;

    // Depth 1: members of the root; 2: elements of "links"; 3: members of one link.
    struct Link {
        std::string rel, href;
        int rel_keys = 0, href_keys = 0, rel_strings = 0, href_strings = 0;
    };
    std::vector<Link> links;
    bool links_key = false, in_links = false, in_link = false;
    enum class Field { none, rel, href } field = Field::none;
    for (JsonEvent e = reader.next(); e != JsonEvent::end; e = reader.next()) {
        if (e == JsonEvent::error) return out;
        const std::size_t depth = reader.depth();
        const bool after_links_key = std::exchange(links_key, false);
        const Field after_field = std::exchange(field, Field::none);
        if (e == JsonEvent::key && depth == 1) {
            links_key = reader.value() == "links";
        } else if (e == JsonEvent::begin_array && depth == 2 && after_links_key) {
            in_links = true;
        } else if (e == JsonEvent::end_array && depth == 1) {
            in_links = false;
        } else if (e == JsonEvent::begin_object && depth == 3 && in_links) {
            in_link = true;
            links.emplace_back();
        } else if (e == JsonEvent::end_object && depth == 2) {
            in_link = false;
        } else if (e == JsonEvent::key && depth == 3 && in_link) {
            Link& link = links.back();
            if (reader.value() == "rel") {
                field = Field::rel;
                ++link.rel_keys;
            } else if (reader.value() == "href") {
                field = Field::href;
                ++link.href_keys;
            }
        } else if (e == JsonEvent::string && depth == 3 && in_link && after_field != Field::none) {
            Link& link = links.back();
            (after_field == Field::rel ? link.rel : link.href) = reader.value();
            ++(after_field == Field::rel ? link.rel_strings : link.href_strings);
        }
    }
    out.readable = true;
    // A link naming rel or href twice is ambiguous (RFC 8259 §4): it is skipped.
    for (const Link& link : links) {
        if (link.rel_keys == 1 && link.href_keys == 1 && link.rel_strings == 1 &&
            link.href_strings == 1)
            add_link(out, link.rel, link.href);
    }
    return out;
}

std::vector<std::string> parse_host_meta_xml(std::string_view body) {
    return read_host_meta_xml(body).endpoints;
}

std::vector<std::string> parse_host_meta_json(std::string_view body) {
    return read_host_meta_json(body).endpoints;
}

EndpointDiscovery::EndpointDiscovery(std::string domain, std::optional<std::string> configured,
                                     std::optional<std::string> remembered)
    : domain_(std::move(domain)) {
    std::vector<std::string> urls = host_meta_urls(domain_);
    domain_ok_ = !urls.empty();
    if (remembered && !remembered->empty()) {
        if (EndpointCheck c = check_endpoint(*remembered); c.ok()) remembered_in_ = c.url;
    }
    remembered_ = remembered_in_;
    if (configured && !configured->empty()) {
        configured_ = configured;
        EndpointCheck c = check_endpoint(*configured);
        configured_url_ = c.url;
        configured_refusal_ = c.refusal;
        return;  // no fetches: the configured address is the whole answer
    }
    for (std::string& url : urls) {
        Fetch f;
        f.url = std::move(url);
        fetches_.push_back(std::move(f));
    }
}

std::vector<std::string> EndpointDiscovery::fetches() const {
    std::vector<std::string> out;
    for (const Fetch& f : fetches_)
        if (!f.answered) out.push_back(f.url);
    return out;
}

void EndpointDiscovery::on_fetched(const std::string& url, int http_status, std::string_view body) {
    auto it = std::find_if(fetches_.begin(), fetches_.end(),
                           [&](const Fetch& f) { return f.url == url && !f.answered; });
    if (it == fetches_.end()) return;
    it->answered = true;
    it->status = http_status;
    if (http_status < 200 || http_status > 299) return;
    // RFC 6415 §2: host-meta may be served as JRD too, so the body decides, not the URL.
    it->links = looks_like_json(body) ? read_host_meta_json(body) : read_host_meta_xml(body);
}

bool EndpointDiscovery::done() const {
    return std::all_of(fetches_.begin(), fetches_.end(), [](const Fetch& f) { return f.answered; });
}

std::vector<std::string> EndpointDiscovery::candidates() const {
    std::vector<std::string> out;
    auto add = [&out](const std::string& url) {
        if (!url.empty() && !contains(out, url)) out.push_back(url);
    };
    if (configured_) {
        add(configured_url_);
        return out;
    }
    add(remembered_in_);
    for (const Fetch& f : fetches_)  // fetches_ is in host_meta_urls order: XML, then JSON
        for (const std::string& url : f.links.endpoints) add(url);
    return out;
}

void EndpointDiscovery::on_connect_result(const std::string& url, bool worked) {
    if (!contains(candidates(), url)) return;
    outcomes_[url] = worked ? Outcome::worked : Outcome::failed;
    if (worked) remembered_ = url;
}

std::string EndpointDiscovery::tried_summary() const {
    for (const auto& [url, outcome] : outcomes_)
        if (outcome == Outcome::worked) return {};
    const std::string domain = domain_ok_ ? domain_ : "\"" + shown(domain_) + "\"";
    const std::vector<std::string> found = candidates();

    std::vector<std::string> parts;
    if (configured_ && !configured_refusal_.empty()) {
        parts.push_back("the configured address " + shown(*configured_) + " was refused because " +
                        configured_refusal_);
    } else if (!configured_ && !domain_ok_) {
        return "No WebSocket address can be looked up for " + domain +
               ": that server name cannot be used in a web address.";
    }
    for (const Fetch& f : fetches_) {
        if (!f.answered) {
            parts.push_back(f.url + " has not answered yet");
        } else if (f.status <= 0) {
            parts.push_back(f.url + " could not be reached");
        } else if (f.status < 200 || f.status > 299) {
            parts.push_back(f.url + " answered " + std::to_string(f.status));
        } else if (!f.links.readable) {
            parts.push_back(f.url + " answered with a document that could not be read");
        } else if (!f.links.endpoints.empty()) {
            continue;  // its addresses are candidates; how they went is listed below
        } else if (!f.links.refused.empty()) {
            std::string part = f.url + " lists " + shown(f.links.refused.front()) +
                               ", refused because " + f.links.first_refusal;
            if (f.links.refused.size() > 1)
                part += " (and " + std::to_string(f.links.refused.size() - 1) + " more refused)";
            parts.push_back(std::move(part));
        } else {
            parts.push_back(f.url + " lists no WebSocket address");
        }
    }
    for (const std::string& url : found) {
        const auto it = outcomes_.find(url);
        if (it == outcomes_.end() || it->second != Outcome::failed) continue;
        parts.push_back((configured_ ? "the configured address " : "") + url + " did not connect");
    }

    if (parts.empty()) return "No WebSocket address has been tried for " + domain + " yet.";
    std::string out = "No WebSocket address ";
    out += (found.empty() ? "found for " : "worked for ") + domain + ": ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out + ".";
}

}  // namespace xmpp
