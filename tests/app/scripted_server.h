// A server played by the test, for app-level tests: logs an account in over the fake
// platform with the RFC 5802 SCRAM-SHA-1 vector, then lets the test say more.
#pragma once
#include "app/account.h"
#include "app/api_json.h"

#include "fake_platform.h"

#include <doctest/doctest.h>

namespace app::test {

inline const char* kUrl = "ws://127.0.0.1:5290/xmpp-websocket";

// Plays the server for `account`, which talks through `platform`.
struct Script {
    FakePlatform& platform;
    Account& account;

    Script(FakePlatform& p, Account& a) : platform(p), account(a) {}
    void say(const std::string& frame) { account.on_ws_message(frame); }
    bool sent_contains(const std::string& needle) {
        for (const std::string& s : platform.sent)
            if (s.find(needle) != std::string::npos) return true;
        return false;
    }

    // A dropped account waited its back-off: its reconnect timer fires and it logs in again
    // (what it sends from then on is in platform.sent).
    void come_back() {
        platform.clock += account.reconnect_in();
        account.on_timer();
        platform.sent.clear();
        log_in(true);
    }

    // Logs in as `address` up to the server's SASL mechanisms (SCRAM-SHA-1 and PLAIN).
    // `again`: the account reconnects by itself (its WebSocket was asked for); no new log_in.
    void start(const char* address, const char* password, bool again = false) {
        if (!again) REQUIRE(account.log_in(address, password, kUrl).empty());
        account.on_ws_open();
        say("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s1' version='1.0'/>");
        say("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
            "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism>"
            "</mechanisms></stream:features>");
    }

    void log_in(bool again = false) {
        start("user@example.com", "pencil", again);
        // base64("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")
        CHECK(sent_contains("biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM"));
        // base64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")
        say("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0wzcmZjTkhZSlkxWlZ2V1Z"
            "zN2oscz1RU1hDUitRNnNlazhiZjkyLGk9NDA5Ng==</challenge>");
        // base64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")
        CHECK(sent_contains("Yz1iaXdzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdMM3JmY05IWUpZMVpWdldWczdqLHA9djBYOHYzQnoyVDBDSkdiSlF5RjBYK0hJNFRzPQ=="));
        platform.sent.clear();
        // base64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")
        say("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9</success>");
        CHECK(sent_contains("<open"));
        say("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s2' version='1.0'/>");
        say("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind "
            "xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        REQUIRE(sent_contains("urn:ietf:params:xml:ns:xmpp-bind"));
        std::string bind_id = "id1";  // the first id of a fresh platform; read it when not the first login
        for (const std::string& f : platform.sent)
            if (std::size_t at = f.find("id=\""); f.find("xmpp-bind") != std::string::npos && at != std::string::npos)
                bind_id = f.substr(at + 4, f.find('"', at + 4) - at - 4);
        say("<iq xmlns='jabber:client' type='result' id='" + bind_id + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            "<jid>user@example.com/parla-1</jid></bind></iq>");
    }
};

struct OwnAccount {
    FakePlatform own_platform;
    Account own_account{own_platform};
};

// An account of its own with the server script, recording every event as JSON.
struct Server : private OwnAccount, public Script {
    std::vector<std::string> events;
    Server() : Script(own_platform, own_account) {
        account.on_event = [this](const xmpp::Event& e) { events.push_back(app::event_json(e)); };
    }
};

}  // namespace app::test
