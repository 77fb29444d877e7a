// What Parla keeps on this computer between visits, as small XML documents (one storage key
// each): the roster with its version, the recent messages of each chat, the list of chats,
// the outbox, and who to log in again. Reading is strict: anything malformed reads as nothing.
#pragma once
#include "app/chats.h"
#include "xmpp/roster.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// Storage keys of one account ("a:<bare jid>:..."); erase(account_prefix) forgets them all.
std::string account_prefix(const xmpp::Jid& account);

struct SavedRoster {
    std::string version;
    std::vector<xmpp::RosterItem> items;
};
std::string save_roster(const std::string& version, const std::map<xmpp::Jid, xmpp::RosterItem>& items);
std::optional<SavedRoster> read_roster(std::string_view text);

// The newest `keep` messages (notices too); the archive has the rest.
std::string save_chat(const Conversation& c, std::size_t keep = 100);
std::optional<Conversation> read_chat(std::string_view text);

// The chats that have saved messages, which are open (in order) and the one in front.
std::string save_chat_list(const std::vector<xmpp::Jid>& all, const std::vector<xmpp::Jid>& open, const xmpp::Jid* active);
struct SavedChatList {
    std::vector<xmpp::Jid> all, open;
    std::optional<xmpp::Jid> active;
};
std::optional<SavedChatList> read_chat_list(std::string_view text);

// Messages written while no session could take them.
struct OutboxEntry {
    xmpp::Message message;  // id (= origin-id), to, body
    std::int64_t written_ms = 0;
};
// A chat message to a contact waiting to go: its id is also its origin-id (XEP-0359), so a
// copy that did arrive before is dropped by the receiver.
OutboxEntry outbox_entry(const xmpp::Jid& to, std::string id, std::string body, std::int64_t written_ms);
std::string save_outbox(const std::vector<OutboxEntry>& outbox);
std::optional<std::vector<OutboxEntry>> read_outbox(std::string_view text);

// The groups we are in (never their passwords): joined again after a reload.
struct SavedRoom {
    xmpp::Jid jid;  // bare
    std::string nick;
    std::int64_t last_ms = 0;  // the newest message's time: history after it
};
std::string save_rooms(const std::vector<SavedRoom>& rooms);
std::vector<SavedRoom> read_rooms(std::string_view text);  // at most 1,000; bad entries skipped

// "Remember me": the account to log in again and how. Never a password: the SCRAM keys
// (xmpp::encode_scram_keys) only.
struct Remembered {
    xmpp::Jid jid;  // bare
    std::string websocket_url;  // the endpoint that worked ("" : discover again)
    std::string scram_keys;
};
std::string save_remembered(const Remembered& r);
std::optional<Remembered> read_remembered(std::string_view text);

}  // namespace app
