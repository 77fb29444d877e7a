// The light and dark themes.
#include "ui/theme.h"

namespace ui {

namespace {

Palette light_palette() {
    Palette p;
    p.dark = false;
    p.own_bubble = IM_COL32(222, 235, 255, 255);
    p.their_bubble = IM_COL32(242, 243, 245, 255);
    p.mention_bubble = IM_COL32(255, 243, 205, 255);
    p.own_name = IM_COL32(30, 80, 160, 255);
    p.their_name = IM_COL32(20, 110, 60, 255);
    p.link = IM_COL32(30, 90, 200, 255);
    p.link_hover = IM_COL32(20, 60, 200, 255);
    p.error = IM_COL32(190, 30, 30, 255);
    p.danger = IM_COL32(190, 40, 40, 255);
    p.danger_hover = IM_COL32(215, 55, 55, 255);
    p.private_note = IM_COL32(150, 90, 0, 255);
    p.good = IM_COL32(46, 160, 67, 255);
    p.fair = IM_COL32(214, 140, 0, 255);
    p.poor = IM_COL32(200, 40, 40, 255);
    p.check_good = IM_COL32(30, 120, 50, 255);
    p.check_bad = IM_COL32(170, 40, 40, 255);
    p.track = IM_COL32(225, 228, 233, 255);
    p.badge = IM_COL32(42, 107, 191, 255);
    p.offline = IM_COL32(150, 150, 150, 255);
    return p;
}

Palette dark_palette() {
    Palette p = light_palette();
    p.dark = true;
    p.own_bubble = IM_COL32(36, 58, 96, 255);
    p.their_bubble = IM_COL32(44, 47, 54, 255);
    p.mention_bubble = IM_COL32(94, 78, 28, 255);
    p.own_name = IM_COL32(140, 182, 255, 255);
    p.their_name = IM_COL32(110, 205, 140, 255);
    p.link = IM_COL32(120, 170, 255, 255);
    p.link_hover = IM_COL32(160, 195, 255, 255);
    p.error = IM_COL32(245, 115, 115, 255);
    p.private_note = IM_COL32(235, 175, 85, 255);
    p.check_good = IM_COL32(110, 205, 140, 255);
    p.check_bad = IM_COL32(245, 115, 115, 255);
    p.track = IM_COL32(60, 64, 72, 255);
    p.offline = IM_COL32(130, 134, 140, 255);
    return p;
}

Palette g_palette = light_palette();

}  // namespace

const Palette& palette() { return g_palette; }

void apply_style(bool dark) {
    ImGuiStyle& s = ImGui::GetStyle();
    ImGuiStyle fresh;  // metrics from scratch, so switching themes never compounds them
    if (dark) ImGui::StyleColorsDark(&fresh);
    else ImGui::StyleColorsLight(&fresh);
    // Keep what the platform set on top of the metrics below (touch sizes).
    ImVec2 frame = s.FramePadding, spacing = s.ItemSpacing, touch = s.TouchExtraPadding;
    bool keep = s.FramePadding.y > 7.0f;
    s = fresh;
    s.WindowPadding = ImVec2(16, 16);
    s.FramePadding = keep ? frame : ImVec2(10, 7);
    s.ItemSpacing = keep ? spacing : ImVec2(8, 8);
    s.TouchExtraPadding = touch;
    s.FrameRounding = 4;
    s.ChildRounding = 6;
    s.TabRounding = 4;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 1;
    s.ScrollbarSize = 12;
    ImVec4* c = s.Colors;
    if (!dark) {
        c[ImGuiCol_WindowBg] = ImVec4(0.95f, 0.96f, 0.97f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Button] = ImVec4(0.88f, 0.91f, 0.96f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.70f, 0.78f, 0.92f, 1.0f);
        c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    } else {
        c[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
        c[ImGuiCol_PopupBg] = ImVec4(0.16f, 0.17f, 0.20f, 1.0f);
        c[ImGuiCol_FrameBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
        c[ImGuiCol_Border] = ImVec4(0.30f, 0.32f, 0.37f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.22f, 0.26f, 0.33f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.34f, 0.44f, 1.0f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.33f, 0.41f, 0.55f, 1.0f);
        c[ImGuiCol_Text] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
        c[ImGuiCol_TextDisabled] = ImVec4(0.58f, 0.61f, 0.66f, 1.0f);
    }
    g_palette = dark ? dark_palette() : light_palette();
}

}  // namespace ui
