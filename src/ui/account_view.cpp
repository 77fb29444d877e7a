// Choosing a provider to register with, and the account's settings once logged in.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace ui {

using app::fmt;
using app::tr;

namespace {

// What we know of a provider, in a few words.
std::string provider_words(const app::Provider& p) {
    std::string s;
    if (p.category) s = fmt(tr("Category {0}"), std::string(1, p.category));
    auto add = [&](const std::string& w) { s += (s.empty() ? "" : " \u00b7 ") + w; };
    if (p.in_band == app::Provider::InBand::Yes) add(tr("sign up here"));
    else if (!p.web_signup.empty() || p.in_band == app::Provider::InBand::No) add(tr("sign up on its web site"));
    if (p.compliance >= 0) add(fmt(tr("{0}% compliant"), p.compliance));
    if (!p.country.empty()) add(p.country);
    if (!p.from_list) add(tr("from Parla's list"));
    return s;
}

// One suggestion: the domain (untrusted: drawn as text) and what we know. True when picked.
bool suggestion_row(const app::Provider& p, int index) {
    ImGui::PushID(index);
    float h = ImGui::GetTextLineHeightWithSpacing() * 2;
    ImVec2 at = ImGui::GetCursorScreenPos();
    bool picked = ImGui::Selectable("##suggestion", false, 0, ImVec2(0, h));
    widget_registry().annotate_last_item(p.domain, nullptr, "option");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float pad = ImGui::GetStyle().FramePadding.x;
    dl->AddText(ImVec2(at.x + pad, at.y), ImGui::GetColorU32(ImGuiCol_Text), p.domain.c_str());
    std::string words = provider_words(p);
    dl->AddText(ImVec2(at.x + pad, at.y + ImGui::GetTextLineHeightWithSpacing()), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                words.c_str());
    ImGui::PopID();
    return picked;
}

}  // namespace

void draw_provider_chooser(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (!ui.providers_asked) {
        ui.providers_asked = true;
        intents.push_back(app::LoadProviders{});
    }
    bool submit = labeled_input(tr("Provider domain"), "##register-domain", ui.register_domain, "example.org",
                                ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemActive()) ui.suggestions_open = true;
    if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGuiKey_Escape)) ui.suggestions_open = false;
    const app::Provider* chosen = app::find_provider(state.providers, ui.register_domain);
    if (ui.suggestions_open && !submit) {
        std::vector<const app::Provider*> hits = app::suggest_providers(state.providers, ui.register_domain, 6);
        if (!hits.empty() && !(hits.size() == 1 && hits[0] == chosen)) {
            ImGui::TextDisabled("%s", state.providers_fetched ? tr("Suggestions (XMPP Providers and Parla's list)")
                                                              : tr("Suggestions (Parla's list)"));
            for (std::size_t i = 0; i < hits.size(); ++i)
                if (suggestion_row(*hits[i], static_cast<int>(i))) {
                    ui.register_domain = hits[i]->domain;
                    ui.suggestions_open = false;
                    chosen = hits[i];
                }
        }
    }
    ImGui::Spacing();
    bool web_only = chosen && chosen->in_band == app::Provider::InBand::No && !chosen->web_signup.empty();
    if (web_only) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(tr("This provider takes new accounts on its web site, not in apps:"));
        ImGui::PopTextWrapPos();
        if (primary_button(tr("Open the provider's sign-up page"))) intents.push_back(app::OpenLink{chosen->web_signup});
        ImGui::TextDisabled("%s", chosen->web_signup.c_str());
        ImGui::TextDisabled("%s", tr("Come back and log in once the account exists."));
        return;
    }
    submit |= primary_button(tr("Fetch registration form"));
    if (submit) {
        ui.suggestions_open = false;
        intents.push_back(app::FetchRegistrationForm{ui.register_domain, {}});
    }
}

void draw_account_settings(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    draw_language_choice(intents);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::BeginDisabled(state.account_busy);
    ImGui::TextUnformatted(tr("Change your password"));
    labeled_input(tr("New password"), "##new-password", ui.new_password, nullptr, 0, true);
    bool enter = labeled_input(tr("New password again"), "##new-password-again", ui.new_password_again, nullptr,
                               ImGuiInputTextFlags_EnterReturnsTrue, true);
    if (ImGui::Button(tr("Change password")) || enter) {
        intents.push_back(app::ChangePassword{ui.new_password, ui.new_password_again});
        ui.new_password.clear();
        ui.new_password_again.clear();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(tr("Delete your account"));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr("The provider removes the account, its contacts and messages. This cannot be undone."));
    ImGui::PopTextWrapPos();
    if (!ui.confirm_delete) {
        if (ImGui::Button(tr("Delete account…"))) ui.confirm_delete = true;
    } else {
        std::string bare = state.jid.substr(0, state.jid.find('/'));
        std::string prompt = fmt(tr("To confirm, type your address ({0}):"), bare);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(prompt.c_str());
        ImGui::PopTextWrapPos();
        labeled_input(tr("Your address"), "##delete-address", ui.delete_address, bare.c_str());
        bool typed = ui.delete_address == bare;
        ImGui::BeginDisabled(!typed);
        ImGui::PushStyleColor(ImGuiCol_Button, palette().danger);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().danger_hover);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
        bool del = ImGui::Button(tr("Delete my account for ever"));
        ImGui::PopStyleColor(3);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) {
            ui.confirm_delete = false;
            ui.delete_address.clear();
        }
        if (del) {
            intents.push_back(app::DeleteAccount{ui.delete_address});
            ui.confirm_delete = false;
            ui.delete_address.clear();
        }
    }
    ImGui::EndDisabled();
    if (state.account.kind != app::Notice::Kind::None) notice_text(state.account.kind == app::Notice::Kind::Error, state.account.text);
}

}  // namespace ui
