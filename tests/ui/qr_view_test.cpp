// QR codes on screen: whole device pixels per module at any pixel ratio, the quiet zone
// inside the item's rectangle, and the registry entry tests and screen readers find.
#include "app/qr.h"
#include "imgui.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"

#include <doctest/doctest.h>

#include <cmath>

namespace {

struct Context {
    explicit Context(float ratio) {
        ImGui::CreateContext();
        ui::widget_registry().attach(ImGui::GetCurrentContext());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.DisplayFramebufferScale = ImVec2(ratio, ratio);
        io.DeltaTime = 1.0f / 60;
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Context() { ImGui::DestroyContext(); }
};

bool on_device_pixel(float css, float ratio) {
    float device = css * ratio;
    return std::fabs(device - std::round(device)) < 1e-3f;
}

}  // namespace

TEST_CASE("a QR code is drawn on whole device pixels, quiet zone included, and registered") {
    auto qr = app::make_qr("http://127.0.0.1:8086/?domain=localhost");
    REQUIRE(qr);
    for (float ratio : {1.0f, 1.5f, 2.0f, 2.75f}) {
        CAPTURE(ratio);
        Context ctx(ratio);
        ImGui::NewFrame();
        ui::widget_registry().begin_frame();
        ImGui::SetNextWindowPos(ImVec2(13.37f, 7.21f));  // deliberately off the pixel grid
        ImGui::SetNextWindowSize(ImVec2(400, 500));
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        int first = dl->VtxBuffer.Size;  // the code's vertices come after the window's
        ui::draw_qr(*qr, 260.0f, "Code to open this page");
        int last = dl->VtxBuffer.Size;
        ImGui::End();
        ImGui::Render();
        ui::widget_registry().end_frame();

        const ui::WidgetInfo* found = nullptr;
        for (const ui::WidgetInfo& w : ui::widget_registry().last_frame())
            if (w.role == "qr") found = &w;
        REQUIRE(found);
        CHECK(found->label == "Code to open this page");
        CHECK(found->has_text);
        CHECK(found->text == qr->text);
        CHECK(found->w == doctest::Approx(found->h));
        CHECK(found->w <= 260.0f);
        CHECK(found->w >= 200.0f);
        CHECK(on_device_pixel(found->x, ratio));
        CHECK(on_device_pixel(found->y, ratio));
        // Whole device pixels per module, the same for every module, 4 modules of quiet zone.
        float module_dev = found->w * ratio / (qr->size + 8);
        CHECK(module_dev == doctest::Approx(std::round(module_dev)));
        // Every vertex of the code (background and dark runs) lies on the device pixel grid.
        int off_grid = 0, vertices = 0;
        for (int i = first; i < last; ++i) {
            const ImDrawVert& v = dl->VtxBuffer[i];
            ++vertices;
            if (!on_device_pixel(v.pos.x, ratio) || !on_device_pixel(v.pos.y, ratio)) ++off_grid;
        }
        CHECK(vertices > 4 * 20);
        CHECK(off_grid == 0);
    }
}
