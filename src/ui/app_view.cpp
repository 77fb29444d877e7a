// The app's views: the control box with its Log in and Register tabs.
#include "ui/app_view.h"

#include "imgui.h"
#include "ui/widgets.h"

#include <algorithm>

namespace ui {

static void draw_notice(const app::Notice& n) {
    if (n.kind == app::Notice::Kind::None) return;
    ImGui::Spacing();
    notice_text(n.kind == app::Notice::Kind::Error, n.text);
}

static void draw_login_tab(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (state.connection == app::Connection::Online || state.connection == app::Connection::LoggingOut) {
        ui.login_password.clear();  // the account holds it for this session; the form need not
        ImGui::TextUnformatted("Logged in as");
        ImGui::TextUnformatted(state.jid.c_str(), state.jid.c_str() + state.jid.size());
        ImGui::Spacing();
        if (primary_button("Log out")) intents.push_back(app::LogOut{});
        draw_notice(state.login);
        return;
    }
    bool busy = state.connection != app::Connection::Offline;
    ImGui::BeginDisabled(busy);
    bool submit = labeled_input("Address", "##login-address", ui.login_address, "name@example.org",
                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    submit |= labeled_input("Password", "##login-password", ui.login_password, nullptr,
                            ImGuiInputTextFlags_EnterReturnsTrue, true);
    ImGui::Spacing();
    submit |= primary_button("Log in");
    ImGui::EndDisabled();
    if (submit && !busy) intents.push_back(app::LogIn{ui.login_address, ui.login_password, {}});
    draw_notice(state.login);
}

static void draw_register_tab(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Pick a provider: like e-mail, people at different providers chat with each other.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    bool submit = labeled_input("Provider domain", "##register-domain", ui.register_domain, "example.org",
                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    submit |= primary_button("Fetch registration form");
    if (submit) intents.push_back(app::FetchRegistrationForm{ui.register_domain});
    draw_notice(state.registration);
}

void draw_app(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Parla", nullptr, flags);

    // The control box: a column of at most 420 px, centred; the whole width on a phone.
    float width = std::min(420.0f, vp->WorkSize.x - 2 * ImGui::GetStyle().WindowPadding.x);
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), (vp->WorkSize.x - width) * 0.5f));
    ImGui::BeginChild("control-box", ImVec2(width, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    ImGui::TextUnformatted("Parla");
    ImGui::SameLine();
    ImGui::TextDisabled("chat with anyone, anywhere");
    ImGui::Separator();
    if (ImGui::BeginTabBar("control-box-tabs")) {
        if (ImGui::BeginTabItem("Log in")) {
            draw_login_tab(state, ui, intents);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Register")) {
            draw_register_tab(state, ui, intents);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::End();
}

void apply_style() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowPadding = ImVec2(16, 16);
    s.FramePadding = ImVec2(10, 7);
    s.ItemSpacing = ImVec2(8, 8);
    s.FrameRounding = 4;
    s.ChildRounding = 6;
    s.TabRounding = 4;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 1;
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.95f, 0.96f, 0.97f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    s.Colors[ImGuiCol_Button] = ImVec4(0.16f, 0.42f, 0.75f, 1.0f);
    s.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.50f, 0.85f, 1.0f);
    s.Colors[ImGuiCol_ButtonActive] = ImVec4(0.12f, 0.34f, 0.62f, 1.0f);
    s.Colors[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
}

}  // namespace ui
