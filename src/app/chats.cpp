// One-to-one conversations for the screens.
#include "app/chats.h"

#include <algorithm>

namespace app {

// Why a message bounced, in the words of a chat (RFC 6120 §8.3.3 conditions).
static std::string bounce_reason(const xmpp::StanzaError& e) {
    std::string s;
    if (e.condition == "service-unavailable" || e.condition == "item-not-found")
        s = "This address does not exist, or does not accept messages.";
    else if (e.condition == "remote-server-not-found" || e.condition == "remote-server-timeout")
        s = "Their server could not be reached.";
    else if (e.condition == "forbidden" || e.condition == "not-allowed" || e.condition == "not-authorized")
        s = "They do not accept messages from you.";
    else if (e.condition == "policy-violation" || e.condition == "resource-constraint")
        s = "The server refused it (too many messages, or against its rules).";
    else
        return e.sentence();
    if (!e.text.empty()) s += " The server said: \"" + e.text + "\"";
    return s;
}

Conversation& Chats::conversation(const xmpp::Jid& bare) {
    Conversation& c = conversations_[bare];
    c.peer = bare;
    return c;
}

bool Chats::apply(const xmpp::Event& event, std::int64_t now_ms) {
    if (auto* r = std::get_if<xmpp::MessageReceived>(&event)) {
        const xmpp::Message& m = r->message;
        if (m.type != "chat" && m.type != "normal") return false;
        xmpp::Jid peer = m.from.bare_jid();
        Conversation& c = conversation(peer);
        c.messages.push_back({m.id, false, ChatMessage::State::Received, m.body, {}, now_ms});
        if (!active_ || *active_ != peer) ++c.unread;
        return true;
    }
    if (auto* s = std::get_if<xmpp::MessageSent>(&event)) {
        Conversation& c = conversation(s->message.to.bare_jid());
        c.messages.push_back({s->message.id, true, ChatMessage::State::Sent, s->message.body, {}, now_ms});
        return true;
    }
    if (auto* f = std::get_if<xmpp::MessageFailed>(&event)) {
        // The error comes back with our id (RFC 6120 §8.3); find the message it belongs to.
        auto it = conversations_.find(f->to.bare_jid());
        if (it == conversations_.end()) return false;
        for (auto m = it->second.messages.rbegin(); m != it->second.messages.rend(); ++m) {
            if (m->outgoing && m->id == f->id) {
                m->state = ChatMessage::State::Failed;
                m->error = bounce_reason(f->error);
                return true;
            }
        }
    }
    return false;
}

void Chats::open(const xmpp::Jid& peer) {
    xmpp::Jid bare = peer.bare_jid();
    conversation(bare);
    if (std::find(open_.begin(), open_.end(), bare) == open_.end()) open_.push_back(bare);
    active_ = bare;
    mark_read(bare);
}

void Chats::close(const xmpp::Jid& peer) {
    xmpp::Jid bare = peer.bare_jid();
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
    auto it = conversations_.find(peer.bare_jid());
    if (it != conversations_.end()) it->second.unread = 0;
}

void Chats::clear() {
    conversations_.clear();
    open_.clear();
    active_.reset();
}

const Conversation* Chats::find(const xmpp::Jid& peer) const {
    auto it = conversations_.find(peer.bare_jid());
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
