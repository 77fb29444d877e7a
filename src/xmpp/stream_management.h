// XEP-0198 Stream Management (urn:xmpp:sm:3): stanza acknowledgements and stream resumption,
// sans I/O. The Client owns one for the whole life of the account, across WebSockets: it
// reports what it sends and receives, and sends the nonzas this class writes.
#pragma once
#include "xmpp/events.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsSm = "urn:xmpp:sm:3";

// §4: 'h' is an xs:unsignedInt that goes from 2^32-1 back to 0. How many more stanzas an
// ack of `h` confirms when `acked` was the last value and `unacked` stanzas are outstanding;
// nullopt when it confirms more than were sent (a stream error: handled-count-too-high).
// An 'h' lower than `acked` wraps to a huge count and is refused the same way.
std::optional<std::uint32_t> sm_newly_acked(std::uint32_t acked, std::uint32_t h, std::size_t unacked);
// An 'h' (or 'max') attribute: 1 to 10 decimal digits, at most 2^32-1; nothing else.
std::optional<std::uint32_t> parse_sm_counter(std::string_view text);

class StreamManagement {
public:
    static constexpr std::size_t kRequestEvery = 5;  // <r/> after this many unrequested stanzas
    static constexpr Millis kRequestAfter = 5000;    // or this long after the last one was sent

    // --- §3 Enabling ---
    // <enable resume='true'/>. Starts a new SM session: outbound stanzas are queued from here.
    std::string enable();
    // <enabled/>: acks are on; inbound stanzas count from here (the server counts its own
    // from the moment it sent <enabled/>).
    void on_enabled(pugi::xml_node enabled);
    bool enabling() const { return mode_ == Mode::Enabling; }
    bool enabled() const { return mode_ == Mode::Enabled; }
    bool tracking() const { return mode_ != Mode::Off; }  // outbound stanzas are queued
    // The server keeps the session for us when the connection drops.
    bool resumable() const { return enabled() && resume_ && !id_.empty(); }

    // --- §4 Acks ---
    void count_inbound() {
        if (enabled()) ++inbound_;  // unsigned: wraps at 2^32 as §4 requires
    }
    std::string answer() const;  // <a h='handled'/>
    struct Ack {
        bool ok = true;                        // false: h acks more than was sent
        std::vector<std::string> message_ids;  // ids of the messages it confirmed, in order
    };
    Ack on_ack(std::uint32_t h);
    // Queues a stanza (serialised as sent). `transmitted` is false while no stream carries
    // it (the connection is lost): it goes out at resumption. True when an <r/> is due now.
    bool track(pugi::xml_node stanza, std::string xml, bool transmitted, const Jid& own, Millis now);
    bool should_request() const { return enabled() && !lost() && unrequested_ >= kRequestEvery; }
    std::optional<Millis> request_deadline() const;
    std::string request();  // <r/>
    std::uint32_t handled() const { return inbound_; }
    std::uint32_t sent() const { return acked_ + static_cast<std::uint32_t>(transmitted_); }
    std::size_t unacked() const { return queue_.size(); }

    // --- §5 Resumption ---
    void lose(Millis now);  // the connection dropped (the window counts from the first drop)
    bool lost() const { return lost_at_.has_value(); }
    Millis lost_at() const { return lost_at_.value_or(0); }
    // When the server's 'max' runs out; nullopt when it gave none.
    std::optional<Millis> resume_deadline() const;
    bool within_window(Millis now) const;
    std::string resume() const;  // <resume previd h/>
    // <resumed/> (after on_ack of its 'h'): every stanza still queued, in order, to send again.
    std::vector<std::string> resumed(Millis now);
    // Ends the SM session: everything is forgotten. Returns the unacknowledged messages a
    // person wrote (chat, groupchat or normal, with a body or subject), in order.
    std::vector<Message> reset();

    // --- Across a page reload (Client::save_session / restore_session) ---
    // Fills `sm` (an empty element) with the session: attributes id, location, h (handled),
    // acked, max (the server's, seconds), lost-for (ms since the drop, when lost) and
    // transmitted, then the queued stanzas as child elements, in order. false when not
    // resumable() (or a queued stanza would not parse again).
    bool save(pugi::xml_node sm, Millis now) const;
    // Reads what save() wrote into a StreamManagement that had no session: enabled and lost,
    // as if the drop happened lost-for ms before `now`. false (nothing changed) when anything
    // is missing, unknown or does not add up. `own`: the bound JID (for ResumeFailed).
    bool restore(pugi::xml_node sm, const Jid& own, Millis now);
    // Restored and not yet resumed or given up. The page's clock started over and the time
    // the reload took is unknown, so the window is the server's to judge: within_window()
    // is true, and an 'h' confirming more than the snapshot knew was sent (the app saved it
    // before its last stanzas) is taken as "everything queued arrived", not as an error.
    bool restored() const { return restored_; }

    // Tests: start the counters near 2^32 (only while nothing is queued).
    void set_counters_for_test(std::uint32_t handled, std::uint32_t acked);

private:
    struct Unacked {
        std::string xml;
        std::string id;
        bool is_message = false;
        std::optional<Message> message;  // what ResumeFailed reports
    };
    enum class Mode { Off, Enabling, Enabled };

    Mode mode_ = Mode::Off;
    std::string id_, location_;
    bool resume_ = false;
    std::optional<Millis> max_;  // ms
    std::optional<Millis> lost_at_;
    std::uint32_t inbound_ = 0;  // stanzas handled from the server
    std::uint32_t acked_ = 0;    // last 'h' from the server
    std::deque<Unacked> queue_;  // sent (or to send) and not acknowledged
    std::size_t transmitted_ = 0;  // the first this many of queue_ went out on a stream
    std::size_t unrequested_ = 0;  // transmitted since the last <r/>
    Millis last_sent_ = 0;
    bool restored_ = false;
};

}  // namespace xmpp
