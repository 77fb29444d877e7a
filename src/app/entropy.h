// Randomness from the operating system (getentropy: crypto.getRandomValues in browsers).
#pragma once
#include "xmpp/client.h"

namespace app {

class SystemEntropy : public xmpp::Entropy {
public:
    std::string nonce() override;  // 24 random bytes, base64: 32 characters
    std::string id() override;     // 12 random bytes, base64url: 16 characters
};

}  // namespace app
