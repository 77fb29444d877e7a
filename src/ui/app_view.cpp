// The app's layout: the control box (log in, register; when online: who we are, presence,
// contacts) and the chats beside it; on a narrow screen one pane at a time.
#include "ui/app_view.h"

#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

#include <algorithm>

namespace ui {

using app::tr;

static void draw_notice(const app::Notice& n) {
    if (n.kind == app::Notice::Kind::None) return;
    ImGui::Spacing();
    notice_text(n.kind == app::Notice::Kind::Error, n.text);
}

static void draw_login_tab(const app::AppState& state, const app::AppConfig& config, UiState& ui,
                           std::vector<app::Intent>& intents) {
    bool busy = state.connection != app::Connection::Offline;
    ImGui::BeginDisabled(busy);
    bool submit = labeled_input(tr("Address"), "##login-address", ui.login_address,
                                config.lock_domain ? tr("name") : "name@example.org", ImGuiInputTextFlags_EnterReturnsTrue);
    if (config.lock_domain) ImGui::TextDisabled("%s", app::fmt(tr("Addresses here end in @{0}."), config.domain).c_str());
    ImGui::Spacing();
    submit |= labeled_input(tr("Password"), "##login-password", ui.login_password, nullptr,
                            ImGuiInputTextFlags_EnterReturnsTrue, true);
    ImGui::Spacing();
    if (ImGui::TreeNodeEx(label_id(tr("Advanced"), "advanced").c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
        submit |= labeled_input(tr("WebSocket URL"), "##login-websocket", ui.login_websocket,
                                tr("found from the address when empty"), ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr("For example wss://chat.example.org/xmpp-websocket"));
        ImGui::PopTextWrapPos();
        ImGui::TreePop();
    }
    ImGui::Spacing();
    ImGui::Checkbox(label_id(tr("Remember me on this computer"), "remember").c_str(), &ui.login_remember);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ui.login_remember ? tr("Your chats stay here and you stay logged in; your password is never stored.")
                                                : tr("A public computer: nothing is kept, and logging out leaves no trace."));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    submit |= primary_button(tr("Log in"));
    ImGui::EndDisabled();
    if (submit && !busy) intents.push_back(app::LogIn{ui.login_address, ui.login_password, ui.login_websocket, ui.login_remember});
    draw_notice(state.login);
}

static void draw_register_tab(const app::AppState& state, const app::AppConfig& config, UiState& ui,
                              std::vector<app::Intent>& intents) {
    if (config.lock_domain) {  // the site's own server: no provider to choose
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(app::fmt(tr("Create an account at {0}."), config.domain).c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        if (primary_button(tr("Fetch registration form"))) intents.push_back(app::FetchRegistrationForm{config.domain, {}});
        ui.register_domain = config.domain;
        if (state.registration_form) {
            ImGui::Spacing();
            ImGui::Separator();
            draw_registration_form(state, ui, intents);
        }
        draw_notice(state.registration);
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr("Pick a provider: like e-mail, people at different providers chat with each other."));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    draw_provider_chooser(state, ui, intents);
    if (state.registration_form) {
        ImGui::Spacing();
        ImGui::Separator();
        draw_registration_form(state, ui, intents);
    }
    draw_notice(state.registration);
}

static const xmpp::Show kShows[] = {xmpp::Show::Online, xmpp::Show::Chat, xmpp::Show::Away, xmpp::Show::Xa,
                                    xmpp::Show::Dnd};

// Who we are, our presence and status message, log out.
// One line while a dropped connection comes back, with a button to try at once.
static void draw_reconnecting(const app::AppState& state, std::vector<app::Intent>& intents) {
    std::string line = state.reconnect_at_ms > 0
                           ? app::fmt(tr("Connection lost. Next try at {0}; your messages wait."), app::format_time_seconds(state.reconnect_at_ms))
                       : state.resuming ? std::string(tr("Connecting…"))
                                        : std::string(tr("Connection lost. Reconnecting…"));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().private_note);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    widget_registry().add_text_item("connection", line);
    if (state.reconnect_at_ms > 0 && ImGui::Button(tr("Retry now"))) intents.push_back(app::RetryNow{});
    ImGui::Separator();
}

static void draw_own_header(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (state.reconnecting) draw_reconnecting(state, intents);
    ImGui::TextDisabled("%s", tr("Logged in as"));
    text_clipped(state.jid, ImGui::GetContentRegionAvail().x);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float r = ImGui::GetTextLineHeight() * 0.32f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    // While the connection comes back nobody sees us: a grey dot (the choice below stays).
    ImVec2 dot(p.x + r + 2, p.y + ImGui::GetFrameHeight() * 0.5f);
    if (state.reconnecting) dl->AddCircleFilled(dot, r, palette().offline);
    else draw_presence(dl, dot, r, kShows[ui.show_index]);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + r * 2 + 8);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    int chosen = ui.show_index;
    if (ImGui::BeginCombo("##presence", presence_words(kShows[ui.show_index]))) {
        for (int i = 0; i < 5; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(presence_words(kShows[i]), i == ui.show_index)) chosen = i;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    widget_registry().annotate_last_item(tr("Presence"), nullptr, "combo");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool status_done = ImGui::InputTextWithHint("##status", tr("Status message"), &ui.status,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    widget_registry().annotate_last_item(tr("Status message"), &ui.status);
    status_done |= ImGui::IsItemDeactivatedAfterEdit();
    if (chosen != ui.show_index || status_done) {
        ui.show_index = chosen;
        intents.push_back(app::SetPresence{kShows[chosen], ui.status});
    }
    if (ImGui::Button(tr("Log out"))) intents.push_back(app::LogOut{});
}

void draw_language_choice(std::vector<app::Intent>& intents) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Language"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(200.0f, ImGui::GetContentRegionAvail().x));
    const std::string current = app::language();
    if (ImGui::BeginCombo("##language", app::language_name(current))) {
        // Each language by its own name, so a person who cannot read this one finds theirs.
        for (const std::string& code : app::languages()) {
            ImGui::PushID(code.c_str());
            const char* name = app::language_name(code);
            if (ImGui::Selectable(name, code == current) && code != current) intents.push_back(app::SetLanguage{code});
            widget_registry().annotate_last_item(name, nullptr, "option");
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    widget_registry().annotate_last_item(tr("Language"), nullptr, "combo");
}

// Not inlined into the log-in screen's functions: the build splits the code by what the log-in
// screen runs (scripts/split.mjs), and this runs only once logged in.
[[gnu::noinline]] static void draw_online_control_box(const app::App& app, UiState& ui,
                                                      std::vector<app::Intent>& intents) {
    const app::AppState& state = app.state();
    ui.login_password.clear();  // the account holds it for this session; the form need not
    draw_own_header(state, ui, intents);
    ImGui::SameLine();
    draw_phone_button(ui);  // beside Log out
    if (ui.show_phone) draw_phone_panel(state, ui, app.config.page_url);
    ImGui::Spacing();
    if (ImGui::BeginTabBar("control-box-online")) {
        if (ImGui::BeginTabItem(label_id(tr("Contacts"), "contacts-tab").c_str())) {
            draw_contacts(state, ui, intents);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(label_id(tr("Groups"), "groups-tab").c_str())) {
            draw_groups(state, ui, intents);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(label_id(tr("Account"), "account-tab").c_str())) {
            draw_account_settings(state, ui, intents);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

static void draw_control_box(const app::App& app, UiState& ui, std::vector<app::Intent>& intents) {
    const app::AppState& state = app.state();
    ImGui::TextUnformatted("Parla");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("chat with anyone, anywhere"));
    ImGui::Separator();
    bool online = state.connection == app::Connection::Online || state.connection == app::Connection::LoggingOut ||
                  state.reconnecting;
    if (online) {
        draw_online_control_box(app, ui, intents);
        return;
    }
    if (ImGui::BeginTabBar("control-box-tabs")) {
        if (ImGui::BeginTabItem(label_id(tr("Log in"), "login-tab").c_str())) {
            draw_login_tab(state, app.config, ui, intents);
            ImGui::EndTabItem();
        }
        if (app.config.registration && ImGui::BeginTabItem(label_id(tr("Register"), "register-tab").c_str())) {
            draw_register_tab(state, app.config, ui, intents);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    if (ui.code_loading) {  // a click before all of Parla had arrived: it goes on when it has
        ImGui::Spacing();
        notice_text(false, tr("Loading the rest of Parla…"));
    }
    ImGui::Spacing();
    ImGui::Separator();
    draw_language_choice(intents);
    ImGui::Spacing();
    draw_phone_button(ui);
    if (ui.show_phone) draw_phone_panel(state, ui, app.config.page_url);
}

// The screen once logged in (not inlined: see draw_online_control_box).
[[gnu::noinline]] static void draw_online(const app::App& app, UiState& ui, std::vector<app::Intent>& intents,
                                          bool narrow) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    if (narrow) {
        bool chat = ui.narrow_show_chat && app.chats().active();
        if (!chat) {
            ImGui::BeginChild("control-box", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
            if (!app.chats().open_chats().empty()) {  // on a phone the open chats come first
                draw_chat_strip(app, intents);
                ImGui::NewLine();
                ImGui::Separator();
            }
            draw_control_box(app, ui, intents);
            ImGui::EndChild();
        } else {
            draw_chats(app, ui, intents, true);
        }
    } else {
        float width = std::clamp(vp->WorkSize.x * 0.3f, 280.0f, 380.0f);
        ImGui::BeginChild("control-box", ImVec2(width, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
        draw_control_box(app, ui, intents);
        ImGui::EndChild();
        ImGui::SameLine();
        draw_chats(app, ui, intents, false);
    }
}

void draw_app(const app::App& app, UiState& ui, std::vector<app::Intent>& intents) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // No title, borders or resizing; a scrollbar when a form is taller than the screen.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Parla", nullptr, flags);
    const ImGuiStyle& style = ImGui::GetStyle();
    bool online = app.state().connection == app::Connection::Online ||
                  app.state().connection == app::Connection::LoggingOut || app.state().reconnecting;
    if (!online) {
        // The control box alone: a column of at most 420 px, centred; the whole width on a phone.
        float width = std::min(420.0f, vp->WorkSize.x - 2 * style.WindowPadding.x);
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), (vp->WorkSize.x - width) * 0.5f));
        ImGui::BeginChild("control-box", ImVec2(width, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY, ImGuiWindowFlags_NavFlattened);
        draw_control_box(app, ui, intents);
        ImGui::EndChild();
    } else {
        draw_online(app, ui, intents, vp->WorkSize.x < 600);
    }
    // Opening a chat on a phone shows it; closing the last one goes back to the list.
    for (const app::Intent& i : intents)
        if (std::holds_alternative<app::OpenChat>(i)) ui.narrow_show_chat = true;
    ImGui::End();
}


}  // namespace ui
