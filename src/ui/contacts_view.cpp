// The Contacts tab: requests, adding, the grouped list with presence, removing with a
// confirmation. Contact names and statuses are untrusted: drawn as text, never as labels.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace ui {

using app::fmt;
using app::tr;

namespace {

void draw_requests(const app::AppState& state, std::vector<app::Intent>& intents) {
    if (state.roster.requests.empty()) return;
    ImGui::TextDisabled("%s", tr("Contact requests"));
    for (const xmpp::SubscriptionRequestInfo& r : state.roster.requests) {
        ImGui::PushID(r.from.bare().c_str());
        std::string who = r.from.bare();
        text_clipped(who, ImGui::GetContentRegionAvail().x);
        widget_registry().add_text_item("request", who);
        if (!r.status.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", r.status.c_str());  // a fixed format: the text is an argument
            ImGui::PopTextWrapPos();
        }
        if (primary_button(tr("Accept"), ImGui::GetContentRegionAvail().x * 0.5f - 4)) intents.push_back(app::AcceptRequest{r.from});
        ImGui::SameLine();
        if (ImGui::Button(tr("Decline"), ImVec2(-FLT_MIN, 0))) intents.push_back(app::DeclineRequest{r.from});
        ImGui::PopID();
        ImGui::Separator();
    }
}

void draw_add_form(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (!ui.adding_contact) {
        if (ImGui::Button(tr("Add a contact"), ImVec2(-FLT_MIN, 0))) {
            ui.adding_contact = true;
            ui.add_address.clear();
            ui.add_name.clear();
        }
        if (state.contacts.kind == app::Notice::Kind::Info) notice_text(false, state.contacts.text);
        return;
    }
    bool submit = labeled_input(tr("Contact's address"), "##add-address", ui.add_address, "name@example.org",
                                ImGuiInputTextFlags_EnterReturnsTrue);
    submit |= labeled_input(tr("Name (optional)"), "##add-name", ui.add_name, nullptr, ImGuiInputTextFlags_EnterReturnsTrue);
    submit |= primary_button(tr("Add"), ImGui::GetContentRegionAvail().x * 0.5f - 4);
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel"), ImVec2(-FLT_MIN, 0))) ui.adding_contact = false;
    if (submit) {
        intents.push_back(app::AddContact{ui.add_address, ui.add_name});
        ui.adding_contact = !app::parse_contact_address(ui.add_address).ok();  // keep the form for a fix
    }
    if (state.contacts.kind == app::Notice::Kind::Error) notice_text(true, state.contacts.text);
}

// One contact row: presence, name, unread badge; trash on hover; status as a tooltip.
void draw_row(const app::ContactRow& row, UiState& ui, std::vector<app::Intent>& intents) {
    ImGui::PushID(row.jid.bare().c_str());
    float h = ImGui::GetFrameHeight();
    ImVec2 start = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::BeginDisabled(!row.can_chat);
    bool clicked = ImGui::Selectable("##contact", false, ImGuiSelectableFlags_AllowOverlap, ImVec2(width, h));
    ImGui::EndDisabled();
    std::string jid_text = row.jid.bare();
    widget_registry().annotate_last_item(row.name, &jid_text);
    bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_AllowWhenOverlappedByItem |
                                        ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (clicked && row.can_chat) intents.push_back(app::OpenChat{row.jid});
    if (hovered && ImGui::BeginTooltip()) {
        ImGui::TextUnformatted(jid_text.c_str());
        ImGui::TextDisabled("%s", row.pending ? tr("waiting for them to accept") : presence_words(row.presence));
        if (!row.status.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 20);
            ImGui::TextUnformatted(row.status.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTooltip();
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    float r = ImGui::GetTextLineHeight() * 0.32f;
    draw_presence(dl, ImVec2(start.x + r + 4, start.y + h * 0.5f), r, row.pending ? xmpp::Show::Offline : row.presence);
    float right = start.x + width - 4;
    float trash = h;  // room for the trash button
    float badge = draw_badge(dl, ImVec2(right - trash - 4, start.y + h * 0.5f), row.unread);
    float text_x = start.x + r * 2 + 12;
    float text_w = right - trash - badge - 12 - text_x;
    ImU32 colour = row.pending ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : ImGui::GetColorU32(ImGuiCol_Text);
    std::string label = row.pending ? fmt(tr("{0}  (pending)"), row.name) : row.name;
    ImGui::SetCursorScreenPos(ImVec2(text_x, start.y + (h - ImGui::GetTextLineHeight()) * 0.5f));
    text_clipped(label, text_w, colour);

    // The trash icon: shown on hover (a tap on touch screens selects the row first).
    ImGui::SetCursorScreenPos(ImVec2(right - trash, start.y));
    if (hovered || ui.confirm_remove == row.jid) {
        if (ImGui::InvisibleButton("##remove", ImVec2(trash, h))) {
            ui.confirm_remove = row.jid;
            ui.confirm_remove_name = row.name;
        }
        widget_registry().annotate_last_item(tr("Remove contact"), &jid_text);
        ImU32 c = ImGui::IsItemHovered() ? palette().danger : ImGui::GetColorU32(ImGuiCol_TextDisabled);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        draw_trash(dl, ImVec2(a.x + 3, a.y + 3), ImVec2(b.x - 3, b.y - 3), c);
    } else {
        ImGui::Dummy(ImVec2(trash, h));
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + h + ImGui::GetStyle().ItemSpacing.y * 0.5f));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
}

void draw_confirm_remove(UiState& ui, std::vector<app::Intent>& intents) {
    const std::string title = label_id(tr("Remove contact?"), "remove-contact");
    if (ui.confirm_remove && !ImGui::IsPopupOpen(title.c_str())) ImGui::OpenPopup(title.c_str());
    ImGui::SetNextWindowSize(ImVec2(std::min(360.0f, ImGui::GetMainViewport()->WorkSize.x - 32), 0));
    if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(tr("Remove this contact? You will no longer see each other's presence."));
        ImGui::PopTextWrapPos();
        text_clipped(ui.confirm_remove_name, ImGui::GetContentRegionAvail().x);
        ImGui::Spacing();
        bool close = false;
        if (primary_button(tr("Remove"), ImGui::GetContentRegionAvail().x * 0.5f - 4)) {
            if (ui.confirm_remove) intents.push_back(app::RemoveContact{*ui.confirm_remove});
            close = true;
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"), ImVec2(-FLT_MIN, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) close = true;
        if (close) {
            ui.confirm_remove.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace

void draw_contacts(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    draw_requests(state, intents);
    draw_add_form(state, ui, intents);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##filter", tr("Filter contacts"), &ui.filter)) intents.push_back(app::FilterContacts{ui.filter});
    widget_registry().annotate_last_item(tr("Filter contacts"), &ui.filter);

    ImGui::BeginChild("contact-list", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    if (state.roster.contacts == 0) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr("No contacts yet. Add one with their address, like name@example.org."));
        ImGui::PopTextWrapPos();
    }
    for (const app::ContactGroup& g : state.roster.groups) {
        ImGui::PushID(g.name.c_str());
        ImGui::PushID(g.name.empty() ? 1 : 0);
        bool open = ImGui::TreeNodeEx("##group", ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth |
                                                     ImGuiTreeNodeFlags_NoTreePushOnOpen);
        std::string title = (g.name.empty() ? std::string(tr("Other contacts")) : g.name) + "  " +
                            std::to_string(g.online) + "/" + std::to_string(g.rows.size());
        widget_registry().annotate_last_item(title, nullptr);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", app::trn("{0} contact, {1} online", "{0} contacts, {1} online",
                                             static_cast<long>(g.rows.size()), g.online).c_str());
        ImGui::SameLine();
        text_clipped(title, ImGui::GetContentRegionAvail().x);
        if (open) {
            // Only the visible rows are laid out: thousands of contacts stay smooth.
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(g.rows.size()), ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y * 1.5f);
            while (clipper.Step())
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_row(g.rows[static_cast<size_t>(i)], ui, intents);
        }
        ImGui::PopID();
        ImGui::PopID();
    }
    ImGui::EndChild();
    draw_confirm_remove(ui, intents);
}

}  // namespace ui
