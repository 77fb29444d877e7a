// XEP-0045 Multi-User Chat (occupant use cases), XEP-0249 direct invitations, XEP-0203
// history stamps, XEP-0359 stanza-ids for history de-duplication.
// [SECTION] Helpers  [SECTION] Commands  [SECTION] Presence  [SECTION] Messages
// [SECTION] Discovery
#include "xmpp/muc.h"

#include "xmpp/chat.h"
#include "xmpp/data_form.h"
#include "xmpp/datetime.h"
#include "xmpp/disco.h"
#include "xmpp/frame.h"
#include "xmpp/utf8.h"

#include <algorithm>
#include <utility>

namespace xmpp {

// [SECTION] Helpers

namespace {

constexpr std::string_view kNsDiscoItems = "http://jabber.org/protocol/disco#items";
constexpr std::size_t kMaxAttrBytes = 64;  // role, affiliation

pugi::xml_node child(pugi::xml_node parent, std::string_view local, std::string_view ns) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && is(c, local, ns)) return c;
    return {};
}

// A child in the stanza's own namespace (jabber:client), as <body/> or <status/>.
pugi::xml_node own_child(pugi::xml_node stanza, std::string_view local) {
    for (pugi::xml_node c = stanza.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local && ns_of(c) == ns_of(stanza)) return c;
    return {};
}

// A valid room address: bare, with a local part.
std::optional<Jid> room_jid(std::string_view text) {
    JidResult r = Jid::parse(text);
    if (!r.ok() || !r.jid.is_bare() || r.jid.local.empty()) return std::nullopt;
    return r.jid;
}

// FNV-1a, 64 bits: the same on wasm32 and native.
std::uint64_t fnv(std::initializer_list<std::string_view> parts) {
    std::uint64_t h = 14695981039346656037ull;
    for (std::string_view p : parts) {
        for (unsigned char c : p) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xFF) * 1099511628211ull;  // separator: ("ab","c") differs from ("a","bc")
    }
    return h;
}

// The status codes and <item/>, <destroy/> of <x xmlns=muc#user/>.
struct MucUser {
    std::vector<int> codes;
    pugi::xml_node item, destroy;
    bool has(int code) const {
        for (int c : codes)
            if (c == code) return true;
        return false;
    }
};

MucUser read_muc_user(pugi::xml_node stanza) {
    MucUser u;
    pugi::xml_node x = child(stanza, "x", kNsMucUser);
    for (pugi::xml_node c = x.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || ns_of(c) != kNsMucUser) continue;
        const std::string_view n = local_name(c);
        if (n == "status" && u.codes.size() < 16) {
            const std::string_view v = c.attribute("code").value();
            if (v.size() == 3 && v.find_first_not_of("0123456789") == std::string_view::npos)
                u.codes.push_back((v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0'));
        } else if (n == "item" && !u.item) {
            u.item = c;
        } else if (n == "destroy" && !u.destroy) {
            u.destroy = c;
        }
    }
    return u;
}

Occupant read_occupant(const Stanza& s, const MucUser& u) {
    Occupant o;
    o.nick = s.from->resource;
    o.role = cap_utf8(u.item.attribute("role").value(), kMaxAttrBytes);
    o.affiliation = cap_utf8(u.item.attribute("affiliation").value(), kMaxAttrBytes);
    if (const char* j = u.item.attribute("jid").value(); *j)
        if (JidResult r = Jid::parse(j); r.ok()) o.real_jid = r.jid;
    const std::string_view show = own_child(s.node, "show").text().get();
    o.show = show == "chat" ? Show::Chat : show == "away" ? Show::Away : show == "xa" ? Show::Xa
           : show == "dnd"  ? Show::Dnd  : Show::Online;
    o.status = cap_utf8(own_child(s.node, "status").text().get(), Muc::kMaxStatusBytes);
    return o;
}

// §7.2.6-§7.2.11, §7.2.9: why the room refused us, in plain words.
std::string join_error_sentence(const StanzaError& e) {
    struct Row {
        const char* condition;
        const char* sentence;
    };
    static const Row rows[] = {
        {"conflict", "That nickname is already in use in this room. Choose another nickname."},
        {"not-authorized", "This room needs a password, or the password was wrong."},
        {"registration-required", "This room is for members only, and you are not on its member list."},
        {"forbidden", "You are banned from this room."},
        {"item-not-found", "This room does not exist, and it cannot be created."},
        {"not-allowed", "This room does not exist, and this service does not let you create rooms."},
        {"service-unavailable", "This room is full: it has reached its maximum number of occupants."},
        {"jid-malformed", "That nickname cannot be used. Choose another nickname."},
        {"not-acceptable", "This room asks you to use the nickname you registered with it."},
        {"remote-server-not-found", "The group chat service could not be found."},
        {"remote-server-timeout", "The group chat service did not answer in time."},
    };
    for (const Row& r : rows)
        if (e.condition == r.condition) return r.sentence;
    std::string s = "Could not join the room.";
    if (!e.text.empty()) s += " The server said: \"" + cap_utf8(e.text, Muc::kMaxStatusBytes) + "\"";
    return s;
}

StanzaError error_of(const Stanza& s) {
    StanzaError e = StanzaError::parse(s.node).value_or(StanzaError{"cancel", "undefined-condition", {}, {}});
    e.text = cap_utf8(e.text, Muc::kMaxStatusBytes);
    return e;
}

pugi::xml_node append_ns(pugi::xml_node parent, const char* name, std::string_view ns) {
    pugi::xml_node n = parent.append_child(name);
    n.append_attribute("xmlns") = std::string(ns).c_str();
    return n;
}

}  // namespace

bool Muc::Seen::insert(std::uint64_t key) {
    if (!set.insert(key).second) return false;
    order.push_back(key);
    if (order.size() > kMaxSeen) {
        set.erase(order.front());
        order.pop_front();
    }
    return true;
}

const MucRoom* Muc::room(const Jid& bare) const {
    auto it = rooms_.find(bare.bare());
    return it == rooms_.end() ? nullptr : &it->second;
}

void Muc::disco_features(std::vector<std::string>& f) const {
    f.push_back(std::string(kNsMuc));
    f.push_back(std::string(kNsConference));
}

// [SECTION] Commands

void Muc::join(const Jid& room_address, std::string nick, std::string password, Millis history_since_ms) {
    const Jid bare = room_address.bare_jid();
    const std::string key = bare.bare();
    auto it = rooms_.find(key);
    if (it != rooms_.end() && it->second.state == RoomState::Joined) return;
    const JidResult full = Jid::parse(key + "/" + nick);
    if (bare.local.empty() || nick.empty() || !full.ok()) {
        session_.emit(RoomJoinFailed{bare, "jid-malformed", bare.local.empty() ? "That is not the address of a room."
                                                          : "That nickname cannot be used. Choose another nickname."});
        return;
    }
    MucRoom& r = rooms_[key];
    r = MucRoom{};
    r.jid = bare;
    r.nick = full.jid.resource;
    r.password = cap_utf8(sanitize_for_xml(password), kMaxStatusBytes);

    pugi::xml_document doc;
    pugi::xml_node p = doc.append_child("presence");
    p.append_attribute("to") = full.jid.full().c_str();
    pugi::xml_node x = append_ns(p, "x", kNsMuc);
    pugi::xml_node h = x.append_child("history");  // muc.xsd: history, then password
    if (history_since_ms > 0) h.append_attribute("since") = format_datetime(history_since_ms).c_str();
    else h.append_attribute("maxstanzas") = history_since_ms < 0 ? 0 : kDefaultHistory;
    if (!r.password.empty()) x.append_child("password").text() = r.password.c_str();
    session_.send(p);
}

void Muc::leave(const Jid& room_address, std::string_view status) {
    auto it = rooms_.find(room_address.bare());
    if (it == rooms_.end() || it->second.state == RoomState::Left) return;
    MucRoom& r = it->second;
    pugi::xml_document doc;
    pugi::xml_node p = doc.append_child("presence");
    p.append_attribute("to") = Jid{r.jid.local, r.jid.domain, r.nick}.full().c_str();
    p.append_attribute("type") = "unavailable";
    if (!status.empty()) p.append_child("status").text() = cap_utf8(sanitize_for_xml(status), kMaxStatusBytes).c_str();
    session_.send(p);
    r.state = RoomState::Left;
    r.occupants.clear();
    session_.emit(RoomLeft{r.jid, RoomLeft::SelfLeft, {}, {}});
}

void Muc::change_nick(const Jid& room_address, std::string nick) {
    auto it = rooms_.find(room_address.bare());
    if (it == rooms_.end() || it->second.state != RoomState::Joined) return;
    const JidResult full = Jid::parse(it->first + "/" + nick);
    if (nick.empty() || !full.ok() || full.jid.resource == it->second.nick) return;
    pugi::xml_document doc;
    doc.append_child("presence").append_attribute("to") = full.jid.full().c_str();
    session_.send(doc.first_child());
}

Message Muc::outgoing(const Jid& to, std::string_view type, std::string_view body, bool private_message) {
    Message m;
    m.id = session_.new_id();
    m.origin_id = m.id;
    m.type = std::string(type);
    m.from = session_.own_jid();
    m.to = to;
    m.body = cap_utf8(sanitize_for_xml(body), kMaxBodyBytes);
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("type") = m.type.c_str();
    msg.append_attribute("to") = to.full().c_str();
    msg.append_attribute("id") = m.id.c_str();
    msg.append_child("body").text() = m.body.c_str();
    if (private_message) append_ns(msg, "x", kNsMucUser);  // §7.5: marks it as from a room
    append_ns(msg, "origin-id", kNsSid).append_attribute("id") = m.origin_id.c_str();
    session_.send(msg);
    return m;
}

Message Muc::send(const Jid& room_address, std::string_view body) {
    return outgoing(room_address.bare_jid(), "groupchat", body, false);
}

Message Muc::send_private(const Jid& room_address, const std::string& nick, std::string_view body) {
    const JidResult full = Jid::parse(room_address.bare() + "/" + nick);
    if (nick.empty() || !full.ok()) return {};
    return outgoing(full.jid, "chat", body, true);
}

void Muc::invite(const Jid& room_address, const Jid& contact, std::string_view reason) {
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("to") = contact.full().c_str();
    msg.append_attribute("id") = session_.new_id().c_str();
    pugi::xml_node x = append_ns(msg, "x", kNsConference);
    x.append_attribute("jid") = room_address.bare().c_str();
    if (const MucRoom* r = room(room_address); r && !r->password.empty())
        x.append_attribute("password") = r->password.c_str();
    if (!reason.empty()) x.append_attribute("reason") = cap_utf8(sanitize_for_xml(reason), kMaxStatusBytes).c_str();
    session_.send(msg);
}

void Muc::decline(const Jid& room_address, const Jid& inviter, std::string_view reason) {
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("to") = room_address.bare().c_str();
    msg.append_attribute("id") = session_.new_id().c_str();
    pugi::xml_node d = append_ns(msg, "x", kNsMucUser).append_child("decline");
    d.append_attribute("to") = inviter.full().c_str();
    if (!reason.empty()) d.append_child("reason").text() = cap_utf8(sanitize_for_xml(reason), kMaxStatusBytes).c_str();
    session_.send(msg);
}

void Muc::set_subject(const Jid& room_address, std::string_view subject) {
    pugi::xml_document doc;
    pugi::xml_node msg = doc.append_child("message");
    msg.append_attribute("to") = room_address.bare().c_str();
    msg.append_attribute("type") = "groupchat";
    msg.append_attribute("id") = session_.new_id().c_str();
    msg.append_child("subject").text() = cap_utf8(sanitize_for_xml(subject), kMaxSubjectBytes).c_str();
    session_.send(msg);
}

void Muc::make_instant(const MucRoom& r) {
    // §10.1.2: accept the default configuration, which unlocks the room.
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    iq.append_attribute("to") = r.jid.bare().c_str();
    append_ns(append_ns(iq, "query", kNsMucOwner), "x", kNsDataForms).append_attribute("type") = "submit";
    session_.send_iq(iq, [this, jid = r.jid](const IqResponse& resp) {
        if (resp.kind == IqResponse::Kind::Error || resp.kind == IqResponse::Kind::Timeout)
            session_.emit(RoomError{jid, resp.error});
    });
}

// [SECTION] Presence

bool Muc::handle(const Stanza& s) {
    if (s.name == "message") return handle_message(s);
    if (s.name != "presence" || !s.from) return false;
    auto it = rooms_.find(s.from->bare());
    if (it == rooms_.end()) return false;
    return handle_presence(s, it->second);
}

// Every presence from a room we know is ours: occupants are not contacts.
bool Muc::handle_presence(const Stanza& s, MucRoom& r) {
    if (r.state == RoomState::Left) return true;
    const std::string& nick = s.from->resource;
    if (s.type == "error") {
        const StanzaError e = error_of(s);
        if (r.state == RoomState::Joining) {
            r.state = RoomState::Left;
            r.occupants.clear();
            session_.emit(RoomJoinFailed{r.jid, e.condition, join_error_sentence(e)});
        } else if (!nick.empty() && nick != r.nick) {
            session_.emit(RoomError{r.jid, e});  // a nick change refused (§7.6)
        } else {
            r.state = RoomState::Left;  // the room no longer knows us
            r.occupants.clear();
            session_.emit(RoomLeft{r.jid, RoomLeft::Error, e.sentence(), {}});
        }
        return true;
    }
    if ((s.type != "" && s.type != "unavailable") || nick.empty()) return true;
    const MucUser u = read_muc_user(s.node);
    const bool available = s.type.empty();
    // §7.2.2: about us (MUST be there; a nick alone is not enough). §10.9: a destroyed room's
    // <destroy/> presence ends our stay whatever it names: the room is gone for everyone, and the
    // XEP's own example (which ejabberd follows) carries no 110.
    if (u.has(110) || (!available && u.destroy)) {
        self_presence(s, r, available);
        return true;
    }
    const bool joined = r.state == RoomState::Joined;
    auto it = r.occupants.find(nick);
    if (!available && u.has(303)) {  // §7.6: a nick change, not a leave and a join
        const std::string new_nick = u.item.attribute("nick").value();
        const JidResult to = Jid::parse(r.jid.bare() + "/" + new_nick);
        if (new_nick.empty() || !to.ok()) return true;
        if (it != r.occupants.end()) {
            Occupant o = std::move(it->second);
            r.occupants.erase(it);
            o.nick = to.jid.resource;
            r.occupants[o.nick] = std::move(o);
        }
        if (joined) session_.emit(OccupantChanged{r.jid, nick, OccupantChanged::NickChanged, to.jid.resource, {}});
        return true;
    }
    if (!available) {
        if (it == r.occupants.end()) return true;
        r.occupants.erase(it);
        if (!joined) return true;
        const auto kind = u.has(301) ? OccupantChanged::Banned
                          : u.has(307) ? OccupantChanged::Kicked
                                       : OccupantChanged::Left;
        // §7.14: a leaving occupant's status; §9.1/§9.2: the moderator's reason.
        const std::string_view why = kind == OccupantChanged::Left ? own_child(s.node, "status").text().get()
                                                                    : child_text(u.item, "reason");
        const std::string reason = cap_utf8(why, kMaxStatusBytes);
        session_.emit(OccupantChanged{r.jid, nick, kind, {}, reason});
        return true;
    }
    Occupant o = read_occupant(s, u);
    if (it != r.occupants.end()) {
        if (it->second == o) return true;
        it->second = std::move(o);
        if (joined) session_.emit(OccupantChanged{r.jid, nick, OccupantChanged::Changed, {}, {}});
        return true;
    }
    if (r.occupants.size() >= kMaxOccupants) return true;
    r.occupants.emplace(nick, std::move(o));
    // §7.2.3: before our own presence comes the room's list, which is not news.
    if (joined) session_.emit(OccupantChanged{r.jid, nick, OccupantChanged::Joined, {}, {}});
    return true;
}

void Muc::self_presence(const Stanza& s, MucRoom& r, bool available) {
    const MucUser u = read_muc_user(s.node);
    const std::string& nick = s.from->resource;
    if (!available && u.has(303)) {  // our own nick change went through
        const JidResult to = Jid::parse(r.jid.bare() + "/" + std::string(u.item.attribute("nick").value()));
        if (!to.ok() || to.jid.resource.empty()) return;
        auto it = r.occupants.find(nick);
        Occupant o = it != r.occupants.end() ? std::move(it->second) : Occupant{};
        if (it != r.occupants.end()) r.occupants.erase(it);
        o.nick = r.nick = to.jid.resource;
        r.occupants[o.nick] = std::move(o);
        if (r.state == RoomState::Joined)
            session_.emit(OccupantChanged{r.jid, nick, OccupantChanged::NickChanged, r.nick, {}});
        return;
    }
    if (!available) {
        RoomLeft left{r.jid, RoomLeft::SelfLeft, cap_utf8(child_text(u.item, "reason"), kMaxStatusBytes), {}};
        if (u.destroy) {  // §10.9
            left.reason = RoomLeft::Destroyed;
            left.text = cap_utf8(child_text(u.destroy, "reason"), kMaxStatusBytes);
            left.alternative = room_jid(u.destroy.attribute("jid").value());
        } else if (u.has(301)) left.reason = RoomLeft::Banned;
        else if (u.has(307)) left.reason = RoomLeft::Kicked;
        else if (u.has(321)) left.reason = RoomLeft::AffiliationChanged;
        else if (u.has(322)) left.reason = RoomLeft::MembersOnly;
        else if (u.has(332)) left.reason = RoomLeft::Shutdown;
        else if (u.has(333)) left.reason = RoomLeft::Error;
        r.state = RoomState::Left;
        r.occupants.clear();
        session_.emit(std::move(left));
        return;
    }
    Occupant o = read_occupant(s, u);
    r.nick = nick;  // 210: the service may have changed it
    if (r.state == RoomState::Joining) {
        r.occupants[nick] = std::move(o);  // ourselves, even past kMaxOccupants
        r.state = RoomState::Joined;
        r.created = u.has(201);
        if (r.created) make_instant(r);
        session_.emit(RoomJoined{r.jid, nick, r.created, u.has(210)});
        return;
    }
    auto it = r.occupants.find(nick);
    if (it != r.occupants.end() && it->second == o) return;
    r.occupants[nick] = std::move(o);
    session_.emit(OccupantChanged{r.jid, nick, OccupantChanged::Changed, {}, {}});
}

// [SECTION] Messages

bool Muc::handle_invitation(const Stanza& s) {
    if (s.type == "error") return false;
    if (pugi::xml_node x = s.child("x", kNsConference)) {  // XEP-0249
        if (std::optional<Jid> r = room_jid(x.attribute("jid").value()))
            session_.emit(RoomInvitation{*r, *s.from, cap_utf8(x.attribute("reason").value(), kMaxStatusBytes),
                                         cap_utf8(x.attribute("password").value(), kMaxStatusBytes), true});
        return true;
    }
    pugi::xml_node x = s.child("x", kNsMucUser);
    pugi::xml_node invite = child(x, "invite", kNsMucUser);
    if (!invite) return static_cast<bool>(child(x, "decline", kNsMucUser));  // declines: taken, not shown
    // §7.8.2: from the room's bare address, naming who invites.
    const std::optional<Jid> r = room_jid(s.from->full());
    const JidResult from = Jid::parse(invite.attribute("from").value());
    if (r && from.ok())
        session_.emit(RoomInvitation{*r, from.jid, cap_utf8(child_text(invite, "reason"), kMaxStatusBytes),
                                     cap_utf8(child_text(x, "password"), kMaxStatusBytes), false});
    return true;
}

bool Muc::handle_message(const Stanza& s) {
    if (!s.from) return false;
    if (handle_invitation(s)) return true;
    auto it = rooms_.find(s.from->bare());
    if (it == rooms_.end()) return s.type == "groupchat";  // not a room we are in: dropped
    MucRoom& r = it->second;
    if (s.type == "error") {
        session_.emit(RoomError{r.jid, error_of(s)});
        return true;
    }
    if (r.state == RoomState::Left) return true;
    const std::string& nick = s.from->resource;

    Message m;
    m.id = std::string(s.id);
    m.type = s.type == "groupchat" || s.type == "chat" ? std::string(s.type) : "normal";
    m.from = *s.from;
    m.to = s.to ? *s.to : session_.own_jid();
    pugi::xml_node body = own_child(s.node, "body"), subject = own_child(s.node, "subject"), delay;
    m.body = cap_utf8(body.text().get(), kMaxBodyBytes);
    m.subject = cap_utf8(subject.text().get(), kMaxSubjectBytes);
    m.thread = cap_utf8(own_child(s.node, "thread").text().get(), kMaxStatusBytes);
    std::string stanza_id;
    for (pugi::xml_node c = s.node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (is(c, "origin-id", kNsSid)) m.origin_id = cap_utf8(c.attribute("id").value(), kMaxStatusBytes);
        else if (is(c, "delay", kNsDelay) && !delay) delay = c;
        else if (is(c, "stanza-id", kNsSid) && stanza_id.empty()) {
            // XEP-0359 §5: only the room's own stamp counts; anyone can write the element.
            const JidResult by = Jid::parse(c.attribute("by").value());
            if (by.ok() && by.jid == r.jid) stanza_id = cap_utf8(c.attribute("id").value(), kMaxStatusBytes);
        }
    }

    if (s.type != "groupchat") {
        // §7.5: a private message from an occupant, never a contact's; the room's own notices
        // (decline notices, forms for moderators) are not shown.
        if (!nick.empty() && !m.body.empty()) session_.emit(RoomPrivateMessage{r.jid, nick, std::move(m)});
        return true;
    }
    if (subject && !body) {  // §8.1: a subject change (or the current subject, on entering)
        r.subject = m.subject;
        r.subject_nick = nick;
        session_.emit(RoomSubject{r.jid, m.subject, nick});
        return true;
    }
    if (m.body.empty()) return true;
    const Millis stamp = delay ? parse_datetime(delay.attribute("stamp").value()).value_or(0) : 0;
    Seen& seen = seen_[it->first];
    if (!stanza_id.empty()) {
        if (!seen.insert(fnv({"s", stanza_id}))) return true;
    } else if (delay) {
        if (!seen.insert(fnv({"d", nick, std::to_string(stamp), m.body}))) return true;
    }
    const bool from_occupant = !nick.empty() && r.occupants.count(nick) > 0;
    session_.emit(RoomMessage{r.jid, nick, std::move(m), stamp, static_cast<bool>(delay), from_occupant, stanza_id});
    return true;
}

void Muc::on_closed() {
    for (auto& [key, r] : rooms_) {
        r.state = RoomState::Left;
        r.occupants.clear();
    }
    discovery_.reset();
}

// [SECTION] Discovery

struct Muc::Discovery {
    bool finished = false;
    std::optional<Jid> result;
    std::vector<std::function<void(std::optional<Jid>)>> waiting;
    std::vector<Jid> items;
    std::vector<int> answers;  // per item: -1 waiting, 0 not a MUC service, 1 one
};

namespace {

pugi::xml_node query_of(const IqResponse& r, std::string_view ns) { return child(r.stanza, "query", ns); }

// The <item jid=.../> of a disco#items result, valid JIDs only.
std::vector<std::pair<Jid, std::string>> disco_items(const IqResponse& r, std::size_t max) {
    std::vector<std::pair<Jid, std::string>> out;
    pugi::xml_node q = query_of(r, kNsDiscoItems);
    for (pugi::xml_node c = q.first_child(); c && out.size() < max; c = c.next_sibling()) {
        if (!is(c, "item", kNsDiscoItems)) continue;
        JidResult j = Jid::parse(c.attribute("jid").value());
        if (j.ok()) out.emplace_back(std::move(j.jid), cap_utf8(c.attribute("name").value(), Muc::kMaxStatusBytes));
    }
    return out;
}

// §6.2: a MUC service names itself with identity conference/text.
bool is_muc_service(const IqResponse& r) {
    for (pugi::xml_node c = query_of(r, kNsDiscoInfo).first_child(); r.ok() && c; c = c.next_sibling())
        if (is(c, "identity", kNsDiscoInfo) && std::string_view(c.attribute("category").value()) == "conference" &&
            std::string_view(c.attribute("type").value()) == "text")
            return true;
    return false;
}

// §6.4: a room's name, locks (features) and occupant count (the muc#roominfo form, §15.5.4).
void read_room_info(const IqResponse& r, Muc::RoomInfo& room) {
    for (pugi::xml_node c = query_of(r, kNsDiscoInfo).first_child(); r.ok() && c; c = c.next_sibling()) {
        const std::string_view n = local_name(c), var = c.attribute("var").value();
        if (n == "identity" && std::string_view(c.attribute("category").value()) == "conference" &&
            *c.attribute("name").value()) {
            room.name = cap_utf8(c.attribute("name").value(), Muc::kMaxStatusBytes);
        } else if (n == "feature") {
            room.password = room.password || var == "muc_passwordprotected";
            room.members_only = room.members_only || var == "muc_membersonly";
        } else if (is(c, "x", kNsDataForms)) {
            const std::optional<DataForm> form = DataForm::parse(c);
            const FormField* f = form ? form->field("muc#roominfo_occupants") : nullptr;
            const std::string_view v = f && !f->values.empty() ? trim_space(f->values[0]) : "";
            if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string_view::npos) continue;
            room.occupants = 0;
            for (char ch : v) room.occupants = room.occupants * 10 + (ch - '0');
        }
    }
}

pugi::xml_node iq_get(pugi::xml_document& doc, const Jid& to, std::string_view ns) {
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "get";
    iq.append_attribute("to") = to.full().c_str();
    append_ns(iq, "query", ns);
    return iq;
}

}  // namespace

void Muc::discover_service(std::function<void(std::optional<Jid>)> done) {
    if (discovery_ && discovery_->finished) {
        done(discovery_->result);
        return;
    }
    if (discovery_) {
        discovery_->waiting.push_back(std::move(done));
        return;
    }
    auto d = discovery_ = std::make_shared<Discovery>();
    d->waiting.push_back(std::move(done));
    // Completes every waiting caller; a failed items query is not kept, so a later call retries.
    auto finish = [this](const std::shared_ptr<Discovery>& dd, std::optional<Jid> result, bool keep) {
        if (dd->finished) return;
        dd->finished = true;
        dd->result = result;
        if (!keep && discovery_ == dd) discovery_.reset();
        for (auto& w : std::exchange(dd->waiting, {})) w(result);
    };
    pugi::xml_document doc;
    pugi::xml_node iq = iq_get(doc, Jid{{}, session_.own_jid().domain, {}}, kNsDiscoItems);
    session_.send_iq(iq, [this, d, finish](const IqResponse& r) {
        if (!r.ok()) return finish(d, std::nullopt, false);
        for (auto& [jid, name] : disco_items(r, kMaxServiceItems)) d->items.push_back(jid);
        if (d->items.empty()) return finish(d, std::nullopt, true);
        d->answers.assign(d->items.size(), -1);
        for (std::size_t i = 0; i < d->items.size(); ++i) {
            pugi::xml_document info;
            session_.send_iq(iq_get(info, d->items[i], kNsDiscoInfo), [d, i, finish](const IqResponse& ri) {
                d->answers[i] = is_muc_service(ri) ? 1 : 0;
                // The first item in the server's order wins: wait for those before it.
                for (std::size_t k = 0; k < d->answers.size(); ++k) {
                    if (d->answers[k] < 0) return;
                    if (d->answers[k] == 1) return finish(d, d->items[k], true);
                }
                finish(d, std::nullopt, true);
            });
        }
    });
}

void Muc::browse(const Jid& service, std::function<void(std::vector<RoomInfo>, std::optional<StanzaError>)> done) {
    struct Browse {
        std::vector<RoomInfo> rooms;
        std::size_t pending = 0;
        std::function<void(std::vector<RoomInfo>, std::optional<StanzaError>)> done;
    };
    auto b = std::make_shared<Browse>();
    b->done = std::move(done);
    pugi::xml_document doc;
    session_.send_iq(iq_get(doc, service, kNsDiscoItems), [this, b](const IqResponse& r) {
        if (!r.ok()) return b->done({}, r.error);
        for (auto& [jid, name] : disco_items(r, kMaxBrowseItems))
            if (jid.is_bare() && !jid.local.empty()) b->rooms.push_back(RoomInfo{jid, name});
        b->pending = std::min(b->rooms.size(), kMaxBrowseInfo);
        if (b->pending == 0) return b->done(std::move(b->rooms), std::nullopt);
        for (std::size_t i = 0, count = b->pending; i < count; ++i) {
            pugi::xml_document info;
            session_.send_iq(iq_get(info, b->rooms[i].jid, kNsDiscoInfo), [b, i](const IqResponse& ri) {
                read_room_info(ri, b->rooms[i]);
                if (--b->pending == 0) b->done(std::move(b->rooms), std::nullopt);
            });
        }
    });
}

}  // namespace xmpp
