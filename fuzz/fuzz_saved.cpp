// libFuzzer: what Parla reads back from the browser's storage, which another tab, an older
// version or a tampered profile may have written: the XEP-0198 session snapshot, the kept
// SCRAM keys, and the app's roster, chat, outbox and remembered-account documents.
//
// Input: one mode byte, then the stored text.
//   '0' Client::restore_session on a fresh client (user@example.com, stream management on);
//       when accepted, what save_session() then writes must be accepted again, unchanged.
//   '1' decode_scram_keys; when accepted, encode gives back text that decodes the same.
//   '2' read_roster, '3' read_chat, '4' read_outbox, '5' read_remembered, '6' read_rooms; each accepted
//       document, saved again, reads back the same.
#include "app/saved.h"
#include "xmpp/client.h"
#include "xmpp/scram.h"

#include "fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

class Fixed : public xmpp::Entropy {
public:
    std::string nonce() override { return "fyko+d2lbbFgONRv9qkxdawL"; }
    std::string id() override { return "id" + std::to_string(++n_); }

private:
    int n_ = 0;
};

xmpp::ClientConfig config() {
    xmpp::ClientConfig c;
    c.jid = xmpp::Jid::parse("user@example.com").jid;
    c.password = "pencil";
    c.stream_management = true;
    return c;
}

bool same(const app::Conversation& a, const app::Conversation& b) {
    if (a.peer != b.peer || a.kind != b.kind || a.unread != b.unread || a.messages.size() != b.messages.size()) return false;
    for (std::size_t i = 0; i < a.messages.size(); ++i) {
        const app::ChatMessage &x = a.messages[i], &y = b.messages[i];
        if (x.id != y.id || x.body != y.body || x.state != y.state || x.time_ms != y.time_ms || x.outgoing != y.outgoing ||
            x.archive_id != y.archive_id || x.nick != y.nick || x.error != y.error)
            return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const char mode = static_cast<char>(data[0]);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (mode) {
    case '0': {
        Fixed entropy;
        xmpp::Client client(config(), entropy);
        if (!client.restore_session(text, 1000)) return 0;
        FUZZ_CHECK(client.resumable());
        std::string saved = client.save_session();
        xmpp::Client again(config(), entropy);
        FUZZ_CHECK(again.restore_session(saved, 1000));
        FUZZ_CHECK(again.save_session() == saved);
        break;
    }
    case '1':
        if (std::optional<xmpp::ScramKeys> keys = xmpp::decode_scram_keys(text)) {
            std::string encoded = xmpp::encode_scram_keys(*keys);
            std::optional<xmpp::ScramKeys> back = xmpp::decode_scram_keys(encoded);
            FUZZ_CHECK(back && back->client_key == keys->client_key && back->server_key == keys->server_key &&
                       back->salt == keys->salt && back->iterations == keys->iterations && back->hash == keys->hash);
        }
        break;
    case '2':
        if (std::optional<app::SavedRoster> r = app::read_roster(text)) {
            std::map<xmpp::Jid, xmpp::RosterItem> items;
            for (const xmpp::RosterItem& i : r->items) items[i.jid] = i;
            std::optional<app::SavedRoster> back = app::read_roster(app::save_roster(r->version, items));
            FUZZ_CHECK(back && back->version == r->version && back->items.size() == items.size());
        }
        break;
    case '3':
        if (std::optional<app::Conversation> c = app::read_chat(text)) {
            std::optional<app::Conversation> back = app::read_chat(app::save_chat(*c, c->messages.size()));
            FUZZ_CHECK(back && same(*c, *back));
        }
        break;
    case '4':
        if (std::optional<std::vector<app::OutboxEntry>> box = app::read_outbox(text)) {
            std::optional<std::vector<app::OutboxEntry>> back = app::read_outbox(app::save_outbox(*box));
            FUZZ_CHECK(back && back->size() == box->size());
            for (std::size_t i = 0; back && i < box->size(); ++i)
                FUZZ_CHECK((*back)[i].message.body == (*box)[i].message.body && (*back)[i].message.to == (*box)[i].message.to);
        }
        break;
    case '5':
        if (std::optional<app::Remembered> r = app::read_remembered(text)) {
            std::optional<app::Remembered> back = app::read_remembered(app::save_remembered(*r));
            FUZZ_CHECK(back && back->jid == r->jid && back->scram_keys == r->scram_keys && back->websocket_url == r->websocket_url);
        }
        break;
    case '6': {
        std::vector<app::SavedRoom> rooms = app::read_rooms(text);
        std::vector<app::SavedRoom> back = app::read_rooms(app::save_rooms(rooms));
        FUZZ_CHECK(back.size() == rooms.size());
        for (std::size_t i = 0; i < rooms.size() && i < back.size(); ++i)
            FUZZ_CHECK(back[i].jid == rooms[i].jid && back[i].nick == rooms[i].nick && back[i].last_ms == rooms[i].last_ms);
        break;
    }
    default:
        break;
    }
    return 0;
}
