// Pictures the views draw (CAPTCHA images for now), decoded by the platform.
#pragma once
#include "imgui.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ui {

struct Image {
    ImTextureID texture = 0;  // 0 while decoding (or when it could not be decoded)
    float width = 0, height = 0;
    bool failed = false;
};

class Images {
public:
    virtual ~Images() = default;
    // The picture for `key`; the first call starts decoding `bytes` (of MIME `type`).
    virtual Image get(const std::string& key, const std::vector<std::uint8_t>& bytes, const std::string& type) = 0;
};

}  // namespace ui
