// The text font and its glyph ranges.
#include "ui/fonts.h"

namespace ui {

const ImWchar* font_glyph_ranges() {
    // Keep in step with PARLA_FONT_UNICODES in CMakeLists.txt.
    static const ImWchar ranges[] = {
        0x0020, 0x007E,  // Basic Latin
        0x00A0, 0x017F,  // Latin-1 Supplement (Italian accents), Latin Extended-A
        0x0218, 0x021B,  // Romanian S and T with comma
        0x0370, 0x03CE,  // Greek (modern: the letters, tonos and dialytika)
        0x0400, 0x045F,  // Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian)
        0x0490, 0x0491,  // Ukrainian ghe with upturn
        0x2010, 0x2027,  // Dashes, quotes, bullet, ellipsis
        0x2030, 0x203A,  // Per mille, primes, angle quotes
        0x20AC, 0x20AC,  // Euro sign
        0x2190, 0x2193,  // Arrows
        0x2212, 0x2212,  // Minus
        0x25C6, 0x25C6,  // Diamond (presence shapes)
        0x25CB, 0x25CB,  // White circle
        0x25CF, 0x25CF,  // Black circle
        0x2713, 0x2713,  // Check mark
        0x2715, 0x2715,  // Cross
        0,
    };
    return ranges;
}

bool load_font(const std::vector<unsigned char>& ttf, float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (ttf.empty()) return false;
    if (pixel_ratio < 1.0f) pixel_ratio = 1.0f;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the caller keeps the bytes for later rebuilds
    cfg.OversampleH = 1;                // already rasterised at device pixels
    cfg.PixelSnapH = true;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()), static_cast<int>(ttf.size()),
                                                  kFontSize * pixel_ratio, &cfg, font_glyph_ranges());
    if (!font || !io.Fonts->Build()) {
        io.Fonts->Clear();
        io.Fonts->AddFontDefault();
        io.FontGlobalScale = 1.0f;
        return false;
    }
    io.FontGlobalScale = 1.0f / pixel_ratio;
    return true;
}

}  // namespace ui
