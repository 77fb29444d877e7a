// App and view figures at scale, natively and in wasm (headless ImGui): a 5,000-contact roster
// (1,000 online) and a chat of 10,000 messages. Prints one line per figure.
#include "app/app.h"
#include "imgui.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"

#include "../tests/app/fake_platform.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Bench {
    app::test::FakePlatform platform;
    app::App app{platform};
    ui::UiState ui;
    std::vector<app::Intent> intents;

    void say(const std::string& f) { app.account().on_ws_message(f); }

    void log_in() {
        app.account().log_in("bench@example.com", "secret", "ws://127.0.0.1:1/ws");
        app.account().on_ws_open();
        const char* open = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s' version='1.0'/>";
        say(open);
        say("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
            "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        say("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        say(open);
        say("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind "
            "xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        say("<iq xmlns='jabber:client' type='result' id='id1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            "<jid>bench@example.com/r</jid></bind></iq>");
    }

    double frame() {
        auto t = Clock::now();
        ImGui::NewFrame();
        ui::widget_registry().begin_frame();
        app.prepare_frame();
        ui::draw_app(app, ui, intents);
        ImGui::Render();
        ui::widget_registry().end_frame();
        app.apply_all(intents);
        return ms_since(t);
    }
};

}  // namespace

int main() {
    ImGui::CreateContext();
    ui::widget_registry().attach(ImGui::GetCurrentContext());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::apply_style();

    Bench b;
    b.app.config.muc_service = "conference.example.com";
    b.log_in();
    if (b.app.account().connection() != app::Connection::Online) {
        std::printf("not online\n");
        return 1;
    }
    std::printf("Parla app and view figures (%s, headless ImGui, CPU work of a frame without drawing)\n",
#ifdef __EMSCRIPTEN__
                "wasm"
#else
                "native"
#endif
    );
    auto t = Clock::now();
    std::string roster = "<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster' ver='1'>";
    for (int i = 0; i < 5000; ++i)
        roster += "<item jid='c" + std::to_string(i) + "@example.com' name='Contatto " + std::to_string(i) +
                  "' subscription='both'><group>Gruppo " + std::to_string(i % 20) + "</group></item>";
    roster += "</query></iq>";
    b.say(roster);
    std::printf("roster reply of 5,000 contacts parsed and applied: %8.1f ms\n", ms_since(t));
    t = Clock::now();
    for (int i = 0; i < 1000; ++i)
        b.say("<presence xmlns='jabber:client' from='c" + std::to_string(i * 5) + "@example.com/r'/>");
    std::printf("1,000 presences absorbed:                        %8.1f ms\n", ms_since(t));
    t = Clock::now();
    b.app.refresh();
    b.app.prepare_frame();
    std::printf("roster view built (5,000 contacts, 20 groups):   %8.1f ms  (%d contacts, %zu groups)\n", ms_since(t),
                b.app.state().roster.contacts, b.app.state().roster.groups.size());
    {  // The contact list view alone, as prepare_frame() rebuilds it after a change.
        const xmpp::Client& c = *b.app.account().client();
        t = Clock::now();
        std::size_t groups = 0;
        for (int i = 0; i < 10; ++i)
            groups += app::build_roster_view(c.get<xmpp::Roster>(), c.get<xmpp::Presences>(), b.app.chats(), "").groups.size();
        std::printf("roster view rebuilt (5,000 contacts):           %8.2f ms  (each of 10, %zu groups)\n", ms_since(t) / 10, groups / 10);
    }
    double first = b.frame();
    double steady = 0;
    for (int i = 0; i < 10; ++i) steady += b.frame();
    std::printf("frame with the roster: first %.2f ms, then %.2f ms\n", first, steady / 10);

    for (int i = 0; i < 10000; ++i)
        b.say("<message xmlns='jabber:client' type='chat' from='c5@example.com/r' id='m" + std::to_string(i) +
              "'><body>Messaggio numero " + std::to_string(i) + ": che bella giornata a Perugia, vero? " +
              (i % 7 == 0 ? std::string("Una riga più lunga del solito per vedere come va a capo nel riquadro.") : "") +
              "</body></message>");
    b.app.refresh();
    b.intents.push_back(app::OpenChat{xmpp::Jid::parse("c5@example.com").jid});
    b.app.apply_all(b.intents);
    first = b.frame();
    steady = 0;
    for (int i = 0; i < 10; ++i) steady += b.frame();
    std::printf("frame with a 10,000-message chat: first %.2f ms (lays out every message), then %.2f ms\n", first,
                steady / 10);

    // A group of 1,000 people with 10,000 messages, then a burst of 500 joins.
    const std::string room = "piazza@conference.example.com";
    b.intents.push_back(app::JoinRoom{room, "bench", ""});
    b.app.apply_all(b.intents);
    t = Clock::now();
    auto occupant = [&](const std::string& nick, const char* codes) {
        b.say("<presence xmlns='jabber:client' from='" + room + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
              "<item affiliation='none' role='participant'/>" + codes + "</x></presence>");
    };
    for (int i = 0; i < 1000; ++i) occupant("persona" + std::to_string(i), "");
    occupant("bench", "<status code='110'/>");
    b.app.refresh();
    std::printf("group joined with 1,000 people present:          %8.1f ms\n", ms_since(t));
    t = Clock::now();
    for (int i = 0; i < 10000; ++i)
        b.say("<message xmlns='jabber:client' type='groupchat' from='" + room + "/persona" + std::to_string(i % 1000) +
              "' id='g" + std::to_string(i) + "'><body>Messaggio " + std::to_string(i) + " nella piazza, bench ci sei?</body>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='" + room + "' id='s" + std::to_string(i) + "'/></message>");
    b.app.refresh();
    std::printf("10,000 group messages absorbed:                   %8.1f ms\n", ms_since(t));
    b.intents.push_back(app::OpenChat{xmpp::Jid::parse(room).jid});
    b.app.apply_all(b.intents);
    first = b.frame();
    steady = 0;
    for (int i = 0; i < 10; ++i) steady += b.frame();
    std::printf("frame with the group (1,000 people, 10,000 messages): first %.2f ms, then %.2f ms\n", first, steady / 10);
    t = Clock::now();
    for (int i = 0; i < 500; ++i) occupant("nuovo" + std::to_string(i), "");
    double absorb = ms_since(t);
    double burst = b.frame();
    std::printf("burst of 500 joins: absorbed in %.1f ms, next frame %.2f ms (%zu people listed)\n", absorb, burst,
                b.app.state().occupants.count(xmpp::Jid::parse(room).jid) ? b.app.state().occupants.at(xmpp::Jid::parse(room).jid).size() : 0);
    ImGui::DestroyContext();
    return 0;
}
