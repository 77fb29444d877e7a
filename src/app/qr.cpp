// QR codes (qrcodegen from Debian's qr-code-generator source package) and xmpp: URIs.
#include "app/qr.h"

#include "qrcodegen.h"

#include <cstring>

namespace app {

bool QrCode::at(int x, int y) const {
    if (x < 0 || y < 0 || x >= size || y >= size) return false;
    return dark[static_cast<std::size_t>(y) * size + x] != 0;
}

std::optional<QrCode> make_qr(std::string_view text) {
    constexpr std::size_t kLen = qrcodegen_BUFFER_LEN_MAX;
    if (text.size() > kLen) return std::nullopt;  // beyond any version's capacity
    std::vector<std::uint8_t> code(kLen), temp(kLen);
    bool ok;
    if (text.find('\0') == std::string_view::npos) {
        // Text mode picks numeric or alphanumeric segments when they are shorter.
        std::string s(text);
        ok = qrcodegen_encodeText(s.c_str(), temp.data(), code.data(), qrcodegen_Ecc_MEDIUM, qrcodegen_VERSION_MIN,
                                  qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO, true);
    } else {
        std::memcpy(temp.data(), text.data(), text.size());
        ok = qrcodegen_encodeBinary(temp.data(), text.size(), code.data(), qrcodegen_Ecc_MEDIUM, qrcodegen_VERSION_MIN,
                                    qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO, true);
    }
    if (!ok) return std::nullopt;
    QrCode qr;
    qr.text = std::string(text);
    qr.size = qrcodegen_getSize(code.data());
    qr.dark.resize(static_cast<std::size_t>(qr.size) * qr.size);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            qr.dark[static_cast<std::size_t>(y) * qr.size + x] = qrcodegen_getModule(code.data(), x, y) ? 1 : 0;
    return qr;
}

namespace {

bool unreserved(unsigned char c) {  // RFC 3986 §2.3
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

bool in(unsigned char c, const char* set) { return c != 0 && std::strchr(set, c) != nullptr; }

// Appends `text` keeping the bytes `keep` allows and percent-encoding every other one
// (non-ASCII characters as their UTF-8 bytes, RFC 3986 §2.5), hex digits upper case.
template <typename Keep>
void append_encoded(std::string& out, std::string_view text, Keep keep) {
    static const char hex[] = "0123456789ABCDEF";
    for (char ch : text) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (keep(c)) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
}

}  // namespace

std::string xmpp_roster_uri(const xmpp::Jid& bare) {
    std::string uri = "xmpp:";
    if (!bare.local.empty()) {
        // RFC 5122: nodeid = *( unreserved / pct-encoded / nodeallow ), where nodeallow is the
        // sub-delims without "&" and "'" (they would end or confuse the query's key=value pairs).
        append_encoded(uri, bare.local, [](unsigned char c) { return unreserved(c) || in(c, "!$()*+,;="); });
        uri += '@';
    }
    if (!bare.domain.empty() && bare.domain.front() == '[') {
        // An IP literal (RFC 3986 §3.2.2): brackets and colons belong to the host syntax.
        append_encoded(uri, bare.domain, [](unsigned char c) { return unreserved(c) || in(c, "[]:"); });
    } else {
        // RFC 3986 reg-name = *( unreserved / pct-encoded / sub-delims ).
        append_encoded(uri, bare.domain, [](unsigned char c) { return unreserved(c) || in(c, "!$&'()*+,;="); });
    }
    uri += "?roster";
    return uri;
}

}  // namespace app
