// The app's views: read app state, keep view-only state, emit intents (architecture.md §6).
#pragma once
#include "app/app.h"
#include "app/qr.h"
#include "ui/images.h"
#include "ui/theme.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ui {

// Per chat: text being written, and the laid-out heights of its messages.
struct ChatUi {
    std::string draft;
    std::vector<float> heights;  // one per message, for wrap_width
    std::vector<float> tops;     // where each message starts (sum of the heights before it)
    float wrap_width = 0;
    std::size_t count = 0;       // messages when last drawn
    std::size_t seen = 0;        // messages the person has seen (the list was at the end)
    bool at_bottom = true;       // the list was scrolled to the end last frame
    bool refocus = false;        // give the input the keyboard again (after sending)
    int prepended = 0;           // the conversation's count of older pages laid out
    int asked_older = 0;         // which of them the list's top already asked for
    int relayout = 0;            // the conversation's count of in-between changes laid out
};

// View-only state (what is typed, which tab is open); never in function statics.
struct UiState {
    std::string login_address;
    std::string login_password;
    std::string login_websocket;  // the folded "Advanced" part
    bool login_remember = true;   // "Remember me on this computer"; off: a public computer
    std::string register_domain;
    std::map<std::string, std::string> register_values;  // by legacy name or form var
    std::string register_password_again;
    int register_form_serial = 0;  // the form the values belong to
    bool suggestions_open = false;  // the provider suggestions under the domain input
    bool score_open = false;        // the score's reasons are listed
    bool providers_asked = false;   // LoadProviders was emitted
    std::string new_password, new_password_again, delete_address;  // the Account tab
    bool confirm_delete = false;
    // The Groups tab.
    std::string join_room, join_nick, join_password;
    bool show_browse = false;
    std::string browse_filter;
    std::optional<xmpp::Jid> inviting;  // the room whose invite box is open
    std::string invite_address;
    bool focus_nick = false;  // the room said the nickname is taken: type another
    std::string nick_prompted;  // room/nick the prompt last took the keyboard for
    std::string filter;
    bool adding_contact = false;
    std::string add_address, add_name;
    std::optional<xmpp::Jid> confirm_remove;
    std::string confirm_remove_name;
    int show_index = 0;  // presence selector
    std::string status;
    bool narrow_show_chat = false;  // phone layout: the chat pane instead of the list
    bool show_people = false;       // phone layout: a group's people instead of its messages
    bool show_phone = false;        // the "On your phone" panel with its QR codes
    std::map<std::string, std::optional<app::QrCode>> qr_codes;  // by text (qr_view.cpp)
    std::map<xmpp::Jid, ChatUi> chats;
    Images* images = nullptr;  // set by the platform; none in headless tests
    bool code_loading = false;  // set by the platform: a request waits for the rest of the code
};

// Draws the whole app for one frame into the full display.
void draw_app(const app::App& app, UiState& ui, std::vector<app::Intent>& intents);

// Colours and spacing: ui/theme.h (apply_style, palette).

// Parts (contacts_view.cpp, chat_view.cpp).
void draw_contacts(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);
void draw_chats(const app::App& app, UiState& ui, std::vector<app::Intent>& intents, bool narrow);
void draw_chat_strip(const app::App& app, std::vector<app::Intent>& intents);  // the open chats as tabs
void draw_registration_form(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);
void draw_provider_chooser(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);
void draw_account_settings(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);
void draw_groups(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);
// "Language [Italiano v]": the languages by their own names; picking one switches at once.
void draw_language_choice(std::vector<app::Intent>& intents);
// A room's occupants, moderators first (chat_view.cpp draws it beside the room's messages).
void draw_occupants(const app::AppState& state, const xmpp::Jid& room, std::vector<app::Intent>& intents);
// QR codes (qr_view.cpp): one code, black on white with its quiet zone, at most `side_px`
// wide, in whole device pixels per module; the registry lists it as role "qr", its text the
// code's text.
void draw_qr(const app::QrCode& code, float side_px, const char* registry_label);
// The "On your phone" panel: the page's address as a code; logged in, our xmpp: URI too.
void draw_phone_panel(const app::AppState& state, UiState& ui, const std::string& page_url);
// The button that shows and hides that panel (drawn pressed while it is shown).
void draw_phone_button(UiState& ui);

}  // namespace ui
