// Widget registry fed by Dear ImGui's test-engine hooks (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE).
#include "ui/widget_registry.h"

#include "app/json.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <cstdio>

using app::append_json_string;

namespace ui {

WidgetRegistry& widget_registry() {
    static WidgetRegistry registry;
    return registry;
}

void WidgetRegistry::attach(ImGuiContext* ctx) {
    ctx_ = ctx;
    ctx->TestEngineHookItems = true;
}

void WidgetRegistry::begin_frame() { current_.clear(); }

void WidgetRegistry::end_frame() {
    if (!ctx_) return;
    ImGuiContext& g = *ctx_;
    for (WidgetInfo& w : current_) {
        if (w.id == 0) continue;  // text items: no interaction state
        w.hovered = g.HoveredId == w.id || (w.role == "window" && g.HoveredWindow && g.HoveredWindow->ID == w.id);
        w.active = g.ActiveId == w.id;
        w.focused = g.NavId == w.id && g.NavWindow && g.NavWindow == g.NavWindow->RootWindow;
        if (w.role == "input") w.focused = w.focused || w.active;
    }
    last_.swap(current_);
    ++frames_;
}

static std::string display_label(const char* label) {
    std::string_view s = label ? label : "";
    size_t cut = s.find("##");
    return std::string(s.substr(0, cut));
}

WidgetInfo* WidgetRegistry::find(unsigned id) {
    // Items report ItemAdd then ItemInfo: the match is almost always the last entry.
    for (auto it = current_.rbegin(); it != current_.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

void WidgetRegistry::on_item_add(unsigned id, float x0, float y0, float x1, float y1, bool visible, bool is_window,
                                 const char* window) {
    if (id == 0) return;
    WidgetInfo* w = find(id);
    if (!w) {
        current_.emplace_back();
        w = &current_.back();
        w->id = id;
        w->role = is_window ? "window" : "item";
        if (is_window && window) w->label = display_label(window);
    }
    w->x = x0; w->y = y0; w->w = x1 - x0; w->h = y1 - y0;
    w->visible = visible;
    w->window = window ? window : "";
}

void WidgetRegistry::on_item_info(unsigned id, const char* label, int flags, bool is_tab) {
    if (id == 0) return;
    WidgetInfo* w = find(id);
    if (!w) {  // tab items report their info before their rectangle
        current_.emplace_back();
        w = &current_.back();
        w->id = id;
        w->role = "item";
    }
    if (w->label.empty()) w->label = display_label(label);
    if (is_tab) w->role = "tab";
    else if (flags & ImGuiItemStatusFlags_Inputable) w->role = "input";
    else if (flags & ImGuiItemStatusFlags_Checkable) w->role = "checkbox";
    else if (flags & ImGuiItemStatusFlags_Openable) w->role = "tree";
    else if (w->role == "item") w->role = "button";
    w->checkable = (flags & ImGuiItemStatusFlags_Checkable) != 0;
    w->checked = (flags & (ImGuiItemStatusFlags_Checked | ImGuiItemStatusFlags_Opened)) != 0;
}

void WidgetRegistry::annotate_last_item(std::string_view label, const std::string* text, const char* role) {
    if (!ctx_) return;
    WidgetInfo* w = find(ctx_->LastItemData.ID);
    if (!w) return;
    w->label = label;
    if (role) w->role = role;
    w->has_text = text != nullptr;
    w->text = text ? *text : std::string();
}

void WidgetRegistry::add_text_item(std::string_view role, std::string_view text) {
    if (!ctx_) return;
    const ImRect& r = ctx_->LastItemData.Rect;
    ImGuiWindow* window = ctx_->CurrentWindow;
    WidgetInfo w;
    w.role = role;
    w.label = text;
    w.x = r.Min.x; w.y = r.Min.y; w.w = r.GetWidth(); w.h = r.GetHeight();
    w.visible = window && window->ClipRect.Overlaps(r);
    w.window = window ? window->Name : "";
    current_.push_back(std::move(w));
}

std::string WidgetRegistry::to_json() const {
    std::string out = "[";
    char num[160];
    for (const WidgetInfo& w : last_) {
        if (out.size() > 1) out += ',';
        std::snprintf(num, sizeof num, "{\"id\":%u,\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,", w.id, w.x, w.y, w.w, w.h);
        out += num;
        out += "\"label\":"; append_json_string(out, w.label);
        out += ",\"role\":"; append_json_string(out, w.role);
        out += ",\"window\":"; append_json_string(out, w.window);
        auto flag = [&](const char* name, bool v) { out += ",\""; out += name; out += v ? "\":true" : "\":false"; };
        flag("visible", w.visible);
        flag("hovered", w.hovered);
        flag("active", w.active);
        flag("focused", w.focused);
        if (w.checkable) flag("checked", w.checked);
        if (w.has_text) { out += ",\"text\":"; append_json_string(out, w.text); }
        out += '}';
    }
    out += ']';
    return out;
}

}  // namespace ui

// --- Dear ImGui test-engine hooks (declared in imgui_internal.h) ---

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    ImGuiWindow* window = ctx->CurrentWindow;
    bool visible = window && window->ClipRect.Overlaps(bb) && !window->SkipItems;
    bool is_window = window && id == window->ID;
    ui::widget_registry().on_item_add(id, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y, visible || is_window, is_window,
                                      window ? window->Name : nullptr);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    bool is_tab = ctx->CurrentTabBar && ImGui::TabBarFindTabByID(ctx->CurrentTabBar, id) != nullptr;
    ui::widget_registry().on_item_info(id, label, flags, is_tab);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
