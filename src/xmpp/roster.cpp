// RFC 6121 §2-3: roster management, versioning, and presence subscriptions.
// The server owns subscription state: we send requests and answers, and learn the
// result from roster pushes (§3.1.5, §3.2, §3.3), never by guessing it locally.
#include "xmpp/roster.h"

#include "xmpp/frame.h"
#include "xmpp/utf8.h"

#include <algorithm>
#include <utility>

namespace xmpp {

namespace {


void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = std::string(value).c_str();
}

// <iq type='set'><query xmlns='jabber:iq:roster'><item jid='...'/></query></iq>; returns the item.
pugi::xml_node new_roster_set(pugi::xml_document& doc, const Jid& bare) {
    pugi::xml_node iq = doc.append_child("iq");
    set_attr(iq, "type", "set");
    pugi::xml_node query = iq.append_child("query");
    set_attr(query, "xmlns", kNsRoster);
    pugi::xml_node item = query.append_child("item");
    set_attr(item, "jid", bare.bare());
    return item;
}

// The first <status/> in the stanza's own namespace (§4.7.2.2); extensions may reuse the name.
std::string_view status_of(pugi::xml_node stanza) {
    for (pugi::xml_node c = stanza.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == "status" && ns_of(c) == ns_of(stanza))
            return c.text().get();
    return {};
}

bool settles_request(const RosterItem& item) {
    return item.subscription == Subscription::From || item.subscription == Subscription::Both;
}

}  // namespace

const char* to_string(Subscription s) {
    switch (s) {
        case Subscription::To: return "to";
        case Subscription::From: return "from";
        case Subscription::Both: return "both";
        default: return "none";
    }
}

std::optional<RosterItem> RosterItem::parse(pugi::xml_node item) {
    if (!is(item, "item", kNsRoster)) return std::nullopt;
    const pugi::xml_attribute jid = item.attribute("jid");
    if (!jid) return std::nullopt;
    JidResult r = Jid::parse(jid.value());
    if (!r.ok() || !r.jid.is_bare()) return std::nullopt;  // items are keyed by bare JID

    RosterItem out;
    out.jid = std::move(r.jid);
    out.name = cap_utf8(item.attribute("name").value(), kMaxTextBytes);
    const std::string_view sub = item.attribute("subscription").value();
    if (sub == "to") out.subscription = Subscription::To;
    else if (sub == "from") out.subscription = Subscription::From;
    else if (sub == "both") out.subscription = Subscription::Both;
    out.ask_subscribe = std::string_view(item.attribute("ask").value()) == "subscribe";
    const std::string_view approved = item.attribute("approved").value();  // xs:boolean
    out.approved = approved == "true" || approved == "1";
    // §2.1.2.4: group names are non-empty and unique per item; drop what breaks that.
    for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
        if (!is(c, "group", kNsRoster)) continue;
        std::string group = cap_utf8(c.text().get(), kMaxTextBytes);
        if (group.empty() || std::find(out.groups.begin(), out.groups.end(), group) != out.groups.end())
            continue;
        out.groups.push_back(std::move(group));
    }
    return out;
}

void RosterItem::write(pugi::xml_node query) const {
    pugi::xml_node item = query.append_child("item");
    set_attr(item, "jid", jid.bare());
    if (!name.empty()) set_attr(item, "name", sanitize_for_xml(name));
    if (subscription != Subscription::None) set_attr(item, "subscription", to_string(subscription));
    if (ask_subscribe) set_attr(item, "ask", "subscribe");
    if (approved) set_attr(item, "approved", "true");
    for (const std::string& g : groups)
        if (!g.empty()) item.append_child("group").text() = sanitize_for_xml(g).c_str();
}

void Roster::read_features(pugi::xml_node features) {
    versioning_ = preapproval_ = false;
    for (pugi::xml_node c = features.first_child(); c; c = c.next_sibling()) {
        if (is(c, "ver", kNsRosterVer)) versioning_ = true;
        if (is(c, "sub", kNsPreApproval)) preapproval_ = true;
    }
}

void Roster::request() {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    set_attr(iq, "type", "get");
    pugi::xml_node query = iq.append_child("query");
    set_attr(query, "xmlns", kNsRoster);
    // §2.6.2: ver='' bootstraps versioning when nothing is cached; never sent unadvertised.
    if (versioning_) set_attr(query, "ver", version_);
    session_.send_iq(iq, [this](const IqResponse& r) { on_roster_result(r); });
}

void Roster::on_roster_result(const IqResponse& response) {
    if (!response.ok()) return;  // keep the cached roster; a later request() retries
    pugi::xml_node query;
    for (pugi::xml_node c = response.stanza.first_child(); c && !query; c = c.next_sibling())
        if (is(c, "query", kNsRoster)) query = c;
    if (!query) return;  // §2.6.3: empty result, the cache is current; pushes follow

    std::map<Jid, RosterItem> fresh;
    for (pugi::xml_node c = query.first_child(); c; c = c.next_sibling())
        if (std::optional<RosterItem> item = RosterItem::parse(c)) fresh[item->jid] = std::move(*item);
    std::vector<Jid> diff;
    for (const auto& [jid, item] : items_)
        if (!fresh.count(jid)) diff.push_back(jid);
    for (const auto& [jid, item] : fresh) {
        auto old = items_.find(jid);
        if (old == items_.end() || !(old->second == item)) diff.push_back(jid);
        if (settles_request(item)) drop_request(jid);
    }
    items_ = std::move(fresh);
    version_ = query.attribute("ver").value();  // none: the server does not version
    changed(std::move(diff));
}

bool Roster::handle(const Stanza& stanza) {
    if (stanza.name == "presence") return handle_subscription(stanza);
    if (stanza.name != "iq" || stanza.type != "set") return false;
    const pugi::xml_node query = stanza.child("query", kNsRoster);
    return query ? handle_push(stanza, query) : false;
}

bool Roster::handle_push(const Stanza& stanza, pugi::xml_node query) {
    // §2.1.6 (the CVE-2017-5589 class): a push is genuine only without 'from' or from our
    // bare JID. Anyone else's MUST be ignored. We do not take it, so the client answers it
    // as any unhandled IQ set (service-unavailable, RFC 6120 §8.4): RFC 6120 §8.2.3 wants
    // every set answered, and the forger learns nothing a stray IQ would not tell them.
    if (stanza.from && *stanza.from != session_.own_jid().bare_jid()) return false;

    pugi::xml_document doc;
    pugi::xml_node reply = doc.append_child("iq");
    set_attr(reply, "id", stanza.id);
    if (stanza.from) set_attr(reply, "to", stanza.from->full());

    // §2.1.6: exactly one item per push; we refuse any other shape with bad-request.
    pugi::xml_node node;
    int count = 0;
    for (pugi::xml_node c = query.first_child(); c; c = c.next_sibling()) {
        if (!is(c, "item", kNsRoster)) continue;
        node = c;
        ++count;
    }
    const bool remove = count == 1 && std::string_view(node.attribute("subscription").value()) == "remove";
    std::optional<RosterItem> item = count == 1 ? RosterItem::parse(node) : std::nullopt;
    if (!item) {
        set_attr(reply, "type", "error");
        StanzaError{"modify", "bad-request", {}, {}}.write(reply);
        session_.send(reply);
        return true;
    }
    set_attr(reply, "type", "result");
    session_.send(reply);

    if (pugi::xml_attribute ver = query.attribute("ver")) version_ = ver.value();  // §2.6.3
    const Jid jid = item->jid;
    bool dirty = false;
    if (remove) {
        dirty = items_.erase(jid) > 0;
        dirty = drop_request(jid) || dirty;
    } else {
        if (settles_request(*item)) dirty = drop_request(jid);  // approved from another client
        auto it = items_.find(jid);
        if (it == items_.end() || !(it->second == *item)) {
            items_[jid] = std::move(*item);
            dirty = true;
        }
    }
    if (dirty) changed({jid});
    return true;
}

bool Roster::handle_subscription(const Stanza& stanza) {
    const std::string_view type = stanza.type;
    if (type != "subscribe" && type != "subscribed" && type != "unsubscribe" && type != "unsubscribed")
        return false;
    // Subscriptions are between two accounts: one without 'from' or from our own account
    // is a server quirk or a loop, and acting on it could subscribe us to ourselves.
    if (!stanza.from) return true;
    const Jid bare = stanza.from->bare_jid();
    if (bare == session_.own_jid().bare_jid()) return true;

    if (type == "subscribe") {
        // §3.4: we pre-approved them, so the user already said yes; the server should have
        // answered for us (§3.4.2), and repeating 'subscribed' is harmless.
        if (const RosterItem* item = find(bare); item && item->approved) {
            send_subscription(bare, "subscribed");
            return true;
        }
        std::string status = cap_utf8(status_of(stanza.node), RosterItem::kMaxTextBytes);
        for (SubscriptionRequestInfo& r : requests_) {
            if (r.from != bare) continue;
            r.status = std::move(status);  // a repeat (§3.1.3 redelivery): no second prompt
            return true;
        }
        requests_.push_back({bare, status});
        session_.emit(SubscriptionRequest{bare, std::move(status)});
        return true;
    }
    // §3.3.3 / §3.1.3: 'unsubscribe' also withdraws a request they have not seen answered.
    if (type == "unsubscribe") drop_request(bare);
    // §3.1.5, §3.2.3, §3.3.3: the server pushes the new subscription state itself; this
    // event only tells the UI that something about this contact moved.
    changed({bare});
    return true;
}

bool Roster::roster_set(const Jid& jid, std::string name, std::vector<std::string> groups,
                        IqCallback done) {
    if (jid.domain.empty()) return false;
    pugi::xml_document doc;
    pugi::xml_node item = new_roster_set(doc, jid.bare_jid());
    name = sanitize_for_xml(name);
    if (!name.empty()) set_attr(item, "name", name);
    // §2.3.3: the server refuses empty or duplicate groups (not-acceptable, bad-request).
    std::vector<std::string> seen;
    for (std::string& g : groups) {
        g = sanitize_for_xml(g);
        if (g.empty() || std::find(seen.begin(), seen.end(), g) != seen.end()) continue;
        item.append_child("group").text() = g.c_str();
        seen.push_back(std::move(g));
    }
    session_.send_iq(doc.first_child(), done ? std::move(done) : IqCallback([](const IqResponse&) {}));
    return true;
}

bool Roster::add(const Jid& jid, std::string name, std::vector<std::string> groups, IqCallback done) {
    if (!roster_set(jid, std::move(name), std::move(groups), std::move(done))) return false;
    // §3.1.1: the roster set goes first so the contact has a name when the request lands.
    const RosterItem* item = find(jid);
    const bool subscribed = item && (item->subscription == Subscription::To ||
                                     item->subscription == Subscription::Both || item->ask_subscribe);
    if (!subscribed) send_subscription(jid.bare_jid(), "subscribe");
    return true;
}

bool Roster::update(const Jid& jid, std::string name, std::vector<std::string> groups, IqCallback done) {
    return roster_set(jid, std::move(name), std::move(groups), std::move(done));
}

bool Roster::remove(const Jid& jid, IqCallback done) {
    if (jid.domain.empty()) return false;
    pugi::xml_document doc;
    set_attr(new_roster_set(doc, jid.bare_jid()), "subscription", "remove");
    session_.send_iq(doc.first_child(), done ? std::move(done) : IqCallback([](const IqResponse&) {}));
    // §2.5.2: the server cancels both directions and any request; the push removes the item.
    if (drop_request(jid.bare_jid())) changed({jid.bare_jid()});
    return true;
}

bool Roster::accept(const Jid& jid) {
    if (jid.domain.empty()) return false;
    const Jid bare = jid.bare_jid();
    send_subscription(bare, "subscribed");
    // Mutual subscription is what a person means by "accept"; skip it when we already
    // have or asked for their presence.
    const RosterItem* item = find(bare);
    const bool subscribed = item && (item->subscription == Subscription::To ||
                                     item->subscription == Subscription::Both || item->ask_subscribe);
    if (!subscribed) send_subscription(bare, "subscribe");
    if (drop_request(bare)) changed({bare});
    return true;
}

bool Roster::decline(const Jid& jid) {
    if (jid.domain.empty()) return false;
    const Jid bare = jid.bare_jid();
    send_subscription(bare, "unsubscribed");
    if (drop_request(bare)) changed({bare});
    return true;
}

bool Roster::preapprove(const Jid& jid) {
    // §3.4.1: without the stream feature the server would drop our 'subscribed'.
    if (!preapproval_ || jid.domain.empty()) return false;
    send_subscription(jid.bare_jid(), "subscribed");
    return true;
}

bool Roster::unsubscribe(const Jid& jid) {
    if (jid.domain.empty()) return false;
    send_subscription(jid.bare_jid(), "unsubscribe");
    return true;
}

const RosterItem* Roster::find(const Jid& jid) const {
    auto it = items_.find(jid.bare_jid());
    return it == items_.end() ? nullptr : &it->second;
}

void Roster::restore(std::string version, std::vector<RosterItem> items) {
    std::vector<Jid> diff;
    for (const auto& [jid, item] : items_) diff.push_back(jid);
    items_.clear();
    for (RosterItem& item : items) {
        if (item.jid.domain.empty()) continue;
        item.jid = item.jid.bare_jid();
        diff.push_back(item.jid);
        items_[item.jid] = std::move(item);
    }
    version_ = std::move(version);
    std::sort(diff.begin(), diff.end());
    diff.erase(std::unique(diff.begin(), diff.end()), diff.end());
    changed(std::move(diff));
}

void Roster::on_closed() {
    // Features are per stream. Requests are redelivered at the next login (§3.1.3), and
    // one withdrawn meanwhile must not linger.
    versioning_ = preapproval_ = false;
    std::vector<Jid> dropped;
    for (const SubscriptionRequestInfo& r : requests_) dropped.push_back(r.from);
    requests_.clear();
    changed(std::move(dropped));
}

void Roster::send_subscription(const Jid& bare, const char* type) {
    pugi::xml_document doc;
    pugi::xml_node presence = doc.append_child("presence");
    set_attr(presence, "id", session_.new_id());  // §3.1.1: an id lets an error be matched
    set_attr(presence, "to", bare.bare());
    set_attr(presence, "type", type);
    session_.send(presence);
}

bool Roster::drop_request(const Jid& bare) {
    const auto before = requests_.size();
    std::erase_if(requests_, [&](const SubscriptionRequestInfo& r) { return r.from == bare; });
    return requests_.size() != before;
}

void Roster::changed(std::vector<Jid> jids) {
    if (!jids.empty()) session_.emit(RosterChanged{std::move(jids)});
}

}  // namespace xmpp
