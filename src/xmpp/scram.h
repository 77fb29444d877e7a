// RFC 5802 (SCRAM) and RFC 7677 (SCRAM-SHA-256) client, no channel binding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

enum class ScramHash { sha1, sha256, sha512 };

// "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512": the SASL mechanism names.
std::string_view mechanism_name(ScramHash hash);

using Bytes = std::vector<std::uint8_t>;

// What a "remember me" can store instead of the password. The keys are bound to the
// salt and iteration count the server gave, so those are kept alongside.
struct ScramKeys {
  ScramHash hash = ScramHash::sha256;
  Bytes salt;
  std::uint32_t iterations = 0;
  Bytes salted_password;  // lets a client recompute both keys; store keys if you can
  Bytes client_key;
  Bytes server_key;
};

enum class ScramError {
  none,
  bad_input,        // username/password/nonce unusable; see error_text()
  wrong_state,      // methods called out of order
  malformed,        // a server message does not follow the RFC 5802 §7 grammar
  nonce_mismatch,   // server nonce does not extend ours
  bad_salt,
  bad_iterations,   // not a strict positive decimal
  too_many_iterations,
  too_few_iterations,     // below kMinIterations: a downgrade an impostor would ask for
  unsupported_extension,  // m= (RFC 5802 §5.1: we must fail)
  keys_stale,       // stored keys were made for another salt/iteration count
  server_error,     // e= in server-final
  bad_signature,    // server did not prove it knows our password
  crypto,           // mbedTLS failed
};

struct ScramStep {
  std::string message;  // the client message to send, when ok()
  ScramError error = ScramError::none;
  std::string error_text;  // one sentence for the user
  bool ok() const { return error == ScramError::none; }
};

class ScramClient {
 public:
  // Above this the client refuses: PBKDF2 runs on the UI thread in the browser.
  static constexpr std::uint32_t kMaxIterations = 600000;
  static constexpr std::uint32_t kMinIterations = 4096;

  // `nonce` is caller-supplied randomness: printable ASCII except ',' (RFC 5802 §7),
  // at least 16 characters (e.g. base64 of 18 random bytes).
  ScramClient(ScramHash hash, std::string_view username, std::string_view password,
              std::string_view nonce);
  // "Remember me": authenticate with keys saved from an earlier exchange. Fails with
  // keys_stale if the server now sends another salt or iteration count.
  ScramClient(std::string_view username, const ScramKeys& keys, std::string_view nonce);
  ~ScramClient();
  ScramClient(const ScramClient&) = delete;
  ScramClient& operator=(const ScramClient&) = delete;

  // "n,,n=<saslname>,r=<nonce>"; empty if the inputs were rejected (see error()).
  std::string client_first();
  // Checks server-first and returns "c=biws,r=...,p=...".
  ScramStep client_final(std::string_view server_first);
  // Checks server-final ("v=..." or "e=...") in constant time. True means the server
  // proved it knows the password; only then is authentication complete.
  bool verify_server_final(std::string_view server_final);

  ScramError error() const { return error_; }
  const std::string& error_text() const { return error_text_; }
  ScramHash hash() const { return keys_.hash; }
  // Filled in by client_final; valid to store once verify_server_final returned true.
  const ScramKeys& keys() const { return keys_; }

 private:
  enum class State { start, first_sent, final_sent, done, failed };
  ScramStep fail(ScramError error, std::string text);
  bool derive_keys();

  State state_ = State::start;
  bool from_keys_ = false;
  std::string username_;
  std::string password_;
  std::string nonce_;
  std::string client_first_bare_;
  ScramKeys keys_;
  Bytes server_signature_;
  ScramError error_ = ScramError::none;
  std::string error_text_;
};

// RFC 4648 base64 (mbedTLS underneath); decode accepts only the canonical spelling:
// no whitespace, correct padding, zero pad bits.
std::string base64_encode(const Bytes& bytes);
bool base64_decode(std::string_view text, Bytes& out);

// "Remember me" storage: ScramKeys as one line of text, without the salted password:
//   <mechanism>:<iterations>:<base64 salt>:<base64 ClientKey>:<base64 ServerKey>
//   e.g. "SCRAM-SHA-256:4096:W22ZaJ0SNY7soEsUEjb6gQ==:<44 chars>:<44 chars>"
// ClientKey and ServerKey are all ScramClient(keys) needs. encode derives them from
// salted_password when only that is filled; "" when the keys are incomplete or unusable.
// decode is strict: exactly five fields, a known mechanism, a canonical decimal count within
// [kMinIterations, kMaxIterations], a non-empty salt of at most kMaxStoredSaltBytes, keys
// of exactly the hash's size, canonical base64, nothing else; nullopt otherwise.
inline constexpr std::size_t kMaxStoredSaltBytes = 256;
std::string encode_scram_keys(const ScramKeys& keys);
std::optional<ScramKeys> decode_scram_keys(std::string_view text);

}  // namespace xmpp
