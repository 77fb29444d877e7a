// The app's part of "never lose a message" across reloads: what it keeps on this computer
// (app/saved.h) and how it comes back.
#include "app/app.h"

#include "xmpp/muc.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"
#include "xmpp/scram.h"

namespace app {

namespace {

constexpr xmpp::Millis kSaveEvery = 1000;  // chats and roster at most once a second

// Changes when what a conversation would save changes (the newest 100 messages).
std::size_t fingerprint(const Conversation& c) {
    std::size_t h = std::hash<std::size_t>{}(c.messages.size()) ^ static_cast<std::size_t>(c.unread) * 31;
    std::size_t from = c.messages.size() > 100 ? c.messages.size() - 100 : 0;
    for (std::size_t i = from; i < c.messages.size(); ++i) {
        const ChatMessage& m = c.messages[i];
        h = h * 1099511628211u ^ std::hash<std::string>{}(m.id) ^ (static_cast<std::size_t>(m.state) << 3) ^ m.body.size() ^
            std::hash<std::string>{}(m.archive_id);
    }
    return h;
}

std::size_t fingerprint(const xmpp::Roster& r) {
    std::size_t h = std::hash<std::string>{}(r.version()) ^ r.items().size();
    for (const auto& [jid, item] : r.items())
        h = h * 1099511628211u ^ std::hash<std::string>{}(jid.bare()) ^ std::hash<std::string>{}(item.name) ^
            static_cast<std::size_t>(item.subscription) ^ (item.ask_subscribe ? 7 : 0);
    return h;
}

}  // namespace

bool App::restore_saved() {
    std::optional<Remembered> r = read_remembered(platform_.load("remember"));
    std::optional<xmpp::ScramKeys> keys = r ? xmpp::decode_scram_keys(r->scram_keys) : std::nullopt;
    if (!keys) {
        platform_.erase("remember");
        return false;
    }
    std::string prefix = account_prefix(r->jid);
    chats_.clear();
    if (std::optional<SavedChatList> list = read_chat_list(platform_.load(prefix + "chats"))) {
        for (const xmpp::Jid& peer : list->all)
            if (std::optional<Conversation> c = read_chat(platform_.load(prefix + "chat:" + peer.full())); c && c->peer == peer)
                chats_.restore(std::move(*c));
        chats_.restore_open(list->open);
        if (list->active && std::find(list->open.begin(), list->open.end(), *list->active) != list->open.end())
            chats_.open(*list->active);
    }
    outbox_ = read_outbox(platform_.load(prefix + "outbox")).value_or(std::vector<OutboxEntry>{});
    state_.rooms.clear();
    for (SavedRoom& kept : read_rooms(platform_.load(prefix + "rooms"))) {
        RoomStatus room;
        room.jid = std::move(kept.jid);
        room.nick = std::move(kept.nick);
        room.last_ms = kept.last_ms;
        room.state = RoomStatus::State::Joining;
        state_.rooms.push_back(std::move(room));
    }
    for (const RoomStatus& room : state_.rooms) chats_.set_room_nick(room.jid, room.nick);
    restore_session_ = platform_.load(prefix + "session");
    std::string url = config.websocket_url.empty() ? r->websocket_url : config.websocket_url;
    remember_ = restoring_ = true;  // before the client exists: on_client() gives it the kept roster and session
    restored_once_ = false;
    std::string error = account_.log_in(r->jid.bare(), {}, url, keys);
    if (!error.empty()) {
        platform_.erase("remember");
        remember_ = restoring_ = false;
        chats_.clear();
        outbox_.clear();
        return false;
    }
    account_.keep_trying();
    // A new session (not a resumption) catches up from the newest archive id kept, or from the
    // newest message kept.
    session_ms_ = 0;
    for (const xmpp::Jid& peer : chats_.peers())
        if (const Conversation* c = chats_.find(peer); c && !c->messages.empty())
            session_ms_ = std::max(session_ms_, c->messages.back().time_ms);
    state_.jid = r->jid.bare();
    roster_dirty_ = true;
    refresh();
    return true;
}

// A new client for this account: the roster it had (so a versioned roster request asks only
// for changes) and, the first time after a reload, the session to resume.
void App::on_client(xmpp::Client& client) {
    if (!remember_) return;
    std::string prefix = account_prefix(account_.address());
    if (std::optional<SavedRoster> roster = read_roster(platform_.load(prefix + "roster")))
        client.get<xmpp::Roster>().restore(roster->version, roster->items);
    if (!restoring_ || restored_once_) return;
    restored_once_ = true;
    if (!restore_session_.empty() && client.restore_session(restore_session_, platform_.now())) {
        rejoin_after_reload(client);  // what waits is in the session's queue
    } else {
        // No session to resume: what was waiting in it goes through the outbox, same ids.
        for (const std::pair<xmpp::Jid, ChatMessage>& w : chats_.waiting()) {
            const std::string& id = w.second.id;
            if (std::any_of(outbox_.begin(), outbox_.end(), [&](const OutboxEntry& o) { return o.message.id == id; })) continue;
            outbox_.push_back(outbox_entry(w.first, id, w.second.body, w.second.time_ms));
        }
    }
    restore_session_.clear();
}

// A session kept by the server for a page that was reloaded: the kept snapshot brought our
// presence and the contacts' back (what changed since, the server sends again), but not the
// groups. Joining again goes first in the queue, so the group's messages the server sends
// again are taken; for the room it is a presence from an occupant it has, answered with our
// own presence (status 110), or a join when the room let us go meanwhile.
void App::rejoin_after_reload(xmpp::Client& client) {
    xmpp::Muc& muc = client.get<xmpp::Muc>();
    for (RoomStatus& r : state_.rooms)
        if (r.state == RoomStatus::State::Joined || r.state == RoomStatus::State::Joining) {
            r.state = RoomStatus::State::Joining;
            muc.join(r.jid, r.nick, r.password, r.last_ms);
        }
}

void App::save_outbox() {
    if (!remember_) return;
    std::string key = account_prefix(account_.address()) + "outbox";
    if (outbox_.empty()) platform_.erase(key);
    else platform_.store(key, app::save_outbox(outbox_));
}

// Forgets the kept session and keys ("remember me" off for the next visit); `everything`:
// also the chats, roster and outbox (a public computer).
void App::forget_saved(const xmpp::Jid& account, bool everything) {
    if (account.domain.empty()) return;
    std::optional<Remembered> r = read_remembered(platform_.load("remember"));
    if (!r || r->jid == account.bare_jid()) platform_.erase("remember");  // another account's stays
    std::string prefix = account_prefix(account);
    if (everything) platform_.erase(prefix);
    else platform_.erase(prefix + "session");
}

void App::persist(bool force) {
    if (!remember_) return;
    xmpp::Millis now = platform_.now();
    if (!force && now < next_save_) {  // called every frame: nothing else before this
        save_pending_ = true;  // the platform calls persist_now() a little later
        return;
    }
    save_pending_ = false;
    next_save_ = now + kSaveEvery;
    const xmpp::Client* client = account_.client();
    std::string prefix = account_prefix(account_.address());
    if (client && client->get<xmpp::Roster>().items().size() + client->get<xmpp::Roster>().version().size() > 0) {
        const xmpp::Roster& roster = client->get<xmpp::Roster>();
        std::size_t print = fingerprint(roster);
        if (print != saved_roster_) {
            platform_.store(prefix + "roster", save_roster(roster.version(), roster.items()));
            saved_roster_ = print;
        }
    }
    std::vector<xmpp::Jid> peers = chats_.peers();
    for (const xmpp::Jid& peer : peers) {
        const Conversation* c = chats_.find(peer);
        if (!c || c->messages.empty()) continue;
        std::size_t print = fingerprint(*c);
        auto it = saved_chats_.find(peer);
        if (it != saved_chats_.end() && it->second == print) continue;
        platform_.store(prefix + "chat:" + peer.full(), save_chat(*c));
        saved_chats_[peer] = print;
    }
    // The session to resume after a reload, written with the chats (one storage transaction):
    // its count of stanzas handled never runs ahead of the messages kept. An older one only
    // makes the server send again what is already here (de-duplicated).
    if (client) {
        std::string session = client->save_session();
        if (session != saved_session_) {
            if (session.empty()) platform_.erase(prefix + "session");
            else platform_.store(prefix + "session", session);
            saved_session_ = std::move(session);
        }
    }
    std::vector<SavedRoom> kept;
    for (const RoomStatus& room : state_.rooms)
        if (room.state == RoomStatus::State::Joined || room.state == RoomStatus::State::Joining)
            kept.push_back({room.jid, room.nick, room.last_ms});
    std::string rooms = save_rooms(kept);
    if (rooms != saved_rooms_) {
        platform_.store(prefix + "rooms", rooms);
        saved_rooms_ = std::move(rooms);
    }
    std::string list = save_chat_list(peers, chats_.open_chats(), chats_.active());
    if (list != saved_list_) {
        platform_.store(prefix + "chats", list);
        saved_list_ = std::move(list);
    }
}

}  // namespace app
