// What the app needs from its platform: a WebSocket, a timer, HTTP GET, storage,
// randomness and a clock. The browser implements it in src/web; tests use a fake.
#pragma once
#include "xmpp/client.h"

#include <cstdint>
#include <string>

namespace app {

class Platform {
public:
    virtual ~Platform() = default;
    virtual xmpp::Millis now() = 0;          // monotonic, for deadlines
    virtual std::int64_t wall_ms() = 0;      // wall clock (ms since 1970), for message times
    virtual xmpp::Entropy& entropy() = 0;
    // One WebSocket at a time (subprotocol "xmpp"); results come back through Account::on_ws_*.
    virtual void ws_open(const std::string& url) = 0;
    virtual void ws_send(const std::string& text) = 0;
    virtual void ws_close() = 0;
    // Calls Account::on_timer() at `at` (replaces any earlier request); a negative value cancels.
    virtual void set_timer(xmpp::Millis at) = 0;
    // GET `url`; the answer comes back through Account::on_http(request, status, body).
    // status 0 means the request failed (network, CORS, timeout).
    // Gives up after `timeout_ms`.
    virtual void http_get(const std::string& url, int request, int timeout_ms = 10000) = 0;
    // Opens an http(s) link in a new tab (the app checks the scheme first).
    virtual void open_url(const std::string& url) = 0;
    // Persistent key-value storage (never passwords): IndexedDB in the browser.
    virtual std::string load(const std::string& key) = 0;
    virtual void store(const std::string& key, const std::string& value) = 0;
    virtual void erase(const std::string& prefix) = 0;  // every key starting with it
};

}  // namespace app
