// The browser's side of app::Platform: WebSocket, timers, fetch, localStorage, clock.
#pragma once
#include "app/account.h"
#include "app/entropy.h"
#include "app/platform.h"

#include <emscripten/websocket.h>

#include <functional>

namespace web {

class WebPlatform : public app::Platform {
public:
    // `changed` is called after anything arrived, so the UI redraws.
    explicit WebPlatform(std::function<void()> changed) : changed_(std::move(changed)) {}
    void attach(app::Account& account) { account_ = &account; }
    // Logs every frame to the console (the "debug" page option). Passwords travel hashed
    // (SCRAM) except with PLAIN, whose frame is never logged.
    bool debug = false;
    // Where HTTP answers go (the app routes them); the attached account's when unset.
    std::function<void(int request, int status, std::string_view body)> on_http;

    xmpp::Millis now() override;
    std::int64_t wall_ms() override;
    xmpp::Entropy& entropy() override { return entropy_; }
    void ws_open(const std::string& url) override;
    void ws_send(const std::string& text) override;
    void ws_close() override;
    void set_timer(xmpp::Millis at) override;
    void http_get(const std::string& url, int request, int timeout_ms = 10000) override;
    void open_url(const std::string& url) override;
    std::string load(const std::string& key) override;
    void store(const std::string& key, const std::string& value) override;
    void erase(const std::string& prefix) override;

    // Entry points for callbacks (C linkage shims in web_platform.cpp).
    void ws_event(EMSCRIPTEN_WEBSOCKET_T socket, int kind, const char* text, int size);
    void timer_fired();
    void http_done(int request, int status, const char* body, int size);

private:
    app::SystemEntropy entropy_;
    app::Account* account_ = nullptr;
    std::function<void()> changed_;
    EMSCRIPTEN_WEBSOCKET_T socket_ = 0;
    long timer_ = 0;
};

}  // namespace web
