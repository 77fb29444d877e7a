// Randomness from the operating system.
#include "app/entropy.h"

#include "xmpp/scram.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace app {

namespace {
xmpp::Bytes random_bytes(std::size_t n) {
    xmpp::Bytes b(n);
    // getentropy gives at most 256 bytes per call; failure means no safe randomness at all.
    if (n > 256 || getentropy(b.data(), n) != 0) std::abort();
    return b;
}
}  // namespace

std::string SystemEntropy::nonce() { return xmpp::base64_encode(random_bytes(24)); }

std::string SystemEntropy::id() {
    std::string s = xmpp::base64_encode(random_bytes(12));
    std::replace(s.begin(), s.end(), '+', '-');
    std::replace(s.begin(), s.end(), '/', '_');
    return s;
}

}  // namespace app
