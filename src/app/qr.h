// QR codes for the "On your phone" panel: the page's address, and our own xmpp: URI
// (RFC 5122) that a friend scans to add us. Encoding by Nayuki's qrcodegen (C library).
#pragma once
#include "xmpp/jid.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

struct QrCode {
    std::string text;                // what it encodes
    int size = 0;                    // modules per side, without the quiet zone
    std::vector<std::uint8_t> dark;  // size * size, row by row; 1 = dark
    bool at(int x, int y) const;     // false outside the code (the quiet zone is light)
};

// The smallest code holding `text` as UTF-8 bytes, error correction medium (higher when it
// fits in the same size), mask chosen automatically; nullopt when the text is too long.
std::optional<QrCode> make_qr(std::string_view text);

// `xmpp:user@domain?roster` (RFC 5122 §2.2 and XEP-0147): scanning it offers to add the
// contact. The local part and domain are percent-encoded as UTF-8 where the URI's path
// does not allow the character (RFC 5122 §2.7, RFC 3986 §2.1). A resource is left out.
std::string xmpp_roster_uri(const xmpp::Jid& bare);

}  // namespace app
