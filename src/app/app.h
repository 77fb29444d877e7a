// The app: what the screens show and the intents they emit. No ImGui, no I/O here.
#pragma once
#include "app/account.h"
#include "app/chats.h"
#include "app/platform.h"
#include "app/provider_score.h"
#include "app/providers.h"
#include "app/roster_view.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace app {

struct LogIn { std::string address, password, websocket_url; };  // url empty: AppConfig's, else discovery
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
using Intent = std::variant<LogIn, LogOut, FetchRegistrationForm, AddContact, RemoveContact, AcceptRequest,
                            DeclineRequest, FilterContacts, OpenChat, CloseChat, SendMessage, SetPresence, OpenLink,
                            SubmitRegistration, LoadProviders, ChangePassword, DeleteAccount>;

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
    Notice account;  // about changing the password or deleting the account
    bool account_busy = false;
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
    xmpp::Client* online_client();

    Platform& platform_;
    Account account_;
    Chats chats_;
    AppState state_;
    bool roster_dirty_ = true;
    bool providers_requested_ = false;
    std::string deleted_;  // the address of the account just deleted: its stream's end is no error
};

// Checks a provider domain typed by the person; empty when it looks right.
std::string check_domain(const std::string& domain);
// The http(s) links in a message, in order (nothing else is a link).
std::vector<std::string> find_links(std::string_view text);
// Parses a contact's address typed by the person: `handle@domain`; error says what is wrong.
xmpp::JidResult parse_contact_address(const std::string& text);

}  // namespace app
