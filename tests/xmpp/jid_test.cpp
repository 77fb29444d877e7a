// RFC 7622: tests for JID splitting (§3.2), part rules, normalisation and ordering.
#include "xmpp/jid.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using namespace xmpp;

TEST_CASE("Jid::parse splits and normalises valid addresses") {
  struct Row {
    std::string input;
    const char* local;
    const char* domain;
    const char* resource;
    const char* full;
  };
  const Row rows[] = {
      {"juliet@example.com", "juliet", "example.com", "", "juliet@example.com"},
      {"juliet@example.com/foo", "juliet", "example.com", "foo", "juliet@example.com/foo"},
      {"example.com", "", "example.com", "", "example.com"},
      {"example.com/foobar", "", "example.com", "foobar", "example.com/foobar"},
      {"a.example.com/b@example.net", "", "a.example.com", "b@example.net",
       "a.example.com/b@example.net"},  // RFC 7622 §3.5 example: '@' after '/' is resource
      {"juliet@example.com/foo@bar", "juliet", "example.com", "foo@bar",
       "juliet@example.com/foo@bar"},
      {"juliet@example.com/foo/bar", "juliet", "example.com", "foo/bar",
       "juliet@example.com/foo/bar"},
      {"juliet@example.com/foo bar", "juliet", "example.com", "foo bar",
       "juliet@example.com/foo bar"},
      {"juliet@example.com/ foo", "juliet", "example.com", " foo",
       "juliet@example.com/ foo"},  // RFC 7622 erratum 4560: leading space is allowed
      {"Juliet@Example.COM/Balcony", "juliet", "example.com", "Balcony",
       "juliet@example.com/Balcony"},  // resource keeps its case
      {"juliet@example.com.", "juliet", "example.com", "", "juliet@example.com"},
      {"juliet@example.com./r", "juliet", "example.com", "r", "juliet@example.com/r"},
      {"romeo@[::1]", "romeo", "[::1]", "", "romeo@[::1]"},
      {"romeo@[2001:DB8::1]/x", "romeo", "[2001:db8::1]", "x", "romeo@[2001:db8::1]/x"},
      {"user@192.168.0.1", "user", "192.168.0.1", "", "user@192.168.0.1"},
      {"\xCF\x80@example.com", "\xCF\x80", "example.com", "", "\xCF\x80@example.com"},
      {"user@m\xC3\xBCnchen.de", "user", "m\xC3\xBCnchen.de", "", "user@m\xC3\xBCnchen.de"},
      {"user@example.com/\xE2\x99\x9A", "user", "example.com", "\xE2\x99\x9A",
       "user@example.com/\xE2\x99\x9A"},
      {"user@example.com/a\xC2\xA0" "b", "user", "example.com", "a b",
       "user@example.com/a b"},  // OpaqueString maps U+00A0 to U+0020
      {"fu\xC3\x9F" "ball@example.com", "fu\xC3\x9F" "ball", "example.com", "",
       "fu\xC3\x9F" "ball@example.com"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    const JidResult r = Jid::parse(row.input);
    REQUIRE_MESSAGE(r.ok(), r.message);
    CHECK(r.error == JidError::none);
    CHECK(r.part == JidPart::none);
    CHECK(r.message.empty());
    CHECK(r.jid.local == row.local);
    CHECK(r.jid.domain == row.domain);
    CHECK(r.jid.resource == row.resource);
    CHECK(r.jid.full() == row.full);
    CHECK(r.jid.is_bare() == std::string_view(row.resource).empty());
    // Normalisation is idempotent: parsing the output gives the same JID.
    const JidResult again = Jid::parse(r.jid.full());
    REQUIRE(again.ok());
    CHECK(again.jid == r.jid);
  }
}

TEST_CASE("Jid::parse refuses bad addresses and names the part that is wrong") {
  const std::string long_part(1024, 'a');
  const std::string max_part(1023, 'a');
  struct Row {
    std::string input;
    JidError error;
    JidPart part;
    const char* says;  // a fragment the user-facing sentence must contain
  };
  const Row rows[] = {
      {"", JidError::empty, JidPart::whole, "empty"},
      {"@example.com", JidError::empty_part, JidPart::local, "before @ is empty"},
      {"juliet@", JidError::empty_part, JidPart::domain, "server name is missing"},
      {"juliet@/res", JidError::empty_part, JidPart::domain, "server name"},
      {"juliet@example.com/", JidError::empty_part, JidPart::resource, "after / is empty"},
      {"/res", JidError::empty_part, JidPart::domain, "server name"},
      {".", JidError::empty_part, JidPart::domain, "server name"},
      {"juliet@.", JidError::empty_part, JidPart::domain, "server name"},
      {"juliet@example..com", JidError::empty_part, JidPart::domain, "two dots"},
      {"juliet@.example.com", JidError::empty_part, JidPart::domain, "starts or ends with a dot"},
      {"juliet@example.com..", JidError::empty_part, JidPart::domain, "dot"},
      {"jul iet@example.com", JidError::forbidden_char, JidPart::local,
       "The part before @ contains a space, which addresses cannot have."},
      {"jul\xC2\xA0iet@example.com", JidError::forbidden_char, JidPart::local, "a space"},
      {"jul\xE3\x80\x80iet@example.com", JidError::forbidden_char, JidPart::local, "a space"},
      {"\"juliet\"@example.com", JidError::forbidden_char, JidPart::local, "double quote"},
      {"ju&liet@example.com", JidError::forbidden_char, JidPart::local, "\"&\""},
      {"ju'liet@example.com", JidError::forbidden_char, JidPart::local, "apostrophe"},
      {"ju:liet@example.com", JidError::forbidden_char, JidPart::local, "\":\""},
      {"<juliet>@example.com", JidError::forbidden_char, JidPart::local, "\"<\""},
      {"ju>liet@example.com", JidError::forbidden_char, JidPart::local, "\">\""},
      {"juliet@exa mple.com", JidError::forbidden_char, JidPart::domain,
       "The server name contains a space"},
      {"juliet@romeo@example.com", JidError::forbidden_char, JidPart::domain, "\"@\""},
      {"juliet@exa_mple.com", JidError::forbidden_char, JidPart::domain, "\"_\""},
      {"juliet@example.com:5222", JidError::forbidden_char, JidPart::domain, "\":\""},
      {"juliet example.com", JidError::forbidden_char, JidPart::domain, "a space"},
      {"juliet@[::1", JidError::forbidden_char, JidPart::domain, "IPv6"},
      {"juliet@[zz::1]", JidError::forbidden_char, JidPart::domain, "IPv6"},
      {"juliet@[]", JidError::forbidden_char, JidPart::domain, "IPv6"},
      {"juliet@[1234]", JidError::forbidden_char, JidPart::domain, "IPv6"},
      {"juliet@[::1]x", JidError::forbidden_char, JidPart::domain, "IPv6"},
      {"juli\tet@example.com", JidError::control_char, JidPart::local, "control character"},
      {std::string("juliet\0@example.com", 19), JidError::control_char, JidPart::local,
       "control"},
      {"juliet@exam\x7Fple.com", JidError::control_char, JidPart::domain, "control"},
      {"juliet@example.com/a\nb", JidError::control_char, JidPart::resource, "control"},
      {"juliet@example.com/a\xC2\x85" "b", JidError::control_char, JidPart::resource,
       "control"},  // U+0085 NEL is a C1 control
      {"ju\xC0\xAFliet@example.com", JidError::invalid_utf8, JidPart::local, "UTF-8"},
      {"juliet@ex\xED\xA0\x80.com", JidError::invalid_utf8, JidPart::domain, "UTF-8"},
      {"juliet@example.com/\xF4\x90\x80\x80", JidError::invalid_utf8, JidPart::resource,
       "UTF-8"},
      {"juliet@example.com/\xFF", JidError::invalid_utf8, JidPart::resource, "UTF-8"},
      {"juliet@example.com/\xE2\x82", JidError::invalid_utf8, JidPart::resource, "UTF-8"},
      {"juliet\xEF\xBF\xBF@example.com", JidError::noncharacter, JidPart::local,
       "noncharacter"},
      {"juliet@example.com/\xEF\xB7\x90", JidError::noncharacter, JidPart::resource,
       "noncharacter"},
      {long_part + "@example.com", JidError::too_long, JidPart::local, "1023"},
      {"juliet@" + long_part, JidError::too_long, JidPart::domain, "1023"},
      {"juliet@example.com/" + long_part, JidError::too_long, JidPart::resource, "1023"},
      // An IPv6 literal is held to the limit too.
      {"juliet@[" + std::string(1021, 'a') + ":]", JidError::too_long, JidPart::domain, "1023"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    const JidResult r = Jid::parse(row.input);
    CHECK_FALSE(r.ok());
    CHECK(r.error == row.error);
    CHECK(r.part == row.part);
    CHECK_MESSAGE(r.message.find(row.says) != std::string::npos, r.message);
    CHECK(r.message.back() == '.');  // a full sentence
  }
  // The limit is inclusive.
  CHECK(Jid::parse(max_part + "@example.com").ok());
  CHECK(Jid::parse("a@example.com/" + max_part).ok());
  CHECK(Jid::parse("a@[" + std::string(1020, 'a') + ":]").ok());
}

TEST_CASE("Jid bare/full/bare_jid and equality after normalisation") {
  const Jid j = Jid::parse("Romeo@Example.net/Orchard").jid;
  CHECK(j.bare() == "romeo@example.net");
  CHECK(j.full() == "romeo@example.net/Orchard");
  CHECK_FALSE(j.is_bare());
  CHECK(j.bare_jid() == Jid{"romeo", "example.net", ""});
  CHECK(j.bare_jid().is_bare());
  CHECK(Jid::parse("example.net").jid.bare() == "example.net");

  CHECK(Jid::parse("ROMEO@EXAMPLE.NET.").jid == Jid::parse("romeo@example.net").jid);
  CHECK(Jid::parse("romeo@example.net/A").jid != Jid::parse("romeo@example.net/a").jid);
  CHECK(Jid::parse("romeo@example.net").jid != Jid::parse("romeo@example.net/a").jid);
}

TEST_CASE("Jid ordering is by local, then domain, then resource") {
  std::vector<Jid> jids = {Jid{"b", "a.org", ""}, Jid{"a", "b.org", ""}, Jid{"a", "a.org", "z"},
                           Jid{"a", "a.org", ""}, Jid{"", "z.org", ""}};
  std::sort(jids.begin(), jids.end());
  CHECK(jids[0] == Jid{"", "z.org", ""});
  CHECK(jids[1] == Jid{"a", "a.org", ""});
  CHECK(jids[2] == Jid{"a", "a.org", "z"});
  CHECK(jids[3] == Jid{"a", "b.org", ""});
  CHECK(jids[4] == Jid{"b", "a.org", ""});
  CHECK(Jid{"a", "a.org", ""} < Jid{"a", "a.org", "r"});
  CHECK_FALSE(Jid{"a", "a.org", "r"} < Jid{"a", "a.org", "r"});
}
