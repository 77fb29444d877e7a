// libFuzzer: the SCRAM client (RFC 5802, RFC 7677) after a fixed client-first, fed an
// arbitrary server-first and server-final message.
//
// Input: one mode byte, then server-first, '\n', server-final (no '\n': server-final empty).
//   mode bits 0-1: hash: 0 SHA-1, 1 SHA-256, 2 SHA-512, 3 SHA-256
//   mode bits 2-3: credentials: 0 the password, 1 and 3 stored client and server keys,
//                  2 stored SaltedPassword only ("remember me", keys re-derived)
// The client is user/pencil with the RFC's nonce ("fyko+d2lbbFgONRv9qkxdawL" for SHA-1 and
// SHA-512, "rOprNGfwEbeRWgbNEkqO" for SHA-256), so the RFC 5802 §5 and RFC 7677 §3 messages
// are valid seeds (digits '0'..';' as mode bytes keep the seed files readable). Stored keys
// are the ones those exchanges produce, for salt and iteration count of the RFC examples.
// With the password, server-firsts asking for more than 4096 PBKDF2 rounds are skipped (each
// round costs; the count checks run the same way with stored keys), and even 4096 rounds
// make those inputs ~100 times slower than the others: hence one mode in four.
#include "xmpp/scram.h"

#include "fuzz_check.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using xmpp::ScramClient;
using xmpp::ScramHash;
using xmpp::ScramKeys;

constexpr std::string_view kUser = "user";
constexpr std::string_view kPassword = "pencil";
constexpr std::string_view kNonceRfc5802 = "fyko+d2lbbFgONRv9qkxdawL";
constexpr std::string_view kNonceRfc7677 = "rOprNGfwEbeRWgbNEkqO";

std::string_view nonce_for(ScramHash h) { return h == ScramHash::sha256 ? kNonceRfc7677 : kNonceRfc5802; }

std::string_view server_first_for(ScramHash h) {
    if (h == ScramHash::sha256) return "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    return "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
}

std::size_t hash_size(ScramHash h) { return h == ScramHash::sha1 ? 20 : h == ScramHash::sha256 ? 32 : 64; }

// Keys from a password exchange with the RFC example, made once per process.
const ScramKeys& stored_keys(ScramHash h) {
    static const std::array<ScramKeys, 3> keys = [] {
        std::array<ScramKeys, 3> out;
        for (ScramHash hash : {ScramHash::sha1, ScramHash::sha256, ScramHash::sha512}) {
            ScramClient c(hash, kUser, kPassword, nonce_for(hash));
            FUZZ_CHECK(!c.client_first().empty());
            FUZZ_CHECK(c.client_final(server_first_for(hash)).ok());
            out[static_cast<std::size_t>(hash)] = c.keys();
        }
        return out;
    }();
    return keys[static_cast<std::size_t>(h)];
}

// The decimal value of the third comma-separated attribute when it is "i=<digits>", else 0.
std::uint64_t iterations_asked(std::string_view server_first) {
    std::size_t start = 0;
    for (int i = 0; i < 2; ++i) {
        start = server_first.find(',', start);
        if (start == std::string_view::npos) return 0;
        ++start;
    }
    std::string_view attr = server_first.substr(start);
    attr = attr.substr(0, attr.find(','));
    if (attr.size() < 3 || attr[0] != 'i' || attr[1] != '=') return 0;
    std::uint64_t n = 0;
    for (char c : attr.substr(2)) {
        if (c < '0' || c > '9') return 0;
        n = n > 0xFFFFFFFFu ? n : n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    stored_keys(ScramHash::sha1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr std::array<ScramHash, 4> kHashes = {ScramHash::sha1, ScramHash::sha256, ScramHash::sha512,
                                                          ScramHash::sha256};
    const ScramHash hash = kHashes[data[0] & 3];
    const unsigned credentials = (data[0] >> 2) & 3;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t newline = rest.find('\n');
    const std::string_view server_first = rest.substr(0, newline);
    const std::string_view server_final = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);

    const bool with_password = credentials == 0;
    if (with_password && iterations_asked(server_first) > ScramClient::kMinIterations) return -1;

    ScramKeys keys = stored_keys(hash);
    if (credentials == 2) {
        keys.client_key.clear();
        keys.server_key.clear();
    }
    const std::string_view nonce = nonce_for(hash);
    ScramClient client = with_password ? ScramClient(hash, kUser, kPassword, nonce) : ScramClient(kUser, keys, nonce);

    const std::string first = client.client_first();
    FUZZ_CHECK(first == "n,,n=user,r=" + std::string(nonce));

    const xmpp::ScramStep step = client.client_final(server_first);
    if (step.ok()) {
        // c=biws,r=<the server's nonce, which extends ours>,p=<proof of the hash's size>
        const std::string prefix = "c=biws,r=" + std::string(nonce);
        FUZZ_CHECK(step.message.compare(0, prefix.size(), prefix) == 0);
        const std::size_t p = step.message.rfind(",p=");
        FUZZ_CHECK(p != std::string::npos);
        xmpp::Bytes proof;
        FUZZ_CHECK(xmpp::base64_decode(std::string_view(step.message).substr(p + 3), proof));
        FUZZ_CHECK(proof.size() == hash_size(hash));
        FUZZ_CHECK(client.keys().client_key.size() == hash_size(hash));
        FUZZ_CHECK(client.keys().server_key.size() == hash_size(hash));
        FUZZ_CHECK(client.keys().iterations >= ScramClient::kMinIterations);
        FUZZ_CHECK(client.keys().iterations <= ScramClient::kMaxIterations);
    } else {
        FUZZ_CHECK(step.error == client.error());
        FUZZ_CHECK(!step.error_text.empty());
        FUZZ_CHECK(step.message.empty());
    }

    const bool verified = client.verify_server_final(server_final);
    if (verified) {
        FUZZ_CHECK(step.ok());
        FUZZ_CHECK(client.error() == xmpp::ScramError::none);
    } else {
        FUZZ_CHECK(client.error() != xmpp::ScramError::none);
        FUZZ_CHECK(!client.error_text().empty());
    }
    // Out of order from here on: always refused, never a second success.
    FUZZ_CHECK(client.client_first().empty());
    FUZZ_CHECK(!client.client_final(server_first).ok());
    FUZZ_CHECK(!client.verify_server_final(server_final));
    return 0;
}
