// XEP-0199: XMPP Ping. Answers pings; the client's keepalive sends them (client.cpp).
#pragma once
#include "xmpp/session.h"

namespace xmpp {

class Ping : public Module {
public:
    explicit Ping(Session& session) : session_(session) {}
    bool handle(const Stanza& s) override;
    void disco_features(std::vector<std::string>& f) const override { f.push_back("urn:xmpp:ping"); }

private:
    Session& session_;
};

}  // namespace xmpp
