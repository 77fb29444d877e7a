// One-to-one conversations for the screens.
#include "app/chats.h"

#include "app/i18n.h"

#include <algorithm>
#include <set>

namespace app {

// Why a message bounced, in the words of a chat (RFC 6120 §8.3.3 conditions).
static std::string bounce_reason(const xmpp::StanzaError& e) {
    std::string s;
    if (e.condition == "service-unavailable" || e.condition == "item-not-found")
        s = tr("This address does not exist, or does not accept messages.");
    else if (e.condition == "remote-server-not-found" || e.condition == "remote-server-timeout")
        s = tr("Their server could not be reached.");
    else if (e.condition == "forbidden" || e.condition == "not-allowed" || e.condition == "not-authorized")
        s = tr("They do not accept messages from you.");
    else if (e.condition == "policy-violation" || e.condition == "resource-constraint")
        s = tr("The server refused it (too many messages, or against its rules).");
    else
        return tr_sentence(e.sentence());
    if (!e.text.empty()) s = fmt(tr("{0} The server said: \"{1}\""), s, e.text);
    return s;
}

Conversation& Chats::conversation(const xmpp::Jid& key, Conversation::Kind kind) {
    auto [it, added] = conversations_.try_emplace(key);
    if (added) {
        it->second.peer = key;
        it->second.kind = kind;
    }
    return it->second;
}

xmpp::Jid Chats::key(const xmpp::Jid& jid) const {
    if (!jid.resource.empty()) {
        auto it = conversations_.find(jid);
        if (it != conversations_.end() && it->second.kind == Conversation::Kind::RoomPrivate) return jid;
    }
    return jid.bare_jid();
}

void Chats::add(Conversation& c, ChatMessage m) {
    bool counts = m.kind == ChatMessage::Kind::Text && !m.outgoing && !m.delayed;
    if (counts && (!active_ || *active_ != c.peer)) {
        ++c.unread;
        if (m.mention) ++c.mentions;
    }
    c.messages.push_back(std::move(m));
}

// True when `body` names `nick` as a word (case-insensitive for ASCII letters).
static bool mentions(const std::string& body, const std::string& nick) {
    if (nick.empty() || body.size() < nick.size()) return false;
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    auto word = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'; };
    for (std::size_t i = 0; i + nick.size() <= body.size(); ++i) {
        bool same = true;
        for (std::size_t k = 0; k < nick.size() && same; ++k) same = lower(body[i + k]) == lower(nick[k]);
        if (!same) continue;
        bool before = i == 0 || !word(body[i - 1]);
        bool after = i + nick.size() == body.size() || !word(body[i + nick.size()]);
        if (before && after) return true;
    }
    return false;
}

// A message from an archive (ours or a group's) as a conversation keeps it; `outgoing`: ours.
static ChatMessage from_archive(const xmpp::ArchivedMessage& a, bool outgoing) {
    ChatMessage m;
    m.id = a.message.origin_id.empty() ? a.message.id : a.message.origin_id;
    m.archive_id = a.archive_id;
    m.outgoing = outgoing;
    m.state = outgoing ? ChatMessage::State::Acked : ChatMessage::State::Received;
    m.body = a.message.body;
    m.time_ms = a.stamp;
    return m;
}

static ChatMessage notice(std::string text, std::int64_t now_ms) {
    ChatMessage m;
    m.kind = ChatMessage::Kind::Notice;
    m.body = std::move(text);
    m.time_ms = now_ms;
    return m;
}

bool Chats::room_event(const xmpp::Event& event, std::int64_t now_ms) {
    using K = Conversation::Kind;
    if (auto* r = std::get_if<xmpp::RoomMessage>(&event)) {
        Conversation& c = conversation(r->room, K::Room);
        const std::string& own = nicks_[r->room];
        if (!r->message.origin_id.empty() && r->nick == own) {  // the room's echo of ours
            for (auto m = c.messages.rbegin(); m != c.messages.rend(); ++m)
                if (m->outgoing && m->id == r->message.origin_id) return false;
        }
        if (r->delayed && room_has(c, r->stanza_id, r->nick, r->message.body)) return false;  // history we have
        ChatMessage m;
        m.id = r->message.id;
        m.body = r->message.body;
        m.nick = r->nick;
        m.outgoing = !own.empty() && r->nick == own;
        m.state = m.outgoing ? ChatMessage::State::Sent : ChatMessage::State::Received;
        m.from_occupant = r->from_occupant || r->nick.empty();
        m.delayed = r->delayed;
        m.time_ms = r->stamp > 0 ? r->stamp : now_ms;
        m.mention = !m.outgoing && mentions(m.body, own);
        m.archive_id = r->stanza_id;
        if (r->nick.empty()) m.kind = ChatMessage::Kind::Notice;  // from the room itself
        add(c, std::move(m));
        return true;
    }
    if (auto* s = std::get_if<xmpp::RoomSubject>(&event)) {
        if (s->subject.empty() && s->nick.empty()) return false;  // a new room's empty subject says nothing
        std::string text = s->nick.empty() ? (s->subject.empty() ? std::string(tr("The subject: (none)"))
                                                                 : fmt(tr("The subject: {0}"), s->subject))
                           : s->subject.empty() ? fmt(tr("{0} set the subject: (none)"), s->nick)
                                                : fmt(tr("{0} set the subject: {1}"), s->nick, s->subject);
        add(conversation(s->room, K::Room), notice(text, now_ms));
        return true;
    }
    if (auto* j = std::get_if<xmpp::RoomJoined>(&event)) {
        nicks_[j->room] = j->nick;
        std::string text = fmt(tr("You joined as {0}."), j->nick);
        if (j->created) text += std::string(" ") + tr("The room was new: it was created for you, open to everyone.");
        if (j->nick_changed_by_service) text += std::string(" ") + tr("(The room changed your nickname.)");
        add(conversation(j->room, K::Room), notice(text, now_ms));
        return true;
    }
    if (auto* o = std::get_if<xmpp::OccupantChanged>(&event)) {
        std::string text;
        switch (o->kind) {
        case xmpp::OccupantChanged::Joined: text = fmt(tr("{0} joined."), o->nick); break;
        case xmpp::OccupantChanged::Left: text = fmt(tr("{0} left."), o->nick); break;
        case xmpp::OccupantChanged::NickChanged: text = fmt(tr("{0} is now {1}."), o->nick, o->new_nick); break;
        case xmpp::OccupantChanged::Kicked: text = fmt(tr("{0} was kicked."), o->nick); break;
        case xmpp::OccupantChanged::Banned: text = fmt(tr("{0} was banned."), o->nick); break;
        case xmpp::OccupantChanged::Changed: return false;  // presence or role: the list shows it
        }
        if ((o->kind == xmpp::OccupantChanged::Kicked || o->kind == xmpp::OccupantChanged::Banned) && !o->reason.empty())
            text += " " + fmt(tr("Reason: {0}"), o->reason);
        if (o->kind == xmpp::OccupantChanged::NickChanged && nicks_[o->room] == o->nick) nicks_[o->room] = o->new_nick;
        add(conversation(o->room, K::Room), notice(text, now_ms));
        return true;
    }
    if (auto* l = std::get_if<xmpp::RoomLeft>(&event)) {
        std::string text;
        switch (l->reason) {
        case xmpp::RoomLeft::SelfLeft: text = tr("You left the room."); break;
        case xmpp::RoomLeft::Kicked: text = tr("You were kicked from the room."); break;
        case xmpp::RoomLeft::Banned: text = tr("You were banned from the room."); break;
        case xmpp::RoomLeft::Destroyed: text = tr("The room was closed by its owner."); break;
        case xmpp::RoomLeft::AffiliationChanged: text = tr("You were removed from the room's members."); break;
        case xmpp::RoomLeft::MembersOnly: text = tr("The room became members-only, and you are not a member."); break;
        case xmpp::RoomLeft::Shutdown: text = tr("The chat service is shutting down."); break;
        case xmpp::RoomLeft::Error: text = tr("You are no longer in the room (an error)."); break;
        }
        // The reason is the room's own words, or (an error) a sentence of the core.
        if (!l->text.empty()) text += " " + fmt(tr("Reason: {0}"), l->reason == xmpp::RoomLeft::Error ? tr_sentence(l->text) : l->text);
        if (l->alternative) text += " " + fmt(tr("It moved to {0}."), l->alternative->bare());
        add(conversation(l->room, K::Room), notice(text, now_ms));
        return true;
    }
    if (auto* p = std::get_if<xmpp::RoomPrivateMessage>(&event)) {
        xmpp::Jid peer = p->room;
        peer.resource = p->nick;
        ChatMessage m;
        m.id = p->message.id;
        m.body = p->message.body;
        m.nick = p->nick;
        m.time_ms = now_ms;
        add(conversation(peer, K::RoomPrivate), std::move(m));
        // No contact row shows it: its tab opens (in the background) so it is seen.
        if (std::find(open_.begin(), open_.end(), peer) == open_.end()) open_.push_back(peer);
        return true;
    }
    if (auto* e = std::get_if<xmpp::RoomError>(&event)) {
        add(conversation(e->room, K::Room), notice(fmt(tr("The room refused: {0}"), tr_sentence(e->error.sentence())), now_ms));
        return true;
    }
    return false;
}

void Chats::add_outgoing(const xmpp::Jid& to, Conversation::Kind kind, const xmpp::Message& m, std::int64_t now_ms) {
    Conversation& c = conversation(kind == Conversation::Kind::RoomPrivate ? to : to.bare_jid(), kind);
    ChatMessage out;
    out.id = m.origin_id.empty() ? m.id : m.origin_id;
    out.outgoing = true;
    out.state = ChatMessage::State::Sent;
    out.body = m.body;
    out.time_ms = now_ms;
    if (kind == Conversation::Kind::Room) out.nick = nicks_[to.bare_jid()];
    add(c, std::move(out));
}

void Chats::begin_catch_up() {
    for (auto& [peer, c] : conversations_) c.catch_up_at = c.messages.size();
}

void Chats::add_caught_up(const xmpp::MamPage& page) {
    if (page.error) return;
    for (const xmpp::ArchivedMessage& a : page.messages) {
        const xmpp::Message& msg = a.message;
        if (!a.archive_id.empty()) newest_archive_id_ = a.archive_id, newest_archive_ms_ = a.stamp;
        if ((msg.type != "chat" && msg.type != "normal") || msg.body.empty()) continue;
        xmpp::Jid peer = (a.outgoing ? msg.to : msg.from).bare_jid();
        if (peer.domain.empty() || nicks_.count(peer)) continue;  // a room's private message: not a contact's chat
        bool fresh = !conversations_.count(peer);
        Conversation& c = conversation(peer);
        if (fresh) c.catch_up_at = 0;
        ChatMessage m = from_archive(a, a.outgoing);
        if (has_received(c, a.archive_id, a.outgoing ? std::string() : m.id, msg.body)) continue;
        if (a.outgoing && !m.id.empty() && find_outgoing(peer, m.id)) continue;  // ours, already shown (resent, say)
        if (!m.outgoing && (!active_ || *active_ != c.peer)) ++c.unread;
        std::size_t at = std::min(c.catch_up_at, c.messages.size());
        c.messages.insert(c.messages.begin() + static_cast<std::ptrdiff_t>(at), std::move(m));
        c.catch_up_at = at + 1;
        ++c.relayout;
        if (!a.outgoing && std::find(open_.begin(), open_.end(), peer) == open_.end()) open_.push_back(peer);
    }
}

void Chats::mark_gap(const std::string& text, std::int64_t now_ms) {
    for (auto& [peer, c] : conversations_) {
        if (c.kind != Conversation::Kind::Contact) continue;
        std::size_t at = std::min(c.catch_up_at, c.messages.size());
        c.messages.insert(c.messages.begin() + static_cast<std::ptrdiff_t>(at), notice(text, now_ms));
        c.catch_up_at = at + 1;
        ++c.relayout;
    }
}

// A group's message already here (history sent again on joining after a reload): the same
// archive id, or, for history without one, the same nickname and text among the recent ones.
bool Chats::room_has(const Conversation& c, const std::string& archive_id, const std::string& nick, const std::string& body) {
    std::size_t looked = 0;
    for (auto m = c.messages.rbegin(); m != c.messages.rend() && looked < 500; ++m, ++looked) {
        if (!archive_id.empty() && m->archive_id == archive_id) return true;
        if (archive_id.empty() && m->kind == ChatMessage::Kind::Text && m->nick == nick && m->body == body) return true;
    }
    return false;
}

// A received message already here: the same archive id, or the same id and text.
bool Chats::has_received(const Conversation& c, const std::string& archive_id, const std::string& id, const std::string& body) {
    std::size_t looked = 0;
    for (auto m = c.messages.rbegin(); m != c.messages.rend() && looked < 2000; ++m, ++looked) {
        if (!archive_id.empty() && m->archive_id == archive_id) return true;
        if (!id.empty() && !m->outgoing && m->id == id && m->body == body) return true;
    }
    return false;
}

Conversation* Chats::find_mut(const xmpp::Jid& peer) {
    auto it = conversations_.find(key(peer));
    return it == conversations_.end() ? nullptr : &it->second;
}

void Chats::add_history(const xmpp::Jid& peer, const xmpp::MamPage& page, bool older) {
    Conversation& c = conversation(peer.bare_jid());
    c.history_loading = false;
    if (page.error) return;
    if (older || c.oldest_archive_id.empty()) {
        if (!page.first.empty()) c.oldest_archive_id = page.first;
        c.history_complete = page.complete || page.messages.empty();
    }
    std::set<std::string> archive, ids;
    for (const ChatMessage& m : c.messages) {
        if (!m.archive_id.empty()) archive.insert(m.archive_id);
        if (!m.id.empty()) ids.insert(m.id);
    }
    std::vector<ChatMessage> found;
    for (const xmpp::ArchivedMessage& a : page.messages) {
        const xmpp::Message& msg = a.message;
        if (msg.type != "chat" && msg.type != "normal") continue;
        if (archive.count(a.archive_id)) continue;
        ChatMessage m = from_archive(a, a.outgoing);
        if (!m.id.empty() && ids.count(m.id)) continue;  // already here (live, or sent by us)
        m.delayed = true;
        found.push_back(std::move(m));
    }
    if (found.empty()) return;
    c.messages.insert(c.messages.begin(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    std::stable_sort(c.messages.begin(), c.messages.end(),
                     [](const ChatMessage& x, const ChatMessage& y) { return x.time_ms < y.time_ms; });
    ++c.prepended;
}

void Chats::add_room_history(const xmpp::Jid& room, const xmpp::MamPage& page) {
    Conversation& c = conversation(room.bare_jid(), Conversation::Kind::Room);
    c.history_loading = false;
    if (page.error) {
        c.history_complete = true;  // no archive there, or it refused: not asked again
        return;
    }
    if (!page.first.empty()) c.oldest_archive_id = page.first;
    c.history_complete = page.complete || page.messages.empty();
    std::set<std::string> archive;
    std::set<std::pair<std::string, std::string>> said;  // nick and text of what is shown
    for (const ChatMessage& m : c.messages) {
        if (!m.archive_id.empty()) archive.insert(m.archive_id);
        if (m.kind == ChatMessage::Kind::Text) said.emplace(m.nick, m.body);
    }
    const std::string& own = nicks_[room.bare_jid()];
    std::vector<ChatMessage> found;
    for (const xmpp::ArchivedMessage& a : page.messages) {
        if (a.message.type != "groupchat" || a.message.body.empty() || archive.count(a.archive_id)) continue;
        std::string nick = a.nick.empty() ? a.message.from.resource : a.nick;
        if (said.count({nick, a.message.body})) continue;
        ChatMessage m = from_archive(a, a.outgoing || (!own.empty() && nick == own));
        m.nick = nick;
        m.delayed = true;
        m.mention = !m.outgoing && mentions(m.body, own);
        found.push_back(std::move(m));
    }
    if (found.empty()) return;
    c.messages.insert(c.messages.begin(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    ++c.prepended;
}

void Chats::add_pending(const xmpp::Jid& to, const xmpp::Message& m, std::int64_t now_ms) {
    ChatMessage out;
    out.id = m.id;
    out.outgoing = true;
    out.state = ChatMessage::State::Pending;
    out.body = m.body;
    out.time_ms = now_ms;
    add(conversation(to.bare_jid()), std::move(out));
}

ChatMessage* Chats::find_outgoing(const xmpp::Jid& to, const std::string& id) {
    auto it = conversations_.find(key(to));
    if (it == conversations_.end()) return nullptr;
    for (auto m = it->second.messages.rbegin(); m != it->second.messages.rend(); ++m)
        if (m->outgoing && m->id == id) return &*m;
    return nullptr;
}

void Chats::mark_failed(const xmpp::Jid& to, const std::string& id, std::string reason) {
    if (ChatMessage* m = find_outgoing(to, id)) {
        m->state = ChatMessage::State::Failed;
        m->error = std::move(reason);
        if (Conversation* c = find_mut(to)) ++c->relayout;  // the reason takes lines
    }
}

void Chats::mark_waiting(const xmpp::Jid& to, const std::string& id) {
    ChatMessage* m = find_outgoing(to, id);
    if (m && m->state == ChatMessage::State::Sent) m->state = ChatMessage::State::Pending;
}

void Chats::mark_waiting_sent() {
    for (auto& [peer, c] : conversations_) {
        if (c.kind != Conversation::Kind::Contact) continue;
        for (ChatMessage& m : c.messages)
            if (m.outgoing && m.state == ChatMessage::State::Pending) m.state = ChatMessage::State::Sent;
    }
}

std::vector<std::pair<xmpp::Jid, ChatMessage>> Chats::waiting() const {
    std::vector<std::pair<xmpp::Jid, ChatMessage>> out;
    for (const auto& [peer, c] : conversations_)
        if (c.kind == Conversation::Kind::Contact)
            for (const ChatMessage& m : c.messages)
                if (m.outgoing && m.state == ChatMessage::State::Pending) out.emplace_back(peer, m);
    return out;
}

ChatMessage* Chats::find_failed(const xmpp::Jid& to, const std::string& id) {
    ChatMessage* m = find_outgoing(to, id);
    return m && m->state == ChatMessage::State::Failed ? m : nullptr;
}

void Chats::mark_retried(const xmpp::Jid& to, const std::string& id, ChatMessage::State state, const std::string& new_id) {
    ChatMessage* m = find_failed(to, id);
    if (!m) return;
    m->state = state;
    m->error.clear();
    if (!new_id.empty()) m->id = new_id;
    if (Conversation* c = find_mut(to)) ++c->relayout;
}

void Chats::mark_sent(const xmpp::Jid& to, const std::string& id) {
    ChatMessage* m = find_outgoing(to, id);
    if (m && m->state == ChatMessage::State::Pending) m->state = ChatMessage::State::Sent;
}

bool Chats::apply(const xmpp::Event& event, std::int64_t now_ms) {
    if (room_event(event, now_ms)) return true;
    if (auto* carbon = std::get_if<xmpp::MessageCarbonSent>(&event)) {
        // XEP-0280: we wrote it on another device; it belongs to the same conversation.
        const xmpp::Message& m = carbon->message;
        if (m.type != "chat" && m.type != "normal") return false;
        ChatMessage out;
        out.id = m.id;
        out.outgoing = true;
        out.state = ChatMessage::State::Acked;
        out.body = m.body;
        out.time_ms = now_ms;
        add(conversation(m.to.bare_jid()), std::move(out));
        return true;
    }
    if (auto* acked = std::get_if<xmpp::StanzasAcked>(&event)) {
        // XEP-0198: the server has these. Recent messages are searched, newest first.
        bool changed = false;
        for (const std::string& id : acked->ids)
            for (auto& [peer, c] : conversations_) {
                std::size_t looked = 0;
                bool found = false;
                for (auto m = c.messages.rbegin(); m != c.messages.rend() && looked < 500 && !found; ++m, ++looked)
                    if (m->outgoing && m->id == id && m->state == ChatMessage::State::Sent) {
                        m->state = ChatMessage::State::Acked;
                        found = changed = true;
                    }
                if (found) break;
            }
        return changed;
    }
    if (auto* r = std::get_if<xmpp::MessageReceived>(&event)) {
        const xmpp::Message& m = r->message;
        if (m.type != "chat" && m.type != "normal") return false;
        xmpp::Jid peer = m.from.bare_jid();
        ChatMessage in;
        in.id = m.origin_id.empty() ? m.id : m.origin_id;
        in.archive_id = m.stanza_id;
        if (m.markable) in.marker_id = m.id;
        if (!m.stanza_id.empty()) newest_archive_id_ = m.stanza_id, newest_archive_ms_ = now_ms;
        auto known = conversations_.find(peer);
        if (known != conversations_.end() && has_received(known->second, in.archive_id, in.id, m.body))
            return false;  // caught up from the archive already
        in.body = m.body;
        in.time_ms = now_ms;
        add(conversation(peer), std::move(in));
        // Its tab opens in the background: a stranger's message has no contact row to show it.
        if (std::find(open_.begin(), open_.end(), peer) == open_.end()) open_.push_back(peer);
        return true;
    }
    if (auto* s = std::get_if<xmpp::MessageSent>(&event)) {
        if (s->message.type == "groupchat") return false;  // add_outgoing showed it
        ChatMessage out;
        out.id = s->message.id;
        out.outgoing = true;
        out.state = ChatMessage::State::Sent;
        out.body = s->message.body;
        out.time_ms = now_ms;
        add(conversation(s->message.to.bare_jid()), std::move(out));
        return true;
    }
    if (auto* d = std::get_if<xmpp::MessageDelivered>(&event)) {
        // XEP-0184 / XEP-0333 received: that message reached a device of theirs.
        ChatMessage* m = find_outgoing(d->from.bare_jid(), d->id);
        if (!m || m->state == ChatMessage::State::Read || m->state == ChatMessage::State::Failed) return false;
        m->state = ChatMessage::State::Delivered;
        return true;
    }
    if (auto* d = std::get_if<xmpp::MessageDisplayed>(&event)) {
        // XEP-0333 displayed: that message and every one of ours before it were seen.
        auto it = conversations_.find(d->from.bare_jid());
        if (it == conversations_.end()) return false;
        auto& msgs = it->second.messages;
        auto at = std::find_if(msgs.rbegin(), msgs.rend(), [&](const ChatMessage& m) { return m.outgoing && m.id == d->id; });
        if (at == msgs.rend()) return false;
        for (auto m = at; m != msgs.rend(); ++m) {
            if (!m->outgoing || m->state == ChatMessage::State::Failed || m->state == ChatMessage::State::Pending) continue;
            if (m->state == ChatMessage::State::Read) break;  // marks only move forward
            m->state = ChatMessage::State::Read;
        }
        return true;
    }
    if (auto* r = std::get_if<xmpp::ChatRead>(&event)) {  // read on another of our devices
        auto it = conversations_.find(r->peer.bare_jid());
        if (it == conversations_.end() || it->second.unread == 0) return false;
        it->second.unread = it->second.mentions = 0;
        return true;
    }
    if (auto* f = std::get_if<xmpp::MessageFailed>(&event)) {
        // The error comes back with our id (RFC 6120 §8.3); find the message it belongs to.
        if (ChatMessage* m = find_outgoing(f->to, f->id)) {
            m->state = ChatMessage::State::Failed;
            m->error = bounce_reason(f->error);
            if (Conversation* c = find_mut(f->to)) ++c->relayout;  // the reason takes lines
            return true;
        }
    }
    return false;
}

void Chats::open_room(const xmpp::Jid& room) {
    conversation(room.bare_jid(), Conversation::Kind::Room);
    open(room.bare_jid());
}

void Chats::open_private(const xmpp::Jid& occupant) {
    conversation(occupant, Conversation::Kind::RoomPrivate);
    open(occupant);
}

void Chats::open(const xmpp::Jid& peer) {
    xmpp::Jid bare = key(peer);
    conversation(bare);
    if (std::find(open_.begin(), open_.end(), bare) == open_.end()) open_.push_back(bare);
    active_ = bare;
    mark_read(bare);
}

void Chats::restore(Conversation c) {
    if (c.kind == Conversation::Kind::Contact) {
        for (const ChatMessage& m : c.messages)
            if (!m.archive_id.empty() && m.time_ms >= newest_archive_ms_) {
                newest_archive_id_ = m.archive_id;
                newest_archive_ms_ = m.time_ms;
            }
    }
    xmpp::Jid peer = c.peer;
    conversations_[peer] = std::move(c);
}

void Chats::restore_open(const std::vector<xmpp::Jid>& open) {
    for (const xmpp::Jid& p : open)
        if (conversations_.count(p) && std::find(open_.begin(), open_.end(), p) == open_.end()) open_.push_back(p);
}

std::vector<xmpp::Jid> Chats::peers() const {
    std::vector<xmpp::Jid> out;
    for (const auto& [peer, c] : conversations_) out.push_back(peer);
    return out;
}

void Chats::close(const xmpp::Jid& peer) {
    xmpp::Jid bare = key(peer);
    auto it = std::find(open_.begin(), open_.end(), bare);
    if (it == open_.end()) return;
    std::size_t index = static_cast<std::size_t>(it - open_.begin());
    open_.erase(it);
    if (active_ && *active_ == bare) {
        if (open_.empty()) active_.reset();
        else active_ = open_[std::min(index, open_.size() - 1)];
    }
}

void Chats::mark_read(const xmpp::Jid& peer) {
    auto it = conversations_.find(key(peer));
    if (it != conversations_.end()) it->second.unread = it->second.mentions = 0;
}

void Chats::clear() {
    conversations_.clear();
    nicks_.clear();
    newest_archive_id_.clear();
    newest_archive_ms_ = 0;
    open_.clear();
    active_.reset();
}

const Conversation* Chats::find(const xmpp::Jid& peer) const {
    auto it = conversations_.find(key(peer));
    return it == conversations_.end() ? nullptr : &it->second;
}

int Chats::unread(const xmpp::Jid& peer) const {
    const Conversation* c = find(peer);
    return c ? c->unread : 0;
}

int Chats::total_unread() const {
    int n = 0;
    for (const auto& [jid, c] : conversations_) n += c.unread;
    return n;
}

}  // namespace app
