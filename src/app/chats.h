// Conversations as the screens show them: one-to-one chats (by bare JID), group chats (by
// room JID) and private chats with a room's occupant (by room/nick, never mixed with a
// contact's chat): messages, delivery state, unread counts, which are open. Fed by core events.
#pragma once
#include "xmpp/events.h"
#include "xmpp/mam.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace app {

struct ChatMessage {
    // Pending: written while offline, waiting; Sent: handed to the connection; Acked: the
    // server has it (XEP-0198); Delivered: the peer's device has it (XEP-0184/0333);
    // Read: the peer displayed it (XEP-0333); Failed: bounced or given up.
    enum class State { Received, Pending, Sent, Acked, Delivered, Read, Failed };
    enum class Kind { Text, Notice };  // Notice: a quiet line (joins, leaves, subject, ...)
    std::string id;
    bool outgoing = false;
    State state = State::Received;
    std::string body;
    std::string error;  // why it bounced (a sentence), when Failed
    std::int64_t time_ms = 0;  // wall clock, ms since 1970
    Kind kind = Kind::Text;
    std::string nick;            // group chats: who wrote it
    bool from_occupant = true;   // false: the room relayed it from someone not in the room
    bool mention = false;        // it names our nickname
    bool delayed = false;        // room history (XEP-0203)
    std::string archive_id;      // XEP-0313/0359: the server archive's id, when known
    std::string marker_id;       // received, markable (XEP-0333): the id a displayed marker names
};

struct Conversation {
    enum class Kind { Contact, Room, RoomPrivate };
    xmpp::Jid peer;  // bare (contact, room) or room/nick (a room's private chat)
    Kind kind = Kind::Contact;
    std::vector<ChatMessage> messages;
    int unread = 0;
    int mentions = 0;  // unread messages naming us
    // Archive (XEP-0313): what was loaded, the oldest archive id to page back from.
    bool history_asked = false, history_loading = false, history_complete = false;
    std::string oldest_archive_id;
    std::size_t catch_up_at = 0;  // where caught-up messages go (before what came live since)
    int prepended = 0;  // grows when older messages are put in front (the view re-lays out)
    int relayout = 0;   // grows when messages are put in between or change height (the view re-lays out)
    std::string displayed_sent;  // the last message we told the peer we displayed (XEP-0333)
};

class Chats {
public:
    // Applies a core event; true when a conversation changed.
    bool apply(const xmpp::Event& event, std::int64_t now_ms);

    // Opens (or focuses) the chat with `peer` and clears its unread count. A contact's chat
    // is by bare JID; a room's private chat must exist (open_private) to be found by room/nick.
    void open(const xmpp::Jid& peer);
    void open_room(const xmpp::Jid& room);
    void open_private(const xmpp::Jid& occupant);  // room/nick
    // Our message to a room or an occupant, shown at once (the room's echo confirms it).
    void add_outgoing(const xmpp::Jid& to, Conversation::Kind kind, const xmpp::Message& m, std::int64_t now_ms);
    // A message to a contact written while offline: shown as waiting until sent.
    void add_pending(const xmpp::Jid& to, const xmpp::Message& m, std::int64_t now_ms);
    void mark_sent(const xmpp::Jid& to, const std::string& id);
    // Written while the connection is lost and queued for the session's resumption: waiting
    // (Pending) until mark_waiting_sent(), when the session is back (resumed, or a new one
    // that sent again what the old one never confirmed).
    void mark_waiting(const xmpp::Jid& to, const std::string& id);
    void mark_waiting_sent();
    // Every message of ours still waiting, by contact (after a reload: to send again when the
    // session they were queued in cannot be resumed).
    std::vector<std::pair<xmpp::Jid, ChatMessage>> waiting() const;
    // A message that was not delivered goes again (the person pressed Send again): back to
    // waiting (Pending) or sent, under `new_id` when it is sent as a new message.
    ChatMessage* find_failed(const xmpp::Jid& to, const std::string& id);
    void mark_retried(const xmpp::Jid& to, const std::string& id, ChatMessage::State state, const std::string& new_id);
    void mark_failed(const xmpp::Jid& to, const std::string& id, std::string reason);
    // Older messages from the archive, oldest first, put in front of what is there; ones
    // already shown (same archive id, or our own by origin-id, or the same received id) are skipped.
    void add_history(const xmpp::Jid& peer, const xmpp::MamPage& page, bool older);
    // A page of a group's archive, older than what is shown, put in front; messages already
    // here (same archive id, or the same nick and text) are skipped.
    void add_room_history(const xmpp::Jid& room, const xmpp::MamPage& page);
    Conversation* find_mut(const xmpp::Jid& peer);
    // The newest id of our own archive seen (live or caught up): a new session catches up after it.
    const std::string& newest_archive_id() const { return newest_archive_id_; }
    // A new session: what the archive kept meanwhile goes before what arrives live from now on.
    void begin_catch_up();
    // One page of our archive since newest_archive_id(), in archive order: into each contact's
    // conversation at its catch-up mark, de-duplicated; received ones count as unread.
    void add_caught_up(const xmpp::MamPage& page);
    // A quiet line in each contact conversation: messages from while we were away may be missing.
    void mark_gap(const std::string& text, std::int64_t now_ms);
    // Our nickname in each room, to find mentions.
    void set_room_nick(const xmpp::Jid& room, const std::string& nick) { nicks_[room] = nick; }
    void close(const xmpp::Jid& peer);
    void mark_read(const xmpp::Jid& peer);
    // Saved on this computer (app/saved.h): put back after a reload, before anything arrives.
    void restore(Conversation c);
    void restore_open(const std::vector<xmpp::Jid>& open);
    // Every conversation's key, for saving.
    std::vector<xmpp::Jid> peers() const;
    void clear();  // on log out

    const std::vector<xmpp::Jid>& open_chats() const { return open_; }
    const xmpp::Jid* active() const { return active_ ? &*active_ : nullptr; }
    const Conversation* find(const xmpp::Jid& peer) const;
    int unread(const xmpp::Jid& peer) const;
    int total_unread() const;

private:
    Conversation& conversation(const xmpp::Jid& key, Conversation::Kind kind = Conversation::Kind::Contact);
    xmpp::Jid key(const xmpp::Jid& jid) const;  // room/nick when such a private chat exists, else bare
    ChatMessage* find_outgoing(const xmpp::Jid& to, const std::string& id);  // ours with this id, newest first
    bool room_event(const xmpp::Event& event, std::int64_t now_ms);
    void add(Conversation& c, ChatMessage m);
    static bool room_has(const Conversation& c, const std::string& archive_id, const std::string& nick, const std::string& body);
    static bool has_received(const Conversation& c, const std::string& archive_id, const std::string& id, const std::string& body);

    std::map<xmpp::Jid, Conversation> conversations_;
    std::map<xmpp::Jid, std::string> nicks_;
    std::string newest_archive_id_;
    std::int64_t newest_archive_ms_ = 0;
    std::vector<xmpp::Jid> open_;
    std::optional<xmpp::Jid> active_;
};

}  // namespace app
