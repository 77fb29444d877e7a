// XEP-0198 Stream Management: the counters, the unacknowledged queue and the nonzas.
#include "xmpp/stream_management.h"

#include "xmpp/chat.h"
#include "xmpp/frame.h"

#include <utility>

namespace xmpp {

std::optional<std::uint32_t> sm_newly_acked(std::uint32_t acked, std::uint32_t h, std::size_t unacked) {
    const std::uint32_t delta = h - acked;  // modulo 2^32
    if (delta > unacked) return std::nullopt;
    return delta;
}

std::optional<std::uint32_t> parse_sm_counter(std::string_view text) {
    if (text.empty() || text.size() > 10) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > 0xFFFFFFFFull) return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

namespace {

// A message a person wrote, as ResumeFailed reports it; nullopt for the rest (chat states,
// receipts, invitations...: nothing the app could rebuild from a Message).
std::optional<Message> written_message(pugi::xml_node m, const Jid& own) {
    Message msg;
    msg.type = m.attribute("type").value();
    if (msg.type.empty()) msg.type = "normal";
    if (msg.type != "chat" && msg.type != "groupchat" && msg.type != "normal") return std::nullopt;
    msg.id = m.attribute("id").value();
    msg.from = own;
    if (JidResult to = Jid::parse(m.attribute("to").value()); to.ok()) msg.to = to.jid;
    for (pugi::xml_node c = m.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view n = local_name(c), ns = ns_of(c);
        if (ns == kNsSid && n == "origin-id") msg.origin_id = c.attribute("id").value();
        if (ns != kNsClient) continue;
        if (n == "body" && msg.body.empty()) msg.body = c.text().get();
        else if (n == "thread") msg.thread = c.text().get();
        else if (n == "subject") msg.subject = c.text().get();
    }
    if (msg.body.empty() && msg.subject.empty()) return std::nullopt;
    return msg;
}

std::string nonza(std::string_view name, std::string_view attributes = {}) {
    return "<" + std::string(name) + " xmlns='" + std::string(kNsSm) + "'" + std::string(attributes) + "/>";
}

}  // namespace

std::string StreamManagement::enable() {
    reset();
    mode_ = Mode::Enabling;
    return nonza("enable", " resume='true'");
}

void StreamManagement::on_enabled(pugi::xml_node enabled) {
    mode_ = Mode::Enabled;
    inbound_ = 0;
    id_ = enabled.attribute("id").value();
    std::string_view resume = enabled.attribute("resume").value();
    resume_ = resume == "true" || resume == "1";
    if (std::optional<std::uint32_t> max = parse_sm_counter(enabled.attribute("max").value()))
        max_ = static_cast<Millis>(*max) * 1000;
    location_ = enabled.attribute("location").value();  // a TCP host:port; unused over WebSocket
}

std::string StreamManagement::answer() const { return nonza("a", " h='" + std::to_string(inbound_) + "'"); }

StreamManagement::Ack StreamManagement::on_ack(std::uint32_t h) {
    Ack a;
    std::optional<std::uint32_t> n = sm_newly_acked(acked_, h, transmitted_);
    if (!n) {
        a.ok = false;
        return a;
    }
    for (std::uint32_t i = 0; i < *n; ++i) {
        if (queue_.front().is_message && !queue_.front().id.empty()) a.message_ids.push_back(queue_.front().id);
        queue_.pop_front();
    }
    transmitted_ -= *n;
    acked_ = h;
    if (unrequested_ > transmitted_) unrequested_ = transmitted_;
    return a;
}

bool StreamManagement::track(pugi::xml_node stanza, std::string xml, bool transmitted, const Jid& own, Millis now) {
    Unacked u;
    u.xml = std::move(xml);
    u.id = stanza.attribute("id").value();
    u.is_message = local_name(stanza) == "message";
    if (u.is_message) u.message = written_message(stanza, own);
    queue_.push_back(std::move(u));
    if (transmitted) {
        ++transmitted_;
        ++unrequested_;
        last_sent_ = now;
    }
    return should_request();
}

std::optional<Millis> StreamManagement::request_deadline() const {
    if (!enabled() || lost() || unrequested_ == 0) return std::nullopt;
    return last_sent_ + kRequestAfter;
}

std::string StreamManagement::request() {
    unrequested_ = 0;
    return nonza("r");
}

void StreamManagement::lose(Millis now) {
    if (!lost_at_) lost_at_ = now;
}

std::optional<Millis> StreamManagement::resume_deadline() const {
    if (!lost_at_ || !max_) return std::nullopt;
    return *lost_at_ + *max_;
}

bool StreamManagement::within_window(Millis now) const {
    std::optional<Millis> deadline = resume_deadline();
    return !deadline || now < *deadline;
}

std::string StreamManagement::resume() const {
    return nonza("resume", " previd='" + xml_escape(id_) + "' h='" + std::to_string(inbound_) + "'");
}

std::vector<std::string> StreamManagement::resumed(Millis now) {
    lost_at_.reset();
    std::vector<std::string> again;
    for (const Unacked& u : queue_) again.push_back(u.xml);
    transmitted_ = unrequested_ = queue_.size();
    last_sent_ = now;
    return again;
}

std::vector<Message> StreamManagement::reset() {
    std::vector<Message> unsent;
    for (Unacked& u : queue_)
        if (u.message) unsent.push_back(std::move(*u.message));
    *this = StreamManagement();
    return unsent;
}

void StreamManagement::set_counters_for_test(std::uint32_t handled, std::uint32_t acked) {
    inbound_ = handled;
    if (queue_.empty()) acked_ = acked;
}

}  // namespace xmpp
