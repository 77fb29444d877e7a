// One-to-one conversations as the screens show them: messages per contact, delivery state,
// unread counts, and which chats are open. Fed by the core's message events.
#pragma once
#include "xmpp/events.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace app {

struct ChatMessage {
    enum class State { Received, Sent, Failed };  // Sent: handed to the server (acks come with XEP-0198)
    std::string id;
    bool outgoing = false;
    State state = State::Received;
    std::string body;
    std::string error;  // why it bounced (a sentence), when Failed
    std::int64_t time_ms = 0;  // wall clock, ms since 1970
};

struct Conversation {
    xmpp::Jid peer;  // bare
    std::vector<ChatMessage> messages;
    int unread = 0;
};

class Chats {
public:
    // Applies a core event; true when a conversation changed.
    bool apply(const xmpp::Event& event, std::int64_t now_ms);

    // Opens (or focuses) the chat with `peer` and clears its unread count.
    void open(const xmpp::Jid& peer);
    void close(const xmpp::Jid& peer);
    void mark_read(const xmpp::Jid& peer);
    void clear();  // on log out

    const std::vector<xmpp::Jid>& open_chats() const { return open_; }
    const xmpp::Jid* active() const { return active_ ? &*active_ : nullptr; }
    const Conversation* find(const xmpp::Jid& peer) const;
    int unread(const xmpp::Jid& peer) const;
    int total_unread() const;

private:
    Conversation& conversation(const xmpp::Jid& bare);

    std::map<xmpp::Jid, Conversation> conversations_;
    std::vector<xmpp::Jid> open_;
    std::optional<xmpp::Jid> active_;
};

}  // namespace app
