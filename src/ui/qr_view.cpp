// The "On your phone" panel: QR codes drawn as rectangles, module edges on whole device
// pixels so phone cameras read them. The page's address lets a phone open Parla; once
// logged in, our xmpp: URI (RFC 5122, ?roster) lets a friend add us by scanning it.
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr int kQuietZone = 4;  // light modules around the code (ISO/IEC 18004)
constexpr float kMaxSide = 260.0f;

// The code for `text`, computed once (a QR code's mask search is not free every frame).
const std::optional<app::QrCode>& code_for(UiState& ui, const std::string& text) {
    auto it = ui.qr_codes.find(text);
    if (it == ui.qr_codes.end()) {
        if (ui.qr_codes.size() >= 8) ui.qr_codes.clear();  // another account, another page: start over
        it = ui.qr_codes.emplace(text, app::make_qr(text)).first;
    }
    return it->second;
}

void wrapped(const std::string& text, bool disabled = false) {
    if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    if (disabled) ImGui::PopStyleColor();
}

}  // namespace

void draw_qr(const app::QrCode& code, float side_px, const char* registry_label) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems || code.size <= 0) return;
    const ImGuiIO& io = ImGui::GetIO();
    float ratio = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    int modules = code.size + 2 * kQuietZone;
    // Whole device pixels per module: a blurred edge between modules is what makes codes unreadable.
    int module_px = std::max(1, static_cast<int>(std::floor(side_px * ratio / modules)));
    int side_dev = modules * module_px;
    // Centred in the available width, its corner on a device pixel.
    ImVec2 at = ImGui::GetCursorScreenPos();
    at.x += std::max(0.0f, (ImGui::GetContentRegionAvail().x - side_dev / ratio) * 0.5f);
    float x0 = std::round(at.x * ratio), y0 = std::round(at.y * ratio);  // device pixels
    auto css = [ratio](float device) { return device / ratio; };
    ImRect bb(ImVec2(css(x0), css(y0)), ImVec2(css(x0 + side_dev), css(y0 + side_dev)));
    ImGui::SetCursorScreenPos(bb.Min);
    ImGui::ItemSize(bb.GetSize());
    bool shown = ImGui::ItemAdd(bb, window->GetID(registry_label), nullptr, ImGuiItemFlags_NoNav);
    widget_registry().annotate_last_item(registry_label, &code.text, "qr");
    if (!shown) return;

    ImDrawList* dl = window->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, IM_COL32(255, 255, 255, 255));
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    float left = x0 + kQuietZone * module_px, top = y0 + kQuietZone * module_px;
    for (int y = 0; y < code.size; ++y) {
        float ya = css(top + y * module_px), yb = css(top + (y + 1) * module_px);
        for (int x = 0; x < code.size;) {
            if (!code.at(x, y)) { ++x; continue; }
            int run = x;  // one rectangle per run of dark modules in the row
            while (run < code.size && code.at(run, y)) ++run;
            dl->AddRectFilled(ImVec2(css(left + x * module_px), ya), ImVec2(css(left + run * module_px), yb), black);
            x = run;
        }
    }
}

void draw_phone_panel(const app::AppState& state, UiState& ui, const std::string& page_url) {
    float side = std::min(ImGui::GetContentRegionAvail().x, kMaxSide);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(app::tr("Use Parla on your phone"));
    if (!page_url.empty()) {
        wrapped(app::tr("Scan the code with your phone's camera to open this page."));
        if (const std::optional<app::QrCode>& qr = code_for(ui, page_url)) draw_qr(*qr, side, app::tr("Code to open this page"));
        else wrapped(app::tr("This page's address is too long for a code."), true);
        wrapped(page_url, true);
    }
    bool online = state.connection == app::Connection::Online || state.connection == app::Connection::LoggingOut ||
                  state.reconnecting;
    xmpp::JidResult me = xmpp::Jid::parse(state.jid);
    if (online && me.ok()) {
        xmpp::Jid bare = me.jid.bare_jid();
        ImGui::Spacing();
        wrapped(app::fmt(app::tr("Let a friend add you: scan to add {0}"), bare.bare()));
        if (const std::optional<app::QrCode>& qr = code_for(ui, app::xmpp_roster_uri(bare)))
            draw_qr(*qr, side, app::tr("Code to add you as a contact"));
    }
    ImGui::Spacing();
}

void draw_phone_button(UiState& ui) {
    bool open = ui.show_phone;
    if (open) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(app::tr("On your phone"))) ui.show_phone = !ui.show_phone;
    if (open) ImGui::PopStyleColor();
}

}  // namespace ui
