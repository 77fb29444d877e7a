// Parla in the browser: the ImGui context, the app, and a frame schedule that draws only
// when something changed (input, network, timer), so an idle tab costs next to nothing.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include "app/api_json.h"
#include "app/app.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app_view.h"
#include "ui/fonts.h"
#include "ui/widget_registry.h"
#include "web/platform.h"
#include "xmpp/data_form.h"
#include "web/web_images.h"
#include "web/web_platform.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

void request_frames(int n = 3);
void on_network();

struct Web {
    web::WebPlatform platform{[] { on_network(); }};
    app::App app{platform};
    web::WebImages images{[] { request_frames(2); }};
    ui::UiState ui;
    std::vector<app::Intent> intents;
    std::vector<unsigned char> font;
    float pixel_ratio = 1.0f;
    bool font_loaded = false;
    bool gl_ready = false;
    bool first_frame_done = false;
    bool session_waits = false;  // start_session() waits for the rest of the code
    bool loop_running = false;
    bool save_timer = false;  // a storage write is scheduled
    int frames_wanted = 0;
    double last_time_ms = 0;
    bool ctrl_down = false;
    bool text_wanted = false;
    int cursor = -2;
    std::string clipboard;
    std::string widgets_json;
    int unread_shown = 0;  // the count in the page title
    bool theme_auto = true;  // follow the system's light/dark setting
    std::string language;  // the one the page's <html lang> says
};

Web& web_state() {
    static Web w;
    return w;
}

// Something arrived from the network or a timer: refresh the app and draw.
void on_network() {
    web_state().app.refresh();
    request_frames(2);
}

bool can_draw() {
    Web& w = web_state();
    return w.gl_ready && w.font_loaded;
}

void render_frame() {
    Web& w = web_state();
    ImGuiIO& io = ImGui::GetIO();
    double now = emscripten_get_now();
    io.DeltaTime = w.last_time_ms > 0 ? static_cast<float>(std::max(1e-4, (now - w.last_time_ms) / 1000.0)) : 1.0f / 60;
    w.last_time_ms = now;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ui::widget_registry().begin_frame();
    w.app.prepare_frame();
    if (w.app.save_pending() && !w.save_timer) {  // what changed goes to storage within a second
        w.save_timer = true;
        emscripten_set_timeout([](void*) {
            web_state().save_timer = false;
            web_state().app.persist_now();
        }, 1100, nullptr);
    }
    ui::draw_app(w.app, w.ui, w.intents);
    ImGui::Render();
    ui::widget_registry().end_frame();

    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // Until the rest of the code has arrived (index.html fetches it after the first frame), what
    // the person asked for waits: the log-in screen runs without it, acting on a request needs it.
    if (!w.intents.empty() && !parla_js_code_ready() && !w.ui.code_loading) {
        w.ui.code_loading = true;  // shown until parla_code_loaded()
        w.frames_wanted = std::max(w.frames_wanted, 2);
    }
    if (!w.intents.empty() && parla_js_code_ready()) {
        w.ui.code_loading = false;
        w.app.apply_all(w.intents);
        if (app::language() != w.language) {  // picked in the language combo
            w.language = app::language();
            parla_js_set_language(w.language.c_str());
        }
        w.frames_wanted = std::max(w.frames_wanted, 2);  // show the new state
    }
    if (io.WantTextInput != w.text_wanted) {
        w.text_wanted = io.WantTextInput;
        if (!w.text_wanted) parla_js_set_text_input(0, 0, 0, 0);
    }
    int cursor = io.MouseDrawCursor ? -1 : ImGui::GetMouseCursor();
    if (cursor != w.cursor) {
        w.cursor = cursor;
        parla_js_set_cursor(cursor);
    }
    parla_js_a11y_frame();
    if (int unread = w.app.chats().total_unread(); unread != w.unread_shown) {
        w.unread_shown = unread;
        parla_js_set_unread(unread);
    }
    if (!w.first_frame_done) {
        w.first_frame_done = true;
        parla_js_first_frame();
    }
}

// A page option (embedding options, or for loopback demo servers the URL's query).
std::string parla_option(const char* name, const char* absent = "") {
    char* v = parla_js_option(name);
    if (!v) return absent;
    std::string s(v);
    std::free(v);
    return s;
}

bool input_pending() { return ImGui::GetCurrentContext()->InputEventsQueue.Size > 0; }

EM_BOOL on_animation_frame(double, void*) {
    Web& w = web_state();
    if (can_draw()) render_frame();
    if (w.frames_wanted > 0) --w.frames_wanted;
    if (w.frames_wanted > 0 || (can_draw() && input_pending())) return EM_TRUE;
    w.loop_running = false;
    return EM_FALSE;
}

// Asks for `n` more frames; ImGui needs a couple to turn input into a visible result.
void request_frames(int n) {
    Web& w = web_state();
    w.frames_wanted = std::max(w.frames_wanted, n);
    if (!w.loop_running) {
        w.loop_running = true;
        w.last_time_ms = emscripten_get_now();
        emscripten_request_animation_frame_loop(on_animation_frame, nullptr);
    }
}

// Draws frames until ImGui has consumed its queued input.
void flush_input() {
    if (!can_draw()) return;
    for (int i = 0; i < 8 && input_pending(); ++i) render_frame();
}

void set_platform_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
    if (data->WantVisible)
        parla_js_set_text_input(1, data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

void set_clipboard_text(void*, const char* text) {
    web_state().clipboard = text ? text : "";
    parla_js_set_clipboard(web_state().clipboard.c_str());
}

const char* get_clipboard_text(void*) { return web_state().clipboard.c_str(); }

void add_modifiers(int mods) {
    ImGuiIO& io = ImGui::GetIO();
    web_state().ctrl_down = mods & 1;
    io.AddKeyEvent(ImGuiMod_Ctrl, mods & 1);
    io.AddKeyEvent(ImGuiMod_Shift, mods & 2);
    io.AddKeyEvent(ImGuiMod_Alt, mods & 4);
    io.AddKeyEvent(ImGuiMod_Super, mods & 8);
}

}  // namespace

namespace web {
app::App& api_app() { return web_state().app; }
void api_changed() {
    web_state().app.account().flush();
    on_network();
}
}  // namespace web

// An auto-login, or the session kept by "remember me"; run once the code that does it is here.
void start_session() {
    Web& w = web_state();
    // Auto-login (kiosks, embedders, tests): only from the embedding page's options.
    std::string address = parla_option("address"), password = parla_option("password");
    if (!address.empty() && !password.empty()) {
        w.ui.login_address = address;
        // The page gives the password each time: nothing is kept unless it asks (remember=1).
        w.app.apply(app::LogIn{address, password, {}, parla_option("remember") == "1"});
    } else if (w.ui.login_remember && w.app.restore_saved()) {  // "remember me": back as before the reload
        w.ui.login_address = w.app.account().address().bare();
    }
}

extern "C" {

EMSCRIPTEN_KEEPALIVE void parla_on_resize(float css_w, float css_h, float ratio) {
    Web& w = web_state();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(css_w, css_h);
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);
    if (ratio != w.pixel_ratio) {
        w.pixel_ratio = ratio;
        if (w.font_loaded) {  // re-rasterise for the new density
            ui::load_font(w.font, ratio);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    request_frames();
}

// type: 0 move, 1 down, 2 up, 3 leave; source: 0 mouse, 1 touch, 2 pen.
EMSCRIPTEN_KEEPALIVE void parla_on_pointer(int type, float x, float y, int button, int source, int mods) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(source == 1 ? ImGuiMouseSource_TouchScreen
                                       : source == 2 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
    if (type == 3) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    } else {
        add_modifiers(mods);
        io.AddMousePosEvent(x, y);
        // Some items (tabs, overlapping items) take a press only once hovered for a frame.
        // Touch has no hover and a quick click lands with its move: draw that frame first.
        if (type == 1 && (io.MousePos.x != x || io.MousePos.y != y)) flush_input();
        // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
        int b = button == 1 ? 2 : button == 2 ? 1 : button;
        if (type != 0 && b >= 0 && b < ImGuiMouseButton_COUNT) io.AddMouseButtonEvent(b, type == 1);
    }
    request_frames();
}

// The page is being hidden or closed: what is kept goes to storage now.
EMSCRIPTEN_KEEPALIVE void parla_persist_now() { web_state().app.persist_now(); }

// The page became visible (1) or hidden (0): read markers only for what is seen.
EMSCRIPTEN_KEEPALIVE void parla_on_visible(int visible) {
    web_state().app.set_visible(visible != 0);
    web_state().app.account().flush();
    request_frames();
}

// The browser is back online, or the tab visible again: a waiting reconnect goes now.
EMSCRIPTEN_KEEPALIVE void parla_on_wake() {
    web_state().app.account().retry_now();
    web_state().app.refresh();
    request_frames();
}

// The system switched between light and dark.
EMSCRIPTEN_KEEPALIVE void parla_on_theme(int dark) {
    if (!web_state().theme_auto) return;
    ui::apply_style(dark != 0);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void parla_on_wheel(float dx, float dy) {
    ImGui::GetIO().AddMouseWheelEvent(dx, dy);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void parla_on_key(const char* code, int down, int mods) {
    add_modifiers(mods);
    ImGuiKey key = web::key_from_code(code);
    if (key != ImGuiKey_None) ImGui::GetIO().AddKeyEvent(key, down != 0);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void parla_on_text(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    request_frames();
}

// The browser's paste event brings the text: make it ImGui's clipboard, then press Ctrl+V.
EMSCRIPTEN_KEEPALIVE void parla_on_paste(const char* utf8) {
    Web& w = web_state();
    ImGuiIO& io = ImGui::GetIO();
    w.clipboard = utf8 ? utf8 : "";
    ImGuiKey mod = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
    io.AddKeyEvent(mod, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(mod, mod == ImGuiMod_Ctrl && w.ctrl_down);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void parla_on_focus(int focused) {
    ImGui::GetIO().AddFocusEvent(focused != 0);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void parla_on_font(const unsigned char* data, int size) {
    Web& w = web_state();
    if (data && size > 0) w.font.assign(data, data + size);
    if (!ui::load_font(w.font, w.pixel_ratio)) std::printf("Parla: using the built-in font\n");
    w.font_loaded = true;
    request_frames();
}

// The rest of the code has arrived: what waited for it goes on.
EMSCRIPTEN_KEEPALIVE void parla_code_loaded() {
    Web& w = web_state();
    if (w.session_waits) {
        w.session_waits = false;
        start_session();
    }
    request_frames();
}

// Runs frames now until ImGui has consumed its input (called inside user gestures).
EMSCRIPTEN_KEEPALIVE void parla_flush() {
    flush_input();
    if (can_draw()) render_frame();
}

EMSCRIPTEN_KEEPALIVE const char* parla_widgets_json() {
    Web& w = web_state();
    w.widgets_json = ui::widget_registry().to_json();
    return w.widgets_json.c_str();
}

EMSCRIPTEN_KEEPALIVE int parla_frame_count() { return static_cast<int>(ui::widget_registry().frame_count()); }

// True when no frame is scheduled: everything the app was given has been drawn.
EMSCRIPTEN_KEEPALIVE int parla_idle() { return !web_state().loop_running && web_state().first_frame_done; }

}  // extern "C"

int main() {
    IMGUI_CHECKVERSION();
    ImGuiContext* ctx = ImGui::CreateContext();
    ui::widget_registry().attach(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
    io.SetPlatformImeDataFn = set_platform_ime_data;
    io.SetClipboardTextFn = set_clipboard_text;
    io.GetClipboardTextFn = get_clipboard_text;
    io.BackendPlatformName = "parla_web";
    // Theme: the page's option, else the system's (and it follows the system's changes).
    std::string theme = parla_option("theme", "auto");
    web_state().theme_auto = theme != "light" && theme != "dark";
    ui::apply_style(theme == "dark" || (web_state().theme_auto && parla_js_prefers_dark()));
    if (parla_js_coarse_pointer()) {  // fingers: every control at least 40 CSS px tall
        ImGuiStyle& style = ImGui::GetStyle();
        style.FramePadding.y = std::max(style.FramePadding.y, 12.0f);
        style.ItemSpacing.y = std::max(style.ItemSpacing.y, 10.0f);
        style.TouchExtraPadding = ImVec2(4, 4);
    }

    Web& w = web_state();
    w.platform.attach(w.app.account());
    w.platform.on_http = [](int request, int status, std::string_view body) { web_state().app.on_http(request, status, body); };
    w.ui.images = &w.images;
    w.app.on_event = [](const xmpp::Event& e) { parla_js_event(app::event_json(e).c_str()); };
    w.app.config.websocket_url = parla_option("websocket");
    w.app.config.domain = parla_option("domain");
    w.app.config.providers_url = parla_option("providersUrl", w.app.config.providers_url.c_str());
    w.app.config.muc_service = parla_option("mucService");
    if (std::string locked = parla_option("lockedDomain"); !locked.empty()) {
        w.app.config.domain = locked;
        w.app.config.lock_domain = true;
    }
    std::string registration = parla_option("registration", "on");
    w.app.config.registration = registration != "off" && registration != "false" && registration != "0";
    std::string rooms = parla_option("autoJoinRooms");  // comma-separated names or addresses
    for (std::size_t start = 0; start < rooms.size();) {
        std::size_t end = rooms.find(',', start);
        if (end == std::string::npos) end = rooms.size();
        std::string room(xmpp::trim_space(std::string_view(rooms).substr(start, end - start)));
        if (!room.empty() && w.app.config.auto_join_rooms.size() < 20) w.app.config.auto_join_rooms.push_back(room);
        start = end + 1;
    }
    if (char* url = parla_js_page_url()) {
        w.app.config.page_url = url;
        std::free(url);
    }
    w.platform.debug = parla_option("debug") == "1";
    // The language: the page's option, else the one picked in Parla before, else the browser's.
    std::string language = parla_option("language");
    if (language.empty()) language = w.platform.load("language");
    if (language.empty()) {
        if (char* browser = parla_js_browser_language()) {
            language = browser;
            std::free(browser);
        }
    }
    app::set_language(language);
    w.language = app::language();
    parla_js_set_language(w.language.c_str());
    int gl = parla_js_init();
    if (gl <= 0) {
        std::printf("Parla: WebGL2 is not available\n");
        return 1;
    }
    w.gl_ready = ImGui_ImplOpenGL3_Init("#version 300 es");
    parla_js_a11y_init();
    parla_js_notify_init();
    // remember=0: a public computer (the box starts unticked, nothing kept is used).
    w.ui.login_remember = parla_option("remember", "1") != "0";
    if (parla_js_code_ready()) start_session();
    else w.session_waits = true;
    return 0;
}
