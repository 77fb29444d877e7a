// RFC 5802 §5 and RFC 7677 §3 vectors, plus hostile server messages, for ScramClient.
#include "xmpp/scram.h"

#include <doctest/doctest.h>
#include <mbedtls/base64.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>

using namespace xmpp;

namespace {

// RFC 5802 §5 (SCRAM-SHA-1).
constexpr const char* kNonce1 = "fyko+d2lbbFgONRv9qkxdawL";
constexpr const char* kServerFirst1 =
    "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
constexpr const char* kClientFinal1 =
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
constexpr const char* kServerFinal1 = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

// RFC 7677 §3 (SCRAM-SHA-256).
constexpr const char* kNonce256 = "rOprNGfwEbeRWgbNEkqO";
constexpr const char* kServerFirst256 =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr const char* kClientFinal256 =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr const char* kServerFinal256 = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

// Test-side helpers built on mbedTLS directly, independent of scram.cpp.
Bytes t_hmac(mbedtls_md_type_t t, const Bytes& key, const std::string& data) {
  Bytes out(mbedtls_md_get_size_from_type(t));
  REQUIRE(mbedtls_md_hmac(mbedtls_md_info_from_type(t), key.data(), key.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                          out.data()) == 0);
  return out;
}

Bytes t_hash(mbedtls_md_type_t t, const Bytes& data) {
  Bytes out(mbedtls_md_get_size_from_type(t));
  REQUIRE(mbedtls_md(mbedtls_md_info_from_type(t), data.data(), data.size(), out.data()) == 0);
  return out;
}

std::string t_b64(const Bytes& b) {
  unsigned char buf[256];
  std::size_t len = 0;
  REQUIRE(mbedtls_base64_encode(buf, sizeof buf, &len, b.data(), b.size()) == 0);
  return std::string(reinterpret_cast<char*>(buf), len);
}

Bytes t_unb64(const std::string& s) {
  unsigned char buf[256];
  std::size_t len = 0;
  REQUIRE(mbedtls_base64_decode(buf, sizeof buf, &len,
                                reinterpret_cast<const unsigned char*>(s.data()), s.size()) == 0);
  return Bytes(buf, buf + len);
}

// A client that has sent client-first for the RFC 5802 example.
struct Rfc5802 {
  ScramClient c{ScramHash::sha1, "user", "pencil", kNonce1};
  Rfc5802() { REQUIRE(c.client_first() == std::string("n,,n=user,r=") + kNonce1); }
};

}  // namespace

TEST_CASE("RFC 5802 §5 SCRAM-SHA-1 example, exactly") {
  Rfc5802 t;
  const ScramStep step = t.c.client_final(kServerFirst1);
  REQUIRE_MESSAGE(step.ok(), step.error_text);
  CHECK(step.message == kClientFinal1);
  CHECK(t.c.verify_server_final(kServerFinal1));
  CHECK(t.c.error() == ScramError::none);
  CHECK(t.c.hash() == ScramHash::sha1);
  CHECK(mechanism_name(t.c.hash()) == "SCRAM-SHA-1");
}

TEST_CASE("RFC 7677 §3 SCRAM-SHA-256 example, exactly") {
  ScramClient c(ScramHash::sha256, "user", "pencil", kNonce256);
  CHECK(c.client_first() == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  const ScramStep step = c.client_final(kServerFirst256);
  REQUIRE_MESSAGE(step.ok(), step.error_text);
  CHECK(step.message == kClientFinal256);
  CHECK(c.verify_server_final(kServerFinal256));
  CHECK(mechanism_name(ScramHash::sha256) == "SCRAM-SHA-256");
}

TEST_CASE("SCRAM-SHA-512 matches an independent server-side computation") {
  const mbedtls_md_type_t t = MBEDTLS_MD_SHA512;
  const std::string user = "ju=li,et", password = "r0m\xC3\xA9o pass", nonce = "0123456789abcdefXYZ";
  const Bytes salt = {0x01, 0x02, 0x03, 0xFE, 0xFF, 0x00, 0x10, 0x20};
  const unsigned iterations = 4096;

  ScramClient c(ScramHash::sha512, user, password, nonce);
  const std::string first = c.client_first();
  CHECK(first == "n,,n=ju=3Dli=2Cet,r=" + nonce);
  const std::string server_first = "r=" + nonce + "srv+NONCE/1,s=" + t_b64(salt) + ",i=4096";
  const ScramStep step = c.client_final(server_first);
  REQUIRE_MESSAGE(step.ok(), step.error_text);

  // The server's side of RFC 5802 §3.
  Bytes salted(64);
  REQUIRE(mbedtls_pkcs5_pbkdf2_hmac_ext(t, reinterpret_cast<const unsigned char*>(password.data()),
                                        password.size(), salt.data(), salt.size(), iterations,
                                        64, salted.data()) == 0);
  const Bytes client_key = t_hmac(t, salted, "Client Key");
  const Bytes stored_key = t_hash(t, client_key);
  const Bytes server_key = t_hmac(t, salted, "Server Key");
  const std::string without_proof = "c=biws,r=" + nonce + "srv+NONCE/1";
  REQUIRE(step.message.rfind(without_proof + ",p=", 0) == 0);
  const std::string auth = first.substr(3) + "," + server_first + "," + without_proof;

  // Verify the proof the way a server does: recover ClientKey, hash, compare.
  const Bytes proof = t_unb64(step.message.substr(without_proof.size() + 3));
  const Bytes client_sig = t_hmac(t, stored_key, auth);
  REQUIRE(proof.size() == 64);
  Bytes recovered = proof;
  for (std::size_t i = 0; i < recovered.size(); ++i) recovered[i] ^= client_sig[i];
  CHECK(t_hash(t, recovered) == stored_key);

  CHECK(c.keys().salted_password == salted);
  CHECK(c.keys().client_key == client_key);
  CHECK(c.keys().server_key == server_key);
  CHECK(c.keys().salt == salt);
  CHECK(c.keys().iterations == iterations);

  const std::string server_final = "v=" + t_b64(t_hmac(t, server_key, auth));
  CHECK(c.verify_server_final(server_final));
  CHECK(mechanism_name(ScramHash::sha512) == "SCRAM-SHA-512");
}

TEST_CASE("client_final refuses hostile server-first messages") {
  const std::string n = kNonce1;
  const std::string r = "r=" + n + "3rfcNHYJY1ZVvWVs7j";
  const std::string s = "s=QSXCR+Q6sek8bf92";
  struct Row {
    std::string name;
    std::string server_first;
    ScramError error;
  };
  const Row rows[] = {
      {"nonce not extending ours", "r=AAAAd2lbbFgONRv9qkxdawL3rfc," + s + ",i=4096",
       ScramError::nonce_mismatch},
      {"same nonce, no server part", "r=" + n + "," + s + ",i=4096", ScramError::nonce_mismatch},
      {"shorter than ours", "r=" + n.substr(0, 10) + "," + s + ",i=4096",
       ScramError::nonce_mismatch},
      {"server part has a space", "r=" + n + "ab cd," + s + ",i=4096", ScramError::nonce_mismatch},
      {"server part has DEL", "r=" + n + "ab\x7F," + s + ",i=4096", ScramError::nonce_mismatch},
      {"empty message", "", ScramError::malformed},
      {"missing r", s + ",i=4096", ScramError::malformed},
      {"missing s", r + ",i=4096", ScramError::malformed},
      {"missing i", r + "," + s, ScramError::malformed},
      {"reordered", s + "," + r + ",i=4096", ScramError::malformed},
      {"r= hidden in another value", "x=r=" + n + "xx," + s + ",i=4096", ScramError::malformed},
      {"i=0", r + "," + s + ",i=0", ScramError::bad_iterations},
      {"i=abc", r + "," + s + ",i=abc", ScramError::bad_iterations},
      {"i empty", r + "," + s + ",i=", ScramError::bad_iterations},
      {"i negative", r + "," + s + ",i=-4096", ScramError::bad_iterations},
      {"i with plus", r + "," + s + ",i=+4096", ScramError::bad_iterations},
      {"i leading zero", r + "," + s + ",i=04096", ScramError::bad_iterations},
      {"i trailing junk", r + "," + s + ",i=4096abc", ScramError::bad_iterations},
      {"i exponent", r + "," + s + ",i=4e3", ScramError::bad_iterations},
      {"i with space", r + "," + s + ",i= 4096", ScramError::bad_iterations},
      {"i just above cap", r + "," + s + ",i=600001", ScramError::too_many_iterations},
      {"i=1, a downgrade", r + "," + s + ",i=1", ScramError::too_few_iterations},
      {"i just below 4096", r + "," + s + ",i=4095", ScramError::too_few_iterations},
      {"i huge", r + "," + s + ",i=4294967297", ScramError::too_many_iterations},
      {"i overflows 64 bits", r + "," + s + ",i=99999999999999999999999999",
       ScramError::too_many_iterations},
      {"salt bad length", r + ",s=QSXCR+Q6sek8bf9,i=4096", ScramError::bad_salt},
      {"salt bad char", r + ",s=QSXCR*Q6sek8bf92,i=4096", ScramError::bad_salt},
      {"salt with space", r + ",s=QSXC R+Q6sek8bf9,i=4096", ScramError::bad_salt},
      {"salt with newline", r + ",s=QSXCR+Q6\nsek8bf92,i=4096", ScramError::bad_salt},
      {"salt empty", r + ",s=,i=4096", ScramError::bad_salt},
      {"salt all padding", r + ",s====,i=4096", ScramError::bad_salt},
      {"salt padding in middle", r + ",s=QS==XCR+,i=4096", ScramError::bad_salt},
      {"m= extension", "m=foo," + r + "," + s + ",i=4096", ScramError::unsupported_extension},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Rfc5802 t;
    const ScramStep step = t.c.client_final(row.server_first);
    CHECK_FALSE(step.ok());
    CHECK(step.error == row.error);
    CHECK(step.message.empty());
    CHECK_FALSE(step.error_text.empty());
    CHECK(t.c.error() == row.error);
    // A failed exchange stays failed.
    CHECK_FALSE(t.c.verify_server_final(kServerFinal1));
    CHECK(t.c.error() == row.error);
  }
}

TEST_CASE("client_final tolerates extensions after i=") {
  Rfc5802 t;
  const ScramStep step = t.c.client_final(std::string(kServerFirst1) + ",x=future");
  CHECK(step.ok());
  CHECK(step.message.rfind("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=", 0) == 0);
}

TEST_CASE("verify_server_final refuses wrong signatures and reports server errors") {
  struct Row {
    std::string name;
    std::string server_final;
    ScramError error;
    const char* says;
  };
  const Row rows[] = {
      {"one character changed", "v=smF9pqV8S7suAoZWja4dJRkFsKQ=", ScramError::bad_signature,
       "prove"},
      {"last byte changed", "v=rmF9pqV8S7suAoZWja4dJRkFsKU=", ScramError::bad_signature,
       "prove"},
      {"right bytes, non-zero pad bits", "v=rmF9pqV8S7suAoZWja4dJRkFsKR=", ScramError::malformed,
       "not valid"},
      {"signature of the wrong length", "v=rmF9pqV8S7suAoZWja4dJRkF", ScramError::bad_signature,
       "prove"},
      {"client proof echoed back", "v=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", ScramError::bad_signature,
       "prove"},
      {"empty v", "v=", ScramError::bad_signature, "prove"},
      {"v not base64", "v=rmF9pqV8S7suAoZWja4dJRkFsKQ", ScramError::malformed, "not valid"},
      {"empty message", "", ScramError::malformed, "not valid"},
      {"unknown attribute", "x=rmF9pqV8S7suAoZWja4dJRkFsKQ=", ScramError::malformed, "not valid"},
      {"e=other-error", "e=other-error", ScramError::server_error, "other-error"},
      {"e=invalid-proof", "e=invalid-proof", ScramError::server_error, "rejected the password"},
      {"e=unknown-user", "e=unknown-user", ScramError::server_error, "user name"},
      {"e= with extension", "e=no-resources,x=1", ScramError::server_error, "try again"},
      {"e= unknown value", "e=made-up-thing", ScramError::server_error, "made-up-thing"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Rfc5802 t;
    REQUIRE(t.c.client_final(kServerFirst1).ok());
    CHECK_FALSE(t.c.verify_server_final(row.server_final));
    CHECK(t.c.error() == row.error);
    CHECK_MESSAGE(t.c.error_text().find(row.says) != std::string::npos, t.c.error_text());
  }
  Rfc5802 t;
  REQUIRE(t.c.client_final(kServerFirst1).ok());
  CHECK(t.c.verify_server_final(std::string(kServerFinal1) + ",x=ext"));
}

TEST_CASE("ScramClient enforces call order") {
  {
    ScramClient c(ScramHash::sha1, "user", "pencil", kNonce1);
    CHECK_FALSE(c.client_final(kServerFirst1).ok());
    CHECK(c.error() == ScramError::wrong_state);
  }
  {
    ScramClient c(ScramHash::sha1, "user", "pencil", kNonce1);
    CHECK_FALSE(c.verify_server_final(kServerFinal1));
    CHECK(c.error() == ScramError::wrong_state);
  }
  {
    Rfc5802 t;
    CHECK(t.c.client_first().empty());  // a second client-first is refused
    CHECK(t.c.error() == ScramError::wrong_state);
  }
  {
    Rfc5802 t;
    REQUIRE(t.c.client_final(kServerFirst1).ok());
    CHECK(t.c.client_final(kServerFirst1).error == ScramError::wrong_state);
  }
  {
    Rfc5802 t;
    REQUIRE(t.c.client_final(kServerFirst1).ok());
    REQUIRE(t.c.verify_server_final(kServerFinal1));
    CHECK_FALSE(t.c.verify_server_final(kServerFinal1));  // no replaying success
  }
}

TEST_CASE("ScramClient refuses unusable inputs before sending anything") {
  struct Row {
    std::string name;
    std::string user, password, nonce;
  };
  const Row rows[] = {
      {"empty user", "", "pencil", kNonce1},
      {"user with newline", "us\ner", "pencil", kNonce1},
      {"user with NUL", std::string("us\0er", 5), "pencil", kNonce1},
      {"user invalid UTF-8", "us\xC0\xAF" "er", "pencil", kNonce1},
      {"empty password", "user", "", kNonce1},
      {"password with control", "user", "pen\x01" "cil", kNonce1},
      {"password with C1 control", "user", "pen\xC2\x9B" "cil", kNonce1},
      {"password invalid UTF-8", "user", "pen\xFF" "cil", kNonce1},
      {"short nonce", "user", "pencil", "abc"},
      {"empty nonce", "user", "pencil", ""},
      {"nonce with comma", "user", "pencil", "fyko+d2lbbFgONRv,9qkxdawL"},
      {"nonce with space", "user", "pencil", "fyko+d2lbbFgONRv 9qkxdawL"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    ScramClient c(ScramHash::sha256, row.user, row.password, row.nonce);
    CHECK(c.client_first().empty());
    CHECK(c.error() == ScramError::bad_input);
    CHECK_FALSE(c.error_text().empty());
    CHECK(c.client_final(kServerFirst1).error == ScramError::bad_input);
  }
}

TEST_CASE("Stored keys reproduce the RFC 5802 exchange without the password") {
  Rfc5802 first;
  REQUIRE(first.c.client_final(kServerFirst1).ok());
  REQUIRE(first.c.verify_server_final(kServerFinal1));
  const ScramKeys keys = first.c.keys();
  CHECK(keys.salted_password.size() == 20);
  CHECK(keys.client_key.size() == 20);
  CHECK(keys.server_key.size() == 20);

  ScramKeys only_keys = keys;
  only_keys.salted_password.clear();
  ScramKeys only_salted = keys;
  only_salted.client_key.clear();
  only_salted.server_key.clear();
  ScramKeys half_pair = keys;  // a truncated client key must not be used as is
  half_pair.client_key.resize(19);
  for (const ScramKeys& k : {keys, only_keys, only_salted, half_pair}) {
    ScramClient c("user", k, kNonce1);
    CHECK(c.client_first() == std::string("n,,n=user,r=") + kNonce1);
    const ScramStep step = c.client_final(kServerFirst1);
    REQUIRE_MESSAGE(step.ok(), step.error_text);
    CHECK(step.message == kClientFinal1);
    CHECK(c.verify_server_final(kServerFinal1));
  }
}

TEST_CASE("Stored keys are refused when stale or incomplete") {
  Rfc5802 first;
  REQUIRE(first.c.client_final(kServerFirst1).ok());
  const ScramKeys keys = first.c.keys();
  const std::string r = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
  for (const std::string& server_first :
       {r + ",s=QSXCR+Q6sek8bf92,i=4097", r + ",s=QSXCR+Q6sek8bf93,i=4096"}) {
    CAPTURE(server_first);
    ScramClient c("user", keys, kNonce1);
    REQUIRE_FALSE(c.client_first().empty());
    CHECK(c.client_final(server_first).error == ScramError::keys_stale);
  }
  ScramKeys broken = keys;
  broken.salted_password.clear();
  broken.client_key.resize(19);
  ScramKeys no_salt = keys;
  no_salt.salt.clear();
  ScramKeys wrong_hash = keys;
  wrong_hash.hash = ScramHash::sha256;  // 20-byte keys cannot be SHA-256 keys
  for (const ScramKeys& k : {broken, no_salt, wrong_hash}) {
    ScramClient c("user", k, kNonce1);
    CHECK(c.client_first().empty());
    CHECK(c.error() == ScramError::bad_input);
  }
}

TEST_CASE("base64 round-trips and refuses non-canonical text") {
  const Bytes foobar = {'f', 'o', 'o', 'b', 'a', 'r'};
  CHECK(base64_encode({}).empty());
  CHECK(base64_encode(Bytes(foobar.begin(), foobar.begin() + 1)) == "Zg==");
  CHECK(base64_encode(Bytes(foobar.begin(), foobar.begin() + 2)) == "Zm8=");
  CHECK(base64_encode(foobar) == "Zm9vYmFy");
  Bytes out;
  CHECK(base64_decode("Zm9vYg==", out));
  CHECK(out == Bytes(foobar.begin(), foobar.begin() + 4));
  CHECK(base64_decode("", out));
  CHECK(out.empty());
  for (const char* bad : {"Zm9", "Zm9v\n", "Zm 9v", "Zm9v=", "Z===", "====", "=Zm9",
                          "Zm=v", "Zm9v====", "Zm9-", "Zm9_", "Zm9v\r\nYmFy", "\xC3\xA9Zm9",
                          "Zh==", "Zm9="}) {
    CAPTURE(bad);
    CHECK_FALSE(base64_decode(bad, out));
  }
}

TEST_CASE("encode_scram_keys / decode_scram_keys: one strict line, enough to log in again") {
  Rfc5802 first;
  REQUIRE(first.c.client_final(kServerFirst1).ok());
  const ScramKeys keys = first.c.keys();
  // ClientKey = HMAC(SaltedPassword, "Client Key"), ServerKey likewise, computed here apart.
  const Bytes salted = keys.salted_password;
  const std::string expected = "SCRAM-SHA-1:4096:QSXCR+Q6sek8bf92:" +
                               t_b64(t_hmac(MBEDTLS_MD_SHA1, salted, "Client Key")) + ":" +
                               t_b64(t_hmac(MBEDTLS_MD_SHA1, salted, "Server Key"));
  CHECK(encode_scram_keys(keys) == expected);
  ScramKeys only_salted = keys;  // derived when only SaltedPassword is there
  only_salted.client_key.clear();
  only_salted.server_key.clear();
  CHECK(encode_scram_keys(only_salted) == expected);

  const std::optional<ScramKeys> back = decode_scram_keys(expected);
  REQUIRE(back);
  CHECK(back->hash == ScramHash::sha1);
  CHECK(back->iterations == 4096);
  CHECK(back->salt == keys.salt);
  CHECK(back->client_key == keys.client_key);
  CHECK(back->server_key == keys.server_key);
  CHECK(back->salted_password.empty());
  CHECK(encode_scram_keys(*back) == expected);
  ScramClient again("user", *back, kNonce1);
  REQUIRE_FALSE(again.client_first().empty());
  const ScramStep step = again.client_final(kServerFirst1);
  REQUIRE_MESSAGE(step.ok(), step.error_text);
  CHECK(step.message == kClientFinal1);
  CHECK(again.verify_server_final(kServerFinal1));

  // SHA-256 and SHA-512 keys have their own sizes.
  for (ScramHash h : {ScramHash::sha256, ScramHash::sha512}) {
    ScramClient c(h, "user", "pencil", kNonce1);
    REQUIRE_FALSE(c.client_first().empty());
    REQUIRE(c.client_final(kServerFirst1).ok());
    const std::string line = encode_scram_keys(c.keys());
    CAPTURE(line);
    CHECK(line.rfind(std::string(mechanism_name(h)) + ":4096:", 0) == 0);
    const std::optional<ScramKeys> k = decode_scram_keys(line);
    REQUIRE(k);
    CHECK(k->hash == h);
    CHECK(k->client_key == c.keys().client_key);
  }

  // Nothing is written for keys that could not log in.
  ScramKeys incomplete = keys;
  incomplete.salted_password.clear();
  incomplete.server_key.clear();
  ScramKeys no_salt = keys;
  no_salt.salt.clear();
  ScramKeys few_rounds = keys;
  few_rounds.iterations = 4095;
  ScramKeys wrong_hash = keys;
  wrong_hash.hash = ScramHash::sha256;
  wrong_hash.salted_password.clear();
  for (const ScramKeys& k : {incomplete, no_salt, few_rounds, wrong_hash}) CHECK(encode_scram_keys(k).empty());
}

TEST_CASE("decode_scram_keys refuses anything but the exact form") {
  Rfc5802 first;
  REQUIRE(first.c.client_final(kServerFirst1).ok());
  const std::string good = encode_scram_keys(first.c.keys());
  REQUIRE(decode_scram_keys(good));
  const std::size_t c1 = good.find(':'), c2 = good.find(':', c1 + 1), c3 = good.find(':', c2 + 1),
                    c4 = good.find(':', c3 + 1);
  const std::string salt = good.substr(c2 + 1, c3 - c2 - 1), ck = good.substr(c3 + 1, c4 - c3 - 1),
                    sk = good.substr(c4 + 1);
  const std::string key256(44, 'A');  // 32 zero bytes: a SHA-256 key's size
  const std::vector<std::string> bad = {
      "",
      ":",
      "SCRAM-SHA-1",
      "SCRAM-SHA-1:4096:" + salt + ":" + ck,                      // four fields
      good + ":",                                                   // six
      good + ":" + sk,
      "scram-sha-1" + good.substr(c1),                             // case
      "SCRAM-SHA-1-PLUS" + good.substr(c1),
      "PLAIN" + good.substr(c1),
      "SCRAM-SHA-256" + good.substr(c1),                           // 20-byte keys
      "SCRAM-SHA-1:04096:" + salt + ":" + ck + ":" + sk,           // leading zero
      "SCRAM-SHA-1:+4096:" + salt + ":" + ck + ":" + sk,
      "SCRAM-SHA-1:4095:" + salt + ":" + ck + ":" + sk,            // below the minimum
      "SCRAM-SHA-1:600001:" + salt + ":" + ck + ":" + sk,          // above the maximum
      "SCRAM-SHA-1:99999999999999999999:" + salt + ":" + ck + ":" + sk,
      "SCRAM-SHA-1::" + salt + ":" + ck + ":" + sk,
      "SCRAM-SHA-1:4096::" + ck + ":" + sk,                        // no salt
      "SCRAM-SHA-1:4096:" + salt + "=:" + ck + ":" + sk,           // bad base64
      "SCRAM-SHA-1:4096:QSXCR+Q6sek8bf9:" + ck + ":" + sk,
      "SCRAM-SHA-1:4096:" + salt + ":" + ck.substr(0, ck.size() - 4) + ":" + sk,  // short key
      "SCRAM-SHA-1:4096:" + salt + ":" + ck + ":" + key256,        // long key
      "SCRAM-SHA-1:4096:" + salt + ":" + ck + ":" + sk + "\n",
      " " + good,
      good + " ",
      "SCRAM-SHA-1:4096:" + std::string(400, 'A') + ":" + ck + ":" + sk,  // a 300-byte salt
      good + std::string(2000, 'A'),
  };
  for (const std::string& text : bad) {
    CAPTURE(text);
    CHECK_FALSE(decode_scram_keys(text));
  }
  // Every truncation.
  for (std::size_t n = 0; n < good.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(decode_scram_keys(good.substr(0, n)));
  }
}
