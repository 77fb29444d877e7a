// Chats: a strip of open chats, the message list (only visible messages laid out), and
// the input (Enter sends, Shift+Enter is a new line). Message text is untrusted: drawn as
// text; only http(s) links are clickable.
#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <ctime>

namespace ui {

using app::fmt;
using app::tr;

namespace {

std::tm local_time(std::int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

bool same_day(std::int64_t a, std::int64_t b) {
    std::tm x = local_time(a), y = local_time(b);
    return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}


struct Layout {
    float pad;       // inside a bubble
    float gap;       // between messages
    float line;      // one text line
    float wrap;      // text wrap width
};

bool starts_day(const app::Conversation& c, std::size_t i) {
    return i == 0 || !same_day(c.messages[i - 1].time_ms, c.messages[i].time_ms);
}

// The height of message i's block: day separator, header line, body, links, bounce reason.
float block_height(const app::Conversation& c, std::size_t i, const Layout& l) {
    const app::ChatMessage& m = c.messages[i];
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    if (m.kind == app::ChatMessage::Kind::Notice) {  // a quiet line: no bubble
        float h = ImGui::CalcTextSize(m.body.c_str(), m.body.c_str() + m.body.size(), false, l.wrap).y + l.gap;
        return starts_day(c, i) ? h + l.line + l.gap : h;
    }
    float h = l.line + ImGui::CalcTextSize(m.body.c_str(), m.body.c_str() + m.body.size(), false, l.wrap).y + sp;
    h += static_cast<float>(app::find_links(m.body).size()) * l.line;
    if (m.state == app::ChatMessage::State::Failed) {  // "Not delivered:", the reason, Send again
        h += l.line + ImGui::CalcTextSize(m.error.c_str(), nullptr, false, l.wrap).y + sp;
        if (m.outgoing && !m.id.empty()) h += l.line;
    }
    h += 2 * l.pad + l.gap;
    if (starts_day(c, i)) h += l.line + l.gap;
    return h;
}

// `height` is block_height(c, i, l), cached by the caller.
void draw_block(const app::Conversation& c, std::size_t i, float height, const Layout& l, const std::string& peer_name,
                std::vector<app::Intent>& intents) {
    const app::ChatMessage& m = c.messages[i];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float width = ImGui::GetContentRegionAvail().x;
    if (starts_day(c, i)) {
        std::string day = app::format_day(m.time_ms);
        float tw = ImGui::CalcTextSize(day.c_str()).x;
        ImVec2 p = ImGui::GetCursorScreenPos();
        float y = p.y + l.line * 0.5f;
        ImU32 line = ImGui::GetColorU32(ImGuiCol_Separator);
        dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + (width - tw) * 0.5f - 8, y), line);
        dl->AddLine(ImVec2(p.x + (width + tw) * 0.5f + 8, y), ImVec2(p.x + width, y), line);
        dl->AddText(ImVec2(p.x + (width - tw) * 0.5f, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), day.c_str());
        ImGui::Dummy(ImVec2(width, l.line + l.gap - ImGui::GetStyle().ItemSpacing.y));
        widget_registry().add_text_item("day", day);
    }
    ImVec2 top = ImGui::GetCursorScreenPos();
    float bubble_h = height - l.gap - (starts_day(c, i) ? l.line + l.gap : 0);
    if (m.kind == app::ChatMessage::Kind::Notice) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + l.pad, top.y));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + l.wrap);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(m.body.c_str(), m.body.c_str() + m.body.size());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        widget_registry().add_text_item("room-notice", m.body);
        ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + bubble_h + l.gap));
        return;
    }
    dl->AddRectFilled(top, ImVec2(top.x + width, top.y + bubble_h),
                      m.outgoing ? palette().own_bubble : m.mention ? palette().mention_bubble : palette().their_bubble, 6);
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetCursorScreenPos(ImVec2(top.x + l.pad, top.y + l.pad));
    ImGui::BeginGroup();
    std::string who = m.outgoing ? tr("You") : c.kind == app::Conversation::Kind::Room ? m.nick : peer_name;
    if (!m.from_occupant) who = fmt(tr("{0} (not in the room)"), who);
    std::string when = app::format_time(m.time_ms);
    if (m.outgoing && m.state == app::ChatMessage::State::Sent) when = fmt(tr("{0}  sent"), when);
    if (m.outgoing && m.state == app::ChatMessage::State::Acked) when = fmt(tr("{0}  ✓ on the server"), when);
    if (m.outgoing && m.state == app::ChatMessage::State::Delivered) when = fmt(tr("{0}  ✓✓ delivered"), when);
    if (m.outgoing && m.state == app::ChatMessage::State::Read) when = fmt(tr("{0}  ✓✓ read"), when);
    if (m.outgoing && m.state == app::ChatMessage::State::Pending) when = fmt(tr("{0}  waiting to send"), when);
    ImGui::PushStyleColor(ImGuiCol_Text, m.outgoing ? palette().own_name : palette().their_name);
    text_clipped(who, l.wrap - ImGui::CalcTextSize(when.c_str()).x - 12);
    ImGui::PopStyleColor();
    ImGui::SameLine(l.wrap - ImGui::CalcTextSize(when.c_str()).x + l.pad);
    ImGui::TextDisabled("%s", when.c_str());
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + l.wrap);
    ImGui::TextUnformatted(m.body.c_str(), m.body.c_str() + m.body.size());
    widget_registry().add_text_item(m.outgoing ? "message-out" : m.mention ? "mention" : "message-in", m.body);
    ImGui::PopTextWrapPos();
    int n = 0;
    for (const std::string& url : app::find_links(m.body)) {
        ImGui::PushID(n++);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float w = std::min(ImGui::CalcTextSize(url.c_str()).x, l.wrap);
        if (ImGui::InvisibleButton("##link", ImVec2(w, l.line))) intents.push_back(app::OpenLink{url});
        widget_registry().annotate_last_item(url, nullptr, "link");
        ImU32 blue = ImGui::IsItemHovered() ? palette().link_hover : palette().link;
        ImGui::RenderTextEllipsis(dl, p, ImVec2(p.x + w, p.y + l.line), p.x + w, p.x + w, url.c_str(),
                                  url.c_str() + url.size(), nullptr);
        dl->AddLine(ImVec2(p.x, p.y + l.line - 2), ImVec2(p.x + w, p.y + l.line - 2), blue);
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::PopID();
    }
    if (m.state == app::ChatMessage::State::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted(tr("Not delivered:"));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + l.wrap);
        ImGui::TextUnformatted(m.error.c_str());
        widget_registry().add_text_item("error", m.error);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        if (m.outgoing && !m.id.empty() && ImGui::SmallButton(tr("Send again"))) intents.push_back(app::RetryMessage{c.peer, m.id});
    }
    ImGui::EndGroup();
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + bubble_h + l.gap));
}

// The message list of one conversation, virtualised with cached block heights.
void draw_messages(const app::Conversation& c, ChatUi& cu, const std::string& peer_name, float height,
                   std::vector<app::Intent>& intents) {
    ImGui::BeginChild("messages", ImVec2(0, height), ImGuiChildFlags_None);
    const ImGuiStyle& style = ImGui::GetStyle();
    Layout l{8, 8, ImGui::GetTextLineHeightWithSpacing(), 0};
    float width = ImGui::GetContentRegionAvail().x;
    l.wrap = std::max(40.0f, width - 2 * l.pad);
    // Older messages put in front: lay out again, and keep what the person was reading in place.
    float anchor = -1;
    if (c.prepended != cu.prepended) {
        anchor = (cu.tops.empty() ? 0 : cu.tops.back() + cu.heights.back()) - ImGui::GetScrollY();
        cu.prepended = c.prepended;
        cu.heights.clear();
        cu.count = c.messages.size();  // not "new messages": nothing to jump to
        cu.seen = c.messages.size();
    }
    // Messages put in between (caught up from the archive) or grown (a reason why not sent).
    if (l.wrap != cu.wrap_width || cu.heights.size() > c.messages.size() || c.relayout != cu.relayout) {
        cu.heights.clear();
        cu.wrap_width = l.wrap;
        cu.relayout = c.relayout;
    }
    // Heights and tops are laid out once per message (and again only when the width changes).
    if (cu.heights.empty()) cu.tops.clear();
    while (cu.heights.size() < c.messages.size()) {
        float h = block_height(c, cu.heights.size(), l);
        cu.tops.push_back(cu.heights.empty() ? 0 : cu.tops.back() + cu.heights.back());
        cu.heights.push_back(h);
    }
    const std::vector<float>& top = cu.tops;
    float total = top.empty() ? 0 : top.back() + cu.heights.back();
    if (anchor >= 0) ImGui::SetScrollY(std::max(0.0f, total - anchor));
    // At the top of a contact's or a group's conversation: ask the archive for the page before.
    if (anchor < 0 && c.kind != app::Conversation::Kind::RoomPrivate && !c.messages.empty() && ImGui::GetScrollY() <= 0 &&
        ImGui::GetScrollMaxY() > 0 && !c.history_complete && !c.history_loading && cu.asked_older != c.prepended + 1) {
        cu.asked_older = c.prepended + 1;
        intents.push_back(app::LoadOlder{c.peer});
    }
    if (c.history_loading && c.history_asked) {
        ImGui::TextDisabled("%s", tr("Loading earlier messages…"));
    }
    bool grew = c.messages.size() > cu.count;
    cu.count = c.messages.size();
    bool own_sent = grew && !c.messages.empty() && c.messages.back().outgoing;
    float scroll = ImGui::GetScrollY(), view = ImGui::GetWindowHeight();
    auto first = std::upper_bound(top.begin(), top.end(), scroll) - top.begin();
    std::size_t begin = first > 0 ? static_cast<std::size_t>(first - 1) : 0;
    float origin = ImGui::GetCursorPosY();
    for (std::size_t i = begin; i < top.size() && top[i] < scroll + view; ++i) {
        ImGui::SetCursorPosY(origin + top[i]);
        draw_block(c, i, cu.heights[i], l, peer_name, intents);
    }
    ImGui::SetCursorPosY(origin + total);
    ImGui::Dummy(ImVec2(width, 0));
    // Stay at the bottom unless the person scrolled up; then offer a jump.
    if (grew && (cu.at_bottom || own_sent)) ImGui::SetScrollHereY(1.0f);
    cu.at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4 || (grew && (cu.at_bottom || own_sent));
    if (cu.at_bottom) cu.seen = c.messages.size();
    if (!cu.at_bottom && c.messages.size() > cu.seen) {
        ImVec2 win = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        const char* label = tr("New messages below");
        ImVec2 ts = ImGui::CalcTextSize(label);
        ImGui::SetCursorScreenPos(ImVec2(win.x + (size.x - ts.x) * 0.5f - style.FramePadding.x,
                                         win.y + size.y - ts.y - 3 * style.FramePadding.y));
        if (primary_button(label, ts.x + 2 * style.FramePadding.x)) {
            ImGui::SetScrollHereY(1.0f);
            ImGui::SetScrollY(ImGui::GetScrollMaxY() + 1000);
            cu.seen = c.messages.size();
        }
    }
    ImGui::EndChild();
}

// The input: grows with its lines up to five; Enter sends, Shift+Enter is a new line.
void draw_input(const xmpp::Jid& peer, ChatUi& cu, std::vector<app::Intent>& intents) {
    int lines = 1 + static_cast<int>(std::count(cu.draft.begin(), cu.draft.end(), '\n'));
    float h = ImGui::GetTextLineHeight() * static_cast<float>(std::clamp(lines, 1, 5)) + ImGui::GetStyle().FramePadding.y * 2;
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (!ImGui::GetIO().KeyShift) flags |= ImGuiInputTextFlags_CtrlEnterForNewLine;  // plain Enter sends
    float button = ImGui::CalcTextSize(tr("Send")).x + ImGui::GetStyle().FramePadding.x * 2;
    if (cu.refocus) {
        ImGui::SetKeyboardFocusHere();
        cu.refocus = false;
    }
    bool send = ImGui::InputTextMultiline("##message", &cu.draft,
                                          ImVec2(ImGui::GetContentRegionAvail().x - button - 8, h), flags);
    widget_registry().annotate_last_item(tr("Message"), &cu.draft);
    ImGui::SameLine();
    send |= primary_button(tr("Send"), button);
    if (send) {
        if (cu.draft.find_first_not_of(" \t\r\n") != std::string::npos) intents.push_back(app::SendMessage{peer, cu.draft});
        cu.draft.clear();
        cu.refocus = true;
    }
}

std::string display_name(const app::App& app, const xmpp::Jid& peer) {
    const app::Conversation* c = app.chats().find(peer);
    if (c && c->kind == app::Conversation::Kind::Room) return peer.local.empty() ? peer.bare() : peer.local;
    if (c && c->kind == app::Conversation::Kind::RoomPrivate) return fmt(tr("{0} (private, {1})"), peer.resource, peer.local);
    auto it = app.state().roster.names.find(peer);
    return it == app.state().roster.names.end() ? peer.bare() : it->second;
}

// A group's address, our state in it, and its actions.
void draw_room_header(const app::App& app, UiState& ui, const xmpp::Jid& room, bool narrow, std::vector<app::Intent>& intents) {
    const app::RoomStatus* st = nullptr;
    for (const app::RoomStatus& r : app.state().rooms)
        if (r.jid == room) st = &r;
    std::string line = room.bare();
    if (!st) line += std::string(" \u00b7 ") + tr("you left");
    else if (st->state == app::RoomStatus::State::Joining) line += std::string(" \u00b7 ") + tr("joining…");
    else if (st->state != app::RoomStatus::State::Joined) line += std::string(" \u00b7 ") + tr("not in the group");
    float w = ImGui::GetContentRegionAvail().x;
    text_clipped(line, w * 0.5f);
    ImGui::SameLine();
    if (narrow && ImGui::SmallButton(ui.show_people ? tr("Messages") : tr("People"))) ui.show_people = !ui.show_people;
    if (narrow) ImGui::SameLine();
    if (ImGui::SmallButton(tr("Invite…"))) {
        ui.inviting = ui.inviting && *ui.inviting == room ? std::nullopt : std::optional<xmpp::Jid>(room);
        ui.invite_address.clear();
    }
    ImGui::SameLine();
    if (st && ImGui::SmallButton(tr("Leave group"))) intents.push_back(app::LeaveRoom{room});
    if (!st && ImGui::SmallButton(tr("Join again"))) intents.push_back(app::JoinRoom{room.bare(), {}, {}});
    if (ui.inviting && *ui.inviting == room) {
        ImGui::SetNextItemWidth(w * 0.6f);
        bool enter = ImGui::InputTextWithHint("##invite", "friend@example.org", &ui.invite_address, ImGuiInputTextFlags_EnterReturnsTrue);
        widget_registry().annotate_last_item(tr("Invite address"), &ui.invite_address);
        ImGui::SameLine();
        if (ImGui::Button(tr("Send invitation")) || enter) {
            intents.push_back(app::InviteToRoom{room, ui.invite_address});
            ui.inviting.reset();
        }
    }
    if (st && !st->subject.empty()) {
        std::string subject = fmt(tr("Subject: {0}"), st->subject);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        text_clipped(subject, w);
        ImGui::PopStyleColor();
        widget_registry().add_text_item("subject", st->subject);
    }
    const app::Notice& n = app.state().groups;
    if (n.kind != app::Notice::Kind::None && app.state().groups_invited) notice_text(false, n.text);
    ImGui::Separator();
}

}  // namespace

// The strip of open chats: a tab each, with its unread count and a close box.
void draw_chat_strip(const app::App& app, std::vector<app::Intent>& intents) {
    const app::Chats& chats = app.chats();
    const xmpp::Jid* active = chats.active();
    for (const xmpp::Jid& peer : chats.open_chats()) {
        ImGui::PushID(peer.full().c_str());
        std::string name = display_name(app, peer);
        bool is_active = active && *active == peer;
        float w = std::min(ImGui::CalcTextSize(name.c_str()).x, 160.0f) + ImGui::GetFrameHeight() * 2;
        ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##chat-tab", is_active, ImGuiSelectableFlags_AllowOverlap, ImVec2(w, ImGui::GetFrameHeight())))
            intents.push_back(app::OpenChat{peer});
        widget_registry().annotate_last_item(name, nullptr, "tab");
        ImGui::SetCursorScreenPos(ImVec2(p.x + 4, p.y + ImGui::GetStyle().FramePadding.y));
        text_clipped(name, w - ImGui::GetFrameHeight() * 1.6f);
        draw_badge(ImGui::GetWindowDrawList(), ImVec2(p.x + w - ImGui::GetFrameHeight(), p.y + ImGui::GetFrameHeight() * 0.5f),
                   chats.unread(peer));
        ImGui::SetCursorScreenPos(ImVec2(p.x + w - ImGui::GetFrameHeight() * 0.9f, p.y));
        if (ImGui::InvisibleButton("##close", ImVec2(ImGui::GetFrameHeight() * 0.8f, ImGui::GetFrameHeight())))
            intents.push_back(app::CloseChat{peer});
        widget_registry().annotate_last_item(tr("Close chat"), nullptr);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        ImU32 col = ImGui::IsItemHovered() ? palette().danger : ImGui::GetColorU32(ImGuiCol_TextDisabled);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(c.x - 4, c.y - 4), ImVec2(c.x + 4, c.y + 4), col, 1.5f);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(c.x - 4, c.y + 4), ImVec2(c.x + 4, c.y - 4), col, 1.5f);
        ImGui::SetCursorScreenPos(ImVec2(p.x + w + 4, p.y));
        ImGui::PopID();
        if (ImGui::GetContentRegionAvail().x > 120) ImGui::SameLine(0, 0);
        else ImGui::NewLine();
    }
}

void draw_chats(const app::App& app, UiState& ui, std::vector<app::Intent>& intents, bool narrow) {
    const app::Chats& chats = app.chats();
    ImGui::BeginChild("chats", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    const xmpp::Jid* active = chats.active();
    if (narrow && ImGui::Button(tr("< Contacts"))) ui.narrow_show_chat = false;
    if (!active && chats.open_chats().empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr("Click a contact to start chatting."));
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        return;
    }
    draw_chat_strip(app, intents);
    ImGui::NewLine();
    ImGui::Separator();
    if (!active) {  // chats opened by their messages: waiting for the person to pick one
        ImGui::TextDisabled("%s", tr("New messages: click a chat above to read them."));
        ImGui::EndChild();
        return;
    }

    const app::Conversation* conv = chats.find(*active);
    ChatUi& cu = ui.chats[*active];
    std::string peer_name = display_name(app, *active);
    ImGui::PushID(active->full().c_str());
    bool room = conv && conv->kind == app::Conversation::Kind::Room;
    if (room) draw_room_header(app, ui, *active, narrow, intents);
    if (conv && conv->kind == app::Conversation::Kind::RoomPrivate) {
        std::string what = fmt(tr("Private message with {0} in the group {1}: not a contact's chat, the group's service passes it on."),
                               active->resource, active->bare());
        ImGui::PushStyleColor(ImGuiCol_Text, palette().private_note);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(what.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        widget_registry().add_text_item("private-notice", what);
    }
    int lines = 1 + static_cast<int>(std::count(cu.draft.begin(), cu.draft.end(), '\n'));
    float input_h = ImGui::GetTextLineHeight() * static_cast<float>(std::clamp(lines, 1, 5)) +
              ImGui::GetStyle().FramePadding.y * 2 + ImGui::GetStyle().ItemSpacing.y;
    // A group shows who is there beside its messages (on a phone: instead, when asked).
    bool people_pane = room && (!narrow || ui.show_people);
    float pane_w = narrow ? ImGui::GetContentRegionAvail().x : std::clamp(ImGui::GetContentRegionAvail().x * 0.28f, 150.0f, 240.0f);
    if (people_pane && narrow) {
        draw_occupants(app.state(), *active, intents);
    } else {
        if (people_pane) ImGui::BeginGroup();
        float avail_w = people_pane ? ImGui::GetContentRegionAvail().x - pane_w - 8 : 0;
        ImGui::BeginChild("conversation", ImVec2(avail_w, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
        if (conv) draw_messages(*conv, cu, peer_name, ImGui::GetContentRegionAvail().y - input_h, intents);
        draw_input(*active, cu, intents);
        ImGui::EndChild();
        if (people_pane) {
            ImGui::SameLine();
            ImGui::BeginChild("people", ImVec2(pane_w, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
            draw_occupants(app.state(), *active, intents);
            ImGui::EndChild();
            ImGui::EndGroup();
        }
    }
    ImGui::PopID();
    ImGui::EndChild();
}

}  // namespace ui
