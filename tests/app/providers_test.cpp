// Provider suggestions: reading the XMPP Providers list, merging with ours, ranking.
#include "app/providers.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace {
const char* kList = R"JSON([
  {"jid": "Alpha.example", "category": "A", "inBandRegistration": true,
   "registrationWebPage": {}, "ratingXmppComplianceTester": 100, "serverLocations": ["de", "fr"],
   "passwordReset": {"en": "https://alpha.example/reset"}, "since": "2020-01-01"},
  {"jid": "beta.example", "category": "B", "inBandRegistration": false,
   "registrationWebPage": {"de": "https://beta.example/de/signup", "en": "https://beta.example/signup"},
   "ratingXmppComplianceTester": 91},
  {"jid": "gamma.example", "category": "B", "inBandRegistration": false,
   "registrationWebPage": {"en": "javascript:alert(1)", "fr": "https://gamma.example/inscription"}},
  {"jid": "bad@user.example", "category": "A"},
  {"jid": "", "category": "A"},
  {"jid": "delta.example", "category": "Z", "ratingXmppComplianceTester": 1000}
])JSON";
}  // namespace

TEST_CASE("the XMPP Providers list is read: category, in-app sign-up, sign-up page, rating") {
    std::vector<app::Provider> list;
    REQUIRE(app::parse_provider_list(kList, list));
    REQUIRE(list.size() == 4);
    CHECK(list[0].domain == "alpha.example");
    CHECK(list[0].category == 'A');
    CHECK(list[0].in_band == app::Provider::InBand::Yes);
    CHECK(list[0].web_signup.empty());
    CHECK(list[0].compliance == 100);
    CHECK(list[0].country == "de");
    CHECK(list[0].from_list);
    CHECK(list[1].category == 'B');
    CHECK(list[1].in_band == app::Provider::InBand::No);
    CHECK(list[1].web_signup == "https://beta.example/signup");  // English preferred
    CHECK(list[2].web_signup == "https://gamma.example/inscription");  // never a javascript: link
    CHECK(list[3].domain == "delta.example");
    CHECK(list[3].category == 0);
    CHECK(list[3].compliance == -1);
}

TEST_CASE("a document that is not a provider list leaves the list as it was") {
    std::vector<app::Provider> list = app::builtin_providers();
    std::size_t n = list.size();
    for (const char* bad : {"", "{}", "[1, 2]", "[{\"jid\": \"a.example\"}", "<html>Not found</html>", "[\"a.example\"]"}) {
        CAPTURE(bad);
        CHECK_FALSE(app::parse_provider_list(bad, list));
        CHECK(list.size() == n);
    }
    std::vector<app::Provider> empty;
    CHECK(app::parse_provider_list("[]", empty));
    CHECK(empty.empty());
}

TEST_CASE("the fetched list replaces what we wrote about the same domain; suggestions rank prefix, then category") {
    std::vector<app::Provider> list;
    REQUIRE(app::parse_provider_list(kList, list));
    std::vector<app::Provider> ours = app::builtin_providers();
    app::Provider same;
    same.domain = "beta.example";
    ours.push_back(same);
    std::vector<app::Provider> all = app::merge_providers(ours, list);
    const app::Provider* beta = app::find_provider(all, "BETA.example");
    REQUIRE(beta);
    CHECK(beta->from_list);
    CHECK(app::find_provider(all, "yax.im"));
    CHECK(std::is_sorted(all.begin(), all.end(), [](auto& a, auto& b) { return a.domain < b.domain; }));

    auto s = app::suggest_providers(all, "example", 10);
    REQUIRE(s.size() == 4);
    CHECK(s[0]->domain == "alpha.example");  // category A first
    CHECK(s[1]->category == 'B');
    CHECK(s[3]->domain == "delta.example");  // unknown category last
    auto g = app::suggest_providers(all, " G", 10);
    REQUIRE(g.size() >= 2);
    CHECK(g[0]->domain == "gamma.example");  // starts with "g" before merely containing it
    CHECK(app::suggest_providers(all, "", 3).size() == 3);
}
