// Languages: catalog lookup and fallback, language tags, plural rules, placeholders, dates,
// the core's sentences, and the app's notices in Italian.
#include "app/app.h"
#include "app/i18n.h"

#include "fake_platform.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace {

// Sets a language for one test and goes back to English after it (tests share the process).
struct Language {
    explicit Language(const char* tag) { app::set_language(tag); }
    ~Language() { app::set_language("en"); }
};

// Local time is UTC for the date tests.
struct Utc {
    std::string saved;
    bool had = false;
    Utc() {
        if (const char* tz = std::getenv("TZ")) {
            saved = tz;
            had = true;
        }
        setenv("TZ", "UTC", 1);
        tzset();
    }
    ~Utc() {
        if (had) setenv("TZ", saved.c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
};

const std::int64_t kSaturday = 1795862760000;  // 2026-11-28 10:46 UTC
const std::int64_t kSunday = 1777799100000;    // 2026-05-03 09:05 UTC

}  // namespace

TEST_CASE("English is the source: tr gives back its argument, the very same pointer") {
    app::set_language("en");
    CHECK(app::language() == "en");
    const char* english = "Log in";
    CHECK(app::tr(english) == english);
    CHECK(std::string(app::trc("month", "May")) == "May");
}

TEST_CASE("Italian: translations, and English for what the catalog lacks") {
    Language it("it");
    CHECK(app::language() == "it");
    CHECK(std::string(app::tr("Log in")) == "Accedi");
    CHECK(std::string(app::tr("Register")) == "Registrati");
    CHECK(std::string(app::tr("Language")) == "Lingua");
    CHECK(std::string(app::trc("month", "May")) == "maggio");
    CHECK(std::string(app::trc("weekday", "Saturday")) == "sabato");
    const char* unknown = "A sentence no catalog has.";
    CHECK(app::tr(unknown) == unknown);
    CHECK(app::trc("nowhere", "May") != nullptr);
    CHECK(std::string(app::trc("nowhere", "May")) == "May");  // a context the catalog lacks
}

TEST_CASE("language tags: region and case are ignored, unknown languages fall back to English") {
    struct Row {
        const char* tag;
        const char* picked;
    };
    const Row rows[] = {{"it", "it"},    {"it-IT", "it"}, {"IT", "it"}, {"it_CH", "it"}, {"it-Latn-IT", "it"},
                        {"en-GB", "en"}, {"en", "en"},    {"xx", "en"}, {"", "en"},      {"i", "en"},
                        {"-it", "en"},   {"ita", "en"}};
    for (const Row& r : rows) {
        CAPTURE(r.tag);
        app::set_language(r.tag);
        CHECK(app::language() == r.picked);
    }
    app::set_language("en");
}

TEST_CASE("the available languages, each by its own name") {
    std::vector<std::string> all = app::languages();
    REQUIRE(all.size() >= 2);
    CHECK(all[0] == "en");
    CHECK(std::find(all.begin(), all.end(), "it") != all.end());
    CHECK(std::string(app::language_name("en")) == "English");
    CHECK(std::string(app::language_name("it")) == "Italiano");
    CHECK(app::language_name("xx") == nullptr);
    Language it("it");  // names do not change with the language shown
    CHECK(std::string(app::language_name("en")) == "English");
}

TEST_CASE("plural forms: English and Italian (one, other)") {
    CHECK(app::trn("{0} person", "{0} people", 0) == "0 people");
    CHECK(app::trn("{0} person", "{0} people", 1) == "1 person");
    CHECK(app::trn("{0} person", "{0} people", 2) == "2 people");
    CHECK(app::trn("{0} contact, {1} online", "{0} contacts, {1} online", 5, 2) == "5 contacts, 2 online");
    Language it("it");
    CHECK(app::trn("{0} person", "{0} people", 0) == "0 persone");
    CHECK(app::trn("{0} person", "{0} people", 1) == "1 persona");
    CHECK(app::trn("{0} person", "{0} people", 21) == "21 persone");
    CHECK(app::trn("{0} contact, {1} online", "{0} contacts, {1} online", 1, 1) == "1 contatto, 1 online");
    CHECK(app::trn("{0} contact, {1} online", "{0} contacts, {1} online", 3, 0) == "3 contatti, 0 online");
    // Not in the catalog: the English forms by the English rule.
    CHECK(app::trn("{0} cat", "{0} cats", 1) == "1 cat");
    CHECK(app::trn("{0} cat", "{0} cats", 4) == "4 cats");
}

TEST_CASE("plural rules the catalogs may name") {
    using app::PluralRule;
    using app::plural_index;
    CHECK(plural_index(PluralRule::OneOther, 0) == 1);
    CHECK(plural_index(PluralRule::OneOther, 1) == 0);
    CHECK(plural_index(PluralRule::OneOther, 2) == 1);
    CHECK(plural_index(PluralRule::FrenchOneOther, 0) == 0);  // French: "0 personne"
    CHECK(plural_index(PluralRule::FrenchOneOther, 1) == 0);
    CHECK(plural_index(PluralRule::FrenchOneOther, 2) == 1);
    CHECK(plural_index(PluralRule::NoPlural, 1) == 0);
    CHECK(plural_index(PluralRule::NoPlural, 7) == 0);
    // Russian, Ukrainian, Serbian, Croatian: 1 21 101 | 2-4 22-24 | 0 5-20 25-30 111-114
    for (long n : {1L, 21L, 31L, 101L, 1001L}) CHECK(plural_index(PluralRule::Slavic, n) == 0);
    for (long n : {2L, 3L, 4L, 22L, 24L, 102L}) CHECK(plural_index(PluralRule::Slavic, n) == 1);
    for (long n : {0L, 5L, 11L, 12L, 14L, 19L, 20L, 25L, 111L, 112L}) CHECK(plural_index(PluralRule::Slavic, n) == 2);
    // Polish: 1 alone is singular; 21 is "many".
    CHECK(plural_index(PluralRule::Polish, 1) == 0);
    CHECK(plural_index(PluralRule::Polish, 22) == 1);
    CHECK(plural_index(PluralRule::Polish, 21) == 2);
    CHECK(plural_index(PluralRule::Polish, 12) == 2);
}

TEST_CASE("fmt: placeholders in any order, repeated, and arguments never read as patterns") {
    using app::fmt;
    CHECK(fmt("{0} invites you to {1}", "anna@example.org", "piazza@muc.example.org") ==
          "anna@example.org invites you to piazza@muc.example.org");
    CHECK(fmt("{1} ← {0}, again {1}", "a", "b") == "b ← a, again b");  // reordered and repeated
    CHECK(fmt("<{0}|{1}>", "{1}", "%s%n%d") == "<{1}|%s%n%d>");        // no re-expansion, no printf
    CHECK(fmt("{0}", "##id###x") == "##id###x");
    CHECK(fmt("{0} and {2}", "a", "b") == "a and {2}");  // a missing argument stays visible
    CHECK(fmt("{{0}} is {0}", "x") == "{0} is x");      // doubled braces are literal
    CHECK(fmt("{0} of {1}", 3, 10L) == "3 of 10");       // numbers
    CHECK(fmt("no holes") == "no holes");
    CHECK(fmt("{", "x") == "{");
    CHECK(fmt("{x}", "y") == "{x}");
    std::string room = "stanza {0} %s";
    Language it("it");
    CHECK(fmt(app::tr("Joining {0}…"), room) == "Ingresso in stanza {0} %s…");
    CHECK(fmt(app::tr("{0} invites you to {1}"), "anna@example.org", "piazza@muc.example.org") ==
          "anna@example.org ti invita in piazza@muc.example.org");
}

TEST_CASE("days and times, in English and in Italian") {
    Utc utc;
    CHECK(app::format_day(kSaturday) == "Saturday 28 November 2026");
    CHECK(app::format_time(kSaturday) == "10:46");
    CHECK(app::format_day(kSunday) == "Sunday 3 May 2026");
    CHECK(app::format_time(kSunday) == "09:05");
    Language it("it");
    CHECK(app::format_day(kSaturday) == "sabato 28 novembre 2026");
    CHECK(app::format_time(kSaturday) == "10:46");
    CHECK(app::format_day(kSunday) == "domenica 3 maggio 2026");
    CHECK(app::format_time(kSunday) == "09:05");
}

TEST_CASE("the core's English sentences are translated whole, around the server's own words") {
    CHECK(app::tr_sentence("Something went wrong.") == "Something went wrong.");  // English: as is
    Language it("it");
    CHECK(app::tr_sentence("Something went wrong.") == "Qualcosa è andato storto.");
    CHECK(app::tr_sentence("The address or the password is wrong.") == "L'indirizzo o la password sono sbagliati.");
    CHECK(app::tr_sentence("This room needs a password, or the password was wrong.") ==
          "Questa stanza richiede una password, oppure la password era sbagliata.");
    // The server's words stay as they came.
    CHECK(app::tr_sentence("Something went wrong. The server said: \"Nope, {0} %s\"") ==
          "Qualcosa è andato storto. Il server ha detto: «Nope, {0} %s»");
    // Compositions with an address, or with another sentence inside.
    CHECK(app::tr_sentence("There is no account nobody@example.org: check the name before the @, or register it.") ==
          "L'account nobody@example.org non esiste: controlla il nome prima della @, oppure registralo.");
    CHECK(app::tr_sentence("The server sent something Parla cannot read: The message is not well-formed XML.") ==
          "Il server ha inviato qualcosa che Parla non riesce a leggere: Il messaggio non è XML ben formato.");
    CHECK(app::tr_sentence("This provider does not let apps create accounts. Look for a sign-up page on its web site.") ==
          "Questo provider non permette alle app di creare account. Cerca una pagina di registrazione sul suo sito web.");
    // Anything else (the server's own text, a composed list) stays as it is.
    CHECK(app::tr_sentence("Kicked for flooding.") == "Kicked for flooding.");
    CHECK(app::tr_sentence("") == "");
}

TEST_CASE("the app's notices follow the language, and the choice is kept") {
    Language reset("en");
    app::test::FakePlatform platform;
    app::App a(platform);
    a.apply(app::SetLanguage{"it"});
    CHECK(app::language() == "it");
    CHECK(platform.load("language") == "it");
    a.apply(app::LogIn{"giulietta@localhost", "", "ws://127.0.0.1:5290/xmpp-websocket"});
    CHECK(a.state().login.text == "Scrivi la tua password.");
    a.apply(app::LogIn{"@localhost", "x", "ws://127.0.0.1:5290/xmpp-websocket"});
    CHECK(a.state().login.text == "La parte prima della @ è vuota: metti un nome prima della @ o toglila.");
    CHECK(app::check_domain("") == "Scrivi il dominio del provider, per esempio example.org.");
    a.apply(app::SetLanguage{"en-US"});
    CHECK(app::language() == "en");
    CHECK(platform.load("language") == "en");
    CHECK(app::check_domain("") == "Type the provider's domain, for example example.org.");
}
