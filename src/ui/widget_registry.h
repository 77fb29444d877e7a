// Widget registry: what the last frame drew, item by item, for tests and accessibility.
// Fed by Dear ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE, architecture.md §7).
#pragma once
#include <string>
#include <string_view>
#include <vector>

struct ImGuiContext;

namespace ui {

struct WidgetInfo {
    unsigned id = 0;
    std::string label;   // display label: the part before "##", or the label given by annotate()
    std::string role;    // "button", "input", "tab", "checkbox", "tree", "window" or "item"
    std::string window;  // name of the window that holds the item
    float x = 0, y = 0, w = 0, h = 0;  // in display (CSS) pixels, relative to the canvas
    bool visible = false, hovered = false, active = false, focused = false;
    bool checkable = false, checked = false;
    bool has_text = false;  // inputs only; never set for passwords
    std::string text;
};

class WidgetRegistry {
public:
    // Starts collecting items for `ctx`; call once after ImGui::CreateContext().
    void attach(ImGuiContext* ctx);
    // Call right after ImGui::NewFrame() and right before ImGui::Render().
    void begin_frame();
    void end_frame();

    // Gives the last submitted item a label and, unless it is secret, its text; `role`
    // overrides the guessed one (for items ImGui reports no status for, like combos).
    void annotate_last_item(std::string_view label, const std::string* text, const char* role = nullptr);

    // Records the last drawn text (a notice, an error) so tests and screen readers see it.
    void add_text_item(std::string_view role, std::string_view text);

    const std::vector<WidgetInfo>& last_frame() const { return last_; }
    // The last frame as a JSON array (what window.parla.widgets() returns).
    std::string to_json() const;
    unsigned frame_count() const { return frames_; }

    // Hook entry points (called from the ImGui hooks in widget_registry.cpp).
    void on_item_add(unsigned id, float x0, float y0, float x1, float y1, bool visible, bool is_window, const char* window);
    void on_item_info(unsigned id, const char* label, int status_flags, bool is_tab);

private:
    WidgetInfo* find(unsigned id);
    ImGuiContext* ctx_ = nullptr;
    std::vector<WidgetInfo> current_, last_;
    unsigned frames_ = 0;
};

// The registry the ImGui hooks feed (one ImGui context per app).
WidgetRegistry& widget_registry();

}  // namespace ui
