// XEP-0030: Service Discovery. Answers disco#info about us.
#pragma once
#include "xmpp/session.h"

#include <functional>

namespace xmpp {

inline constexpr std::string_view kNsDiscoInfo = "http://jabber.org/protocol/disco#info";

class Disco : public Module {
public:
    using Features = std::function<std::vector<std::string>()>;
    Disco(Session& session, Features features) : session_(session), features_(std::move(features)) {}
    bool handle(const Stanza& s) override;

private:
    Session& session_;
    Features features_;
};

}  // namespace xmpp
