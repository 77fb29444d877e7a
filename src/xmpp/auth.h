// RFC 6120 §6: SASL negotiation. SCRAM-SHA-512/256/1 (RFC 5802, RFC 7677), PLAIN (RFC 4616)
// only when nothing better is offered and the transport is safe, ANONYMOUS (RFC 4505) on request.
#pragma once
#include "xmpp/client.h"
#include "xmpp/scram.h"

#include <memory>
#include <optional>
#include <string>

namespace xmpp {

class Auth {
public:
    Auth(const ClientConfig& config, Entropy& entropy);
    ~Auth();

    // One step: an element to send (XML), or a failure, or done.
    struct Step {
        std::string send;
        std::optional<Failure> failure;
        bool done = false;
    };
    // Picks a mechanism from <mechanisms xmlns=sasl/> and starts it.
    Step start(pugi::xml_node mechanisms);
    Step on_challenge(std::string_view base64);
    Step on_success(std::string_view base64);
    Step on_failure(pugi::xml_node failure);

    bool offered_scram() const { return offered_scram_; }
    const std::string& mechanism() const { return mechanism_; }
    // Logging in with ClientConfig::scram_keys instead of a password.
    bool using_stored_keys() const { return from_keys_; }
    // After a SCRAM login succeeded (on_success done): its ClientKey, ServerKey, salt and
    // count (no SaltedPassword), what ClientConfig::scram_keys takes next time.
    std::optional<ScramKeys> scram_keys() const;

private:
    Step fail(std::string condition, std::string sentence);

    const ClientConfig& config_;
    Entropy& entropy_;
    std::unique_ptr<ScramClient> scram_;
    std::string mechanism_;
    bool offered_scram_ = false;
    bool from_keys_ = false;
    bool succeeded_ = false;
    bool server_final_checked_ = false;
    bool challenged_ = false;  // the server sent a challenge (so it knows the account)
};

}  // namespace xmpp
