// RFC 6120 / RFC 7395: an XMPP client session over WebSocket, sans I/O.
// Fed frames and time, it returns frames to send and events; it owns no socket or clock.
//   client.on_open(now); client.on_frame(text, now); client.on_closed(now); client.on_timer(now);
//   client.take_outgoing() -> frames; client.take_events() -> events; client.next_deadline()
#pragma once
#include "xmpp/events.h"
#include "xmpp/frame.h"
#include "xmpp/scram.h"
#include "xmpp/session.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace xmpp {

class Auth;
class Carbons;
class Chat;
class Disco;
class Mam;
class Muc;
class Ping;
class Presences;
class Receipts;
class Roster;
class StreamManagement;

// Randomness comes from outside: tests pass fixed values, the app a CSPRNG.
class Entropy {
public:
    virtual ~Entropy() = default;
    virtual std::string nonce() = 0;  // SCRAM client nonce: printable, no ',', >= 16 chars
    virtual std::string id() = 0;     // stanza ids
};

struct ClientConfig {
    Jid jid;                   // the account; a resource here is asked for at bind
    std::string password;
    // "Remember me" (decode_scram_keys of what scram_keys() gave before): used when `password`
    // is empty and the server offers this mechanism; never PLAIN. No such mechanism, or a
    // server that changed its salt or count: AuthFailed "credentials-expired".
    std::optional<ScramKeys> scram_keys;
    bool secure_transport = false;  // wss:// or loopback: only then may PLAIN be used
    bool server_offered_scram_before = false;  // remembered: never accept PLAIN from this server
    bool anonymous = false;    // SASL ANONYMOUS
    // XEP-0077: ask the server for its registration form before logging in; the account's
    // name and password come from submit_registration(), then SASL follows on the same stream.
    bool register_account = false;
    bool send_initial_presence = true;
    // XEP-0198: acks (StanzasAcked) and, when the connection drops, ConnectionLost instead of
    // Disconnected: the same client resumes the session at the next on_open(). Off: the
    // client behaves as without it (the app turns it on once it handles those events).
    bool stream_management = false;
    Millis iq_timeout = 30000;
    Millis handshake_timeout = 30000;  // for each step of the handshake
    Millis ping_interval = 60000;      // keepalive after this much silence (XEP-0199)
    Millis ping_timeout = 20000;
    FrameLimits limits{4 * 1024 * 1024, 64};  // a 5,000-contact roster reply is ~0.5 MB
};

class Client : private Session {
public:
    Client(ClientConfig config, Entropy& entropy);
    ~Client() override;
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // --- Fed by the platform ---
    void on_open(Millis now);                      // the WebSocket opened
    void on_frame(std::string_view text, Millis now);  // one WebSocket text message
    // The WebSocket closed. With a resumable XEP-0198 session (not after logout() or a stream
    // error) the client keeps everything and waits: ConnectionLost, resumable() true, and the
    // next on_open() resumes (or, failing that, binds a new session).
    void on_closed(Millis now);
    void on_timer(Millis now);                     // next_deadline() passed

    // --- Drained by the platform ---
    std::vector<std::string> take_outgoing();
    std::vector<Event> take_events();
    std::optional<Millis> next_deadline() const;
    // True once the session is over (or the connection is lost): the platform should close the WebSocket.
    bool wants_transport_closed() const { return close_transport_; }

    // --- Commands ---
    // Unavailable presence, then </close>. While a lost session waits for resumption: ends it
    // (ResumeFailed, Disconnected).
    void logout();
    // Sends an IQ built by the caller (get/set) and completes `done` exactly once.
    void request(pugi::xml_node iq, IqCallback done, Millis timeout = 0);
    // Sends a message or presence built by the caller (embedders' raw API); false when not
    // ready. While a lost session waits for resumption it is queued and sent when resumed.
    bool send_stanza(pugi::xml_node stanza);
    // XEP-0077 §3.1: submits the registration form received in RegistrationFormReceived:
    // legacy fields by name, or the data form with its values filled in. The new account's
    // name and password are taken from "username" and "password". False when no form is open.
    bool submit_registration(const std::map<std::string, std::string>& legacy, const DataForm* filled);
    // Asks for the form again (a new CAPTCHA after a wrong answer, say).
    bool fetch_registration_form();

    StreamState state() const { return state_; }
    const Jid& jid() const { return jid_; }
    const ClientConfig& config() const { return config_; }
    bool server_offered_scram() const { return offered_scram_; }
    bool server_supports(std::string_view feature) const { return server_features_.count(std::string(feature)) > 0; }
    const std::set<std::string>& stream_features() const { return stream_features_; }
    // The SASL mechanisms the server offered before login (what a provider's score reads).
    const std::set<std::string>& sasl_mechanisms() const { return sasl_mechanisms_; }
    // XEP-0198: acks are on for this session.
    bool stream_management_enabled() const;
    // XEP-0198: the connection is lost (or being re-established) with a session the next
    // on_open() will try to resume. resume_deadline(): when the server's 'max' runs out.
    bool resumable() const;
    std::optional<Millis> resume_deadline() const;
    // "Never lose a message" across a page reload. save_session(): a small XML document with
    // what resuming this XEP-0198 session takes (bound JID, SM id and counters, the unacked
    // stanzas, the server's features); "" unless a resumable session exists (Ready or lost,
    // not after logout()). Save it again after every stanza in or out: an older one resumes
    // with a stale count. restore_session(): on a client that never had a session (same
    // account, stream_management on, before on_open), makes it resumable() as after a lost
    // connection, `now` on this client's clock; false (nothing changed) for a snapshot that is
    // malformed, too large, for another account, or with counters that do not add up.
    std::string save_session() const;
    bool restore_session(std::string_view saved, Millis now);
    // The keys of the last successful SCRAM login (a password or stored keys), for "remember
    // me" through encode_scram_keys: ClientKey and ServerKey, salt and count, never the
    // password or SaltedPassword. nullopt before, or after a PLAIN/ANONYMOUS login.
    std::optional<ScramKeys> scram_keys() const { return scram_keys_; }
    // Tests: start the XEP-0198 counters near 2^32 (the acked one only while nothing is queued).
    void set_sm_counters_for_test(std::uint32_t handled, std::uint32_t acked);

    // Modules, found by type at compile time: client.get<Roster>(). A type that is not
    // registered in `typed_` does not compile.
    template <class M>
    M& get() {
        return *std::get<M*>(typed_);
    }
    template <class M>
    const M& get() const {
        return *std::get<M*>(typed_);
    }
    // Features we announce in disco#info (XEP-0030), from every module.
    std::vector<std::string> disco_features() const;

private:
    struct PendingIq {
        std::optional<Jid> to;
        Millis deadline;
        IqCallback done;
    };

    // Session (what modules see)
    void send(pugi::xml_node element) override;
    void send_iq(pugi::xml_node iq, IqCallback done, Millis timeout) override;
    void emit(Event event) override;
    const Jid& own_jid() const override { return jid_; }
    Millis now() const override { return now_; }
    std::string new_id() override { return entropy_.id(); }

    void set_state(StreamState s);
    void send_open();
    void handle_element(pugi::xml_node root);
    void handle_features(pugi::xml_node features);
    void handle_stanza(pugi::xml_node root);
    bool complete_iq(const Stanza& s);
    void bind();
    void bind_new_session();
    void authenticate(pugi::xml_node features);
    void session_ready();
    void fail(Failure failure, std::string_view stream_error_condition = {}, std::string_view stream_error_extra = {});
    void finish(Failure failure);
    // XEP-0198
    void handle_sm(pugi::xml_node element);
    bool apply_ack(pugi::xml_attribute h, bool lenient = false);
    void request_ack();
    bool can_resume() const;
    // The transport is gone (or silent): the session waits for resumption, or it ends.
    void connection_failed(Failure failure, bool transport_gone);
    void lose_connection();
    void abandon_resumption();
    void complete_resumption();
    void close_pending_iqs();
    void expire_iqs();
    void reply_error(const Stanza& s, std::string type, std::string condition);

    ClientConfig config_;
    Entropy& entropy_;
    StreamState state_ = StreamState::Disconnected;
    Jid jid_;
    Millis now_ = 0;
    Millis last_received_ = 0;
    Millis step_deadline_ = 0;  // handshake step deadline while not Ready
    bool authenticated_ = false;
    bool close_transport_ = false;
    bool closing_sent_ = false;
    bool offered_scram_ = false;
    bool ping_pending_ = false;
    std::optional<Millis> ack_asked_;  // XEP-0198: when the oldest unanswered <r/> went
    std::unique_ptr<StreamManagement> sm_;  // XEP-0198, across connections
    enum class Resume { None, Pending, Sent } resume_ = Resume::None;  // on this stream
    std::optional<std::vector<Message>> resume_failed_;  // ResumeFailed to report after SessionReady
    std::unique_ptr<Auth> auth_;
    std::optional<ScramKeys> scram_keys_;  // of the last successful SCRAM login
    std::string features_xml_;  // kept while registering: SASL starts from them afterwards
    std::optional<RegistrationForm> registration_form_;
    bool registered_ = false;
    std::set<std::string> stream_features_;   // "bind", "rosterver", "pre-approval", ...
    std::set<std::string> server_features_;   // from the server's disco#info
    std::set<std::string> sasl_mechanisms_;
    std::map<std::string, PendingIq> pending_;
    std::vector<std::unique_ptr<Module>> modules_;  // in dispatch order
    std::tuple<Disco*, Roster*, Mam*, Carbons*, Muc*, Presences*, Receipts*, Chat*, Ping*> typed_{};
    std::vector<std::string> outgoing_;
    std::vector<Event> events_;
};

}  // namespace xmpp
