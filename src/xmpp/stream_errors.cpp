// RFC 6120 §4.9.3 stream errors and §6.5 SASL failures, in plain words.
#include "xmpp/stream_errors.h"

namespace xmpp {

namespace {
struct Row {
    std::string_view condition;
    const char* sentence;
};

std::string lookup(const Row* begin, const Row* end, std::string_view condition, const char* fallback) {
    for (const Row* r = begin; r != end; ++r)
        if (r->condition == condition) return r->sentence;
    return fallback;
}
}  // namespace

std::string stream_error_sentence(std::string_view condition) {
    static const Row rows[] = {
        {"conflict", "You logged in from somewhere else with the same device name, so this session ended."},
        {"connection-timeout", "The server closed the connection because it was idle too long."},
        {"host-gone", "The server no longer serves this domain."},
        {"host-unknown", "The server does not serve this domain."},
        {"internal-server-error", "The server had an internal error. Try again later."},
        {"not-authorized", "The server ended the session: you are not authorised."},
        {"policy-violation", "The server ended the session because one of its rules was broken (for example, too many messages)."},
        {"remote-connection-failed", "The server could not reach a service it needs. Try again later."},
        {"reset", "The server asked to start the connection again."},
        {"resource-constraint", "The server is too busy right now. Try again later."},
        {"see-other-host", "The server sent us to another address."},
        {"system-shutdown", "The server is shutting down. Try again later."},
        {"bad-format", "The server could not read what Parla sent."},
        {"invalid-xml", "The server could not read what Parla sent."},
        {"not-well-formed", "The server could not read what Parla sent."},
        {"unsupported-version", "The server does not speak this version of XMPP."},
        {"unsupported-feature", "The server needs a feature Parla does not have."},
        {"undefined-condition", "The server ended the session."},
    };
    return lookup(std::begin(rows), std::end(rows), condition, "The server ended the session because of a protocol error.");
}

std::string sasl_failure_sentence(std::string_view condition) {
    static const Row rows[] = {
        {"not-authorized", "The address or the password is wrong."},
        {"account-disabled", "This account has been disabled by the provider."},
        {"credentials-expired", "Your password has expired: set a new one on the provider's web site."},
        {"encryption-required", "The server wants an encrypted connection for this login."},
        {"invalid-mechanism", "The server does not accept this way of logging in."},
        {"mechanism-too-weak", "The server wants a stronger way of logging in."},
        {"temporary-auth-failure", "The server could not check the password right now. Try again later."},
        {"malformed-request", "The server did not understand the login request."},
        {"incorrect-encoding", "The server did not understand the login request."},
        {"invalid-authzid", "The server refused the account name."},
        {"aborted", "The login was cancelled."},
    };
    return lookup(std::begin(rows), std::end(rows), condition, "The server refused the login.");
}

}  // namespace xmpp
