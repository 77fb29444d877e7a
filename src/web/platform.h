// The browser platform: calls into platform.js, and KeyboardEvent.code to ImGuiKey.
#pragma once
#include "imgui.h"

extern "C" {
int parla_js_init();  // returns the WebGL2 context handle, 0 when missing
void parla_js_set_text_input(int wanted, float x, float y, float h);
void parla_js_set_clipboard(const char* text);
void parla_js_set_cursor(int cursor);
void parla_js_first_frame();
char* parla_js_option(const char* name);  // malloc'd, or null
void parla_js_event(const char* json);    // an app event for window.parla listeners
}

namespace web {

// Maps a KeyboardEvent.code ("KeyA", "Enter", "ArrowLeft"...) to an ImGuiKey.
ImGuiKey key_from_code(const char* code);

}  // namespace web
