// RFC 5802 §3 (algorithm), §5 (exchange), §7 (grammar); RFC 7677 for SHA-256.
// SASLprep (RFC 4013) is not implemented: it is the identity for printable ASCII,
// which is what we check for; other UTF-8 is sent as typed, and controls, which
// SASLprep prohibits, are refused. Servers that normalise differently will reject the
// password, not accept a wrong one.
#include "xmpp/scram.h"

#include <mbedtls/base64.h>
#include <mbedtls/md.h>
// mbedTLS 3.6's constant_time.h lacks the extern "C" guard its other headers have.
extern "C" {
#include <mbedtls/constant_time.h>
}
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

#include "xmpp/utf8.h"

namespace xmpp {

namespace {

constexpr std::size_t kMinNonce = 16;

mbedtls_md_type_t md_type(ScramHash h) {
  switch (h) {
    case ScramHash::sha1: return MBEDTLS_MD_SHA1;
    case ScramHash::sha256: return MBEDTLS_MD_SHA256;
    case ScramHash::sha512: return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

std::size_t md_size(ScramHash h) { return mbedtls_md_get_size_from_type(md_type(h)); }

bool hmac(ScramHash h, const Bytes& key, std::string_view data, Bytes& out) {
  out.assign(md_size(h), 0);
  return mbedtls_md_hmac(mbedtls_md_info_from_type(md_type(h)), key.data(), key.size(),
                         reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                         out.data()) == 0;
}

bool digest(ScramHash h, const Bytes& data, Bytes& out) {
  out.assign(md_size(h), 0);
  return mbedtls_md(mbedtls_md_info_from_type(md_type(h)), data.data(), data.size(),
                    out.data()) == 0;
}

void wipe(Bytes& b) { mbedtls_platform_zeroize(b.data(), b.size()); }
void wipe(std::string& s) { mbedtls_platform_zeroize(s.data(), s.size()); }

// RFC 5802 §7 "printable": %x21-2B / %x2D-7E, i.e. visible ASCII except ','.
bool is_printable(std::string_view s) {
  for (char c : s)
    if (c < 0x21 || c > 0x7E || c == ',') return false;
  return true;
}

// Valid UTF-8 with no C0/C1 controls or DEL (SASLprep tables C.2.1 and C.2.2).
bool is_clean_text(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = next_code_point(s, pos);
    if (c == kBadUtf8 || c < 0x20 || (c >= 0x7F && c <= 0x9F)) return false;
  }
  return true;
}

// RFC 5802 §5.1: saslname escapes '=' and ','.
std::string escape_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '=') out += "=3D";
    else if (c == ',') out += "=2C";
    else out += c;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

bool has_key(std::string_view attr, char key) {
  return attr.size() >= 2 && attr[0] == key && attr[1] == '=';
}

// RFC 5802 §7 posit-number = %x31-39 *DIGIT. Saturates instead of overflowing, so a
// 30-digit count is reported as too large rather than wrapping to something small.
bool parse_count(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s[0] < '1' || s[0] > '9') return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out > 0xFFFFFFFFu ? out : out * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

std::string server_error_text(std::string_view value) {
  if (value == "invalid-proof") return "The server rejected the password.";
  if (value == "unknown-user") return "The server does not know this user name.";
  if (value == "invalid-username-encoding" || value == "invalid-encoding")
    return "The server could not read the user name or login message.";
  if (value == "no-resources") return "The server is too busy to log in now; try again later.";
  if (value == "server-does-support-channel-binding")
    return "The server expected a channel-bound login; the connection may be tampered with.";
  if (value == "extensions-not-supported")
    return "The server does not support a login extension this client sent.";
  return "The server refused the login (" + std::string(value) + ").";
}

}  // namespace

std::string_view mechanism_name(ScramHash hash) {
  switch (hash) {
    case ScramHash::sha1: return "SCRAM-SHA-1";
    case ScramHash::sha256: return "SCRAM-SHA-256";
    case ScramHash::sha512: return "SCRAM-SHA-512";
  }
  return {};
}

std::string base64_encode(const Bytes& bytes) {
  std::size_t len = 0;
  mbedtls_base64_encode(nullptr, 0, &len, bytes.data(), bytes.size());
  std::string out(len, '\0');  // len includes the terminating NUL mbedTLS writes
  if (mbedtls_base64_encode(reinterpret_cast<unsigned char*>(out.data()), out.size(), &len,
                            bytes.data(), bytes.size()) != 0)
    return {};
  out.resize(len);
  return out;
}

bool base64_decode(std::string_view text, Bytes& out) {
  // mbedTLS skips spaces and line breaks; SCRAM values are a single token, so the
  // alphabet and padding are checked here first.
  if (text.size() % 4 != 0) return false;
  const std::size_t body = text.find('=');
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (i < body ? !alpha : c != '=') return false;
  }
  if (body != std::string_view::npos && text.size() - body > 2) return false;
  std::size_t len = 0;
  out.assign(text.size() / 4 * 3, 0);
  if (mbedtls_base64_decode(out.data(), out.size(), &len,
                            reinterpret_cast<const unsigned char*>(text.data()),
                            text.size()) != 0)
    return false;
  out.resize(len);
  // RFC 4648 §3.5: refuse non-zero pad bits, so each value has exactly one spelling.
  return base64_encode(out) == text;
}

ScramClient::ScramClient(ScramHash hash, std::string_view username, std::string_view password,
                         std::string_view nonce)
    : username_(username), password_(password), nonce_(nonce) {
  keys_.hash = hash;
  if (password.empty()) fail(ScramError::bad_input, "The password is empty.");
  else if (!is_clean_text(password))
    fail(ScramError::bad_input, "The password contains a control character or invalid text.");
}

ScramClient::ScramClient(std::string_view username, const ScramKeys& keys,
                         std::string_view nonce)
    : from_keys_(true), username_(username), nonce_(nonce), keys_(keys) {
  const std::size_t n = md_size(keys.hash);
  const bool have_keys = keys.client_key.size() == n && keys.server_key.size() == n;
  if (keys.salt.empty() || keys.iterations == 0 ||
      (!have_keys && keys.salted_password.size() != n))
    fail(ScramError::bad_input, "The saved login keys are incomplete; enter the password.");
  if (!have_keys) {  // re-derive both from SaltedPassword rather than trust half a pair
    wipe(keys_.client_key);
    wipe(keys_.server_key);
    keys_.client_key.clear();
    keys_.server_key.clear();
  }
}

ScramClient::~ScramClient() {
  wipe(password_);
  wipe(keys_.salted_password);
  wipe(keys_.client_key);
  wipe(keys_.server_key);
}

ScramStep ScramClient::fail(ScramError error, std::string text) {
  state_ = State::failed;
  error_ = error;
  error_text_ = text;
  ScramStep step;
  step.error = error;
  step.error_text = std::move(text);
  return step;
}

std::string ScramClient::client_first() {
  if (state_ != State::start) {
    if (state_ != State::failed) fail(ScramError::wrong_state, "The login was already started.");
    return {};
  }
  if (username_.empty() || !is_clean_text(username_)) {
    fail(ScramError::bad_input, "The user name is empty or contains a control character.");
    return {};
  }
  if (nonce_.size() < kMinNonce || !is_printable(nonce_)) {
    fail(ScramError::bad_input, "The login nonce is too short or has characters SCRAM forbids.");
    return {};
  }
  client_first_bare_ = "n=" + escape_name(username_) + ",r=" + nonce_;
  state_ = State::first_sent;
  return "n,," + client_first_bare_;  // gs2 header: no channel binding, no authzid
}

bool ScramClient::derive_keys() {
  if (keys_.client_key.empty() || keys_.server_key.empty()) {
    if (keys_.salted_password.empty()) {
      keys_.salted_password.assign(md_size(keys_.hash), 0);
      if (mbedtls_pkcs5_pbkdf2_hmac_ext(
              md_type(keys_.hash), reinterpret_cast<const unsigned char*>(password_.data()),
              password_.size(), keys_.salt.data(), keys_.salt.size(), keys_.iterations,
              static_cast<std::uint32_t>(keys_.salted_password.size()),
              keys_.salted_password.data()) != 0)
        return false;
    }
    if (!hmac(keys_.hash, keys_.salted_password, "Client Key", keys_.client_key) ||
        !hmac(keys_.hash, keys_.salted_password, "Server Key", keys_.server_key))
      return false;
  }
  return true;
}

ScramStep ScramClient::client_final(std::string_view server_first) {
  if (state_ != State::first_sent)
    return fail(state_ == State::failed ? error_ : ScramError::wrong_state,
                state_ == State::failed ? error_text_ : "The login is not waiting for a challenge.");

  const auto attrs = split(server_first);
  if (has_key(attrs[0], 'm'))
    return fail(ScramError::unsupported_extension,
                "The server requires a login extension this client does not support.");
  if (attrs.size() < 3 || !has_key(attrs[0], 'r'))
    return fail(ScramError::malformed, "The server's login challenge has no nonce (r=).");
  if (!has_key(attrs[1], 's'))
    return fail(ScramError::malformed, "The server's login challenge has no salt (s=).");
  if (!has_key(attrs[2], 'i'))
    return fail(ScramError::malformed, "The server's login challenge has no iteration count (i=).");

  const std::string_view nonce = attrs[0].substr(2);
  // The server must extend our nonce: reusing ours alone would let it replay a proof.
  if (nonce.size() <= nonce_.size() || nonce.substr(0, nonce_.size()) != nonce_ ||
      !is_printable(nonce))
    return fail(ScramError::nonce_mismatch,
                "The server's login challenge does not continue this client's nonce.");

  Bytes salt;
  if (!base64_decode(attrs[1].substr(2), salt) || salt.empty())
    return fail(ScramError::bad_salt, "The server sent a salt that is not valid base64.");

  std::uint64_t count = 0;
  if (!parse_count(attrs[2].substr(2), count))
    return fail(ScramError::bad_iterations,
                "The server sent an iteration count that is not a positive whole number.");
  if (count > kMaxIterations)
    return fail(ScramError::too_many_iterations,
                "The server asks for more than 600000 hashing rounds, too slow to log in.");
  // RFC 5802 §9 / RFC 7677 §4: at least 4096. Fewer would let an impostor that took the
  // proof crack the password cheaply.
  if (count < kMinIterations)
    return fail(ScramError::too_few_iterations,
                "The server protects the password with fewer than 4096 hashing rounds; Parla refuses, as "
                "this may not be the real server.");

  if (from_keys_) {
    if (salt != keys_.salt || count != keys_.iterations)
      return fail(ScramError::keys_stale,
                  "The server changed how it stores the password; enter the password again.");
  } else {
    keys_.salt = std::move(salt);
    keys_.iterations = static_cast<std::uint32_t>(count);
  }
  if (!derive_keys()) return fail(ScramError::crypto, "Computing the login proof failed.");

  // RFC 5802 §3: AuthMessage = client-first-bare "," server-first "," client-final-without-proof.
  const std::string without_proof = "c=biws,r=" + std::string(nonce);  // biws = base64("n,,")
  const std::string auth_message =
      client_first_bare_ + "," + std::string(server_first) + "," + without_proof;

  Bytes stored_key, client_signature;
  if (!digest(keys_.hash, keys_.client_key, stored_key) ||
      !hmac(keys_.hash, stored_key, auth_message, client_signature) ||
      !hmac(keys_.hash, keys_.server_key, auth_message, server_signature_))
    return fail(ScramError::crypto, "Computing the login proof failed.");

  Bytes proof = keys_.client_key;
  for (std::size_t i = 0; i < proof.size(); ++i) proof[i] ^= client_signature[i];

  ScramStep step;
  step.message = without_proof + ",p=" + base64_encode(proof);
  wipe(proof);
  wipe(client_signature);
  wipe(stored_key);
  state_ = State::final_sent;
  return step;
}

bool ScramClient::verify_server_final(std::string_view server_final) {
  if (state_ != State::final_sent) {
    if (state_ != State::failed)
      fail(ScramError::wrong_state, "The login is not waiting for the server's answer.");
    return false;
  }
  const std::string_view first = split(server_final)[0];  // extensions may follow
  if (has_key(first, 'e')) {
    fail(ScramError::server_error, server_error_text(first.substr(2)));
    return false;
  }
  Bytes signature;
  if (!has_key(first, 'v') || !base64_decode(first.substr(2), signature)) {
    fail(ScramError::malformed, "The server's final login message is not valid.");
    return false;
  }
  // Lengths are public; the bytes are compared in constant time.
  if (signature.size() != server_signature_.size() ||
      mbedtls_ct_memcmp(signature.data(), server_signature_.data(), signature.size()) != 0) {
    fail(ScramError::bad_signature,
         "The server could not prove it knows the password; it may be an impostor.");
    return false;
  }
  state_ = State::done;
  return true;
}

std::string encode_scram_keys(const ScramKeys& keys) {
  const std::size_t n = md_size(keys.hash);
  if (n == 0 || keys.salt.empty() || keys.salt.size() > kMaxStoredSaltBytes ||
      keys.iterations < ScramClient::kMinIterations || keys.iterations > ScramClient::kMaxIterations)
    return {};
  Bytes client_key = keys.client_key, server_key = keys.server_key;
  if (client_key.size() != n || server_key.size() != n) {  // only SaltedPassword: derive the pair
    if (keys.salted_password.size() != n || !hmac(keys.hash, keys.salted_password, "Client Key", client_key) ||
        !hmac(keys.hash, keys.salted_password, "Server Key", server_key)) {
      wipe(client_key);
      wipe(server_key);
      return {};
    }
  }
  std::string out = std::string(mechanism_name(keys.hash)) + ":" + std::to_string(keys.iterations) + ":" +
                    base64_encode(keys.salt) + ":" + base64_encode(client_key) + ":" + base64_encode(server_key);
  wipe(client_key);
  wipe(server_key);
  return out;
}

std::optional<ScramKeys> decode_scram_keys(std::string_view text) {
  // Five fields of at most a mechanism name, a count and base64 of 256 + 64 + 64 bytes.
  if (text.size() > 1024) return std::nullopt;
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t colon = text.find(':', start);
    fields.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (fields.size() != 5) return std::nullopt;
  ScramKeys keys;
  bool known = false;
  for (ScramHash h : {ScramHash::sha1, ScramHash::sha256, ScramHash::sha512})
    if (fields[0] == mechanism_name(h)) keys.hash = h, known = true;
  std::uint64_t count = 0;
  if (!known || !parse_count(fields[1], count) || count < ScramClient::kMinIterations ||
      count > ScramClient::kMaxIterations)
    return std::nullopt;
  keys.iterations = static_cast<std::uint32_t>(count);
  const std::size_t n = md_size(keys.hash);
  if (!base64_decode(fields[2], keys.salt) || keys.salt.empty() || keys.salt.size() > kMaxStoredSaltBytes ||
      !base64_decode(fields[3], keys.client_key) || keys.client_key.size() != n ||
      !base64_decode(fields[4], keys.server_key) || keys.server_key.size() != n) {
    wipe(keys.client_key);
    wipe(keys.server_key);
    return std::nullopt;
  }
  return keys;
}

}  // namespace xmpp
