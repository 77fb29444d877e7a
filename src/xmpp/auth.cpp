// RFC 6120 §6: SASL negotiation for the client.
#include "xmpp/auth.h"

#include "xmpp/stream_errors.h"

#include <array>

namespace xmpp {

namespace {
std::string b64(std::string_view s) { return base64_encode(Bytes(s.begin(), s.end())); }

std::string element(std::string_view name, std::string_view mechanism, std::string_view payload) {
    std::string out = "<" + std::string(name) + " xmlns='" + std::string(kNsSasl) + "'";
    if (!mechanism.empty()) out += " mechanism='" + std::string(mechanism) + "'";
    // RFC 6120 §6.4.2: an empty initial response is sent as "=".
    out += ">" + (payload.empty() && name == "auth" ? std::string("=") : std::string(payload)) + "</" +
           std::string(name) + ">";
    return out;
}
}  // namespace

Auth::Auth(const ClientConfig& config, Entropy& entropy) : config_(config), entropy_(entropy) {}
Auth::~Auth() = default;

Auth::Step Auth::fail(std::string condition, std::string sentence) {
    Step s;
    s.failure = Failure{Failure::Kind::AuthFailed, std::move(condition), std::move(sentence), {}};
    return s;
}

Auth::Step Auth::start(pugi::xml_node mechanisms) {
    std::set<std::string> offered;
    for (pugi::xml_node m = mechanisms.first_child(); m; m = m.next_sibling())
        if (m.type() == pugi::node_element && local_name(m) == "mechanism") offered.insert(m.text().get());

    if (config_.anonymous) {
        if (!offered.count("ANONYMOUS")) return fail("invalid-mechanism", "This server does not allow anonymous sessions.");
        mechanism_ = "ANONYMOUS";
        return {element("auth", mechanism_, ""), {}, false};
    }
    static const std::array<ScramHash, 3> preference = {ScramHash::sha512, ScramHash::sha256, ScramHash::sha1};
    if (config_.password.empty() && config_.scram_keys) {
        // "Remember me": only the mechanism the keys were made for; never PLAIN, which
        // would need the password itself.
        for (ScramHash h : preference) offered_scram_ = offered_scram_ || offered.count(std::string(mechanism_name(h)));
        mechanism_ = mechanism_name(config_.scram_keys->hash);
        if (!offered.count(mechanism_))
            return fail("credentials-expired",
                        "The server no longer offers the login Parla remembered. Type your password again.");
        from_keys_ = true;
        scram_ = std::make_unique<ScramClient>(config_.jid.local, *config_.scram_keys, entropy_.nonce());
        std::string first = scram_->client_first();
        if (first.empty()) return fail("credentials-expired", scram_->error_text());
        return {element("auth", mechanism_, b64(first)), {}, false};
    }
    for (ScramHash h : preference) {
        std::string name(mechanism_name(h));
        if (!offered.count(name)) continue;
        offered_scram_ = true;
        mechanism_ = name;
        scram_ = std::make_unique<ScramClient>(h, config_.jid.local, config_.password, entropy_.nonce());
        std::string first = scram_->client_first();
        if (first.empty()) return fail("malformed-request", scram_->error_text());
        return {element("auth", mechanism_, b64(first)), {}, false};
    }
    if (offered.count("PLAIN")) {
        // A server that offered SCRAM before and now offers only PLAIN may be an impostor.
        if (config_.server_offered_scram_before)
            return fail("mechanism-too-weak",
                        "This server used to offer a safe login and now asks for the password in the clear; Parla "
                        "refuses, as it may not be the real server.");
        if (!config_.secure_transport)
            return fail("encryption-required",
                        "The server asks for the password in the clear over an unencrypted connection; Parla refuses.");
        mechanism_ = "PLAIN";
        std::string msg = std::string("\0", 1) + config_.jid.local + std::string("\0", 1) + config_.password;
        return {element("auth", mechanism_, b64(msg)), {}, false};
    }
    return fail("invalid-mechanism", "The server offers no way of logging in that Parla supports.");
}

Auth::Step Auth::on_challenge(std::string_view base64) {
    challenged_ = true;
    Bytes data;
    if (!scram_ || !base64_decode(base64, data))
        return fail("malformed-request", "The server sent a login challenge Parla cannot read.");
    std::string text(data.begin(), data.end());
    if (!server_final_checked_ && (text.rfind("v=", 0) == 0 || text.rfind("e=", 0) == 0)) {
        // Some servers send server-final as a challenge, then an empty <success/>.
        if (!scram_->verify_server_final(text)) return fail("not-authorized", scram_->error_text());
        server_final_checked_ = true;
        return {element("response", "", ""), {}, false};
    }
    ScramStep step = scram_->client_final(text);
    if (step.error == ScramError::keys_stale) return fail("credentials-expired", step.error_text);
    if (!step.ok()) return fail("malformed-request", step.error_text);
    return {element("response", "", b64(step.message)), {}, false};
}

Auth::Step Auth::on_success(std::string_view base64) {
    if (scram_ && !server_final_checked_) {
        Bytes data;
        if (base64.empty() || !base64_decode(base64, data))
            return fail("not-authorized", "The server did not prove it knows your password; Parla stopped the login.");
        if (!scram_->verify_server_final(std::string(data.begin(), data.end())))
            return fail("not-authorized", scram_->error_text());
    }
    Step s;
    s.done = true;
    succeeded_ = true;
    return s;
}

std::optional<ScramKeys> Auth::scram_keys() const {
    if (!succeeded_ || !scram_) return std::nullopt;
    const ScramKeys& all = scram_->keys();
    if (all.client_key.empty() || all.server_key.empty()) return std::nullopt;
    ScramKeys keys;  // without SaltedPassword: ClientKey and ServerKey are enough to log in
    keys.hash = all.hash;
    keys.salt = all.salt;
    keys.iterations = all.iterations;
    keys.client_key = all.client_key;
    keys.server_key = all.server_key;
    return keys;
}

Auth::Step Auth::on_failure(pugi::xml_node failure) {
    std::string condition = "not-authorized";
    std::string text;
    for (pugi::xml_node c = failure.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (local_name(c) == "text")
            text = c.text().get();
        else
            condition = std::string(local_name(c));
    }
    std::string sentence = sasl_failure_sentence(condition);
    // A SCRAM server that refuses before sending its challenge has no salt for this name:
    // no such account (Prosody does this). After the challenge it was the password.
    if (scram_ && !challenged_ && condition == "not-authorized")
        sentence = "There is no account " + config_.jid.bare() + ": check the name before the @, or register it.";
    // Stored keys the server refuses: the password was changed (or the account recreated).
    else if (from_keys_ && condition == "not-authorized")
        sentence = "The server no longer accepts the login Parla remembered. Type your password again.";
    if (!text.empty()) sentence += " The server said: \"" + text + "\"";
    return fail(condition, sentence);
}

}  // namespace xmpp
