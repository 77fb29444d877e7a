// XEP-0280 Message Carbons: copies of the one-to-one messages our other devices send and
// receive. Enabled once the server says it supports them (its disco#info); the copies are
// unwrapped into MessageReceived (received elsewhere) and MessageCarbonSent (sent elsewhere);
// copies of receipts and markers into MessageDelivered/MessageDisplayed, and ChatRead for a
// <displayed/> marker another of our devices sent (XEP-0333).
// Offered stanzas before Muc and Chat, so a copy is never shown as a message from its wrapper.
#pragma once
#include "xmpp/session.h"

#include <functional>
#include <string_view>

namespace xmpp {

inline constexpr std::string_view kNsCarbons = "urn:xmpp:carbons:2";

class Carbons : public Module {
public:
    using ServerSupports = std::function<bool(std::string_view feature)>;
    // `server_supports`: the server's disco#info features as known so far (Client::server_supports).
    Carbons(Session& session, ServerSupports server_supports)
        : session_(session), server_supports_(std::move(server_supports)) {}

    // §4: the server accepted <enable/> for this session.
    bool enabled() const { return enabled_; }

    // §11: copies are taken only from our own bare JID (or, the same, with no 'from');
    // any other <received/>/<sent/> wrapper is taken and dropped (CVE-2017-5589).
    bool handle(const Stanza& s) override;
    void on_session_ready() override;   // enables when the feature is already known
    void on_server_features() override;  // ... or when it becomes known
    void on_closed() override;

private:
    void enable();

    Session& session_;
    ServerSupports server_supports_;
    bool requested_ = false;  // <enable/> sent in this session
    bool enabled_ = false;
    unsigned generation_ = 0;  // bumped per session: a late answer to an old one is ignored
};

}  // namespace xmpp
