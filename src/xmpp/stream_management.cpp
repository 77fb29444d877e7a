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
    // Restored from a snapshot saved before the last stanzas went out: the server has every
    // one we know of (and more). Only forwards (modulo 2^32): going back is still an error.
    if (!n && restored_ && h - acked_ <= 0x7FFFFFFFu) n = static_cast<std::uint32_t>(transmitted_);
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
    if (restored_) return true;  // the server judges (see restored())
    std::optional<Millis> deadline = resume_deadline();
    return !deadline || now < *deadline;
}

std::string StreamManagement::resume() const {
    return nonza("resume", " previd='" + xml_escape(id_) + "' h='" + std::to_string(inbound_) + "'");
}

std::vector<std::string> StreamManagement::resumed(Millis now) {
    lost_at_.reset();
    restored_ = false;
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

namespace {

// lost-for: 1 to 15 decimal digits (over 30,000 years of milliseconds), nothing else.
std::optional<Millis> parse_millis(std::string_view text) {
    if (text.empty() || text.size() > 15 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    Millis v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace

bool StreamManagement::save(pugi::xml_node sm, Millis now) const {
    if (!resumable()) return false;
    sm.append_attribute("id") = id_.c_str();
    if (!location_.empty()) sm.append_attribute("location") = location_.c_str();
    sm.append_attribute("h") = std::to_string(inbound_).c_str();
    sm.append_attribute("acked") = std::to_string(acked_).c_str();
    if (max_) sm.append_attribute("max") = std::to_string(*max_ / 1000).c_str();
    if (lost_at_) sm.append_attribute("lost-for") = std::to_string(now > *lost_at_ ? now - *lost_at_ : 0).c_str();
    sm.append_attribute("transmitted") = std::to_string(transmitted_).c_str();
    for (const Unacked& u : queue_)
        if (!sm.append_buffer(u.xml.data(), u.xml.size())) return false;
    return true;
}

bool StreamManagement::restore(pugi::xml_node sm, const Jid& own, Millis now) {
    if (mode_ != Mode::Off || lost()) return false;
    StreamManagement r;
    bool have_id = false;
    std::optional<std::uint32_t> h, acked, transmitted, max;
    std::optional<Millis> lost_for;
    for (pugi::xml_attribute a = sm.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name(), value = a.value();
        // Each attribute once, each value strictly what save() writes.
        auto counter = [&](std::optional<std::uint32_t>& out) {
            if (out) return false;
            out = parse_sm_counter(value);
            return out.has_value();
        };
        bool ok = false;
        if (name == "id") {
            ok = !have_id && !value.empty() && value.size() <= 1024;
            have_id = true;
            r.id_ = value;
        } else if (name == "location") {
            ok = r.location_.empty() && !value.empty() && value.size() <= 1024;
            r.location_ = value;
        } else if (name == "h") ok = counter(h);
        else if (name == "acked") ok = counter(acked);
        else if (name == "transmitted") ok = counter(transmitted);
        else if (name == "max") ok = counter(max);
        else if (name == "lost-for") {
            ok = !lost_for && (lost_for = parse_millis(value)).has_value();
        }
        if (!ok) return false;
    }
    if (!have_id || !h || !acked || !transmitted) return false;
    std::size_t count = 0;
    for (pugi::xml_node c = sm.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || ns_of(c) != kNsClient) return false;
        const std::string_view name = local_name(c);
        if (name != "message" && name != "presence" && name != "iq") return false;
        r.track(c, to_xml(c), count < *transmitted, own, now);
        ++count;
    }
    if (*transmitted > count) return false;
    r.mode_ = Mode::Enabled;
    r.resume_ = true;
    r.inbound_ = *h;
    r.acked_ = *acked;
    if (max) r.max_ = static_cast<Millis>(*max) * 1000;
    r.lost_at_ = now - lost_for.value_or(0);
    r.unrequested_ = 0;
    r.restored_ = true;
    *this = std::move(r);
    return true;
}

void StreamManagement::set_counters_for_test(std::uint32_t handled, std::uint32_t acked) {
    inbound_ = handled;
    if (queue_.empty()) acked_ = acked;
}

}  // namespace xmpp
