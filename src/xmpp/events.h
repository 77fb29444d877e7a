// What the core tells the app: events drained with Client::take_events().
#pragma once
#include "xmpp/jid.h"
#include "xmpp/register.h"
#include "xmpp/stanza.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace xmpp {

enum class StreamState { Disconnected, Connecting, Registering, Authenticating, Binding, Ready, Closing };
const char* to_string(StreamState s);

// Why a connection ended or failed, with a sentence a person understands.
struct Failure {
    enum class Kind { None, Transport, StreamError, AuthFailed, Protocol, BadFrame, Timeout, Config };
    Kind kind = Kind::None;
    std::string condition;  // stream error or SASL failure condition, when there is one
    std::string sentence;   // for the person
    std::string see_other_host;  // RFC 7395 §3.3.4 / RFC 6120 §4.9.3.19: where to reconnect
};

struct StateChanged { StreamState state; };
struct SessionReady { Jid jid; };        // bound, roster requested, initial presence sent
struct Disconnected { Failure failure; };  // failure.kind None: a clean logout

struct RosterChanged { std::vector<Jid> jids; };  // bare JIDs added, changed or removed
struct SubscriptionRequest { Jid from; std::string status; };
struct PresenceChanged { Jid jid; };  // bare JID whose aggregated presence changed

struct Message {
    std::string id;         // the stanza id (ours when we sent it)
    std::string origin_id;  // XEP-0359
    std::string type;       // chat, normal, groupchat, headline, error
    Jid from, to;
    std::string body, thread, subject;
    std::string stanza_id;  // XEP-0359, received: the id our own server's archive gave it (by=our bare JID)
    bool markable = false;  // XEP-0333, received: the sender asks for a displayed marker (Receipts::send_displayed)
};
struct MessageReceived { Message message; };
struct MessageSent { Message message; };
struct MessageFailed { std::string id; Jid to; StanzaError error; };
// XEP-0280: a one-to-one message one of our other devices sent (from: that device or our
// bare JID; to: the peer). The messages our other devices receive come as MessageReceived.
struct MessageCarbonSent { Message message; };

// XEP-0184 receipts and XEP-0333 markers (Receipts, Carbons), as the sender said them: `id` is
// the id of one of our messages to `from` (full JID). The app looks the id up in that peer's
// chat, ignores unknown ids, and moves marks only forward (a mark covers every earlier message).
struct MessageDelivered { Jid from; std::string id; };  // <received/> of either
struct MessageDisplayed { Jid from; std::string id; };  // <displayed/> or <acknowledged/>
// XEP-0333 via XEP-0280: another of our devices marked the peer's message `id` displayed,
// and so every earlier one (peer: as that device addressed it, full or bare).
struct ChatRead { Jid peer; std::string id; };

// XEP-0045 group chat (Muc). Texts from the room are untrusted and capped.
struct RoomJoined {  // our self-presence (status 110) arrived
    Jid room;
    std::string nick;  // ours, as the room has it
    bool created = false;                   // 201: a new room, configured as an instant room
    bool nick_changed_by_service = false;   // 210
};
struct RoomJoinFailed { Jid room; std::string condition; std::string sentence; };
struct OccupantChanged {
    enum Kind { Joined, Left, Changed, NickChanged, Kicked, Banned };
    Jid room;
    std::string nick;
    Kind kind = Changed;
    std::string new_nick;  // NickChanged
    std::string reason;    // Kicked/Banned: the moderator's reason; Left: the status text
};
struct RoomLeft {
    enum Reason { SelfLeft, Kicked, Banned, Destroyed, AffiliationChanged, MembersOnly, Shutdown, Error };
    Jid room;
    Reason reason = SelfLeft;
    std::string text;              // the reason given, when there is one
    std::optional<Jid> alternative;  // Destroyed: where the room moved
};
struct RoomMessage {
    Jid room;
    std::string nick;       // empty: from the room itself
    Message message;        // message.origin_id matches what we sent for our own echo
    Millis stamp = 0;       // XEP-0203 delay stamp (ms since the epoch), 0 when none
    bool delayed = false;   // history
    bool from_occupant = false;  // the nick is in the occupant list
    std::string stanza_id;  // XEP-0359, only when stamped by the room
};
struct RoomSubject { Jid room; std::string subject; std::string nick; };
struct RoomPrivateMessage { Jid room; std::string nick; Message message; };
struct RoomInvitation {
    Jid room;
    Jid from;  // who invites (mediated: the invite's 'from')
    std::string reason, password;
    bool direct = false;  // XEP-0249; false: mediated by the room (XEP-0045 §7.8.2)
};
struct RoomError { Jid room; StanzaError error; };

// XEP-0077 in-band registration (ClientConfig::register_account).
struct RegistrationFormReceived { RegistrationForm form; };
struct Registered { Jid jid; };  // the account exists; logging in to it follows on the same stream
struct RegistrationFailed { RegistrationError error; };

// XEP-0198 stream management (ClientConfig::stream_management).
struct StanzasAcked { std::vector<std::string> ids; };  // our messages the server now has, by stanza id
// Instead of Disconnected when the server keeps the session: the platform opens a new
// WebSocket and calls on_open() on the same client to resume it. Always resumable today.
struct ConnectionLost { bool resumable = true; };
struct Resumed {};  // Ready again: queued stanzas resent, roster, presences and rooms intact
// The lost session is over. Right after SessionReady of the session that replaces it, or
// right before Disconnected when logging in again failed. `unsent`: the messages the server
// never confirmed (chat, groupchat, normal with a body or subject); the core does not resend them.
struct ResumeFailed { std::vector<Message> unsent; };

using Event = std::variant<StateChanged, SessionReady, Disconnected, RosterChanged, SubscriptionRequest,
                           PresenceChanged, MessageReceived, MessageSent, MessageFailed, RegistrationFormReceived,
                           Registered, RegistrationFailed, RoomJoined, RoomJoinFailed, OccupantChanged, RoomLeft,
                           RoomMessage, RoomSubject, RoomPrivateMessage, RoomInvitation, RoomError, StanzasAcked,
                           ConnectionLost, Resumed, ResumeFailed, MessageCarbonSent, MessageDelivered,
                           MessageDisplayed, ChatRead>;

}  // namespace xmpp
