// The Groups tab (XEP-0045): invitations, joining a group with a nickname (inline prompts
// when the nickname is taken or a password is needed), the groups we are in, and the
// service's public groups. Room names and nicknames are untrusted: drawn as text only.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

#include <algorithm>

namespace ui {

namespace {

const char* state_words(app::RoomStatus::State s) {
    switch (s) {
    case app::RoomStatus::State::Joining: return "joining…";
    case app::RoomStatus::State::Joined: return "in the group";
    case app::RoomStatus::State::Failed: return "could not join";
    case app::RoomStatus::State::Left: return "not in the group";
    }
    return "";
}

// The room whose join failed last, if any (its condition drives the inline prompts).
const app::RoomStatus* failed_room(const app::AppState& state, const std::string& typed) {
    for (const app::RoomStatus& r : state.rooms)
        if (r.state == app::RoomStatus::State::Failed && (r.jid.bare() == typed || r.jid.local == typed)) return &r;
    return nullptr;
}

void draw_invitations(const app::AppState& state, std::vector<app::Intent>& intents) {
    for (std::size_t i = 0; i < state.invitations.size(); ++i) {
        const app::Invitation& inv = state.invitations[i];
        ImGui::PushID(static_cast<int>(i));
        std::string text = inv.from.bare() + " invites you to " + inv.room.bare();
        if (!inv.reason.empty()) text += ": \u201c" + inv.reason + "\u201d";
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        widget_registry().add_text_item("invitation", text);
        if (ImGui::Button("Join")) intents.push_back(app::AnswerInvitation{i, true});
        ImGui::SameLine();
        if (ImGui::Button("Decline")) intents.push_back(app::AnswerInvitation{i, false});
        ImGui::Separator();
        ImGui::PopID();
    }
}

void draw_join_form(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    ImGui::TextUnformatted("Join a group");
    std::string hint = state.muc_service.empty() ? "group@conference.example.org" : "name, or group@service";
    bool enter = labeled_input("Group", "##join-room", ui.join_room, hint.c_str(), ImGuiInputTextFlags_EnterReturnsTrue);
    const app::RoomStatus* failed = failed_room(state, ui.join_room);
    bool nick_taken = failed && failed->condition == "conflict";
    bool needs_password = failed && failed->condition == "not-authorized";
    if (nick_taken) {
        notice_text(true, "That nickname is taken in this group. Type another one:");
        if (ui.focus_nick) {
            ImGui::SetKeyboardFocusHere(1);  // the nickname input, after its label
            ui.focus_nick = false;
        }
    }
    std::string own = state.jid.substr(0, state.jid.find('@'));
    enter |= labeled_input("Nickname", "##join-nick", ui.join_nick, own.c_str(), ImGuiInputTextFlags_EnterReturnsTrue);
    if (needs_password) notice_text(true, failed->error);
    enter |= labeled_input(needs_password ? "Group password" : "Group password (if it has one)", "##join-password",
                           ui.join_password, nullptr, ImGuiInputTextFlags_EnterReturnsTrue, true);
    if (primary_button("Join group") || enter) intents.push_back(app::JoinRoom{ui.join_room, ui.join_nick, ui.join_password});
    if (state.groups.kind != app::Notice::Kind::None && !(nick_taken || needs_password))
        notice_text(state.groups.kind == app::Notice::Kind::Error, state.groups.text);
}

void draw_my_rooms(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (state.rooms.empty()) return;
    ImGui::TextUnformatted("Your groups");
    for (const app::RoomStatus& r : state.rooms) {
        ImGui::PushID(r.jid.bare().c_str());
        float w = ImGui::GetContentRegionAvail().x;
        float leave_w = ImGui::CalcTextSize("Leave").x + ImGui::GetStyle().FramePadding.x * 2;
        ImVec2 p = ImGui::GetCursorScreenPos();
        float h = ImGui::GetTextLineHeightWithSpacing() * 2;
        if (ImGui::Selectable("##room", false, ImGuiSelectableFlags_AllowOverlap, ImVec2(w - leave_w - 8, h)))
            intents.push_back(app::OpenChat{r.jid});
        widget_registry().annotate_last_item(r.jid.bare(), nullptr, "room");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::PushClipRect(p, ImVec2(p.x + w - leave_w - 8, p.y + h), true);
        dl->AddText(ImVec2(p.x + 4, p.y), ImGui::GetColorU32(ImGuiCol_Text), r.jid.bare().c_str());
        std::string sub = std::string(state_words(r.state)) + " as " + r.nick;
        dl->AddText(ImVec2(p.x + 4, p.y + ImGui::GetTextLineHeightWithSpacing()),
                    r.state == app::RoomStatus::State::Failed ? IM_COL32(190, 30, 30, 255) : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    sub.c_str());
        ImGui::PopClipRect();
        ImGui::SameLine(w - leave_w);
        if (ImGui::Button("Leave")) intents.push_back(app::LeaveRoom{r.jid});
        ImGui::PopID();
    }
    (void)ui;
}

void draw_browse(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (!ui.show_browse) {
        if (ImGui::Button("Browse public groups")) {
            ui.show_browse = true;
            intents.push_back(app::BrowseRooms{});
        }
        return;
    }
    ImGui::TextUnformatted("Public groups");
    ImGui::SameLine();
    if (ImGui::SmallButton("Hide")) ui.show_browse = false;
    ImGui::SameLine();
    if (ImGui::SmallButton("Refresh")) intents.push_back(app::BrowseRooms{});
    labeled_input("Filter groups", "##browse-filter", ui.browse_filter, "name");
    if (state.browse.kind != app::Notice::Kind::None) notice_text(state.browse.kind == app::Notice::Kind::Error, state.browse.text);
    std::string f = ui.browse_filter;
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::vector<const xmpp::Muc::RoomInfo*> shown;
    for (const xmpp::Muc::RoomInfo& r : state.public_rooms) {
        std::string hay = r.name + " " + r.jid.bare();
        std::transform(hay.begin(), hay.end(), hay.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (f.empty() || hay.find(f) != std::string::npos) shown.push_back(&r);
    }
    float h = ImGui::GetTextLineHeightWithSpacing() * 2;
    ImGui::BeginChild("public-groups", ImVec2(0, std::min(8.0f, static_cast<float>(shown.size())) * h + 4), ImGuiChildFlags_None);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(shown.size()), h);
    while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const xmpp::Muc::RoomInfo& r = *shown[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            ImVec2 p = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable("##public", false, 0, ImVec2(0, h - ImGui::GetStyle().ItemSpacing.y))) ui.join_room = r.jid.bare();
            widget_registry().annotate_last_item(r.jid.bare(), nullptr, "option");
            ImDrawList* dl = ImGui::GetWindowDrawList();
            std::string title = r.name.empty() ? r.jid.local : r.name;
            std::string sub = r.jid.bare();
            if (r.occupants >= 0) sub += " \u00b7 " + std::to_string(r.occupants) + (r.occupants == 1 ? " person" : " people");
            if (r.password) sub += " \u00b7 password";
            if (r.members_only) sub += " \u00b7 members only";
            float w = ImGui::GetContentRegionAvail().x;
            ImGui::PushClipRect(p, ImVec2(p.x + w, p.y + h), true);
            dl->AddText(ImVec2(p.x + 4, p.y), ImGui::GetColorU32(ImGuiCol_Text), title.c_str());
            dl->AddText(ImVec2(p.x + 4, p.y + ImGui::GetTextLineHeightWithSpacing()), ImGui::GetColorU32(ImGuiCol_TextDisabled), sub.c_str());
            ImGui::PopClipRect();
            ImGui::PopID();
        }
    ImGui::EndChild();
}

}  // namespace

void draw_groups(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    draw_invitations(state, intents);
    // A nickname conflict arriving moves the keyboard to the nickname input, once.
    const app::RoomStatus* failed = failed_room(state, ui.join_room);
    if (failed && failed->condition == "conflict") {
        std::string key = failed->jid.bare() + "/" + failed->nick;
        if (ui.nick_prompted != key) {
            ui.nick_prompted = key;
            ui.focus_nick = true;
        }
    }
    draw_join_form(state, ui, intents);
    ImGui::Spacing();
    draw_my_rooms(state, ui, intents);
    ImGui::Spacing();
    draw_browse(state, ui, intents);
}

void draw_occupants(const app::AppState& state, const xmpp::Jid& room, std::vector<app::Intent>& intents) {
    auto it = state.occupants.find(room);
    static const std::vector<app::OccupantRow> none;
    const std::vector<app::OccupantRow>& rows = it == state.occupants.end() ? none : it->second;
    std::string title = std::to_string(rows.size()) + (rows.size() == 1 ? " person" : " people");
    ImGui::TextDisabled("%s", title.c_str());
    ImGui::BeginChild("occupants", ImVec2(0, 0), ImGuiChildFlags_None);
    float line = ImGui::GetFrameHeight();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()), line);
    while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const app::OccupantRow& o = rows[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            ImVec2 p = ImGui::GetCursorScreenPos();
            float w = ImGui::GetContentRegionAvail().x;
            bool clicked = ImGui::Selectable("##occupant", false, 0, ImVec2(w, line - ImGui::GetStyle().ItemSpacing.y));
            widget_registry().annotate_last_item(o.nick, nullptr, "occupant");
            if (ImGui::IsItemHovered() && !o.self) ImGui::SetTooltip("%s", "Click to write a private message");
            if (clicked && !o.self) intents.push_back(app::OpenPrivate{room, o.nick});
            ImDrawList* dl = ImGui::GetWindowDrawList();
            float r = ImGui::GetTextLineHeight() * 0.28f;
            float cy = p.y + (line - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
            draw_presence(dl, ImVec2(p.x + r + 2, cy), r, o.show);
            // Affiliation (owner, admin, member) when it says more than the role does.
            std::string mark = o.affiliation == "owner" || o.affiliation == "admin" ? o.affiliation
                               : o.role == "moderator"                            ? "mod"
                               : o.role == "visitor"                              ? "listens"
                               : o.affiliation == "member"                        ? "member"
                                                                                  : "";
            float mark_w = mark.empty() ? 0 : ImGui::CalcTextSize(mark.c_str()).x + 6;
            std::string name = o.self ? o.nick + " (you)" : o.nick;
            ImGui::PushClipRect(p, ImVec2(p.x + w - mark_w, p.y + line), true);
            dl->AddText(ImVec2(p.x + r * 2 + 8, cy - ImGui::GetTextLineHeight() * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
            ImGui::PopClipRect();
            if (!mark.empty())
                dl->AddText(ImVec2(p.x + w - mark_w + 4, cy - ImGui::GetTextLineHeight() * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                            mark.c_str());
            ImGui::PopID();
        }
    ImGui::EndChild();
}

}  // namespace ui
