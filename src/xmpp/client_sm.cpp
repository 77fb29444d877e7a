// XEP-0198 in the client: the nonzas from the server, losing a connection without losing
// the session, and resuming it (or starting anew) on the next stream. The counting and the
// queue are StreamManagement's (stream_management.cpp).
#include "xmpp/client.h"

#include "xmpp/auth.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"
#include "xmpp/stream_management.h"

#include <utility>

namespace xmpp {

bool Client::stream_management_enabled() const { return sm_->enabled(); }
bool Client::resumable() const { return sm_->lost(); }
std::optional<Millis> Client::resume_deadline() const { return sm_->resume_deadline(); }
void Client::set_sm_counters_for_test(std::uint32_t handled, std::uint32_t acked) {
    sm_->set_counters_for_test(handled, acked);
}

// [SECTION] Across a page reload
//
// <session xmlns='urn:parla:session:1' jid='user@example.com/4db06f06'>
//   <sm id='sm-1' h='12' acked='40' transmitted='2' max='300' lost-for='1500' location='...'>
//     <message xmlns='jabber:client' .../> ...       the unacked stanzas, in order
//   </sm>
//   <feature var='urn:xmpp:mam:2'/> ...               the server's disco#info features
//   <stream-feature var='rosterver'/>                 rosterver, pre-approval (Roster's)
//   <presences own-show='online' ...><r jid show priority>status</r>...</presences>  (Presences')
// </session>
// Nothing else is accepted: an unknown element or attribute rejects the snapshot.

namespace {
constexpr std::string_view kNsSessionSnapshot = "urn:parla:session:1";
}  // namespace

std::string Client::save_session() const {
    if (!config_.stream_management || state_ == StreamState::Closing || !sm_->resumable() || jid_.resource.empty())
        return {};
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child("session");
    root.append_attribute("xmlns") = std::string(kNsSessionSnapshot).c_str();
    root.append_attribute("jid") = jid_.full().c_str();
    if (!sm_->save(root.append_child("sm"), now_)) return {};
    for (const std::string& f : server_features_) root.append_child("feature").append_attribute("var") = f.c_str();
    const Roster& roster = get<Roster>();
    if (roster.versioning_supported()) root.append_child("stream-feature").append_attribute("var") = "rosterver";
    if (roster.preapproval_supported()) root.append_child("stream-feature").append_attribute("var") = "pre-approval";
    get<Presences>().save(root.append_child("presences"));
    std::string xml = to_xml(root);
    if (xml.size() > config_.limits.max_bytes) return {};  // restore_session would refuse it
    return xml;
}

bool Client::restore_session(std::string_view saved, Millis now) {
    // Only a client that never had a session (or whose last one is over), logging in.
    if (!config_.stream_management || config_.register_account || state_ != StreamState::Disconnected ||
        sm_->tracking() || sm_->lost())
        return false;
    FrameResult f = parse_frame(saved, config_.limits);  // size, depth, no DOCTYPE/entities
    if (!f.ok()) return false;
    pugi::xml_node root = f.frame.root();
    if (local_name(root) != "session" || ns_of(root) != kNsSessionSnapshot) return false;
    std::optional<Jid> bound;
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        if (name == "jid" && !bound) {
            JidResult j = Jid::parse(a.value());
            if (!j.ok()) return false;
            bound = j.jid;
        } else if (name != "xmlns") {
            return false;
        }
    }
    // The address bind gave this account (for an anonymous one, only its domain is ours).
    if (!bound || bound->resource.empty() ||
        (config_.anonymous ? bound->domain != config_.jid.domain : bound->bare_jid() != config_.jid.bare_jid()))
        return false;
    pugi::xml_node sm, presences;
    std::set<std::string> features;
    bool rosterver = false, preapproval = false;
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || ns_of(c) != kNsSessionSnapshot) return false;
        const std::string_view name = local_name(c);
        const pugi::xml_attribute var = c.attribute("var");
        const bool only_var = var && !var.next_attribute() && var == c.first_attribute() && !c.first_child() &&
                              *var.value() != '\0';
        if (name == "sm" && !sm) sm = c;
        else if (name == "presences" && !presences) presences = c;
        else if (name == "feature" && only_var) features.insert(var.value());
        else if (name == "stream-feature" && only_var && var.value() == std::string_view("rosterver")) rosterver = true;
        else if (name == "stream-feature" && only_var && var.value() == std::string_view("pre-approval")) preapproval = true;
        else return false;
    }
    if (!sm) return false;
    StreamManagement restored;
    if (!restored.restore(sm, *bound, now)) return false;
    const Jid before = jid_;
    jid_ = *bound;  // whose presence is whose
    if (presences && !get<Presences>().restore(presences)) {
        jid_ = before;
        return false;
    }
    // Nothing has changed so far: from here on it cannot fail.
    *sm_ = std::move(restored);
    now_ = last_received_ = now;
    jid_ = *bound;
    server_features_ = std::move(features);
    get<Roster>().set_versioning_supported(rosterver);
    get<Roster>().set_preapproval_supported(preapproval);
    return true;
}

void Client::handle_sm(pugi::xml_node element) {
    std::string_view name = local_name(element);
    if (name == "r") {
        if (sm_->enabled()) outgoing_.push_back(sm_->answer());  // §4: MUST answer, at once
    } else if (name == "a") {
        if (sm_->enabled()) apply_ack(element.attribute("h"));
    } else if (name == "enabled") {
        if (!sm_->enabling()) return;
        sm_->on_enabled(element);
        if (sm_->should_request()) request_ack();
    } else if (name == "failed") {
        if (resume_ == Resume::Sent) {
            // §5: the old session is gone. Its 'h', when given, still tells what arrived.
            if (element.attribute("h")) apply_ack(element.attribute("h"), true);
            abandon_resumption();
            bind_new_session();  // §5: the server lets us bind on this stream
        } else if (sm_->enabling()) {
            sm_->reset();  // §3: no stream management for this session; nothing else changes
        }
    } else if (name == "resumed") {
        if (resume_ != Resume::Sent) return;
        if (apply_ack(element.attribute("h"))) complete_resumption();
    }
}

// An 'h' from the server: drops what it confirms. False (after a stream error) when it
// confirms more than we sent; `lenient` (a <failed/>): a bad 'h' is ignored instead.
bool Client::apply_ack(pugi::xml_attribute h, bool lenient) {
    std::optional<std::uint32_t> value = parse_sm_counter(h.value());
    StreamManagement::Ack ack;
    if (value) ack = sm_->on_ack(*value);
    if (!value || !ack.ok) {
        if (lenient) return false;
        const std::string extra = value ? "<handled-count-too-high xmlns='" + std::string(kNsSm) + "' h='" +
                                              std::to_string(*value) + "' send-count='" +
                                              std::to_string(sm_->sent()) + "'/>"
                                        : std::string();
        // XEP-0198 §4: acking more than was sent is an undefined-condition stream error. (The
        // sentence is one the catalogs already translate.)
        fail({Failure::Kind::Protocol, "undefined-condition", "The server ended the session because of a protocol error.",
              {}},
             "undefined-condition", extra);
        return false;
    }
    ack_asked_.reset();  // the server reads us
    if (!ack.message_ids.empty()) emit(StanzasAcked{std::move(ack.message_ids)});
    return true;
}

// <r/>: asks the server how much it has; it must answer within ping_timeout (on_timer).
void Client::request_ack() {
    outgoing_.push_back(sm_->request());
    if (!ack_asked_) ack_asked_ = now_;
}

// Never after logout() (Closing): leaving ends the session.
bool Client::can_resume() const {
    return config_.stream_management && state_ != StreamState::Closing && sm_->resumable() &&
           (!sm_->lost() || sm_->within_window(now_));
}

void Client::connection_failed(Failure failure, bool transport_gone) {
    if (can_resume()) lose_connection();
    else if (transport_gone) finish(std::move(failure));
    else fail(std::move(failure));
}

// No <close/>: a closed stream would end the session on the server (§5), and the
// transport is gone or dead anyway.
void Client::lose_connection() {
    sm_->lose(now_);
    ack_asked_.reset();
    resume_ = Resume::None;
    auth_.reset();
    close_transport_ = true;
    set_state(StreamState::Disconnected);
    emit(ConnectionLost{true});
}

// The lost session cannot come back: what it left is settled as at a disconnect, and the
// next bind starts a new one. ResumeFailed follows its SessionReady (or Disconnected).
void Client::abandon_resumption() {
    resume_ = Resume::None;
    resume_failed_ = sm_->reset();
    ping_pending_ = false;
    close_pending_iqs();
    for (auto& m : modules_) m->on_closed();
    server_features_.clear();
}

void Client::complete_resumption() {
    resume_ = Resume::None;
    // IQs kept waiting through the outage get their time back.
    const Millis outage = now_ - sm_->lost_at();
    for (auto& [id, p] : pending_) p.deadline += outage;
    for (std::string& xml : sm_->resumed(now_)) outgoing_.push_back(std::move(xml));
    if (sm_->should_request()) request_ack();
    set_state(StreamState::Ready);
    emit(Resumed{});
}

}  // namespace xmpp
