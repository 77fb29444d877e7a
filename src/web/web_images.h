// Pictures decoded by the browser (createImageBitmap) into WebGL textures for ImGui.
#pragma once
#include "ui/images.h"

#include <functional>
#include <map>

namespace web {

class WebImages : public ui::Images {
public:
    explicit WebImages(std::function<void()> changed) : changed_(std::move(changed)) {}
    ui::Image get(const std::string& key, const std::vector<std::uint8_t>& bytes, const std::string& type) override;
    // From platform.js: the decoded RGBA pixels of request `id` (null when decoding failed).
    void decoded(int id, int width, int height, const std::uint8_t* rgba);

private:
    std::function<void()> changed_;
    std::map<std::string, ui::Image> images_;
    std::map<int, std::string> pending_;  // request id -> key
    int next_id_ = 1;
};

}  // namespace web
