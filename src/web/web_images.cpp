// Pictures decoded by the browser into WebGL textures.
#include "web/web_images.h"

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstdint>

extern "C" void parla_js_decode_image(int id, const std::uint8_t* bytes, int size, const char* type);

namespace web {

namespace {
WebImages* g_images = nullptr;
}

ui::Image WebImages::get(const std::string& key, const std::vector<std::uint8_t>& bytes, const std::string& type) {
    g_images = this;
    auto it = images_.find(key);
    if (it != images_.end()) return it->second;
    images_[key] = ui::Image{};
    int id = next_id_++;
    pending_[id] = key;
    parla_js_decode_image(id, bytes.data(), static_cast<int>(bytes.size()), type.c_str());
    return {};
}

void WebImages::decoded(int id, int width, int height, const std::uint8_t* rgba) {
    auto p = pending_.find(id);
    if (p == pending_.end()) return;
    ui::Image& img = images_[p->second];
    pending_.erase(p);
    if (!rgba || width <= 0 || height <= 0 || width > 4096 || height > 4096) {
        img.failed = true;
    } else {
        GLuint tex = 0;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        img.texture = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex));
        img.width = static_cast<float>(width);
        img.height = static_cast<float>(height);
    }
    changed_();
}

}  // namespace web

extern "C" EMSCRIPTEN_KEEPALIVE void parla_on_image(int id, int width, int height, const std::uint8_t* rgba) {
    if (web::g_images) web::g_images->decoded(id, width, height, rgba);
}
