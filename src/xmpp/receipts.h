// XEP-0184 delivery receipts and XEP-0333 chat markers for one-to-one chats: answers receipt
// requests, reports the receipts and markers peers send, sends "displayed" markers.
// §security of both: receipts and markers go only to contacts who may see our presence
// (subscription from or both). Offered stanzas after Carbons and Muc, before Chat.
#pragma once
#include "xmpp/session.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace xmpp {

class Roster;

inline constexpr std::string_view kNsReceipts = "urn:xmpp:receipts";
inline constexpr std::string_view kNsMarkers = "urn:xmpp:chat-markers:0";
inline constexpr std::string_view kNsHints = "urn:xmpp:hints";  // XEP-0334
inline constexpr std::size_t kMaxMarkIdBytes = 256;

// What a message says of earlier messages: the id a XEP-0184 or XEP-0333 <received/> names
// (delivered), and the id a XEP-0333 <displayed/> or <acknowledged/> names (displayed).
// Empty when absent or unusable (no id, or one over kMaxMarkIdBytes).
struct Marks {
    std::string delivered, displayed;
    bool any() const { return !delivered.empty() || !displayed.empty(); }
};
Marks read_marks(pugi::xml_node message);
// Emits MessageDelivered and MessageDisplayed for what `from` said.
void report_marks(Session& session, const Jid& from, const Marks& marks);

class Receipts : public Module {
public:
    Receipts(Session& session, const Roster& roster) : session_(session), roster_(roster) {}

    // XEP-0333: tells `peer` (full or bare JID) we displayed its messages up to `message_id`
    // (the id attribute of its message). False, sending nothing, when the peer is not a
    // contact who may see our presence or the id is unusable. The same id twice in a row to
    // the same peer is sent once.
    bool send_displayed(const Jid& peer, const std::string& message_id);

    // Answers receipt requests in live messages (never taken: Chat shows the message);
    // reports <received/>, <displayed/>, <acknowledged/>; takes messages that carry only those.
    bool handle(const Stanza& s) override;
    void on_closed() override { last_displayed_.clear(); }
    void disco_features(std::vector<std::string>& f) const override;

private:
    bool may_tell(const Jid& peer) const;  // a contact with subscription from or both

    Session& session_;
    const Roster& roster_;
    std::map<Jid, std::string> last_displayed_;  // bare JID -> the last id we marked displayed
};

}  // namespace xmpp
