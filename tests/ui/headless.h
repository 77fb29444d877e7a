// Test support: one headless ImGui context with Parla's font and the app behind it, torn down
// at the end of the test; frames are drawn on demand and widgets clicked by their rectangles.
#pragma once
#include "app/app.h"
#include "../app/scripted_server.h"
#include "imgui.h"
#include "ui/app_view.h"
#include "ui/fonts.h"
#include "ui/widget_registry.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace ui::test {

inline std::vector<unsigned char> read_font() {
    std::ifstream in(PARLA_FONT_PATH, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Headless {
    app::test::FakePlatform platform;
    app::App app{platform};
    UiState ui;
    std::vector<app::Intent> intents;
    std::vector<unsigned char> font = read_font();

    explicit Headless(float pixel_ratio = 1.0f, float height = 600) {
        ImGui::CreateContext();
        widget_registry().attach(ImGui::GetCurrentContext());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, height);
        io.DeltaTime = 1.0f / 60;
        REQUIRE(load_font(font, pixel_ratio));
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        apply_style();
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    void frame() {
        ImGui::NewFrame();
        widget_registry().begin_frame();
        app.prepare_frame();
        draw_app(app, ui, intents);
        ImGui::Render();
        widget_registry().end_frame();
        app.apply_all(intents);
    }

    // Logs the app in against a scripted server (SCRAM vector) and returns the script.
    app::test::Script log_in() {
        app::test::Script script(platform, app.account());
        script.log_in();
        app.refresh();
        return script;
    }

    const WidgetInfo* find(const std::string& label, const std::string& role) {
        for (const WidgetInfo& w : widget_registry().last_frame())
            if (w.label == label && w.role == role && w.visible) return &w;
        return nullptr;
    }

    void click(const WidgetInfo& w) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(w.x + w.w / 2, w.y + w.h / 2);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frame();
        frame();
    }
    void click(const std::string& label, const std::string& role) {
        const WidgetInfo* w = find(label, role);
        REQUIRE_MESSAGE(w, "no visible " << role << " " << label);
        click(*w);
    }
};

}  // namespace ui::test
