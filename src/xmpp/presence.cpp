// RFC 6121 §4: presence: per-resource availability, aggregated per contact, and our own.
// Subscription presence types belong to the Roster module (§3); probes are the server's.
#include "xmpp/presence.h"

#include "xmpp/frame.h"
#include "xmpp/utf8.h"

#include <algorithm>
#include <utility>

namespace xmpp {

namespace {

constexpr std::string_view kNsMucUser = "http://jabber.org/protocol/muc#user";


int clamp_priority(long long p) { return static_cast<int>(std::clamp<long long>(p, -128, 127)); }

// §4.7.2.3: an xs:byte. Out of range saturates; anything unreadable is the default, 0.
int parse_priority(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return 0;
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    const bool negative = text[0] == '-';
    if (text[0] == '-' || text[0] == '+') text.remove_prefix(1);
    if (text.empty()) return 0;
    long long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return 0;
        value = std::min<long long>(value * 10 + (c - '0'), 1000);
    }
    return clamp_priority(negative ? -value : value);
}

// Children in the stanza's own namespace (jabber:client, or none in a bare test frame):
// an extension may reuse the names <show/> and <status/>.
bool own_child(pugi::xml_node stanza, pugi::xml_node c, std::string_view local) {
    return c.type() == pugi::node_element && local_name(c) == local && ns_of(c) == ns_of(stanza);
}

ResourcePresence read_presence(const Stanza& stanza) {
    ResourcePresence p;
    p.resource = stanza.from->resource;
    pugi::xml_node status, any_status;
    for (pugi::xml_node c = stanza.node.first_child(); c; c = c.next_sibling()) {
        if (own_child(stanza.node, c, "show")) {
            const std::string_view v = c.text().get();  // §4.7.2.1; unknown values read as online
            p.show = v == "chat" ? Show::Chat : v == "away" ? Show::Away : v == "xa" ? Show::Xa
                   : v == "dnd"  ? Show::Dnd  : Show::Online;
        } else if (own_child(stanza.node, c, "status")) {
            // §4.7.2.2: several are allowed, one per xml:lang; prefer the one without.
            if (!any_status) any_status = c;
            if (!status && !c.attribute("xml:lang")) status = c;
        } else if (own_child(stanza.node, c, "priority")) {
            p.priority = parse_priority(c.text().get());
        }
    }
    p.status = cap_utf8((status ? status : any_status).text().get(), Presences::kMaxStatusBytes);
    return p;
}

int show_rank(Show s) {
    switch (s) {
        case Show::Chat: return 0;
        case Show::Online: return 1;
        case Show::Away: return 2;
        case Show::Xa: return 3;
        case Show::Dnd: return 4;
        default: return 5;
    }
}

bool same_error(const std::optional<StanzaError>& a, const std::optional<StanzaError>& b) {
    if (!a || !b) return !a && !b;
    return a->type == b->type && a->condition == b->condition && a->text == b->text;
}

}  // namespace

const char* to_string(Show s) {
    switch (s) {
        case Show::Online: return "online";
        case Show::Chat: return "chat";
        case Show::Away: return "away";
        case Show::Xa: return "xa";
        case Show::Dnd: return "dnd";
        default: return "offline";
    }
}

void Presences::set_own(Show show, std::string status, int priority) {
    own_show_ = show;
    own_status_ = cap_utf8(sanitize_for_xml(status), kMaxStatusBytes);
    own_priority_ = clamp_priority(priority);
    if (online_) send_own();
}

void Presences::send_initial() {
    online_ = true;
    if (own_show_ != Show::Offline) send_own();
}

void Presences::send_own() {
    pugi::xml_document doc;
    pugi::xml_node p = doc.append_child("presence");
    if (own_show_ == Show::Offline) p.append_attribute("type") = "unavailable";  // §4.5.1
    else if (own_show_ != Show::Online) p.append_child("show").text() = to_string(own_show_);
    if (!own_status_.empty()) p.append_child("status").text() = own_status_.c_str();
    if (own_priority_ != 0 && own_show_ != Show::Offline) p.append_child("priority").text() = own_priority_;
    session_.send(p);
}

const Presences::Contact* Presences::find(const Jid& jid) const {
    auto it = contacts_.find(jid.bare_jid());
    return it == contacts_.end() ? nullptr : &it->second;
}

Show Presences::aggregate(const Jid& jid) const {
    const Contact* c = find(jid);
    return c && !c->resources.empty() ? c->resources.front().presence.show : Show::Offline;
}

const std::string& Presences::status(const Jid& jid) const {
    static const std::string none;
    const Contact* c = find(jid);
    return c && !c->resources.empty() ? c->resources.front().presence.status : none;
}

std::vector<ResourcePresence> Presences::resources(const Jid& jid) const {
    std::vector<ResourcePresence> out;
    if (const Contact* c = find(jid))
        for (const Entry& e : c->resources) out.push_back(e.presence);
    return out;
}

const StanzaError* Presences::error(const Jid& jid) const {
    const Contact* c = find(jid);
    return c && c->error ? &*c->error : nullptr;
}

std::vector<ResourcePresence> Presences::own_resources() const {
    std::vector<ResourcePresence> out;
    for (const Entry& e : own_.resources) out.push_back(e.presence);
    return out;
}

bool Presences::handle(const Stanza& stanza) {
    if (stanza.name != "presence") return false;
    if (stanza.type != "" && stanza.type != "unavailable" && stanza.type != "error") return false;
    if (!stanza.from) return false;  // presence always names its sender (§4.2.3, §4.5.3)
    // XEP-0045 §7.2.3: room occupants are the MUC module's, not resources of a contact.
    for (pugi::xml_node c = stanza.node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && ns_of(c) == kNsMucUser) return false;

    const Jid bare = stanza.from->bare_jid();
    const Jid& me = session_.own_jid();
    if (bare == me.bare_jid()) {
        // §4.2.2: the server reflects our own presence back to us; that is not news.
        if (*stanza.from == me) return true;
        if (apply(own_, stanza)) session_.emit(PresenceChanged{bare});
        return true;
    }
    Contact& contact = contacts_[bare];
    const bool changed = apply(contact, stanza);
    if (contact.resources.empty() && !contact.error) contacts_.erase(bare);
    if (changed) session_.emit(PresenceChanged{bare});
    return true;
}

// Updates one contact; true when what the UI shows (resources, order, error) changed.
bool Presences::apply(Contact& contact, const Stanza& stanza) {
    std::vector<ResourcePresence> before;
    for (const Entry& e : contact.resources) before.push_back(e.presence);
    const std::optional<StanzaError> error_before = contact.error;
    const std::string& resource = stanza.from->resource;

    if (stanza.type == "error") {
        // RFC 6120 §8.3: e.g. remote-server-not-found; shown until they are available.
        contact.error = StanzaError::parse(stanza.node).value_or(StanzaError{"cancel", "undefined-condition", {}, {}});
    } else if (stanza.type == "unavailable") {
        // §4.5.3: one resource went; from the bare JID, all of them did.
        if (resource.empty()) contact.resources.clear();
        std::erase_if(contact.resources, [&](const Entry& e) { return e.presence.resource == resource; });
    } else {
        contact.error.reset();
        Entry entry{read_presence(stanza), ++seq_};
        auto it = std::find_if(contact.resources.begin(), contact.resources.end(),
                               [&](const Entry& e) { return e.presence.resource == resource; });
        if (it != contact.resources.end()) {
            *it = std::move(entry);
        } else {
            if (contact.resources.size() >= kMaxResources) {  // a flood of resources: bound memory
                contact.resources.erase(std::min_element(contact.resources.begin(), contact.resources.end(),
                    [](const Entry& a, const Entry& b) { return a.seq < b.seq; }));
            }
            contact.resources.push_back(std::move(entry));
        }
        std::sort(contact.resources.begin(), contact.resources.end(), [](const Entry& a, const Entry& b) {
            if (a.presence.priority != b.presence.priority) return a.presence.priority > b.presence.priority;
            const int ra = show_rank(a.presence.show), rb = show_rank(b.presence.show);
            if (ra != rb) return ra < rb;
            return a.seq > b.seq;
        });
    }

    std::vector<ResourcePresence> after;
    for (const Entry& e : contact.resources) after.push_back(e.presence);
    return before != after || !same_error(error_before, contact.error);
}

void Presences::on_closed() {
    // Without a stream we know nothing: everyone reads as offline until presence returns.
    online_ = false;
    std::vector<Jid> gone;
    for (const auto& [jid, contact] : contacts_) gone.push_back(jid);
    if (!own_.resources.empty()) gone.push_back(session_.own_jid().bare_jid());
    contacts_.clear();
    own_ = {};
    for (Jid& jid : gone) session_.emit(PresenceChanged{std::move(jid)});
}


static std::optional<Show> show_named(std::string_view name) {
    for (Show v : {Show::Online, Show::Chat, Show::Away, Show::Xa, Show::Dnd, Show::Offline})
        if (name == to_string(v)) return v;
    return std::nullopt;
}

void Presences::save(pugi::xml_node presences) const {
    presences.append_attribute("own-show") = to_string(own_show_);
    if (!own_status_.empty()) presences.append_attribute("own-status") = own_status_.c_str();
    presences.append_attribute("own-priority") = own_priority_;
    auto write = [&](const Jid& bare, const Contact& c) {
        for (const Entry& e : c.resources) {
            Jid full = bare;
            full.resource = e.presence.resource;
            pugi::xml_node r = presences.append_child("r");
            r.append_attribute("jid") = full.full().c_str();
            r.append_attribute("show") = to_string(e.presence.show);
            r.append_attribute("priority") = e.presence.priority;
            r.text().set(e.presence.status.c_str());
        }
    };
    for (const auto& [jid, contact] : contacts_) write(jid, contact);
    write(session_.own_jid().bare_jid(), own_);
}

bool Presences::restore(pugi::xml_node presences) {
    std::map<Jid, Contact> contacts;
    Contact own;
    std::uint64_t seq = 0;
    std::optional<Show> own_show = show_named(presences.attribute("own-show").value());
    std::string own_status = presences.attribute("own-status").value();
    if (!own_show || own_status.size() > kMaxStatusBytes) return false;
    const int own_priority = clamp_priority(presences.attribute("own-priority").as_llong());
    std::size_t count = 0;
    for (pugi::xml_node r = presences.first_child(); r; r = r.next_sibling()) {
        if (r.type() != pugi::node_element || local_name(r) != "r" || ++count > 100000) return false;
        JidResult j = Jid::parse(r.attribute("jid").value());
        std::optional<Show> show = show_named(r.attribute("show").value());
        std::string status = r.text().get();
        if (!j.ok() || !show || *show == Show::Offline || status.size() > kMaxStatusBytes) return false;
        Contact& c = j.jid.bare_jid() == session_.own_jid().bare_jid() ? own : contacts[j.jid.bare_jid()];
        if (c.resources.size() >= kMaxResources) return false;
        c.resources.push_back({{j.jid.resource, *show, std::move(status), clamp_priority(r.attribute("priority").as_llong())}, ++seq});
    }
    contacts_ = std::move(contacts);
    own_ = std::move(own);
    seq_ = seq;
    own_show_ = *own_show;
    own_status_ = std::move(own_status);
    own_priority_ = own_priority;
    online_ = true;
    return true;  // no events: restoring is silent (the app draws what it restored)
}

}  // namespace xmpp
