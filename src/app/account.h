// One XMPP account: finds the server's WebSocket (XEP-0156 or a configured URL), connects,
// drives the sans-I/O client with the platform's socket, timer and clock.
#pragma once
#include "app/platform.h"
#include "xmpp/client.h"
#include "xmpp/discovery.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace app {

// Reconnecting: the session dropped and a new attempt is waiting (reconnect_in() tells when).
enum class Connection { Offline, Discovering, Connecting, LoggingIn, Online, LoggingOut, Reconnecting };
const char* to_string(Connection c);

class Account {
public:
    explicit Account(Platform& platform);
    ~Account();

    // Starts logging in. `websocket_url` may be empty: then XEP-0156 finds it. With `keys`
    // ("remember me") and no password, SCRAM uses the keys.
    // Returns an error sentence for a malformed address, else "".
    std::string log_in(const std::string& address, const std::string& password, const std::string& websocket_url,
                       std::optional<xmpp::ScramKeys> keys = std::nullopt);
    void log_out();
    // The password changed on the server (XEP-0077 §3.3): a reconnect uses the new one.
    void set_password(const std::string& password) { config_.password = password; }
    // XEP-0077: connects to `domain` and asks for its registration form (events follow);
    // once registered, the account logs in on the same stream. "" or why not.
    std::string register_account(const std::string& domain, const std::string& websocket_url);

    // --- Fed by the platform ---
    void on_ws_open();
    void on_ws_message(std::string_view text);
    void on_ws_closed();  // closed or failed to open
    void on_timer();
    void on_http(int request, int status, std::string_view body);
    // After a reload ("remember me"): the session existed before, so an unreachable server
    // is waited for with back-off, as after a drop, instead of failing the log-in.
    void keep_trying() { was_online_ = reconnecting_ = true; }
    // The browser came back online or the tab became visible: try at once if waiting.
    void retry_now();
    // Sends what commands queued (roster edits, messages...) and hands out their events.
    void flush() { pump(); }

    Connection connection() const { return connection_; }
    const std::string& error() const { return error_; }          // why the last attempt ended
    // True while a dropped session is being brought back (the screens keep the chats).
    bool reconnecting() const { return reconnecting_; }
    // Milliseconds until the next attempt while Connection::Reconnecting, else -1.
    xmpp::Millis reconnect_in() const;
    const std::string& websocket_url() const { return url_; }    // the endpoint in use
    const xmpp::Jid& address() const { return config_.jid; }      // the account being used
    xmpp::Client* client() { return client_.get(); }
    const xmpp::Client* client() const { return client_.get(); }

    // Each new client, before it connects (the app restores the roster and, after a reload,
    // the session to resume).
    std::function<void(xmpp::Client&)> on_client;
    // Every protocol event, in order, for the app and the JavaScript API.
    std::function<void(const xmpp::Event&)> on_event;

private:
    void start(xmpp::ClientConfig config, const std::string& websocket_url);
    void try_next_endpoint();
    void pump();  // sends what the client queued, hands out events, re-arms the timer
    void fail(std::string sentence);
    void set_timer(xmpp::Millis at);
    void arm_timer();  // the earlier of the client's deadline and the next reconnect
    // After a drop: wait (exponential back-off with jitter, capped), then try again.
    void schedule_reconnect(xmpp::Millis at_least = 0);
    void reconnect();

    Platform& platform_;
    Connection connection_ = Connection::Offline;
    std::string error_;
    std::string url_;
    xmpp::ClientConfig config_;
    std::unique_ptr<xmpp::Client> client_;
    std::unique_ptr<xmpp::EndpointDiscovery> discovery_;
    std::vector<std::string> fetch_urls_;  // this attempt's XEP-0156 requests, by request number
    std::vector<std::string> candidates_;
    std::vector<std::string> tried_;
    std::size_t next_candidate_ = 0;
    bool ws_open_ = false;
    bool reconnecting_ = false;     // a dropped session is being brought back
    bool was_online_ = false;       // this session reached Online (so a drop is worth retrying)
    int attempts_ = 0;              // reconnect attempts since the last success
    xmpp::Millis reconnect_at_ = -1;
    int redirects_ = 0;
    int http_generation_ = 0;
    xmpp::Millis timer_at_ = -1;  // the deadline the platform was last given
};

// True for wss:// URLs and for ws:// to a loopback host (where PLAIN may be used).
bool is_secure_websocket(const std::string& url);

}  // namespace app
