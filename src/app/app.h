// The app: what the screens show and the intents they emit. No ImGui, no I/O here.
#pragma once
#include "app/account.h"
#include "app/chats.h"
#include "app/i18n.h"
#include "app/platform.h"
#include "app/provider_score.h"
#include "app/providers.h"
#include "app/roster_view.h"
#include "app/saved.h"
#include "xmpp/muc.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace app {

// url empty: AppConfig's, else discovery. remember: keep this account's chats, roster and
// outbox on this computer and log in again after a reload (SCRAM keys, never the password);
// false (a public computer): keep nothing, and forget what an earlier visit kept.
struct LogIn { std::string address, password, websocket_url; bool remember = true; };
struct LogOut {};
struct FetchRegistrationForm { std::string domain, websocket_url; };  // url empty: AppConfig's, else discovery
struct AddContact { std::string address, name; };
struct RemoveContact { xmpp::Jid jid; };
struct AcceptRequest { xmpp::Jid jid; };
struct DeclineRequest { xmpp::Jid jid; };
struct FilterContacts { std::string text; };
struct OpenChat { xmpp::Jid jid; };
struct CloseChat { xmpp::Jid jid; };
struct SendMessage { xmpp::Jid to; std::string body; };
struct SetPresence { xmpp::Show show; std::string status; };
struct OpenLink { std::string url; };
// Values by field name (legacy) or by var (data form); booleans as "1"/"0", lists joined by '\n'.
struct SubmitRegistration { std::map<std::string, std::string> values; };
struct LoadProviders {};  // the Register tab opened: fetch the XMPP Providers list once
// XEP-0077 §3.3 and §3.2, while logged in. Deleting needs the account's address typed out.
struct ChangePassword { std::string password, again; };
struct DeleteAccount { std::string typed_address; };
// XEP-0045. `room`: a bare name (the MUC service is added) or a full room address.
struct JoinRoom { std::string room, nick, password; };
struct LeaveRoom { xmpp::Jid room; };
struct OpenPrivate { xmpp::Jid room; std::string nick; };  // a private chat with an occupant
struct InviteToRoom { xmpp::Jid room; std::string contact; };
struct AnswerInvitation { std::size_t index; bool join; };
struct BrowseRooms {};
struct RetryNow {};  // reconnect at once instead of waiting
struct LoadOlder { xmpp::Jid peer; };
struct RetryMessage { xmpp::Jid peer; std::string id; };  // "Send again" on a message not delivered  // the list was scrolled to its top: older messages from the archive
// The person picked a language (a code from app::languages()): the screens switch at once,
// and the choice is kept for the next visit.
struct SetLanguage { std::string code; };
using Intent = std::variant<LogIn, LogOut, FetchRegistrationForm, AddContact, RemoveContact, AcceptRequest,
                            DeclineRequest, FilterContacts, OpenChat, CloseChat, SendMessage, SetPresence, OpenLink,
                            SubmitRegistration, LoadProviders, ChangePassword, DeleteAccount, JoinRoom, LeaveRoom,
                            OpenPrivate, InviteToRoom, AnswerInvitation, BrowseRooms, RetryNow,
                            LoadOlder, SetLanguage, RetryMessage>;

// A message for the person, shown next to the form it belongs to.
struct Notice {
    enum class Kind { None, Info, Error } kind = Kind::None;
    std::string text;
};

// Set by the page (URL parameters, embedding options).
struct AppConfig {
    std::string websocket_url;  // empty: XEP-0156 discovery
    std::string domain;         // default domain for addresses typed without one
    std::string providers_url{kDefaultProvidersUrl};  // XMPP Providers list; empty: ours only
    std::string muc_service;    // empty: found with disco#items on the server
    std::string page_url;       // the page's address for a phone to open (no credentials)
    bool lock_domain = false;   // only addresses at `domain` (a site's own server)
    bool registration = true;   // the Register tab
    std::vector<std::string> auto_join_rooms;  // joined after logging in (names or addresses)
};

// A room we joined or are joining, as the Groups tab lists it.
struct RoomStatus {
    enum class State { Joining, Joined, Failed, Left };
    xmpp::Jid jid;
    std::string nick, password;
    State state = State::Joining;
    std::string condition;  // why joining failed: conflict (nickname), not-authorized (password), ...
    std::string error;      // the sentence for the person
    std::int64_t last_ms = 0;  // the newest message's time: history after a rejoin starts there
    std::string subject;
};

struct Invitation { xmpp::Jid room, from; std::string reason, password; };

// One occupant as the list shows it (copied when the room's list changed).
struct OccupantRow {
    std::string nick, role, affiliation, status;
    xmpp::Show show = xmpp::Show::Online;
    bool self = false;
};

struct AppState {
    Notice login;
    Notice registration;
    Notice contacts;  // about adding or removing a contact
    Connection connection = Connection::Offline;
    std::string jid;  // our full address while online
    xmpp::Show show = xmpp::Show::Online;
    std::string status;
    RosterView roster;
    std::string filter;
    // Registration (XEP-0077): the provider's form while one is open.
    bool registering = false;
    std::string registration_domain;
    std::optional<xmpp::RegistrationForm> registration_form;
    int registration_form_serial = 0;
    ProviderScore registration_score;  // of the provider whose form is open  // changes with every form received (a new CAPTCHA, say)
    std::string registration_field;  // the field the last error names, if any
    std::vector<Provider> providers = builtin_providers();  // suggestions, sorted by domain
    bool providers_fetched = false;  // the XMPP Providers list arrived and was read
    // While a dropped session comes back: the chats stay, a line says when the next try is.
    bool reconnecting = false;
    bool resuming = false;  // logging in again as the remembered account after a reload
    std::int64_t reconnect_at_ms = 0;  // wall clock of the next try (0: trying now)
    Notice account;  // about changing the password or deleting the account
    bool account_busy = false;
    // Group chats (XEP-0045).
    std::vector<RoomStatus> rooms;
    Notice groups;  // about joining (inline prompts use the failed room's condition)
    bool groups_invited = false;  // `groups` tells of an invitation sent (the room's header shows it too)
    std::string muc_service;  // the service bare names join on, once known
    std::vector<Invitation> invitations;
    std::vector<xmpp::Muc::RoomInfo> public_rooms;
    bool browsing = false;
    Notice browse;
    std::map<xmpp::Jid, std::vector<OccupantRow>> occupants;  // by room, moderators first, then by nick
};

class App {
public:
    explicit App(Platform& platform);
    AppConfig config;
    // Every core event, after the app took it (the JavaScript API listens here).
    std::function<void(const xmpp::Event&)> on_event;

    const AppState& state() const { return state_; }
    const Chats& chats() const { return chats_; }
    Account& account() { return account_; }
    void apply(const Intent& intent);
    void apply_all(std::vector<Intent>& intents);
    // "Remember me": logs in again as the account kept on this computer (after a reload),
    // its chats shown at once, resuming its session when the server still holds it.
    // False when nothing is kept.
    bool restore_saved();
    // The page became visible or hidden: read markers (XEP-0333) go only for what is seen.
    void set_visible(bool visible);
    // Writes what changed to storage now (the page is being hidden or closed).
    void persist_now() { persist(true); }
    // Changes wait for the once-a-second write: call persist_now() in a second or so.
    bool save_pending() const { return save_pending_; }
    // SendMessage, returning the message's id ("" when nothing was sent or kept).
    std::string send(const SendMessage& send);
    // Every HTTP answer from the platform: the provider list's, else the account's.
    void on_http(int request, int status, std::string_view body);
    static constexpr int kProvidersRequest = -1;
    // Re-reads the account after the platform delivered something (cheap: call per event).
    void refresh();
    // Rebuilds what changed for the screens (the contact list); call once before drawing,
    // so a burst of presence costs one rebuild per frame, not one per stanza.
    void prepare_frame();

private:
    void handle(const xmpp::Event& event);
    void submit_registration(const std::map<std::string, std::string>& values);
    void change_password(const ChangePassword& change);
    void delete_account(const DeleteAccount& del);
    void join_room(const JoinRoom& join);
    void room_event(const xmpp::Event& e);
    RoomStatus* find_room(const xmpp::Jid& room);
    void rebuild_occupants(const xmpp::Jid& room);
    void auto_join();
    xmpp::Client* online_client();

    Platform& platform_;
    Account account_;
    Chats chats_;
    AppState state_;
    bool roster_dirty_ = true;
    bool providers_requested_ = false;
    std::set<xmpp::Jid> occupants_dirty_;
    bool auto_joined_ = false;  // this login's auto-join rooms were joined
    // Messages to contacts written while no session could take them, sent when one is back.
    std::vector<OutboxEntry> outbox_;
    // Kept on this computer ("remember me"): what was written last, to write only changes.
    void persist(bool force);
    std::string send_now(const SendMessage& send);
    void retry(const RetryMessage& retry);
    void save_outbox();
    void forget_saved(const xmpp::Jid& account, bool everything);
    void on_client(xmpp::Client& client);
    void send_displayed(const xmpp::Jid& peer);  // the newest message of the open chat was seen
    bool visible_ = true;
    bool remember_ = false;   // this login keeps its data here
    bool restoring_ = false;  // logging in again from kept keys (after a reload)
    bool restored_once_ = false;
    std::set<std::string> waiting_;  // ids queued for a resumption, shown as waiting
    bool flush_due_ = false;  // a new session is up: the outbox goes once its events are taken  // the first client after the reload had what was kept
    std::string restore_session_;  // the kept XEP-0198 session, for the first client
    std::map<xmpp::Jid, std::size_t> saved_chats_;
    std::size_t saved_roster_ = 0;
    std::string saved_session_, saved_list_, saved_rooms_;
    bool save_pending_ = false;
    void rejoin_after_reload(xmpp::Client& client);
    xmpp::Millis next_save_ = 0;
    void flush_outbox(xmpp::Client& client);
    void load_history(const xmpp::Jid& peer, bool older);
    void load_room_history(xmpp::Client& client, Conversation& c);
    void catch_up(const std::string& after, std::int64_t since_ms, int pages);
    static constexpr int kCatchUpPages = 100;  // 10,000 messages; more are marked as a gap
    std::int64_t session_ms_ = 0;  // when this login's latest session began (0: none yet)
    std::string deleted_;  // the address of the account just deleted: its stream's end is no error
};

// Checks a provider domain typed by the person; empty when it looks right.
std::string check_domain(const std::string& domain);
// The http(s) links in a message, in order (nothing else is a link).
std::vector<std::string> find_links(std::string_view text);
// Parses a contact's address typed by the person: `handle@domain`; error says what is wrong.
xmpp::JidResult parse_contact_address(const std::string& text);

}  // namespace app
