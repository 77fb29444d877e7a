// RFC 6120 / RFC 7395: the client session state machine, dispatch and the IQ table.
// [SECTION] Construction and I/O  [SECTION] Handshake  [SECTION] Stanzas and IQs
// [SECTION] Timers and ending
#include "xmpp/client.h"

#include "xmpp/auth.h"
#include "xmpp/carbons.h"
#include "xmpp/chat.h"
#include "xmpp/disco.h"
#include "xmpp/mam.h"
#include "xmpp/muc.h"
#include "xmpp/ping.h"
#include "xmpp/presence.h"
#include "xmpp/receipts.h"
#include "xmpp/register.h"
#include "xmpp/roster.h"
#include "xmpp/stream_errors.h"
#include "xmpp/stream_management.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace xmpp {

const char* to_string(StreamState s) {
    switch (s) {
    case StreamState::Disconnected: return "disconnected";
    case StreamState::Connecting: return "connecting";
    case StreamState::Registering: return "registering";
    case StreamState::Authenticating: return "authenticating";
    case StreamState::Binding: return "binding";
    case StreamState::Ready: return "ready";
    case StreamState::Closing: return "closing";
    }
    return "?";
}

// [SECTION] Construction and I/O

Client::Client(ClientConfig config, Entropy& entropy)
    : config_(std::move(config)), entropy_(entropy), sm_(std::make_unique<StreamManagement>()) {
    jid_ = config_.jid;
    // Order matters: stanzas are offered to modules in this order.
    Session& self = *this;  // modules see only the Session interface
    auto add = [this](auto module) {
        std::get<typename decltype(module)::element_type*>(typed_) = module.get();
        modules_.push_back(std::move(module));
    };
    add(std::make_unique<Disco>(self, [this] { return disco_features(); }));
    add(std::make_unique<Roster>(self));
    auto supports = [this](std::string_view feature) { return server_supports(feature); };
    // Before Muc and Chat: archive results and carbons wrap messages that are not live ones
    // from their wrapper's sender (and spoofed ones must be dropped, not shown).
    add(std::make_unique<Mam>(self, supports));
    add(std::make_unique<Carbons>(self, supports));
    add(std::make_unique<Muc>(self));  // before Presences and Chat: occupants are not contacts
    add(std::make_unique<Presences>(self));
    // Before Chat: answers receipt requests in messages Chat then shows, takes receipt-only ones.
    add(std::make_unique<Receipts>(self, get<Roster>()));
    add(std::make_unique<Chat>(self));
    add(std::make_unique<Ping>(self));
}

Client::~Client() = default;

std::vector<std::string> Client::take_outgoing() { return std::exchange(outgoing_, {}); }
std::vector<Event> Client::take_events() { return std::exchange(events_, {}); }

void Client::send(pugi::xml_node element) {
    std::string_view name = local_name(element);
    bool stanza = name == "message" || name == "presence" || name == "iq";
    if (stanza && !element.attribute("xmlns")) element.prepend_attribute("xmlns") = std::string(kNsClient).c_str();
    if (stanza && sm_->tracking()) {
        // XEP-0198: kept until acked. While the connection is lost it waits for resumption.
        const bool transmit = !sm_->lost();
        std::string xml = to_xml(element);
        if (transmit) outgoing_.push_back(xml);
        if (sm_->track(element, std::move(xml), transmit, jid_, now_)) request_ack();
        return;
    }
    outgoing_.push_back(to_xml(element));
}

void Client::emit(Event event) { events_.push_back(std::move(event)); }

void Client::set_state(StreamState s) {
    if (s == state_) return;
    state_ = s;
    emit(StateChanged{s});
}

std::vector<std::string> Client::disco_features() const {
    std::vector<std::string> f = {"http://jabber.org/protocol/disco#info", "urn:xmpp:ping"};
    for (const auto& m : modules_) m->disco_features(f);
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    return f;
}

// [SECTION] Handshake

void Client::on_open(Millis now) {
    now_ = last_received_ = now;
    authenticated_ = close_transport_ = closing_sent_ = false;
    stream_features_.clear();
    resume_ = Resume::None;
    if (sm_->lost()) {
        // XEP-0198 §5: past the server's 'max' the session is gone: a new one, no <resume/>.
        if (sm_->within_window(now)) resume_ = Resume::Pending;
        else abandon_resumption();
    } else {
        sm_->reset();  // a stream we were not told ended: nothing of it carries over
    }
    if (resume_ == Resume::None) server_features_.clear();  // kept by a resumed session
    // Set Connecting first: finish() ignores a client that is already Disconnected.
    set_state(StreamState::Connecting);
    if (config_.jid.domain.empty()) {
        finish({Failure::Kind::Config, {}, "No server to connect to: the address has no domain.", {}});
        return;
    }
    if (!config_.anonymous && !config_.register_account && config_.jid.local.empty()) {
        finish({Failure::Kind::Config, {}, "The address needs a name before the @.", {}});
        return;
    }
    send_open();
}

void Client::send_open() {
    step_deadline_ = now_ + config_.handshake_timeout;
    outgoing_.push_back("<open xmlns='" + std::string(kNsFraming) + "' to='" + xml_escape(config_.jid.domain) +
                        "' version='1.0'/>");
}

void Client::on_frame(std::string_view text, Millis now) {
    now_ = last_received_ = now;
    if (state_ == StreamState::Disconnected) return;
    FrameResult r = parse_frame(text, config_.limits);
    if (!r.ok()) {
        const char* condition = r.error == FrameError::too_large ? "policy-violation"
                                : r.error == FrameError::invalid_utf8 ? "unsupported-encoding"
                                : r.error == FrameError::doctype || r.error == FrameError::comment ||
                                        r.error == FrameError::processing_instruction || r.error == FrameError::entity
                                    ? "restricted-xml"
                                    : "not-well-formed";
        fail({Failure::Kind::BadFrame, condition, "The server sent something Parla cannot read: " + r.message, {}},
             condition);
        return;
    }
    handle_element(r.frame.root());
}

void Client::handle_element(pugi::xml_node root) {
    std::string_view name = local_name(root), ns = ns_of(root);
    if (ns == kNsFraming && name == "open") {
        if (std::string_view(root.attribute("version").value()) != "1.0")
            fail({Failure::Kind::Protocol, "unsupported-version", stream_error_sentence("unsupported-version"), {}},
                 "unsupported-version");
        return;
    }
    if (ns == kNsFraming && name == "close") {
        Failure f;
        if (const char* host = root.attribute("see-other-uri").value(); *host) {
            f = {Failure::Kind::StreamError, "see-other-host", stream_error_sentence("see-other-host"), host};
        } else if (state_ != StreamState::Closing) {
            f = {Failure::Kind::StreamError, "undefined-condition", "The server closed the connection.", {}};
        }
        if (!closing_sent_) outgoing_.push_back("<close xmlns='" + std::string(kNsFraming) + "'/>");
        closing_sent_ = true;
        finish(f);
        return;
    }
    if (ns == kNsStreams && name == "error") {
        Failure f{Failure::Kind::StreamError, "undefined-condition", {}, {}};
        std::string text;
        for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element || ns_of(c) != kNsStreamErrors) continue;
            if (local_name(c) == "text") text = c.text().get();
            else f.condition = std::string(local_name(c));
            if (local_name(c) == "see-other-host") f.see_other_host = c.text().get();
        }
        f.sentence = stream_error_sentence(f.condition);
        if (!text.empty()) f.sentence += " The server said: \"" + text + "\"";
        if (!closing_sent_) outgoing_.push_back("<close xmlns='" + std::string(kNsFraming) + "'/>");
        closing_sent_ = true;
        finish(f);
        return;
    }
    if (ns == kNsStreams && name == "features") {
        handle_features(root);
        return;
    }
    if (ns == kNsSasl && auth_) {
        Auth::Step step;
        if (name == "challenge") step = auth_->on_challenge(root.text().get());
        else if (name == "success") step = auth_->on_success(root.text().get());
        else if (name == "failure") step = auth_->on_failure(root);
        else return;
        if (step.failure) {
            fail(*step.failure);
            return;
        }
        if (!step.send.empty()) {
            outgoing_.push_back(step.send);
            step_deadline_ = now_ + config_.handshake_timeout;  // each step has its own
        }
        if (step.done) {
            authenticated_ = true;
            scram_keys_ = auth_->scram_keys();
            set_state(StreamState::Binding);
            send_open();  // RFC 7395 §3.5: a new stream after SASL success
        }
        return;
    }
    if (ns == kNsClient && (name == "message" || name == "presence" || name == "iq")) {
        sm_->count_inbound();  // XEP-0198 §4: every stanza, even one dropped as invalid
        handle_stanza(root);
        return;
    }
    if (ns == kNsSm && config_.stream_management) {
        handle_sm(root);
        return;
    }
    // Anything else at top level is ignored (RFC 6120 §8: unknown elements are not stanzas).
}

void Client::handle_features(pugi::xml_node features) {
    stream_features_.clear();
    pugi::xml_node mechanisms;
    for (pugi::xml_node f = features.first_child(); f; f = f.next_sibling()) {
        if (f.type() != pugi::node_element) continue;
        std::string_view n = local_name(f), ns = ns_of(f);
        if (n == "mechanisms" && ns == kNsSasl) {
            mechanisms = f;
            sasl_mechanisms_.clear();
            for (pugi::xml_node m = f.first_child(); m; m = m.next_sibling())
                if (m.type() == pugi::node_element && local_name(m) == "mechanism") sasl_mechanisms_.insert(m.text().get());
        } else if (n == "bind" && ns == kNsBind) stream_features_.insert("bind");
        else if (n == "session" && ns == kNsSession && !f.child("optional")) stream_features_.insert("session");
        else if (n == "ver" && ns == "urn:xmpp:features:rosterver") stream_features_.insert("rosterver");
        else if (n == "sub" && ns == "urn:xmpp:features:pre-approval") stream_features_.insert("pre-approval");
        else if (n == "register" && ns == "http://jabber.org/features/iq-register") stream_features_.insert("register");
        else if (n == "sm" && ns == "urn:xmpp:sm:3") stream_features_.insert("sm");
        else if (n == "starttls") stream_features_.insert("starttls");
    }
    if (!authenticated_ && config_.register_account && !registered_) {
        // XEP-0077 §3: register first (the feature is optional to advertise: ask anyway).
        features_xml_ = to_xml(features);
        set_state(StreamState::Registering);
        fetch_registration_form();
        return;
    }
    if (!authenticated_) {
        authenticate(features);
        return;
    }
    if (resume_ == Resume::Pending) {
        if (stream_features_.count("sm")) {
            // XEP-0198 §5: instead of binding, take the old session back.
            outgoing_.push_back(sm_->resume());
            resume_ = Resume::Sent;
            step_deadline_ = now_ + config_.handshake_timeout;
            return;
        }
        abandon_resumption();  // no longer offered: a new session
    }
    bind_new_session();
}

void Client::bind_new_session() {
    if (!stream_features_.count("bind")) {
        fail({Failure::Kind::Protocol, "unsupported-feature", "The server did not offer to start a session.", {}});
        return;
    }
    get<Roster>().set_versioning_supported(stream_features_.count("rosterver") > 0);
    get<Roster>().set_preapproval_supported(stream_features_.count("pre-approval") > 0);
    bind();
}

void Client::authenticate(pugi::xml_node features) {
    pugi::xml_node mechanisms;
    for (pugi::xml_node f = features.first_child(); f; f = f.next_sibling())
        if (f.type() == pugi::node_element && is(f, "mechanisms", kNsSasl)) mechanisms = f;
    if (!mechanisms) {
        fail({Failure::Kind::Protocol, "unsupported-feature", "The server offers no way to log in.", {}});
        return;
    }
    set_state(StreamState::Authenticating);
    scram_keys_.reset();
    auth_ = std::make_unique<Auth>(config_, entropy_);
    Auth::Step step = auth_->start(mechanisms);
    offered_scram_ = offered_scram_ || auth_->offered_scram();
    if (step.failure) {
        fail(*step.failure);
        return;
    }
    outgoing_.push_back(step.send);
    step_deadline_ = now_ + config_.handshake_timeout;
}

// [SECTION] XEP-0077 in-band registration

bool Client::fetch_registration_form() {
    if (state_ != StreamState::Registering) return false;
    registration_form_.reset();
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "get";
    iq.append_attribute("to") = jid_.domain.c_str();
    iq.append_child("query").append_attribute("xmlns") = std::string(kNsRegister).c_str();
    send_iq(iq, [this](const IqResponse& r) {
        if (state_ != StreamState::Registering) return;
        if (!r.ok()) {
            RegistrationError e = RegistrationError::from(r.error);
            emit(RegistrationFailed{e});
            fail({Failure::Kind::Protocol, e.condition, e.sentence, {}});
            return;
        }
        std::optional<RegistrationForm> form = RegistrationForm::parse(r.stanza);
        if (!form) {
            fail({Failure::Kind::Protocol, "bad-format", "The provider sent a registration form Parla cannot read.", {}});
            return;
        }
        registration_form_ = form;
        // The person now fills in the form, which takes as long as it takes: no step deadline.
        step_deadline_ = std::numeric_limits<Millis>::max();
        emit(RegistrationFormReceived{std::move(*form)});
    }, config_.iq_timeout);
    return true;
}

bool Client::submit_registration(const std::map<std::string, std::string>& legacy, const DataForm* filled) {
    if (state_ != StreamState::Registering || !registration_form_) return false;
    // The new account: "username" and "password" from the legacy fields or the data form.
    auto value = [&](const char* var) -> std::string {
        if (filled) {
            if (const FormField* f = filled->field(var); f && !f->values.empty()) return f->values.front();
            return {};
        }
        auto it = legacy.find(var);
        return it == legacy.end() ? std::string() : it->second;
    };
    std::string username = value("username"), password = value("password");
    JidResult account = Jid::parse(username + "@" + jid_.domain);
    if (username.empty() || !account.ok() || password.empty()) {
        RegistrationError e;
        e.condition = "bad-request";
        e.field = username.empty() || !account.ok() ? "username" : "password";
        e.sentence = username.empty()   ? "Choose a name for your address."
                     : !account.ok()    ? account.message
                                        : "Choose a password.";
        emit(RegistrationFailed{e});
        return false;
    }
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    iq.append_attribute("to") = jid_.domain.c_str();
    if (filled) write_form_submission(iq, *filled);
    else write_legacy_submission(iq, legacy);
    send_iq(iq, [this, jid = account.jid, password](const IqResponse& r) {
        if (state_ != StreamState::Registering) return;
        if (!r.ok()) {
            emit(RegistrationFailed{RegistrationError::from(r.error, registration_form_ ? &*registration_form_ : nullptr)});
            // A CAPTCHA is good for one answer: ask for a fresh form.
            if (registration_form_ && registration_form_->is_captcha()) fetch_registration_form();
            return;
        }
        registered_ = true;
        config_.jid = jid;
        config_.password = password;
        jid_ = jid;
        emit(Registered{jid});
        // XEP-0077 §3.1: the account exists; log in to it on this same stream.
        FrameResult f = parse_frame(features_xml_, config_.limits);
        if (!f.ok()) {
            fail({Failure::Kind::Protocol, "bad-format", "The stream features could not be read again.", {}});
            return;
        }
        authenticate(f.frame.root());
    }, config_.iq_timeout);
    return true;
}

void Client::bind() {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    pugi::xml_node b = iq.append_child("bind");
    b.append_attribute("xmlns") = std::string(kNsBind).c_str();
    if (!config_.jid.resource.empty()) b.append_child("resource").text() = config_.jid.resource.c_str();
    step_deadline_ = now_ + config_.handshake_timeout;
    send_iq(iq, [this](const IqResponse& r) {
        if (r.kind == IqResponse::Kind::Timeout) {
            fail({Failure::Kind::Timeout, "connection-timeout", "The server did not answer in time.", {}});
            return;
        }
        if (!r.ok()) {
            fail({Failure::Kind::Protocol, r.error.condition, "The server did not start a session: " + r.error.sentence(), {}});
            return;
        }
        pugi::xml_node bound;
        for (pugi::xml_node c = r.stanza.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_element && is(c, "bind", kNsBind)) bound = c;
        JidResult j = Jid::parse(child_text(bound, "jid"));
        // RFC 4505: an anonymous session's address is made up by the server; only the domain is ours.
        bool ours = config_.anonymous ? j.jid.domain == config_.jid.domain
                                      : j.jid.bare_jid() == config_.jid.bare_jid();
        if (!j.ok() || j.jid.resource.empty() || !ours) {
            fail({Failure::Kind::Protocol, "bad-format", "The server gave a session address Parla cannot use.", {}});
            return;
        }
        jid_ = j.jid;
        if (stream_features_.count("session")) {  // RFC 3921 legacy session, when not optional
            pugi::xml_document d;
            pugi::xml_node s = d.append_child("iq");
            s.append_attribute("type") = "set";
            s.append_child("session").append_attribute("xmlns") = std::string(kNsSession).c_str();
            send_iq(s, [this](const IqResponse&) {
                if (state_ == StreamState::Binding) session_ready();  // not after a disconnect
            }, config_.iq_timeout);
        } else {
            session_ready();
        }
    }, config_.handshake_timeout);
}

void Client::session_ready() {
    set_state(StreamState::Ready);
    // XEP-0198 §3: after binding; what follows (roster, presence...) is counted.
    if (config_.stream_management && stream_features_.count("sm")) outgoing_.push_back(sm_->enable());
    // RFC 6121 §2.2: ask for the roster before sending initial presence.
    get<Roster>().request();
    if (config_.send_initial_presence) get<Presences>().send_initial();
    for (auto& m : modules_) m->on_session_ready();
    // XEP-0030: learn what the server supports.
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "get";
    iq.append_attribute("to") = jid_.domain.c_str();
    iq.append_child("query").append_attribute("xmlns") = "http://jabber.org/protocol/disco#info";
    send_iq(iq, [this](const IqResponse& r) {
        if (!r.ok()) return;
        for (pugi::xml_node q = r.stanza.first_child(); q; q = q.next_sibling())
            for (pugi::xml_node f = q.first_child(); f; f = f.next_sibling())
                if (local_name(f) == "feature") server_features_.insert(f.attribute("var").value());
        for (auto& m : modules_) m->on_server_features();
    }, config_.iq_timeout);
    emit(SessionReady{jid_});
    if (resume_failed_) emit(ResumeFailed{*std::exchange(resume_failed_, std::nullopt)});
}

// [SECTION] Stanzas and IQs

void Client::handle_stanza(pugi::xml_node root) {
    if (state_ != StreamState::Registering && state_ != StreamState::Binding && state_ != StreamState::Ready) return;
    std::optional<Stanza> s = read_stanza(root);
    if (!s) return;  // invalid from/to: dropped, never half-trusted
    if (s->name == "iq" && (s->type == "result" || s->type == "error")) {
        complete_iq(*s);
        return;
    }
    if (state_ != StreamState::Ready) return;
    for (auto& m : modules_)
        if (m->handle(*s)) return;
    // RFC 6120 §8.4: an unknown IQ get/set gets service-unavailable.
    if (s->name == "iq" && (s->type == "get" || s->type == "set")) reply_error(*s, "cancel", "service-unavailable");
}

void Client::reply_error(const Stanza& s, std::string type, std::string condition) {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "error";
    iq.append_attribute("id") = std::string(s.id).c_str();
    if (s.from) iq.append_attribute("to") = s.from->full().c_str();
    StanzaError{std::move(type), std::move(condition), {}, {}}.write(iq);
    send(iq);
}

void Client::send_iq(pugi::xml_node iq, IqCallback done, Millis timeout) {
    // No stream to carry it: complete now, or it would wait forever (no deadline while
    // Disconnected) and be sent ahead of the next <open/>.
    if (state_ != StreamState::Registering && state_ != StreamState::Binding && state_ != StreamState::Ready) {
        done(IqResponse{IqResponse::Kind::Closed, {}, {"cancel", "remote-server-timeout", {}, {}}});
        return;
    }
    std::string id = new_id();
    if (iq.attribute("id")) iq.attribute("id") = id.c_str();
    else iq.append_attribute("id") = id.c_str();
    std::optional<Jid> to;
    if (const char* t = iq.attribute("to").value(); *t) {
        JidResult r = Jid::parse(t);
        if (!r.ok()) {
            IqResponse resp{IqResponse::Kind::Error, {}, {"modify", "jid-malformed", {}, {}}};
            done(resp);
            return;
        }
        to = r.jid;
    }
    pending_[id] = PendingIq{to, now_ + (timeout > 0 ? timeout : config_.iq_timeout), std::move(done)};
    send(iq);
}

void Client::request(pugi::xml_node iq, IqCallback done, Millis timeout) { send_iq(iq, std::move(done), timeout); }

bool Client::send_stanza(pugi::xml_node stanza) {
    if (state_ != StreamState::Ready && !sm_->lost()) return false;
    send(stanza);
    return true;
}

bool Client::complete_iq(const Stanza& s) {
    auto it = pending_.find(std::string(s.id));
    if (it == pending_.end()) return false;
    // RFC 6120 §8.1.2.1: only the entity we asked may answer (anti-spoofing). Our own
    // account and server answer with our bare JID, our domain or no 'from' at all.
    const std::optional<Jid>& to = it->second.to;
    auto ours = [&](const std::optional<Jid>& from) {
        return !from || *from == jid_.bare_jid() || *from == jid_ ||
               (from->local.empty() && from->resource.empty() && from->domain == jid_.domain);
    };
    bool from_ok = to && *to != jid_.bare_jid() ? (s.from && *s.from == *to) : ours(s.from);
    if (!from_ok) return false;
    IqCallback done = std::move(it->second.done);
    pending_.erase(it);
    IqResponse r;
    r.stanza = s.node;
    if (s.type == "error") {
        r.kind = IqResponse::Kind::Error;
        r.error = StanzaError::parse(s.node).value_or(StanzaError{"cancel", "undefined-condition", {}, {}});
    }
    done(r);
    return true;
}

// [SECTION] Timers and ending

std::optional<Millis> Client::next_deadline() const {
    if (state_ == StreamState::Disconnected) return std::nullopt;
    // While a keepalive ping is out, its IQ deadline rules: the silence deadline has passed.
    Millis d = state_ != StreamState::Ready ? step_deadline_
               : ping_pending_               ? std::numeric_limits<Millis>::max()
                                             : last_received_ + config_.ping_interval;
    for (const auto& [id, p] : pending_) d = std::min(d, p.deadline);
    if (state_ == StreamState::Ready) {
        if (std::optional<Millis> r = sm_->request_deadline()) d = std::min(d, *r);
        if (ack_asked_) d = std::min(d, *ack_asked_ + config_.ping_timeout);
    }
    return d;
}

void Client::expire_iqs() {
    std::vector<std::string> expired;
    for (const auto& [id, p] : pending_)
        if (p.deadline <= now_) expired.push_back(id);
    for (const std::string& id : expired) {
        auto it = pending_.find(id);
        if (it == pending_.end()) continue;  // completed by an earlier callback
        IqCallback done = std::move(it->second.done);
        pending_.erase(it);
        done(IqResponse{IqResponse::Kind::Timeout, {}, {"wait", "remote-server-timeout", {}, {}}});
    }
}

void Client::on_timer(Millis now) {
    now_ = now;
    if (state_ == StreamState::Disconnected) return;
    expire_iqs();
    if (state_ == StreamState::Disconnected) return;
    if (state_ != StreamState::Ready) {
        if (now_ < step_deadline_) return;
        if (state_ == StreamState::Closing) finish({});  // we asked to leave: no answer is fine
        else connection_failed({Failure::Kind::Timeout, "connection-timeout", "The server did not answer in time.", {}}, false);
        return;
    }
    // XEP-0198: ask for an ack a while after the last stanza.
    if (std::optional<Millis> r = sm_->request_deadline(); r && *r <= now_) request_ack();
    // An ack asked for and not given: the server no longer reads what we send (a connection
    // that still delivers to us can be dead the other way). Resume, or start anew.
    if (ack_asked_ && now_ - *ack_asked_ >= config_.ping_timeout) {
        connection_failed({Failure::Kind::Timeout, "connection-timeout", "The server stopped answering.", {}}, false);
        return;
    }
    if (now_ - last_received_ >= config_.ping_interval && !ping_pending_) {
        // XEP-0199 §4.2: keepalive. A ping that times out means the connection is dead.
        pugi::xml_document doc;
        pugi::xml_node iq = doc.append_child("iq");
        iq.append_attribute("type") = "get";
        iq.append_attribute("to") = jid_.domain.c_str();
        iq.append_child("ping").append_attribute("xmlns") = "urn:xmpp:ping";
        ping_pending_ = true;
        send_iq(iq, [this](const IqResponse& r) {
            ping_pending_ = false;
            if (r.kind == IqResponse::Kind::Timeout)
                connection_failed({Failure::Kind::Timeout, "connection-timeout", "The server stopped answering.", {}}, false);
        }, config_.ping_timeout);
    }
}

void Client::logout() {
    if (state_ == StreamState::Disconnected && sm_->lost()) {
        finish({});  // the lost session waited for us: it ends here
        return;
    }
    if (state_ == StreamState::Disconnected || state_ == StreamState::Closing) return;
    if (state_ == StreamState::Ready && sm_->tracking()) {
        pugi::xml_document doc;  // through send(): XEP-0198 counts it
        doc.append_child("presence").append_attribute("type") = "unavailable";
        send(doc.first_child());
    } else if (state_ == StreamState::Ready) {
        outgoing_.push_back("<presence xmlns='jabber:client' type='unavailable'/>");
    }
    outgoing_.push_back("<close xmlns='" + std::string(kNsFraming) + "'/>");
    closing_sent_ = true;
    set_state(StreamState::Closing);
    step_deadline_ = now_ + config_.handshake_timeout;
}

void Client::fail(Failure failure, std::string_view stream_error_condition, std::string_view stream_error_extra) {
    if (state_ == StreamState::Disconnected) return;
    if (!stream_error_condition.empty())
        outgoing_.push_back("<stream:error xmlns:stream='" + std::string(kNsStreams) + "'><" +
                            std::string(stream_error_condition) + " xmlns='" + std::string(kNsStreamErrors) +
                            "'/>" + std::string(stream_error_extra) + "</stream:error>");
    if (!closing_sent_) outgoing_.push_back("<close xmlns='" + std::string(kNsFraming) + "'/>");
    closing_sent_ = true;
    finish(std::move(failure));
}

void Client::finish(Failure failure) {
    if (state_ == StreamState::Disconnected && !sm_->lost()) return;
    ack_asked_.reset();
    set_state(StreamState::Disconnected);
    close_transport_ = true;
    auth_.reset();
    ping_pending_ = false;
    // XEP-0198: the session is over for good. A lost one that was waiting for resumption
    // (or had been given up for a new one not yet bound) is reported as ResumeFailed.
    resume_ = Resume::None;
    std::optional<std::vector<Message>> unsent = std::exchange(resume_failed_, std::nullopt);
    const bool was_lost = sm_->lost();
    std::vector<Message> queued = sm_->reset();
    // Also when the stream broke while connected (a stream error, the server closing it): what
    // the server never confirmed may not have arrived. Not after our own logout.
    if (was_lost || (failure.kind != Failure::Kind::None && !queued.empty())) unsent = std::move(queued);
    close_pending_iqs();
    for (auto& m : modules_) m->on_closed();
    if (unsent) emit(ResumeFailed{std::move(*unsent)});
    emit(Disconnected{std::move(failure)});
}

void Client::close_pending_iqs() {
    auto pending = std::exchange(pending_, {});
    for (auto& [id, p] : pending) p.done(IqResponse{IqResponse::Kind::Closed, {}, {"cancel", "remote-server-timeout", {}, {}}});
}

void Client::on_closed(Millis now) {
    now_ = now;
    if (state_ == StreamState::Disconnected) return;
    if (state_ == StreamState::Closing) finish({});
    else connection_failed({Failure::Kind::Transport, {}, "The connection to the server was lost.", {}}, true);
}

}  // namespace xmpp
