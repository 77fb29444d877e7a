// What a protocol module sees of the client: send, IQ requests, events, our address.
// Modules never re-enter dispatch; what they send goes to the outgoing queue.
#pragma once
#include "xmpp/events.h"
#include "xmpp/stanza.h"

#include <functional>
#include <string>
#include <vector>

namespace xmpp {

// The answer to an IQ request: exactly one of result, error or timeout (RFC 6120 §8.2.3).
struct IqResponse {
    enum class Kind { Result, Error, Timeout, Closed } kind = Kind::Result;
    pugi::xml_node stanza;  // the <iq/> (Result, Error); valid only during the callback
    StanzaError error;      // Error: the server's; Timeout/Closed: remote-server-timeout
    bool ok() const { return kind == Kind::Result; }
};
using IqCallback = std::function<void(const IqResponse&)>;

class Session {
public:
    virtual ~Session() = default;
    // Queues a stanza or other element; stanzas get xmlns='jabber:client'.
    virtual void send(pugi::xml_node element) = 0;
    // Sends an <iq type='get|set'/>: gives it an id and completes `done` once. The answer
    // must come from the iq's 'to' (or, when absent, our bare JID or our server).
    virtual void send_iq(pugi::xml_node iq, IqCallback done, Millis timeout = 30000) = 0;
    virtual void emit(Event event) = 0;
    virtual const Jid& own_jid() const = 0;  // full JID once bound
    virtual Millis now() const = 0;
    virtual std::string new_id() = 0;
};

// A protocol module (one per RFC part or XEP), found by type: client.get<Roster>().
class Module {
public:
    virtual ~Module() = default;
    // Offered every incoming stanza in order; true when the module took it.
    virtual bool handle(const Stanza&) { return false; }
    // The session is bound and ready (also after a reconnect).
    virtual void on_session_ready() {}
    // The server's disco#info features arrived (Client::server_supports answers from now on).
    virtual void on_server_features() {}
    // The stream closed or broke.
    virtual void on_closed() {}
    // XEP-0030 features this module makes us support.
    virtual void disco_features(std::vector<std::string>&) const {}
};

}  // namespace xmpp
