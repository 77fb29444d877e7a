// The screens in Italian: labels translated (the registry shows them without their ImGui
// ids), the language switched from its combo at once, tabs staying where they were.
#include "app/i18n.h"

#include "headless.h"

#include <doctest/doctest.h>

namespace {

// The shared headless screens (headless.h) in one language; English again afterwards.
struct Headless : ui::test::Headless {
    explicit Headless(const char* language) : ui::test::Headless(1.0f, 700) { app::set_language(language); }
    ~Headless() { app::set_language("en"); }

    // No label shows an ImGui id part, and none is empty where a person reads it.
    void check_labels() {
        for (const ui::WidgetInfo& w : ui::widget_registry().last_frame()) {
            CAPTURE(w.label);
            CHECK(w.label.find("##") == std::string::npos);
        }
    }
};

}  // namespace

TEST_CASE("logged out, in Italian: the tabs, the form and the language combo") {
    Headless h("it-IT");
    for (int i = 0; i < 3; ++i) h.frame();
    CHECK(h.find("Accedi", "tab"));
    CHECK(h.find("Registrati", "tab"));
    CHECK(h.find("Indirizzo", "input"));
    CHECK(h.find("Password", "input"));
    CHECK(h.find("Accedi", "button"));
    CHECK(h.find("Avanzate", "tree"));
    CHECK(h.find("Lingua", "combo"));
    CHECK_FALSE(h.find("Log in", "tab"));
    h.check_labels();
    h.click("Accedi", "button");  // an empty form: the error is Italian too
    CHECK(h.app.state().login.text == "L'indirizzo è vuoto.");
}

TEST_CASE("switching the language from the combo keeps the open tab") {
    Headless h("it");
    for (int i = 0; i < 3; ++i) h.frame();
    h.click("Registrati", "tab");
    REQUIRE(h.find("Dominio del provider", "input"));
    h.click("Lingua", "combo");
    REQUIRE(h.find("English", "option"));
    REQUIRE(h.find("Italiano", "option"));
    h.click("English", "option");
    CHECK(app::language() == "en");
    CHECK(h.platform.load("language") == "en");
    h.frame();
    CHECK(h.find("Register", "tab"));
    CHECK(h.find("Provider domain", "input"));  // still on the Register tab
    CHECK(h.find("Language", "combo"));
    h.click("Language", "combo");
    h.click("Italiano", "option");
    CHECK(app::language() == "it");
    CHECK(h.find("Dominio del provider", "input"));
}

TEST_CASE("online, in Italian: every tab draws, the Account tab switches the language") {
    Headless h("it");
    app::test::Script server(h.platform, h.app.account());
    server.log_in();
    h.app.refresh();
    REQUIRE(h.app.state().connection == app::Connection::Online);
    server.say("<iq xmlns='jabber:client' type='set' id='p'><query xmlns='jabber:iq:roster'>"
               "<item jid='anna@example.com' name='Anna' subscription='both'><group>Amici</group></item></query></iq>");
    h.app.refresh();
    for (int i = 0; i < 3; ++i) h.frame();
    CHECK(h.find("Contatti", "tab"));
    CHECK(h.find("Gruppi", "tab"));
    CHECK(h.find("Account", "tab"));
    CHECK(h.find("Presenza", "combo"));
    CHECK(h.find("Aggiungi un contatto", "button"));
    CHECK(h.find("Esci", "button"));
    h.click("Gruppi", "tab");
    CHECK(h.find("Entra nel gruppo", "button"));
    CHECK(h.find("Nickname", "input"));
    h.click("Account", "tab");
    CHECK(h.find("Nuova password", "input"));
    h.check_labels();
    h.click("Lingua", "combo");
    h.click("English", "option");
    h.frame();
    CHECK(h.find("New password", "input"));  // the Account tab stayed open
    CHECK(h.find("Contacts", "tab"));
}
