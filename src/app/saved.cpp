#include "app/saved.h"

#include "xmpp/chat.h"
#include "xmpp/stanza.h"

#include <charconv>
#include <pugixml.hpp>

namespace app {

namespace {

constexpr std::size_t kMaxDocument = 8 * 1024 * 1024;
constexpr std::size_t kMaxEntries = 20000;

// Not std::ostringstream: that pulls iostreams (~25 KB gzip) into the wasm.
std::string text_of(const pugi::xml_document& doc) { return xmpp::to_xml(doc.document_element()); }

// The root element named `name`, or an empty node when the text is not such a document.
pugi::xml_node root(pugi::xml_document& doc, std::string_view text, const char* name) {
    if (text.empty() || text.size() > kMaxDocument) return {};
    // Always UTF-8 (what Parla writes): never guessed, or "<\0" would be read as UTF-16.
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_eol, pugi::encoding_utf8)) return {};
    pugi::xml_node r = doc.document_element();
    return std::string_view(r.name()) == name ? r : pugi::xml_node();
}

std::optional<std::int64_t> number(const char* text) {
    std::string_view s(text);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

std::optional<xmpp::Jid> jid_of(const char* text) {
    xmpp::JidResult r = xmpp::Jid::parse(text);
    if (!r.ok()) return std::nullopt;
    return r.jid;
}

const char* const kStates[] = {"received", "pending", "sent", "acked", "delivered", "read", "failed"};
const char* const kKinds[] = {"contact", "room", "private"};

template <std::size_t N>
std::optional<int> index_of(const char* const (&names)[N], std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (name == names[i]) return static_cast<int>(i);
    return std::nullopt;
}

}  // namespace

std::string account_prefix(const xmpp::Jid& account) { return "a:" + account.bare() + ":"; }

std::string save_roster(const std::string& version, const std::map<xmpp::Jid, xmpp::RosterItem>& items) {
    pugi::xml_document doc;
    pugi::xml_node r = doc.append_child("roster");
    r.append_attribute("xmlns") = "jabber:iq:roster";  // what RosterItem::parse checks
    r.append_attribute("ver") = version.c_str();
    for (const auto& [jid, item] : items) item.write(r);
    return text_of(doc);
}

std::optional<SavedRoster> read_roster(std::string_view text) {
    pugi::xml_document doc;
    pugi::xml_node r = root(doc, text, "roster");
    if (!r) return std::nullopt;
    SavedRoster out;
    out.version = r.attribute("ver").value();
    for (pugi::xml_node item : r.children("item")) {
        if (out.items.size() >= kMaxEntries) break;
        if (std::optional<xmpp::RosterItem> i = xmpp::RosterItem::parse(item)) out.items.push_back(std::move(*i));
    }
    return out;
}

std::string save_chat(const Conversation& c, std::size_t keep) {
    pugi::xml_document doc;
    pugi::xml_node r = doc.append_child("chat");
    r.append_attribute("peer") = c.peer.full().c_str();
    r.append_attribute("kind") = kKinds[static_cast<int>(c.kind)];
    r.append_attribute("unread") = c.unread;
    std::size_t from = c.messages.size() > keep ? c.messages.size() - keep : 0;
    for (std::size_t i = from; i < c.messages.size(); ++i) {
        const ChatMessage& m = c.messages[i];
        pugi::xml_node e = r.append_child("m");
        if (!m.id.empty()) e.append_attribute("id") = m.id.c_str();
        if (!m.archive_id.empty()) e.append_attribute("a") = m.archive_id.c_str();
        if (m.outgoing) e.append_attribute("out") = "1";
        e.append_attribute("s") = kStates[static_cast<int>(m.state)];
        e.append_attribute("t") = std::to_string(m.time_ms).c_str();
        if (!m.nick.empty()) e.append_attribute("nick") = m.nick.c_str();
        if (m.kind == ChatMessage::Kind::Notice) e.append_attribute("notice") = "1";
        if (m.delayed) e.append_attribute("delayed") = "1";
        if (m.mention) e.append_attribute("mention") = "1";
        if (!m.error.empty()) e.append_attribute("error") = m.error.c_str();
        e.text().set(m.body.c_str());
    }
    return text_of(doc);
}

std::optional<Conversation> read_chat(std::string_view text) {
    pugi::xml_document doc;
    pugi::xml_node r = root(doc, text, "chat");
    if (!r) return std::nullopt;
    std::optional<xmpp::Jid> peer = jid_of(r.attribute("peer").value());
    std::optional<int> kind = index_of(kKinds, r.attribute("kind").value());
    if (!peer || !kind) return std::nullopt;
    Conversation c;
    c.peer = *peer;
    c.kind = static_cast<Conversation::Kind>(*kind);
    c.unread = std::clamp(r.attribute("unread").as_int(), 0, 1000000);
    for (pugi::xml_node e : r.children("m")) {
        if (c.messages.size() >= kMaxEntries) break;
        std::optional<int> state = index_of(kStates, e.attribute("s").value());
        std::optional<std::int64_t> t = number(e.attribute("t").value());
        std::string body = e.text().get();
        if (!state || !t || body.size() > xmpp::kMaxBodyBytes) continue;
        ChatMessage m;
        m.id = e.attribute("id").value();
        m.archive_id = e.attribute("a").value();
        m.outgoing = e.attribute("out").as_bool();
        m.state = static_cast<ChatMessage::State>(*state);
        m.time_ms = *t;
        m.nick = e.attribute("nick").value();
        m.kind = e.attribute("notice").as_bool() ? ChatMessage::Kind::Notice : ChatMessage::Kind::Text;
        m.delayed = e.attribute("delayed").as_bool();
        m.mention = e.attribute("mention").as_bool();
        m.error = e.attribute("error").value();
        m.body = std::move(body);
        c.messages.push_back(std::move(m));
    }
    return c;
}

std::string save_chat_list(const std::vector<xmpp::Jid>& all, const std::vector<xmpp::Jid>& open, const xmpp::Jid* active) {
    pugi::xml_document doc;
    pugi::xml_node r = doc.append_child("chats");
    if (active) r.append_attribute("active") = active->full().c_str();
    for (const xmpp::Jid& j : all) r.append_child("c").append_attribute("peer") = j.full().c_str();
    for (const xmpp::Jid& j : open) r.append_child("open").append_attribute("peer") = j.full().c_str();
    return text_of(doc);
}

std::optional<SavedChatList> read_chat_list(std::string_view text) {
    pugi::xml_document doc;
    pugi::xml_node r = root(doc, text, "chats");
    if (!r) return std::nullopt;
    SavedChatList out;
    if (r.attribute("active")) out.active = jid_of(r.attribute("active").value());
    for (pugi::xml_node e : r.children()) {
        if (out.all.size() + out.open.size() >= kMaxEntries) break;
        std::optional<xmpp::Jid> j = jid_of(e.attribute("peer").value());
        if (!j) continue;
        if (std::string_view(e.name()) == "c") out.all.push_back(*j);
        else if (std::string_view(e.name()) == "open") out.open.push_back(*j);
    }
    return out;
}

OutboxEntry outbox_entry(const xmpp::Jid& to, std::string id, std::string body, std::int64_t written_ms) {
    OutboxEntry o;
    o.message.id = o.message.origin_id = std::move(id);
    o.message.type = "chat";
    o.message.to = to;
    o.message.body = std::move(body);
    o.written_ms = written_ms;
    return o;
}

std::string save_outbox(const std::vector<OutboxEntry>& outbox) {
    pugi::xml_document doc;
    pugi::xml_node r = doc.append_child("outbox");
    for (const OutboxEntry& o : outbox) {
        pugi::xml_node e = r.append_child("m");
        e.append_attribute("id") = o.message.id.c_str();
        e.append_attribute("to") = o.message.to.full().c_str();
        e.append_attribute("t") = std::to_string(o.written_ms).c_str();
        e.text().set(o.message.body.c_str());
    }
    return text_of(doc);
}

std::optional<std::vector<OutboxEntry>> read_outbox(std::string_view text) {
    pugi::xml_document doc;
    pugi::xml_node r = root(doc, text, "outbox");
    if (!r) return std::nullopt;
    std::vector<OutboxEntry> out;
    for (pugi::xml_node e : r.children("m")) {
        if (out.size() >= kMaxEntries) break;
        std::optional<xmpp::Jid> to = jid_of(e.attribute("to").value());
        std::optional<std::int64_t> t = number(e.attribute("t").value());
        std::string id = e.attribute("id").value(), body = e.text().get();
        if (!to || !t || id.empty() || body.empty() || body.size() > xmpp::kMaxBodyBytes) continue;
        out.push_back(outbox_entry(*to, std::move(id), std::move(body), *t));
    }
    return out;
}

std::string save_rooms(const std::vector<SavedRoom>& rooms) {
    pugi::xml_document doc;
    pugi::xml_node r = doc.append_child("rooms");
    for (const SavedRoom& room : rooms) {
        pugi::xml_node e = r.append_child("room");
        e.append_attribute("jid") = room.jid.bare().c_str();
        e.append_attribute("nick") = room.nick.c_str();
        e.append_attribute("last") = std::to_string(room.last_ms).c_str();
    }
    return text_of(doc);
}

std::vector<SavedRoom> read_rooms(std::string_view text) {
    std::vector<SavedRoom> out;
    pugi::xml_document doc;
    pugi::xml_node r = text.size() > 1024 * 1024 ? pugi::xml_node() : root(doc, text, "rooms");
    for (pugi::xml_node e : r.children("room")) {
        std::optional<xmpp::Jid> j = jid_of(e.attribute("jid").value());
        std::string nick = e.attribute("nick").value();
        if (!j || j->local.empty() || nick.empty() || out.size() >= 1000) continue;
        out.push_back({j->bare_jid(), std::move(nick), e.attribute("last").as_llong()});
    }
    return out;
}

std::string save_remembered(const Remembered& r) {
    pugi::xml_document doc;
    pugi::xml_node e = doc.append_child("remember");
    e.append_attribute("jid") = r.jid.bare().c_str();
    e.append_attribute("url") = r.websocket_url.c_str();
    e.append_attribute("keys") = r.scram_keys.c_str();
    return text_of(doc);
}

std::optional<Remembered> read_remembered(std::string_view text) {
    pugi::xml_document doc;
    pugi::xml_node e = root(doc, text, "remember");
    if (!e) return std::nullopt;
    std::optional<xmpp::Jid> j = jid_of(e.attribute("jid").value());
    if (!j || j->local.empty() || !j->resource.empty()) return std::nullopt;
    Remembered r;
    r.jid = *j;
    r.websocket_url = e.attribute("url").value();
    r.scram_keys = e.attribute("keys").value();
    if (r.scram_keys.empty()) return std::nullopt;
    return r;
}

}  // namespace app
