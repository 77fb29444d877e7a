// One XMPP account: endpoint discovery, connection attempts, and pumping the client.
#include "app/account.h"

#include "app/i18n.h"

#include <algorithm>
#include <functional>

namespace app {

const char* to_string(Connection c) {
    switch (c) {
    case Connection::Offline: return "offline";
    case Connection::Discovering: return "discovering";
    case Connection::Connecting: return "connecting";
    case Connection::LoggingIn: return "logging-in";
    case Connection::Online: return "online";
    case Connection::LoggingOut: return "logging-out";
    case Connection::Reconnecting: return "reconnecting";
    }
    return "?";
}

// An IPv4 literal in 127.0.0.0/8 (four decimal octets, nothing after).
static bool is_loopback_ipv4(const std::string& host) {
    int parts = 0;
    std::size_t i = 0;
    while (i <= host.size()) {
        std::size_t end = host.find('.', i);
        if (end == std::string::npos) end = host.size();
        std::string octet = host.substr(i, end - i);
        if (octet.empty() || octet.size() > 3 || octet.find_first_not_of("0123456789") != std::string::npos) return false;
        if (std::stoi(octet) > 255 || (parts == 0 && octet != "127")) return false;
        ++parts;
        i = end + 1;
    }
    return parts == 4;
}

bool is_secure_websocket(const std::string& url) {
    if (url.rfind("wss://", 0) == 0) return true;
    if (url.rfind("ws://", 0) != 0) return false;
    std::string authority = url.substr(5, url.find_first_of("/?#", 5) - 5);
    if (authority.find('@') != std::string::npos) return false;  // no user info tricks
    if (authority.rfind("[::1]", 0) == 0) return authority.size() == 5 || authority[5] == ':';
    std::string host = authority.substr(0, authority.find(':'));
    return host == "localhost" || is_loopback_ipv4(host);
}

// A WebSocket URL typed or configured: "" when usable (or empty: discovery), else why not.
static std::string check_websocket_url(const std::string& url) {
    if (url.empty()) return {};
    if (url.rfind("wss://", 0) != 0 && url.rfind("ws://", 0) != 0)
        return tr("The WebSocket address must start with wss:// (or ws:// for a server on this computer).");
    if (!is_secure_websocket(url))
        return tr("Parla sends passwords only over wss:// (encrypted) to servers on other computers.");
    return {};
}

Account::Account(Platform& platform) : platform_(platform) {}
Account::~Account() = default;

std::string Account::log_in(const std::string& address, const std::string& password, const std::string& websocket_url,
                            std::optional<xmpp::ScramKeys> keys) {
    error_.clear();
    xmpp::JidResult r = xmpp::Jid::parse(address);
    if (!r.ok()) return tr_sentence(r.message);
    if (r.jid.local.empty()) return fmt(tr("The address needs your name before the @, for example giulietta@{0}."), r.jid.domain);
    if (password.empty() && !keys) return tr("Type your password.");
    if (std::string e = check_websocket_url(websocket_url); !e.empty()) return e;

    xmpp::ClientConfig config;
    config.jid = r.jid;
    config.password = password;
    if (password.empty()) config.scram_keys = std::move(keys);
    config.stream_management = true;  // XEP-0198: a dropped connection resumes without losing stanzas
    reconnecting_ = was_online_ = false;
    attempts_ = 0;
    reconnect_at_ = -1;
    start(std::move(config), websocket_url);
    return {};
}

std::string Account::register_account(const std::string& domain, const std::string& websocket_url) {
    error_.clear();
    xmpp::JidResult r = xmpp::Jid::parse(domain);
    if (!r.ok()) return tr_sentence(r.message);
    if (!r.jid.local.empty() || !r.jid.resource.empty()) return tr("Type only the provider's domain, like example.org.");
    if (std::string e = check_websocket_url(websocket_url); !e.empty()) return e;
    xmpp::ClientConfig config;
    config.jid = r.jid;
    config.register_account = true;
    start(std::move(config), websocket_url);
    return {};
}

void Account::start(xmpp::ClientConfig config, const std::string& websocket_url) {
    if (client_ && ws_open_) platform_.ws_close();
    client_.reset();
    ws_open_ = false;
    redirects_ = 0;
    tried_.clear();
    candidates_.clear();
    next_candidate_ = 0;
    ++http_generation_;

    config_ = std::move(config);
    config_.server_offered_scram_before = platform_.load("scram:" + config_.jid.domain) == "1";
    const std::string& domain = config_.jid.domain;

    if (!websocket_url.empty()) {
        candidates_ = {websocket_url};
        try_next_endpoint();
        return;
    }
    std::string remembered = platform_.load("endpoint:" + domain);
    discovery_ = std::make_unique<xmpp::EndpointDiscovery>(
        domain, std::nullopt, remembered.empty() ? std::nullopt : std::optional<std::string>(remembered));
    fetch_urls_ = discovery_->fetches();
    if (fetch_urls_.empty() || discovery_->done()) {
        candidates_ = discovery_->candidates();
        if (candidates_.empty()) fail(discovery_->tried_summary());
        else try_next_endpoint();
        return;
    }
    connection_ = Connection::Discovering;
    for (std::size_t i = 0; i < fetch_urls_.size(); ++i)
        platform_.http_get(fetch_urls_[i], http_generation_ * 100 + static_cast<int>(i));
}

void Account::on_http(int request, int status, std::string_view body) {
    if (request / 100 != http_generation_ || !discovery_ || connection_ != Connection::Discovering) return;
    std::size_t index = static_cast<std::size_t>(request % 100);
    if (index >= fetch_urls_.size()) return;
    discovery_->on_fetched(fetch_urls_[index], status, body);
    if (!discovery_->done()) return;
    candidates_ = discovery_->candidates();
    if (candidates_.empty()) fail(discovery_->tried_summary());
    else try_next_endpoint();
}

void Account::try_next_endpoint() {
    if (next_candidate_ >= candidates_.size()) {
        std::string list;
        for (const std::string& t : tried_) list += (list.empty() ? "" : ", ") + t;
        fail(fmt(tr("Could not connect to {0}: no answer from {1}."), config_.jid.domain, list));
        return;
    }
    url_ = candidates_[next_candidate_++];
    tried_.push_back(url_);
    config_.secure_transport = is_secure_websocket(url_);
    client_ = std::make_unique<xmpp::Client>(config_, platform_.entropy());
    if (on_client) on_client(*client_);
    connection_ = Connection::Connecting;
    platform_.ws_open(url_);
}

void Account::on_ws_open() {
    if (!client_) return;
    ws_open_ = true;
    connection_ = Connection::LoggingIn;
    client_->on_open(platform_.now());
    pump();
}

void Account::on_ws_message(std::string_view text) {
    if (!client_ || !ws_open_) return;
    client_->on_frame(text, platform_.now());
    pump();
}

void Account::on_ws_closed() {
    bool was_open = ws_open_;
    ws_open_ = false;
    if (!client_) return;
    if (!was_open && reconnecting_) {  // the server is still out of reach: wait and try again
        connection_ = Connection::Reconnecting;
        schedule_reconnect();
        return;
    }
    if (!was_open && connection_ == Connection::Connecting) {
        if (discovery_) discovery_->on_connect_result(url_, false);
        try_next_endpoint();  // this endpoint never opened: try the next one
        return;
    }
    client_->on_closed(platform_.now());
    pump();
}

void Account::on_timer() {
    timer_at_ = -1;  // fired: the next deadline must be set again even if equal
    if (!client_) return;
    if (reconnect_at_ >= 0 && platform_.now() >= reconnect_at_) {
        reconnect();
        return;
    }
    client_->on_timer(platform_.now());
    pump();
}

xmpp::Millis Account::reconnect_in() const {
    if (connection_ != Connection::Reconnecting || reconnect_at_ < 0) return -1;
    return std::max<xmpp::Millis>(0, reconnect_at_ - platform_.now());
}

void Account::schedule_reconnect(xmpp::Millis at_least) {
    reconnecting_ = true;
    connection_ = Connection::Reconnecting;
    // 1 s, 2 s, 4 s … up to a minute, each ±25 % so many clients do not return at once.
    xmpp::Millis base = std::min<xmpp::Millis>(60000, 1000LL << std::min(attempts_, 6));
    std::size_t h = std::hash<std::string>{}(platform_.entropy().id());
    xmpp::Millis jitter = static_cast<xmpp::Millis>(h % 1000) * base / 2000 - base / 4;
    ++attempts_;
    reconnect_at_ = platform_.now() + std::max(at_least, base + jitter);
    arm_timer();
}

void Account::retry_now() {
    if (connection_ == Connection::Reconnecting && reconnect_at_ >= 0) {
        attempts_ = 0;
        reconnect();
    }
}

void Account::reconnect() {
    reconnect_at_ = -1;
    if (!client_) return;
    if (ws_open_) platform_.ws_close();
    ws_open_ = false;
    if (!client_->resumable()) {  // a new session
        client_ = std::make_unique<xmpp::Client>(config_, platform_.entropy());
        if (on_client) on_client(*client_);
    }
    connection_ = Connection::Connecting;
    platform_.ws_open(url_);
    arm_timer();
}

void Account::log_out() {
    if (!client_ || connection_ == Connection::Offline) return;
    reconnecting_ = was_online_ = false;
    reconnect_at_ = -1;
    if (connection_ == Connection::Reconnecting) {  // nothing to close: just stop
        client_->logout();
        client_.reset();
        connection_ = Connection::Offline;
        set_timer(-1);
        return;
    }
    if (!ws_open_) {
        client_->on_closed(platform_.now());
        pump();
        connection_ = Connection::Offline;
        return;
    }
    client_->logout();
    connection_ = Connection::LoggingOut;
    pump();
}

void Account::fail(std::string sentence) {
    error_ = std::move(sentence);
    connection_ = Connection::Offline;
    set_timer(-1);
}

void Account::set_timer(xmpp::Millis at) {
    if (at == timer_at_) return;
    timer_at_ = at;
    platform_.set_timer(at);
}

void Account::pump() {
    if (!client_) return;
    std::string redirect_to;
    // What event handlers queue (a room rejoined at SessionReady, say) goes out in the same
    // pump: a few rounds, until nothing is left.
    for (int round = 0; round < 8 && client_ && redirect_to.empty(); ++round) {
        std::vector<std::string> frames = client_->take_outgoing();
        std::vector<xmpp::Event> events = client_->take_events();
        if (frames.empty() && events.empty()) break;
        for (const std::string& frame : frames)
            if (ws_open_) platform_.ws_send(frame);
        for (const xmpp::Event& e : events) {
            if (std::holds_alternative<xmpp::SessionReady>(e) || std::holds_alternative<xmpp::Resumed>(e)) {
                connection_ = Connection::Online;
                was_online_ = true;
                reconnecting_ = false;
                attempts_ = 0;
                error_.clear();
                if (discovery_) {
                    discovery_->on_connect_result(url_, true);
                    platform_.store("endpoint:" + config_.jid.domain, url_);
                }
            } else if (std::holds_alternative<xmpp::ConnectionLost>(e)) {
                schedule_reconnect();  // the same client resumes (XEP-0198)
            } else if (auto* d = std::get_if<xmpp::Disconnected>(&e)) {
                error_ = tr_sentence(d->failure.sentence);
                connection_ = Connection::Offline;
                // A session that worked and dropped comes back (a new one), except when the
                // server says we are connected elsewhere (conflict: never loop) or the
                // password no longer works; after policy-violation it waits long.
                using K = xmpp::Failure::Kind;
                const xmpp::Failure& f = d->failure;
                bool retry = (was_online_ || reconnecting_) && f.kind != K::None && f.kind != K::AuthFailed &&
                             f.kind != K::Config && f.condition != "conflict" && f.condition != "not-authorized";
                if (retry) {
                    // Only the server's own policy-violation: one we send (a frame over our limit) is no reason to wait.
                    schedule_reconnect(f.condition == "policy-violation" && f.kind == K::StreamError ? 5 * 60 * 1000 : 0);
                } else {
                    reconnecting_ = was_online_ = false;
                    reconnect_at_ = -1;
                }
                // RFC 7395 §3.6.1: <close see-other-uri='...'/> sends us elsewhere. Followed only
                // to a WebSocket we would send a password to anyway, and at most 3 times.
                const std::string& uri = d->failure.see_other_host;
                if ((uri.rfind("wss://", 0) == 0 || uri.rfind("ws://", 0) == 0) && is_secure_websocket(uri) &&
                    redirects_ < 3)
                    redirect_to = uri;
            }
            if (on_event) on_event(e);
        }
    }
    if (!client_) return;
    if (!redirect_to.empty()) {
        ++redirects_;
        if (ws_open_) platform_.ws_close();
        ws_open_ = false;
        candidates_ = {redirect_to};
        next_candidate_ = 0;
        try_next_endpoint();
        return;
    }
    if (client_->server_offered_scram() && !config_.server_offered_scram_before) {
        config_.server_offered_scram_before = true;  // remembered: PLAIN is refused from now on
        platform_.store("scram:" + config_.jid.domain, "1");
    }
    if (client_->wants_transport_closed() && ws_open_) platform_.ws_close();
    arm_timer();
}

void Account::arm_timer() {
    std::optional<xmpp::Millis> deadline = client_ ? client_->next_deadline() : std::nullopt;
    xmpp::Millis at = deadline ? *deadline : -1;
    if (reconnect_at_ >= 0 && (at < 0 || reconnect_at_ < at)) at = reconnect_at_;
    set_timer(at);
}

}  // namespace app
