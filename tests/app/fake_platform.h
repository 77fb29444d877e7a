// A platform for app tests: records what the app asks for; the test plays the network.
#pragma once
#include "app/platform.h"

#include <map>
#include <utility>
#include <string>
#include <vector>

namespace app::test {

class FixedEntropy : public xmpp::Entropy {
public:
    std::string fixed_nonce = "fyko+d2lbbFgONRv9qkxdawL";
    int counter = 0;
    std::string nonce() override { return fixed_nonce; }
    std::string id() override { return "id" + std::to_string(++counter); }
};

class FakePlatform : public Platform {
public:
    xmpp::Millis clock = 1000;
    FixedEntropy fixed_entropy;
    std::vector<std::string> opened;    // ws_open URLs, in order
    std::vector<std::string> sent;      // frames sent on the socket
    int closes = 0;
    xmpp::Millis timer = -1;
    std::vector<std::pair<std::string, int>> gets;  // http_get(url, request)
    std::map<std::string, std::string> storage;

    std::int64_t wall = 1'764'300'000'000;  // 2025-11-28
    xmpp::Millis now() override { return clock; }
    std::int64_t wall_ms() override { return wall; }
    xmpp::Entropy& entropy() override { return fixed_entropy; }
    void ws_open(const std::string& url) override { opened.push_back(url); }
    void ws_send(const std::string& text) override { sent.push_back(text); }
    void ws_close() override { ++closes; }
    void set_timer(xmpp::Millis at) override { timer = at; }
    void http_get(const std::string& url, int request, int = 10000) override { gets.emplace_back(url, request); }
    std::vector<std::string> opened_urls;
    void open_url(const std::string& url) override { opened_urls.push_back(url); }
    std::string load(const std::string& key) override {
        auto it = storage.find(key);
        return it == storage.end() ? std::string() : it->second;
    }
    void store(const std::string& key, const std::string& value) override { storage[key] = value; }
    void erase(const std::string& prefix) override {
        for (auto it = storage.lower_bound(prefix); it != storage.end() && it->first.rfind(prefix, 0) == 0;) it = storage.erase(it);
    }

    std::vector<std::string> take_sent() { return std::exchange(sent, {}); }
};

}  // namespace app::test
