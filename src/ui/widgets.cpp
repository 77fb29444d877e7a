// Small widget helpers shared by the views.
#include "ui/widgets.h"
#include "ui/theme.h"

#include "app/i18n.h"
#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "ui/widget_registry.h"

#include <cstdio>

namespace ui {

bool labeled_input(const char* label, const char* id, std::string& value, const char* hint, ImGuiInputTextFlags flags,
                   bool secret) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (secret) flags |= ImGuiInputTextFlags_Password;
    bool entered = hint ? ImGui::InputTextWithHint(id, hint, &value, flags) : ImGui::InputText(id, &value, flags);
    widget_registry().annotate_last_item(label, secret ? nullptr : &value);
    return entered;
}

bool primary_button(const char* label, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.16f, 0.42f, 0.75f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.20f, 0.50f, 0.85f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.12f, 0.34f, 0.62f, 1.0f));
    bool pressed = ImGui::Button(label, ImVec2(width, 0));
    ImGui::PopStyleColor(4);
    return pressed;
}

void notice_text(bool is_error, const std::string& text) {
    if (text.empty()) return;
    ImVec4 colour = is_error ? ImGui::ColorConvertU32ToFloat4(palette().error) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    widget_registry().add_text_item(is_error ? "error" : "notice", text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

const char* presence_words(xmpp::Show show) {
    using app::tr;
    switch (show) {
    case xmpp::Show::Online: return tr("online");
    case xmpp::Show::Chat: return tr("free to chat");
    case xmpp::Show::Away: return tr("away");
    case xmpp::Show::Xa: return tr("away for a while");
    case xmpp::Show::Dnd: return tr("do not disturb");
    case xmpp::Show::Offline: return tr("offline");
    }
    return "";
}

std::string label_id(const char* label, const char* id) { return std::string(label) + "###" + id; }

void draw_presence(ImDrawList* dl, ImVec2 c, float r, xmpp::Show show) {
    const Palette& pal = palette();
    const ImU32 green = pal.good, amber = pal.fair, red = pal.poor, grey = pal.offline, white = IM_COL32(255, 255, 255, 255);
    switch (show) {
    case xmpp::Show::Online:
    case xmpp::Show::Chat:
        dl->AddCircleFilled(c, r, green);
        break;
    case xmpp::Show::Away:  // half filled: "partly here"
        dl->AddCircle(c, r - 0.75f, amber, 0, 1.5f);
        dl->PathArcTo(c, r, IM_PI * 0.5f, IM_PI * 1.5f);
        dl->PathFillConvex(amber);
        break;
    case xmpp::Show::Xa:  // thick hollow ring
        dl->AddCircle(c, r - 1.25f, amber, 0, 2.5f);
        break;
    case xmpp::Show::Dnd:  // a "no entry" sign
        dl->AddCircleFilled(c, r, red);
        dl->AddRectFilled(ImVec2(c.x - r * 0.6f, c.y - 1.2f), ImVec2(c.x + r * 0.6f, c.y + 1.2f), white);
        break;
    case xmpp::Show::Offline:
        dl->AddCircle(c, r - 0.75f, grey, 0, 1.5f);
        break;
    }
}

void draw_trash(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
    float w = b.x - a.x, h = b.y - a.y;
    ImVec2 lid_l(a.x + w * 0.2f, a.y + h * 0.3f), lid_r(a.x + w * 0.8f, a.y + h * 0.3f);
    dl->AddLine(lid_l, lid_r, col, 1.5f);
    dl->AddLine(ImVec2(a.x + w * 0.42f, a.y + h * 0.3f), ImVec2(a.x + w * 0.42f, a.y + h * 0.2f), col, 1.5f);
    dl->AddLine(ImVec2(a.x + w * 0.42f, a.y + h * 0.2f), ImVec2(a.x + w * 0.58f, a.y + h * 0.2f), col, 1.5f);
    dl->AddLine(ImVec2(a.x + w * 0.58f, a.y + h * 0.2f), ImVec2(a.x + w * 0.58f, a.y + h * 0.3f), col, 1.5f);
    dl->AddQuad(ImVec2(a.x + w * 0.28f, a.y + h * 0.36f), ImVec2(a.x + w * 0.72f, a.y + h * 0.36f),
                ImVec2(a.x + w * 0.66f, a.y + h * 0.82f), ImVec2(a.x + w * 0.34f, a.y + h * 0.82f), col, 1.5f);
    dl->AddLine(ImVec2(a.x + w * 0.5f, a.y + h * 0.45f), ImVec2(a.x + w * 0.5f, a.y + h * 0.72f), col, 1.2f);
}

float draw_badge(ImDrawList* dl, ImVec2 right_centre, int count) {
    if (count <= 0) return 0;
    char text[16];
    std::snprintf(text, sizeof text, count > 999 ? "999+" : "%d", count > 999 ? 999 : count);
    ImVec2 size = ImGui::CalcTextSize(text);
    float h = ImGui::GetTextLineHeight(), w = std::max(h, size.x + h * 0.6f);
    ImVec2 min(right_centre.x - w, right_centre.y - h * 0.5f), max(right_centre.x, right_centre.y + h * 0.5f);
    dl->AddRectFilled(min, max, palette().badge, h * 0.5f);
    dl->AddText(ImVec2(min.x + (w - size.x) * 0.5f, min.y), IM_COL32(255, 255, 255, 255), text);
    return w;
}

void text_clipped(const std::string& text, float width, ImU32 colour) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + width, pos.y + h), pos.x + width,
                              pos.x + width, text.c_str(), text.c_str() + text.size(), nullptr);
    if (colour) ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(width, h));
}

}  // namespace ui
