// RFC 6120 §4.9.3 stream error and §6.5 SASL failure conditions, in plain words.
#pragma once
#include <string>
#include <string_view>

namespace xmpp {

inline constexpr std::string_view kNsFraming = "urn:ietf:params:xml:ns:xmpp-framing";
inline constexpr std::string_view kNsStreams = "http://etherx.jabber.org/streams";
inline constexpr std::string_view kNsStreamErrors = "urn:ietf:params:xml:ns:xmpp-streams";
inline constexpr std::string_view kNsSasl = "urn:ietf:params:xml:ns:xmpp-sasl";
inline constexpr std::string_view kNsBind = "urn:ietf:params:xml:ns:xmpp-bind";
inline constexpr std::string_view kNsSession = "urn:ietf:params:xml:ns:xmpp-session";

// A sentence for a person about a stream error condition (e.g. "conflict").
std::string stream_error_sentence(std::string_view condition);
// A sentence for a person about a SASL failure condition (e.g. "not-authorized").
std::string sasl_failure_sentence(std::string_view condition);

}  // namespace xmpp
