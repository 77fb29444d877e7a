// Headless ImGui: draws every view for a few frames with the real font, so Begin/End
// mistakes, missing glyphs and registry gaps fail here rather than in the browser.
#include "headless.h"

#include <doctest/doctest.h>

#include <cstdio>

using ui::test::Headless;

TEST_CASE("the font covers Italian, Greek, Cyrillic and the euro sign") {
    Headless h;
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (ImWchar c : {ImWchar(0xE8), ImWchar(0xF9), ImWchar(0x3A3), ImWchar(0x3C9), ImWchar(0x416), ImWchar(0x44F),
                      ImWchar(0x20AC), ImWchar(0x2014)}) {
        CAPTURE(c);
        CHECK(font->FindGlyphNoFallback(c) != nullptr);
    }
    CHECK(ImGui::GetIO().FontGlobalScale == 1.0f);
}

TEST_CASE("the subset font has every glyph of the app's ranges that DejaVu Sans has (CMakeLists.txt in step)") {
    Headless h;
    ImFontAtlas source_atlas;
    ImFont* source = source_atlas.AddFontFromFileTTF(PARLA_FONT_SOURCE, ui::kFontSize, nullptr, ui::font_glyph_ranges());
    REQUIRE(source);
    REQUIRE(source_atlas.Build());
    ImFont* subset = ImGui::GetIO().Fonts->Fonts[0];
    int missing = 0, present = 0;
    for (const ImWchar* r = ui::font_glyph_ranges(); r[0]; r += 2)
        for (unsigned c = r[0]; c <= r[1]; ++c) {
            if (!source->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;  // unassigned or not in DejaVu
            if (subset->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
                ++present;
            } else {
                ++missing;
                char name[16];
                std::snprintf(name, sizeof name, "U+%04X", c);
                MESSAGE("missing from the subset: " << name);
            }
        }
    CHECK(missing == 0);
    CHECK(present > 500);
}

TEST_CASE("HiDPI: the font is rasterised at device pixels and drawn at CSS size") {
    Headless h(2.0f);
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == doctest::Approx(ui::kFontSize * 2));
    CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(0.5f));
}

TEST_CASE("the control box registers its widgets") {
    Headless h;
    for (int i = 0; i < 3; ++i) h.frame();
    CHECK(h.find("Log in", "tab"));
    CHECK(h.find("Register", "tab"));
    CHECK(h.find("Address", "input"));
    CHECK(h.find("Password", "input"));
    CHECK(h.find("Log in", "button"));
    CHECK_FALSE(h.find("Provider domain", "input"));  // on the other tab
    const ui::WidgetInfo* address = h.find("Address", "input");
    REQUIRE(address);
    CHECK(address->w > 100);
    CHECK(address->text == "");
}

TEST_CASE("passwords never reach the registry") {
    Headless h;
    h.ui.login_password = "segreto";
    h.ui.login_address = "giulietta@localhost";
    for (int i = 0; i < 3; ++i) h.frame();
    CHECK(h.find("Address", "input")->text == "giulietta@localhost");
    CHECK(h.find("Password", "input")->has_text == false);
    CHECK(ui::widget_registry().to_json().find("segreto") == std::string::npos);
}

TEST_CASE("clicking Log in with an empty form shows an error; Register shows its form") {
    Headless h;
    for (int i = 0; i < 3; ++i) h.frame();
    h.click(*h.find("Log in", "button"));
    CHECK(h.app.state().login.kind == app::Notice::Kind::Error);
    h.frame();
    bool shown = false;
    for (const ui::WidgetInfo& w : ui::widget_registry().last_frame())
        shown |= w.role == "error" && w.label == h.app.state().login.text && w.visible;
    CHECK(shown);
    h.click(*h.find("Register", "tab"));
    CHECK(h.find("Provider domain", "input"));
    CHECK(h.find("Fetch registration form", "button"));
}

TEST_CASE("untrusted-looking text in inputs is data, not a label or format") {
    Headless h;
    h.ui.login_address = "%s%n##x###y";
    for (int i = 0; i < 3; ++i) h.frame();
    REQUIRE(h.find("Address", "input"));
    CHECK(h.find("Address", "input")->text == "%s%n##x###y");
}

TEST_CASE("registry JSON escapes quotes and control characters") {
    Headless h;
    h.ui.login_address = "a\"b\\c\nd\x01";
    for (int i = 0; i < 2; ++i) h.frame();
    std::string json = ui::widget_registry().to_json();
    CHECK(json.find(R"("text":"a\"b\\c\nd\u0001")") != std::string::npos);
}

TEST_CASE("online: contacts, requests, a chat with a bounced message; every view draws") {
    Headless h;
    app::test::Script server = h.log_in();
    REQUIRE(h.app.state().connection == app::Connection::Online);
    for (int i = 0; i < 40; ++i)
        server.say("<iq xmlns='jabber:client' type='set' id='p" + std::to_string(i) + "'><query xmlns='jabber:iq:roster'>"
                   "<item jid='c" + std::to_string(i) + "@example.com' name='##x %s Contact " + std::to_string(i) +
                   "' subscription='both'><group>Amici</group></item></query></iq>");
    server.say("<presence xmlns='jabber:client' from='stranger@example.net' type='subscribe'/>");
    server.say("<presence xmlns='jabber:client' from='c3@example.com/phone'><show>dnd</show><status>%n%n</status></presence>");
    server.say("<message xmlns='jabber:client' type='chat' from='c3@example.com/phone' id='m1'><body>Ciao! "
               "https://example.org/x</body></message>");
    h.app.refresh();
    for (int i = 0; i < 3; ++i) h.frame();
    CHECK(h.find("Presence", "combo"));
    CHECK(h.find("Add a contact", "button"));
    CHECK(h.find("Accept", "button"));
    CHECK(h.find("Decline", "button"));
    const ui::WidgetInfo* row = h.find("##x %s Contact 3", "button");
    REQUIRE(row);
    CHECK(row->text == "c3@example.com");
    h.click(*row);
    REQUIRE(h.app.chats().active());
    CHECK(h.app.chats().active()->bare() == "c3@example.com");
    for (int i = 0; i < 2; ++i) h.frame();
    CHECK(h.find("https://example.org/x", "link"));
    CHECK(h.find("Message", "input"));
    // Send one; the server bounces it; the chat shows why.
    h.ui.chats[*h.app.chats().active()].draft = "ti scrivo";
    h.click(*h.find("Send", "button"));
    REQUIRE(server.sent_contains("ti scrivo"));
    std::string id = h.app.chats().find(*h.app.chats().active())->messages.back().id;
    server.say("<message xmlns='jabber:client' type='error' from='c3@example.com' id='" + id +
               "'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    h.app.refresh();
    for (int i = 0; i < 2; ++i) h.frame();
    bool shown = false;
    for (const ui::WidgetInfo& w : ui::widget_registry().last_frame())
        shown |= w.role == "error" && w.label == "This address does not exist, or does not accept messages.";
    CHECK(shown);
}

TEST_CASE("online, phone width: one pane at a time, with a way back") {
    Headless h;
    ImGui::GetIO().DisplaySize = ImVec2(390, 800);
    app::test::Script server = h.log_in();
    server.say("<iq xmlns='jabber:client' type='set' id='p'><query xmlns='jabber:iq:roster'>"
               "<item jid='anna@example.com' name='Anna' subscription='both'/></query></iq>");
    h.app.refresh();
    for (int i = 0; i < 3; ++i) h.frame();
    h.click(*h.find("Anna", "button"));
    for (int i = 0; i < 2; ++i) h.frame();
    CHECK_FALSE(h.find("Add a contact", "button"));
    REQUIRE(h.find("< Contacts", "button"));
    h.click(*h.find("< Contacts", "button"));
    CHECK(h.find("Add a contact", "button"));
}

TEST_CASE("a provider's data form with every field type, a CAPTCHA and hostile labels draws") {
    Headless h;
    ImGui::GetIO().DisplaySize = ImVec2(800, 1600);  // the whole form in view
    h.app.config.websocket_url = app::test::kUrl;
    h.app.apply(app::FetchRegistrationForm{"example.com", {}});
    h.app.account().on_ws_open();
    auto say = [&](const std::string& f) { h.app.account().on_ws_message(f); };
    say("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s' version='1.0'/>");
    say("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
        "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>");
    say("<iq xmlns='jabber:client' type='result' id='id1' from='example.com'><query xmlns='jabber:iq:register'>"
        "<x xmlns='jabber:x:data' type='form'><instructions>%s %n ##x</instructions>"
        "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:captcha</value></field>"
        "<field var='username' type='text-single' label='User'><required/></field>"
        "<field var='password' type='text-private' label='Password'><required/></field>"
        "<field type='fixed'><value>Read this ##first</value></field>"
        "<field var='tos' type='boolean' label='I agree %s'/>"
        "<field var='lang' type='list-single' label='Language'><option label='Italiano'><value>it</value></option>"
        "<option label='English'><value>en</value></option></field>"
        "<field var='topics' type='list-multi' label='Topics'><option><value>a</value></option><option><value>b</value>"
        "</option></field>"
        "<field var='bio' type='text-multi' label='About you'/>"
        "<field var='ocr' label='Enter the text you see'><media xmlns='urn:xmpp:media-element' height='80' width='290'>"
        "<uri type='image/png'>cid:sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org</uri></media></field>"
        "</x></query></iq>");
    h.app.refresh();
    REQUIRE(h.app.state().registration_form);
    for (int i = 0; i < 3; ++i) h.frame();
    h.click(*h.find("Register", "tab"));
    CHECK(h.find("Your name at this provider", "input"));
    CHECK(h.find("Password", "input"));
    CHECK(h.find("Password again", "input"));
    CHECK(h.find("I agree %s", "checkbox"));
    CHECK(h.find("Italiano", "checkbox"));
    CHECK(h.find("About you", "input"));
    CHECK(h.find("Enter the text you see", "input"));
    CHECK(h.find("Register", "button"));
    // Ticking a list-single option and submitting sends the chosen values.
    REQUIRE(h.find("English", "checkbox"));
    h.click(*h.find("English", "checkbox"));
    CHECK(h.ui.register_values["lang"] == "en");
}
