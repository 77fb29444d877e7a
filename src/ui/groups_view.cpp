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

using app::fmt;
using app::tr;
using app::trc;
using app::trn;

namespace {

// TRANSLATORS: {0} is the nickname: "in the group as Anna".
const char* state_words(app::RoomStatus::State s) {
    switch (s) {
    case app::RoomStatus::State::Joining: return tr("joining as {0}…");
    case app::RoomStatus::State::Joined: return tr("in the group as {0}");
    case app::RoomStatus::State::Failed: return tr("could not join as {0}");
    case app::RoomStatus::State::Left: return tr("not in the group, was {0}");
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
        std::string text = inv.reason.empty() ? fmt(tr("{0} invites you to {1}"), inv.from.bare(), inv.room.bare())
                                              : fmt(tr("{0} invites you to {1}: \u201c{2}\u201d"), inv.from.bare(),
                                                    inv.room.bare(), inv.reason);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        widget_registry().add_text_item("invitation", text);
        if (ImGui::Button(tr("Join"))) intents.push_back(app::AnswerInvitation{i, true});
        ImGui::SameLine();
        if (ImGui::Button(tr("Decline"))) intents.push_back(app::AnswerInvitation{i, false});
        ImGui::Separator();
        ImGui::PopID();
    }
}

void draw_join_form(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    ImGui::TextUnformatted(tr("Join a group"));
    std::string hint = state.muc_service.empty() ? "group@conference.example.org" : tr("name, or group@service");
    bool enter = labeled_input(tr("Group"), "##join-room", ui.join_room, hint.c_str(), ImGuiInputTextFlags_EnterReturnsTrue);
    const app::RoomStatus* failed = failed_room(state, ui.join_room);
    bool nick_taken = failed && failed->condition == "conflict";
    bool needs_password = failed && failed->condition == "not-authorized";
    if (nick_taken) {
        notice_text(true, tr("That nickname is taken in this group. Type another one:"));
        if (ui.focus_nick) {
            ImGui::SetKeyboardFocusHere(1);  // the nickname input, after its label
            ui.focus_nick = false;
        }
    }
    std::string own = state.jid.substr(0, state.jid.find('@'));
    enter |= labeled_input(tr("Nickname"), "##join-nick", ui.join_nick, own.c_str(), ImGuiInputTextFlags_EnterReturnsTrue);
    if (needs_password) notice_text(true, failed->error);
    enter |= labeled_input(needs_password ? tr("Group password") : tr("Group password (if it has one)"), "##join-password",
                           ui.join_password, nullptr, ImGuiInputTextFlags_EnterReturnsTrue, true);
    if (primary_button(tr("Join group")) || enter) intents.push_back(app::JoinRoom{ui.join_room, ui.join_nick, ui.join_password});
    if (state.groups.kind != app::Notice::Kind::None && !(nick_taken || needs_password))
        notice_text(state.groups.kind == app::Notice::Kind::Error, state.groups.text);
}

void draw_my_rooms(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (state.rooms.empty()) return;
    ImGui::TextUnformatted(tr("Your groups"));
    for (const app::RoomStatus& r : state.rooms) {
        ImGui::PushID(r.jid.bare().c_str());
        float w = ImGui::GetContentRegionAvail().x;
        float leave_w = ImGui::CalcTextSize(tr("Leave")).x + ImGui::GetStyle().FramePadding.x * 2;
        ImVec2 p = ImGui::GetCursorScreenPos();
        float h = ImGui::GetTextLineHeightWithSpacing() * 2;
        if (ImGui::Selectable("##room", false, ImGuiSelectableFlags_AllowOverlap, ImVec2(w - leave_w - 8, h)))
            intents.push_back(app::OpenChat{r.jid});
        widget_registry().annotate_last_item(r.jid.bare(), nullptr, "room");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::PushClipRect(p, ImVec2(p.x + w - leave_w - 8, p.y + h), true);
        dl->AddText(ImVec2(p.x + 4, p.y), ImGui::GetColorU32(ImGuiCol_Text), r.jid.bare().c_str());
        std::string sub = fmt(state_words(r.state), r.nick);
        dl->AddText(ImVec2(p.x + 4, p.y + ImGui::GetTextLineHeightWithSpacing()),
                    r.state == app::RoomStatus::State::Failed ? palette().error : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    sub.c_str());
        ImGui::PopClipRect();
        ImGui::SameLine(w - leave_w);
        if (ImGui::Button(tr("Leave"))) intents.push_back(app::LeaveRoom{r.jid});
        ImGui::PopID();
    }
    (void)ui;
}

void draw_browse(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    if (!ui.show_browse) {
        if (ImGui::Button(tr("Browse public groups"))) {
            ui.show_browse = true;
            intents.push_back(app::BrowseRooms{});
        }
        return;
    }
    ImGui::TextUnformatted(tr("Public groups"));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("Hide"))) ui.show_browse = false;
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("Refresh"))) intents.push_back(app::BrowseRooms{});
    labeled_input(tr("Filter groups"), "##browse-filter", ui.browse_filter, tr("name"));
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
    ImGui::BeginChild("public-groups", ImVec2(0, std::min(8.0f, static_cast<float>(shown.size())) * h + 4), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
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
            if (r.occupants >= 0) sub += " \u00b7 " + trn("{0} person", "{0} people", r.occupants);
            if (r.password) sub += std::string(" \u00b7 ") + tr("password");
            if (r.members_only) sub += std::string(" \u00b7 ") + tr("members only");
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
    std::string title = trn("{0} person", "{0} people", static_cast<long>(rows.size()));
    ImGui::TextDisabled("%s", title.c_str());
    ImGui::BeginChild("occupants", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
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
            if (ImGui::IsItemHovered() && !o.self) ImGui::SetTooltip("%s", tr("Click to write a private message"));
            if (clicked && !o.self) intents.push_back(app::OpenPrivate{room, o.nick});
            ImDrawList* dl = ImGui::GetWindowDrawList();
            float r = ImGui::GetTextLineHeight() * 0.28f;
            float cy = p.y + (line - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
            draw_presence(dl, ImVec2(p.x + r + 2, cy), r, o.show);
            // Affiliation (owner, admin, member) when it says more than the role does.
            // TRANSLATORS: short marks beside a nickname in a group's people list.
            const char* mark = o.affiliation == "owner"   ? trc("occupant", "owner")
                               : o.affiliation == "admin" ? trc("occupant", "admin")
                               : o.role == "moderator"    ? trc("occupant", "mod")
                               : o.role == "visitor"      ? trc("occupant", "listens")
                               : o.affiliation == "member" ? trc("occupant", "member")
                                                           : "";
            float mark_w = !*mark ? 0 : ImGui::CalcTextSize(mark).x + 6;
            std::string name = o.self ? fmt(tr("{0} (you)"), o.nick) : o.nick;
            ImGui::PushClipRect(p, ImVec2(p.x + w - mark_w, p.y + line), true);
            dl->AddText(ImVec2(p.x + r * 2 + 8, cy - ImGui::GetTextLineHeight() * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
            ImGui::PopClipRect();
            if (*mark)
                dl->AddText(ImVec2(p.x + w - mark_w + 4, cy - ImGui::GetTextLineHeight() * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                            mark);
            ImGui::PopID();
        }
    ImGui::EndChild();
}

}  // namespace ui
