// The browser platform: calls into platform.js, and KeyboardEvent.code to ImGuiKey.
#pragma once
#include "imgui.h"

extern "C" {
int parla_js_init();  // returns the WebGL2 context handle, 0 when missing
void parla_js_set_text_input(int wanted, float x, float y, float h);
void parla_js_set_clipboard(const char* text);
void parla_js_set_cursor(int cursor);
void parla_js_first_frame();
int parla_js_code_ready();  // 0 until parla.deferred.wasm is linked in (index.html)
void parla_js_a11y_init();   // a11y.js: the hidden DOM mirror and the live region
void parla_js_a11y_frame();  // after a frame: refresh the mirror (coalesced)
int parla_js_coarse_pointer();  // 1 on touch-first devices
void parla_js_notify_init();      // notify.js: notifications, sound, title count
void parla_js_set_unread(int count);
int parla_js_prefers_dark();      // the system's colour scheme; changes come to parla_on_theme
char* parla_js_option(const char* name);  // malloc'd, or null
char* parla_js_browser_language();        // malloc'd: navigator.languages[0], or null
void parla_js_set_language(const char* code);  // the page's <html lang> (and the app root's)
char* parla_js_page_url();                 // malloc'd: the page's address for a phone
void parla_js_event(const char* json);    // an app event for window.parla listeners
}

namespace web {

// Maps a KeyboardEvent.code ("KeyA", "Enter", "ArrowLeft"...) to an ImGuiKey.
ImGuiKey key_from_code(const char* code);

}  // namespace web
