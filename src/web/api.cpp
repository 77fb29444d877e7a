// The JavaScript API (window.parla): the same app the screens drive, for embedders and tests.
// Strings cross as UTF-8; results are JSON or plain strings valid until the next call.
#include "app/api_json.h"
#include "app/app.h"
#include "app/json.h"
#include "web/platform.h"
#include "xmpp/frame.h"
#include "xmpp/chat.h"
#include "xmpp/muc.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"

#include <emscripten.h>

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace web {
app::App& api_app();  // main.cpp
void api_changed();   // main.cpp: refresh and redraw
}  // namespace web

namespace {
std::string g_result;
std::map<std::string, std::string> g_registration_values;

const char* result(std::string s) {
    g_result = std::move(s);
    return g_result.c_str();
}

xmpp::Client* online_client() {
    app::Account& a = web::api_app().account();
    return a.connection() == app::Connection::Online ? a.client() : nullptr;
}

std::optional<xmpp::Jid> parse_jid(const char* text) {
    xmpp::JidResult r = xmpp::Jid::parse(text ? text : "");
    if (!r.ok()) return std::nullopt;
    return r.jid;
}
}  // namespace

extern "C" {

// Returns "" when the attempt started, else why not (a sentence).
EMSCRIPTEN_KEEPALIVE const char* parla_api_log_in(const char* address, const char* password, const char* url, int remember) {
    app::App& a = web::api_app();
    a.apply(app::LogIn{address, password, url, remember != 0});
    web::api_changed();
    return result(a.state().login.kind == app::Notice::Kind::Error ? a.state().login.text : "");
}

// XEP-0077: connects to `domain` and asks for its registration form (a 'registration-form'
// event follows). Returns "" or why not.
EMSCRIPTEN_KEEPALIVE const char* parla_api_register(const char* domain, const char* url) {
    app::App& a = web::api_app();
    a.apply(app::FetchRegistrationForm{domain ? domain : "", url ? url : ""});
    web::api_changed();
    return result(a.state().registration.kind == app::Notice::Kind::Error ? a.state().registration.text : "");
}

// Collects one value for the registration form (legacy field name or data form var).
EMSCRIPTEN_KEEPALIVE void parla_api_registration_value(const char* name, const char* value) {
    g_registration_values[name ? name : ""] = value ? value : "";
}

// Submits the open registration form with the values collected; errors come as
// 'registration-failed' events.
EMSCRIPTEN_KEEPALIVE void parla_api_submit_registration() {
    web::api_app().apply(app::SubmitRegistration{std::exchange(g_registration_values, {})});
    web::api_changed();
}

EMSCRIPTEN_KEEPALIVE void parla_api_log_out() {
    web::api_app().apply(app::LogOut{});
    web::api_changed();
}

// Sends as the chat's Send button does (kept and sent later while reconnecting). Returns the
// message id, or "" when nothing was sent or kept (offline, blank, not a valid address).
EMSCRIPTEN_KEEPALIVE const char* parla_api_send(const char* to, const char* body) {
    std::optional<xmpp::Jid> jid = parse_jid(to);
    if (!jid) return result("");
    std::string id = web::api_app().send(app::SendMessage{*jid, body ? body : ""});
    web::api_changed();
    return result(id);
}

// Opens (or focuses) the chat with `peer`, as a click on a contact does. 1 when the address is valid.
EMSCRIPTEN_KEEPALIVE int parla_api_open_chat(const char* peer) {
    std::optional<xmpp::Jid> jid = parse_jid(peer);
    if (!jid) return 0;
    web::api_app().apply(app::OpenChat{jid->bare_jid()});
    web::api_changed();
    return 1;
}

// The messages of one conversation as the screen has them:
// [{id, body, outgoing, state, nick, archiveId, time, kind}], oldest first.
EMSCRIPTEN_KEEPALIVE const char* parla_api_chat(const char* peer) {
    std::optional<xmpp::Jid> jid = parse_jid(peer);
    const app::Conversation* c = jid ? web::api_app().chats().find(*jid) : nullptr;
    std::string out = "[";
    static const char* states[] = {"received", "pending", "sent", "acked", "delivered", "read", "failed"};
    if (c)
        for (const app::ChatMessage& m : c->messages) {
            if (out.size() > 1) out += ',';
            out += app::JsonObject().str("id", m.id).str("body", m.body).boolean("outgoing", m.outgoing)
                       .str("state", states[static_cast<int>(m.state)]).str("nick", m.nick)
                       .str("archiveId", m.archive_id).num("time", static_cast<double>(m.time_ms))
                       .str("kind", m.kind == app::ChatMessage::Kind::Notice ? "notice" : "text").done();
        }
    return result(out + "]");
}

// action: "add", "remove", "accept", "decline", "unsubscribe". Returns 1 when sent.
EMSCRIPTEN_KEEPALIVE int parla_api_contact(const char* action, const char* jid_text, const char* name) {
    xmpp::Client* c = online_client();
    std::optional<xmpp::Jid> jid = parse_jid(jid_text);
    if (!c || !jid) return 0;
    xmpp::Roster& roster = c->get<xmpp::Roster>();
    std::string a = action ? action : "";
    bool ok = a == "add" ? roster.add(*jid, name ? name : "")
              : a == "remove" ? roster.remove(*jid)
              : a == "accept" ? roster.accept(*jid)
              : a == "decline" ? roster.decline(*jid)
              : a == "unsubscribe" ? roster.unsubscribe(*jid)
              : false;
    web::api_changed();
    return ok ? 1 : 0;
}

// show: "online", "chat", "away", "xa", "dnd". Returns 1 when sent.
EMSCRIPTEN_KEEPALIVE int parla_api_set_presence(const char* show, const char* status) {
    xmpp::Client* c = online_client();
    if (!c) return 0;
    std::string s = show ? show : "";
    xmpp::Show v = s == "chat" ? xmpp::Show::Chat
                   : s == "away" ? xmpp::Show::Away
                   : s == "xa" ? xmpp::Show::Xa
                   : s == "dnd" ? xmpp::Show::Dnd
                   : xmpp::Show::Online;
    c->get<xmpp::Presences>().set_own(v, status ? status : "");
    web::api_changed();
    return 1;
}

// Sends one stanza given as XML. An <iq type='get|set'/> gets a fresh id (returned) and its
// answer comes as an event {type: 'iq-result'|'iq-error'|'iq-timeout', id, xml}; a message
// or presence returns "sent". Returns "" when offline or the XML is not a stanza.
EMSCRIPTEN_KEEPALIVE const char* parla_api_send_raw(const char* xml) {
    xmpp::Client* c = online_client();
    if (!c || !xml) return result("");
    xmpp::FrameResult f = xmpp::parse_frame(xml);
    if (!f.ok()) return result("");
    pugi::xml_node root = f.frame.root();
    std::string_view name = xmpp::local_name(root), type = root.attribute("type").value();
    if (name == "iq" && (type == "get" || type == "set")) {
        auto id = std::make_shared<std::string>();
        c->request(root, [id](const xmpp::IqResponse& r) {
            const char* kind = r.kind == xmpp::IqResponse::Kind::Result  ? "iq-result"
                               : r.kind == xmpp::IqResponse::Kind::Error ? "iq-error"
                                                                         : "iq-timeout";
            std::string xml_text = r.stanza ? xmpp::to_xml(r.stanza) : "";
            parla_js_event(app::JsonObject().str("type", kind).str("id", *id).str("xml", xml_text)
                               .str("condition", r.error.condition).done().c_str());
        });
        *id = root.attribute("id").value();
        web::api_changed();
        return result(*id);
    }
    if (name != "message" && name != "presence") return result("");
    bool sent = c->send_stanza(root);
    web::api_changed();
    return result(sent ? "sent" : "");
}

EMSCRIPTEN_KEEPALIVE const char* parla_api_state() { return result(app::state_json(web::api_app().account())); }

// XEP-0045. action: "join" (a: nick, b: password), "leave", "send" (a: body), "private"
// (a: nick, b: body), "invite" (a: contact), "browse". Returns "" or why not.
EMSCRIPTEN_KEEPALIVE const char* parla_api_room(const char* action, const char* room, const char* a, const char* b) {
    app::App& app = web::api_app();
    std::string act = action ? action : "", r = room ? room : "", x = a ? a : "", y = b ? b : "";
    if (act == "join") {
        app.apply(app::JoinRoom{r, x, y});
        web::api_changed();
        return result(app.state().groups.kind == app::Notice::Kind::Error ? app.state().groups.text : "");
    }
    std::optional<xmpp::Jid> jid = parse_jid(r.c_str());
    if (!jid && act != "browse") return result("not a room address");
    if (act == "leave") app.apply(app::LeaveRoom{*jid});
    else if (act == "send") app.apply(app::SendMessage{jid->bare_jid(), x});
    else if (act == "private") {
        xmpp::Jid to = jid->bare_jid();
        to.resource = x;
        app.apply(app::SendMessage{to, y});
    } else if (act == "invite") app.apply(app::InviteToRoom{*jid, x});
    else if (act == "browse") app.apply(app::BrowseRooms{});
    else return result("unknown action");
    web::api_changed();
    return result("");
}

// [{jid, nick, state, condition, error, subject, occupants: [{nick, role, affiliation, show}]}]
EMSCRIPTEN_KEEPALIVE const char* parla_api_rooms() {
    app::App& app = web::api_app();
    const xmpp::Client* c = app.account().client();
    std::string out = "[";
    static const char* states[] = {"joining", "joined", "failed", "left"};
    for (const app::RoomStatus& r : app.state().rooms) {
        const xmpp::MucRoom* m = c ? c->get<xmpp::Muc>().room(r.jid) : nullptr;
        std::string occ = "[";
        if (m && m->state != xmpp::RoomState::Left)
            for (const auto& [nick, o] : m->occupants) {
                if (occ.size() > 1) occ += ',';
                occ += app::JsonObject().str("nick", nick).str("role", o.role).str("affiliation", o.affiliation)
                           .str("show", xmpp::to_string(o.show)).done();
            }
        if (out.size() > 1) out += ',';
        out += app::JsonObject()
                   .str("jid", r.jid.bare())
                   .str("nick", r.nick)
                   .str("state", states[static_cast<int>(r.state)])
                   .str("condition", r.condition)
                   .str("error", r.error)
                   .str("subject", m ? m->subject : "")
                   .raw("occupants", occ + "]")
                   .done();
    }
    return result(out + "]");
}

// Our nickname in a room we are in, or "" (cheap: for every room message's "is it ours?").
EMSCRIPTEN_KEEPALIVE const char* parla_api_room_nick(const char* room) {
    std::optional<xmpp::Jid> jid = parse_jid(room);
    if (!jid) return result("");
    for (const app::RoomStatus& r : web::api_app().state().rooms)
        if (r.jid == jid->bare_jid()) return result(r.nick);
    return result("");
}

// {service, busy, notice, rooms: [{jid, name, occupants, password, membersOnly}]}: the last browse.
EMSCRIPTEN_KEEPALIVE const char* parla_api_public_rooms() {
    const app::AppState& s = web::api_app().state();
    std::string list = "[";
    for (const xmpp::Muc::RoomInfo& r : s.public_rooms) {
        if (list.size() > 1) list += ',';
        list += app::JsonObject().str("jid", r.jid.bare()).str("name", r.name).num("occupants", r.occupants)
                    .boolean("password", r.password).boolean("membersOnly", r.members_only).done();
    }
    return result(app::JsonObject().str("service", s.muc_service).boolean("busy", s.browsing).str("notice", s.browse.text).raw("rooms", list + "]").done());
}

// XEP-0077 §3.3 / §3.2 while logged in: action "password" (value, again) or "delete"
// (value: the account's address typed out). The outcome: accountNotice().
EMSCRIPTEN_KEEPALIVE void parla_api_account(const char* action, const char* value, const char* again) {
    app::App& a = web::api_app();
    std::string act = action ? action : "";
    if (act == "password") a.apply(app::ChangePassword{value ? value : "", again ? again : ""});
    else if (act == "delete") a.apply(app::DeleteAccount{value ? value : ""});
    web::api_changed();
}

// {kind: "none"|"info"|"error", text, busy}: about the last password change or deletion;
// after a deletion the log-in notice says it.
EMSCRIPTEN_KEEPALIVE const char* parla_api_account_notice() {
    const app::AppState& s = web::api_app().state();
    const app::Notice& n = s.account.kind != app::Notice::Kind::None ? s.account : s.login;
    const char* kind = n.kind == app::Notice::Kind::Error ? "error" : n.kind == app::Notice::Kind::Info ? "info" : "none";
    return result(app::JsonObject().str("kind", kind).str("text", n.text).boolean("busy", s.account_busy).done());
}

}  // extern "C"
