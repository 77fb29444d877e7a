// The browser's side of app::Platform, over emscripten/websocket.h, emscripten timers and
// small JavaScript helpers in platform.js (fetch, localStorage).
#include "web/web_platform.h"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <cstdlib>

extern "C" {
void parla_js_http_get(const char* url, int request, int timeout_ms);
char* parla_js_storage_get(const char* key);  // malloc'd, or null
void parla_js_storage_set(const char* key, const char* value);
void parla_js_storage_erase(const char* prefix);
void parla_js_open_url(const char* url);
}

namespace web {

namespace {
WebPlatform* g_platform = nullptr;  // one per module instance; callbacks find it here

enum Kind { kOpen, kMessage, kClosed };

EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent* e, void*) {
    g_platform->ws_event(e->socket, kOpen, nullptr, 0);
    return EM_TRUE;
}
EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* e, void*) {
    // Text frames: numBytes counts the trailing NUL. Binary frames are not XMPP: ignored.
    if (e->isText) g_platform->ws_event(e->socket, kMessage, reinterpret_cast<const char*>(e->data), e->numBytes ? e->numBytes - 1 : 0);
    return EM_TRUE;
}
EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent* e, void*) {
    g_platform->ws_event(e->socket, kClosed, nullptr, 0);
    return EM_TRUE;
}
EM_BOOL on_error(int, const EmscriptenWebSocketErrorEvent* e, void*) {
    g_platform->ws_event(e->socket, kClosed, nullptr, 0);
    return EM_TRUE;
}
void on_timer(void*) { g_platform->timer_fired(); }
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void parla_on_http(int request, int status, const char* body, int size) {
    if (g_platform) g_platform->http_done(request, status, body, size);
}

xmpp::Millis WebPlatform::now() { return static_cast<xmpp::Millis>(emscripten_get_now()); }
std::int64_t WebPlatform::wall_ms() { return static_cast<std::int64_t>(emscripten_date_now()); }

void WebPlatform::ws_open(const std::string& url) {
    g_platform = this;
    ws_close();
    EmscriptenWebSocketCreateAttributes attrs;
    emscripten_websocket_init_create_attributes(&attrs);
    attrs.url = url.c_str();
    attrs.protocols = "xmpp";  // RFC 7395 §3.1
    attrs.createOnMainThread = EM_TRUE;
    EMSCRIPTEN_WEBSOCKET_T s = emscripten_websocket_new(&attrs);
    if (s <= 0) {
        // A malformed URL throws in the browser: report it as a failed attempt.
        emscripten_set_timeout([](void*) { g_platform->ws_event(-1, kClosed, nullptr, 0); }, 0, nullptr);
        socket_ = -1;
        return;
    }
    socket_ = s;
    emscripten_websocket_set_onopen_callback(s, nullptr, on_open);
    emscripten_websocket_set_onmessage_callback(s, nullptr, on_message);
    emscripten_websocket_set_onclose_callback(s, nullptr, on_close);
    emscripten_websocket_set_onerror_callback(s, nullptr, on_error);
}

void WebPlatform::ws_send(const std::string& text) {
    if (debug) std::printf("SEND %s\n", text.find("mechanism='PLAIN'") != std::string::npos ? "<auth PLAIN…/>" : text.c_str());
    if (socket_ > 0) emscripten_websocket_send_utf8_text(socket_, text.c_str());
}

void WebPlatform::ws_close() {
    if (socket_ > 0) {
        emscripten_websocket_close(socket_, 1000, "");
        emscripten_websocket_delete(socket_);
    }
    socket_ = 0;
}

void WebPlatform::ws_event(EMSCRIPTEN_WEBSOCKET_T socket, int kind, const char* text, int size) {
    if (socket != socket_ || !account_) return;  // a socket we already let go
    if (kind == kOpen) {
        account_->on_ws_open();
    } else if (kind == kMessage) {
        if (debug) std::printf("RECV %.*s\n", size, text);
        account_->on_ws_message(std::string_view(text, static_cast<size_t>(size)));
    } else {
        if (socket_ > 0) emscripten_websocket_delete(socket_);
        socket_ = 0;
        account_->on_ws_closed();
    }
    changed_();
}

void WebPlatform::set_timer(xmpp::Millis at) {
    g_platform = this;
    if (timer_) emscripten_clear_timeout(timer_);
    timer_ = 0;
    if (at < 0) return;
    double delay = static_cast<double>(at) - emscripten_get_now();
    timer_ = emscripten_set_timeout(on_timer, delay > 0 ? delay : 0, nullptr);
}

void WebPlatform::timer_fired() {
    timer_ = 0;
    if (account_) account_->on_timer();
    changed_();
}

void WebPlatform::http_get(const std::string& url, int request, int timeout_ms) {
    g_platform = this;
    parla_js_http_get(url.c_str(), request, timeout_ms);
}

void WebPlatform::http_done(int request, int status, const char* body, int size) {
    std::string_view text(body ? body : "", static_cast<size_t>(size));
    if (on_http) on_http(request, status, text);
    else if (account_) account_->on_http(request, status, text);
    changed_();
}

void WebPlatform::open_url(const std::string& url) { parla_js_open_url(url.c_str()); }

std::string WebPlatform::load(const std::string& key) {
    char* v = parla_js_storage_get(key.c_str());
    if (!v) return {};
    std::string s(v);
    std::free(v);
    return s;
}

void WebPlatform::store(const std::string& key, const std::string& value) {
    parla_js_storage_set(key.c_str(), value.c_str());
}

void WebPlatform::erase(const std::string& prefix) { parla_js_storage_erase(prefix.c_str()); }

}  // namespace web
