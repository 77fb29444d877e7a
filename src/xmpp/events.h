// What the core tells the app: events drained with Client::take_events().
#pragma once
#include "xmpp/jid.h"
#include "xmpp/register.h"
#include "xmpp/stanza.h"

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
};
struct MessageReceived { Message message; };
struct MessageSent { Message message; };
struct MessageFailed { std::string id; Jid to; StanzaError error; };

// XEP-0077 in-band registration (ClientConfig::register_account).
struct RegistrationFormReceived { RegistrationForm form; };
struct Registered { Jid jid; };  // the account exists; logging in to it follows on the same stream
struct RegistrationFailed { RegistrationError error; };

using Event = std::variant<StateChanged, SessionReady, Disconnected, RosterChanged, SubscriptionRequest,
                           PresenceChanged, MessageReceived, MessageSent, MessageFailed, RegistrationFormReceived,
                           Registered, RegistrationFailed>;

}  // namespace xmpp
