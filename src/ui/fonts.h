// The text font: DejaVu Sans, subset at build time (CMakeLists.txt, PARLA_FONT_UNICODES).
#pragma once
#include "imgui.h"

#include <vector>

namespace ui {

constexpr float kFontSize = 17.0f;  // CSS pixels

// Latin with Italian accents, Greek, Cyrillic, punctuation, arrows, a few symbols.
const ImWchar* font_glyph_ranges();

// Rasterises `ttf` at kFontSize × `pixel_ratio` (sharp on HiDPI screens) and draws it at
// kFontSize CSS pixels. Clears the atlas first; the caller re-uploads the texture.
bool load_font(const std::vector<unsigned char>& ttf, float pixel_ratio);

}  // namespace ui
