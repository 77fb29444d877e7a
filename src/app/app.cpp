// The app: applies intents to state and reads the account's progress for the screens.
#include "app/app.h"

#include "xmpp/receipts.h"

#include "app/i18n.h"

#include <algorithm>

#include "xmpp/chat.h"
#include "xmpp/data_form.h"
#include "xmpp/muc.h"
#include "xmpp/jid.h"
#include "xmpp/register.h"
#include "xmpp/utf8.h"

namespace app {

std::string check_domain(const std::string& domain) {
    if (domain.empty()) return tr("Type the provider's domain, for example example.org.");
    if (domain.find('@') != std::string::npos || domain.find('/') != std::string::npos)
        return tr("Type only the domain (the part after @), for example example.org.");
    xmpp::JidResult r = xmpp::Jid::parse(domain);
    if (!r.ok()) return tr_sentence(r.message);
    return {};
}

xmpp::JidResult parse_contact_address(const std::string& text) {
    xmpp::JidResult r = xmpp::Jid::parse(xmpp::trim_space(text));
    if (!r.ok()) {
        r.message = tr_sentence(r.message);
        return r;
    }
    if (r.jid.local.empty()) {
        r.error = xmpp::JidError::empty_part;
        r.part = xmpp::JidPart::local;
        r.message = fmt(tr("Type the whole address, name@domain (for example giulietta@{0})."), r.jid.domain);
    } else if (!r.jid.resource.empty()) {
        r.jid.resource.clear();  // contacts are bare addresses (RFC 6121 §2.1.1)
    }
    return r;
}

std::vector<std::string> find_links(std::string_view text) {
    std::vector<std::string> links;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t http = text.find("http", i);
        if (http == std::string_view::npos) break;
        std::size_t scheme_end = text.compare(http, 8, "https://") == 0 ? http + 8
                                 : text.compare(http, 7, "http://") == 0 ? http + 7
                                                                         : std::string_view::npos;
        bool word_start = http == 0 || text[http - 1] == ' ' || text[http - 1] == '\n' || text[http - 1] == '(' ||
                          text[http - 1] == '<' || text[http - 1] == '\t';
        if (scheme_end == std::string_view::npos || !word_start) {
            i = http + 4;
            continue;
        }
        std::size_t end = scheme_end;
        while (end < text.size() && static_cast<unsigned char>(text[end]) > ' ' && text[end] != '<' && text[end] != '>' &&
               text[end] != '"')
            ++end;
        // Trailing punctuation belongs to the sentence, not the link.
        while (end > scheme_end && std::string_view(".,;:!?)'").find(text[end - 1]) != std::string_view::npos) --end;
        if (end > scheme_end) links.emplace_back(text.substr(http, end - http));
        i = end;
    }
    return links;
}

App::App(Platform& platform) : platform_(platform), account_(platform) {
    account_.on_event = [this](const xmpp::Event& e) {
        handle(e);
        if (on_event) on_event(e);
    };
    account_.on_client = [this](xmpp::Client& c) { on_client(c); };
}

xmpp::Client* App::online_client() {
    return account_.connection() == Connection::Online ? account_.client() : nullptr;
}

void App::submit_registration(const std::map<std::string, std::string>& values) {
    xmpp::Client* client = account_.client();
    if (!client || !state_.registration_form) return;
    const xmpp::RegistrationForm& offered = *state_.registration_form;
    state_.registration = {Notice::Kind::Info, tr("Registering…")};
    state_.registration_field.clear();
    if (offered.form) {
        xmpp::DataForm filled = *offered.form;
        for (xmpp::FormField& f : filled.fields) {
            auto it = values.find(f.var);
            if (it == values.end()) continue;
            f.values.clear();
            std::size_t start = 0;
            bool multi = f.type == "text-multi" || f.type == "list-multi" || f.type == "jid-multi";
            while (start <= it->second.size()) {
                std::size_t end = multi ? it->second.find('\n', start) : std::string::npos;
                if (end == std::string::npos) end = it->second.size();
                std::string v = it->second.substr(start, end - start);
                if (!v.empty() || !multi) f.values.push_back(v);
                start = end + 1;
            }
        }
        std::vector<std::string> missing = xmpp::missing_required(filled);
        if (!missing.empty()) {
            state_.registration = {Notice::Kind::Error, tr("Please fill in every field marked with *.")};
            state_.registration_field = missing.front();
            return;
        }
        client->submit_registration({}, &filled);
    } else {
        std::vector<std::string> missing = offered.missing_legacy_values(values);
        if (!missing.empty()) {
            state_.registration = {Notice::Kind::Error, tr("Please fill in every field.")};
            state_.registration_field = missing.front();
            return;
        }
        client->submit_registration(values, nullptr);
    }
    account_.flush();
}

void App::on_http(int request, int status, std::string_view body) {
    if (request != kProvidersRequest) {
        account_.on_http(request, status, body);
        return;
    }
    std::vector<Provider> list;  // unreachable or unreadable: ours stay, silently
    if (status == 200 && parse_provider_list(body, list)) {
        state_.providers = merge_providers(builtin_providers(), list);
        state_.providers_fetched = true;
    }
}

// Why the server refused a password change or an account deletion, in plain words.
static std::string account_error(const xmpp::StanzaError& e, bool deleting) {
    const std::string& c = e.condition;
    std::string s = c == "not-acceptable" ? tr("The server refused it")
                    : c == "not-allowed" || c == "forbidden" || c == "not-authorized"
                        ? (deleting ? tr("This server does not let you delete the account from here")
                                    : tr("This server does not let you change the password from here"))
                    : c == "feature-not-implemented" || c == "service-unavailable"
                        ? (deleting ? tr("This server cannot delete the account from an app")
                                    : tr("This server cannot change the password from an app"))
                    : c == "remote-server-timeout" ? tr("The server did not answer")
                                                   : fmt(tr("The server refused ({0})"), c);
    std::string text = xmpp::cap_utf8(e.text, 300);
    // TRANSLATORS: {0} why the server refused, {1} the server's own words.
    return text.empty() ? s + "." : fmt(tr("{0}: \u201c{1}\u201d"), s, text);
}

void App::change_password(const ChangePassword& change) {
    xmpp::Client* client = online_client();
    if (!client || state_.account_busy) return;
    if (change.password.empty()) {
        state_.account = {Notice::Kind::Error, tr("Type the new password.")};
        return;
    }
    if (change.password != change.again) {
        state_.account = {Notice::Kind::Error, tr("The two passwords differ.")};
        return;
    }
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    iq.append_attribute("to") = client->jid().domain.c_str();
    xmpp::write_password_change(iq, client->jid().local, change.password);
    state_.account = {Notice::Kind::Info, tr("Changing the password…")};
    state_.account_busy = true;
    std::string password = change.password;
    client->request(iq, [this, password](const xmpp::IqResponse& r) {
        state_.account_busy = false;
        if (r.ok()) {
            account_.set_password(password);
            state_.account = {Notice::Kind::Info, tr("Your password was changed. Use the new one from now on.")};
        } else {
            state_.account = {Notice::Kind::Error, fmt(tr("The password was not changed. {0}"), account_error(r.error, false))};
        }
    });
}

void App::delete_account(const DeleteAccount& del) {
    xmpp::Client* client = online_client();
    if (!client || state_.account_busy) return;
    if (xmpp::trim_space(del.typed_address) != client->jid().bare()) {
        state_.account = {Notice::Kind::Error, fmt(tr("Type your address, {0}, to delete the account."), client->jid().bare())};
        return;
    }
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    iq.append_attribute("to") = client->jid().domain.c_str();
    xmpp::write_removal(iq);
    state_.account = {Notice::Kind::Info, tr("Deleting the account…")};
    state_.account_busy = true;
    deleted_.clear();
    std::string address = client->jid().bare();
    client->request(iq, [this, address](const xmpp::IqResponse& r) {
        state_.account_busy = false;
        if (r.ok() || r.kind == xmpp::IqResponse::Kind::Closed) {
            // §3.2: the server may close the stream at once instead of answering.
            deleted_ = address;  // refresh() logs out: not from inside the client's dispatch
            state_.account = {};
        } else {
            state_.account = {Notice::Kind::Error, fmt(tr("The account was not deleted. {0}"), account_error(r.error, true))};
        }
    });
}

RoomStatus* App::find_room(const xmpp::Jid& room) {
    for (RoomStatus& r : state_.rooms)
        if (r.jid == room.bare_jid()) return &r;
    return nullptr;
}

void App::join_room(const JoinRoom& join) {
    xmpp::Client* client = online_client();
    if (!client) return;
    state_.groups_invited = false;
    std::string name(xmpp::trim_space(join.room));
    if (name.empty()) {
        state_.groups = {Notice::Kind::Error, tr("Type the name of the group.")};
        return;
    }
    if (name.find('@') == std::string::npos) {
        if (state_.muc_service.empty()) {
            state_.groups = {Notice::Kind::Error, tr("Your server has no group chat service that Parla could find. "
                                                     "Type the group's whole address, like group@conference.example.org.")};
            return;
        }
        name += "@" + state_.muc_service;
    }
    xmpp::JidResult r = xmpp::Jid::parse(name);
    if (!r.ok() || r.jid.local.empty() || !r.jid.resource.empty()) {
        state_.groups = {Notice::Kind::Error, r.ok() ? std::string(tr("A group's address looks like group@conference.example.org."))
                                                     : fmt(tr("That group address is not valid: {0}"), tr_sentence(r.message))};
        return;
    }
    std::string nick = join.nick.empty() ? client->jid().local : join.nick;
    RoomStatus* st = find_room(r.jid);
    if (!st) {
        state_.rooms.push_back({});
        st = &state_.rooms.back();
        st->jid = r.jid;
    }
    st->nick = nick;
    st->password = join.password;
    st->state = RoomStatus::State::Joining;
    st->condition.clear();
    st->error.clear();
    state_.groups = {Notice::Kind::Info, fmt(tr("Joining {0}…"), r.jid.bare())};
    client->get<xmpp::Muc>().join(r.jid, nick, join.password, st->last_ms > 0 ? st->last_ms : 0);
}

std::string App::send(const SendMessage& send) {
    std::string id = send_now(send);
    if (!id.empty()) persist(true);  // what the person wrote is kept at once
    return id;
}

std::string App::send_now(const SendMessage& send) {
    xmpp::Client* client = online_client();
    bool blank = send.body.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) return {};
    if (!client && account_.reconnecting() && send.to.resource.empty() && !find_room(send.to)) {
        xmpp::Client* lost = account_.client();
        if (lost && lost->resumable() && outbox_.empty()) {  // never ahead of what already waits
            // XEP-0198 queues it for the resumption; shown as waiting until then.
            std::string id = lost->get<xmpp::Chat>().send_message(send.to, send.body).id;
            if (waiting_.size() < 1000) waiting_.insert(id);  // marked when its MessageSent is taken
            return id;
        }
        // No session to queue it in: kept here, shown as waiting, sent when a session is back.
        std::int64_t now = platform_.wall_ms();
        if (outbox_.size() < 1000) {
            outbox_.push_back(outbox_entry(send.to, platform_.entropy().id(), send.body, now));
            const xmpp::Message& m = outbox_.back().message;
            chats_.add_pending(send.to, m, now);
            save_outbox();
            return m.id;
        }
        return {};
    }
    if (!client && account_.reconnecting() && find_room(send.to)) {
        xmpp::Client* lost = account_.client();
        if (lost && lost->resumable()) {
            client = lost;  // the group is still ours on the server: XEP-0198 queues it for the resumption
        } else {
            // A new session must join the group again first: say so rather than drop it.
            xmpp::Message m;
            m.id = platform_.entropy().id();
            m.body = send.body;
            Conversation::Kind kind = send.to.resource.empty() ? Conversation::Kind::Room : Conversation::Kind::RoomPrivate;
            chats_.add_outgoing(send.to, kind, m, platform_.wall_ms());
            chats_.mark_failed(send.to, m.id, tr("Not sent: the connection was lost. Send it again once you are back in the group."));
            return m.id;
        }
    }
    if (!client) return {};
    std::int64_t now = platform_.wall_ms();
    if (RoomStatus* room = find_room(send.to)) {
        xmpp::Muc& muc = client->get<xmpp::Muc>();
        xmpp::Message m;
        if (send.to.resource.empty()) {
            if (room->state != RoomStatus::State::Joined) return {};
            m = muc.send(send.to, send.body);
            chats_.add_outgoing(send.to, Conversation::Kind::Room, m, now);
        } else {
            m = muc.send_private(send.to.bare_jid(), send.to.resource, send.body);
            if (!m.id.empty()) chats_.add_outgoing(send.to, Conversation::Kind::RoomPrivate, m, now);
        }
        return m.id;
    }
    return client->get<xmpp::Chat>().send_message(send.to, send.body).id;
}

// "Send again" on a message that was not delivered. To a contact: the same id and origin-id
// (a copy that did arrive is dropped by the receiver), with when it was first written; while
// reconnecting it waits in the outbox. To a group or an occupant: sent as a new message.
void App::retry(const RetryMessage& again) {
    const Conversation* c = chats_.find(again.peer);
    ChatMessage* m = chats_.find_failed(again.peer, again.id);
    if (!c || !m) return;
    xmpp::Client* client = online_client();
    if (c->kind == Conversation::Kind::Contact) {
        OutboxEntry entry = outbox_entry(c->peer, m->id, m->body, m->time_ms);
        if (client) {
            client->get<xmpp::Chat>().resend(entry.message, entry.written_ms);
            chats_.mark_retried(again.peer, again.id, ChatMessage::State::Sent, {});
        } else if (account_.reconnecting() && outbox_.size() < 1000) {
            outbox_.push_back(std::move(entry));
            chats_.mark_retried(again.peer, again.id, ChatMessage::State::Pending, {});
            save_outbox();
        }
        return;
    }
    if (!client) return;
    RoomStatus* room = find_room(c->peer.bare_jid());
    if (!room || room->state != RoomStatus::State::Joined) return;
    xmpp::Muc& muc = client->get<xmpp::Muc>();
    xmpp::Message sent = c->kind == Conversation::Kind::Room ? muc.send(c->peer, m->body)
                                                            : muc.send_private(c->peer.bare_jid(), c->peer.resource, m->body);
    if (!sent.id.empty())
        chats_.mark_retried(again.peer, again.id, ChatMessage::State::Sent, sent.origin_id.empty() ? sent.id : sent.origin_id);
}

// XEP-0313: the newest page of a contact's conversation when it opens, or the page before
// the oldest message shown when the list reaches its top.
void App::load_history(const xmpp::Jid& peer, bool older) {
    xmpp::Client* client = online_client();
    Conversation* c = chats_.find_mut(peer);
    if (!client || !c || c->history_loading) return;
    if (c->kind == Conversation::Kind::Room) {
        if (older) load_room_history(*client, *c);
        return;
    }
    if (c->kind != Conversation::Kind::Contact) return;
    if (older ? (c->history_complete || c->oldest_archive_id.empty()) : c->history_asked) return;
    // (A server without an archive answers with an error: nothing more happens.)
    c->history_asked = c->history_loading = true;
    xmpp::MamFilter f;
    f.with = peer.bare_jid();
    f.max = 50;
    if (older) f.before_id = c->oldest_archive_id;
    else f.last_page = true;
    xmpp::Jid who = peer.bare_jid();
    client->get<xmpp::Mam>().query(std::nullopt, f, [this, who, older](xmpp::MamPage page) {
        chats_.add_history(who, page, older);
        roster_dirty_ = true;
    });
}

// XEP-0313 on a group that keeps an archive: the page before the oldest message shown (or,
// with no archive id yet, the newest page; what is already here is skipped). A group
// without one answers with an error: nothing more is asked.
void App::load_room_history(xmpp::Client& client, Conversation& c) {
    if (c.history_complete) return;
    if (c.oldest_archive_id.empty())
        for (const ChatMessage& m : c.messages)
            if (!m.archive_id.empty()) {
                c.oldest_archive_id = m.archive_id;
                break;
            }
    c.history_asked = c.history_loading = true;
    xmpp::MamFilter f;
    f.max = 50;
    if (!c.oldest_archive_id.empty()) f.before_id = c.oldest_archive_id;
    else f.last_page = true;
    xmpp::Jid room = c.peer.bare_jid();
    client.get<xmpp::Mam>().query(room, f, [this, room](xmpp::MamPage page) {
        chats_.add_room_history(room, page);
        roster_dirty_ = true;
    });
}

// After a new session (not a resumption): what our archive kept meanwhile, page after page to
// the end, after the newest archive id we saw (or, with none, since the lost session began).
void App::catch_up(const std::string& after, std::int64_t since_ms, int pages) {
    xmpp::Client* client = account_.client();
    if (!client) return;
    xmpp::MamFilter f;
    f.max = 100;
    if (!after.empty()) f.after_id = after;
    else f.start = since_ms;
    client->get<xmpp::Mam>().query(std::nullopt, f, [this, after, since_ms, pages](xmpp::MamPage page) {
        if (page.error && page.error->condition == "item-not-found" && !after.empty()) {
            catch_up({}, since_ms, pages + 1);  // the archive forgot that id: by time instead
            return;
        }
        if (page.error) {
            chats_.mark_gap(fmt(tr("Messages sent while you were away may be missing here: the server's archive did not answer ({0})."),
                                tr_sentence(page.error->sentence())), platform_.wall_ms());
            roster_dirty_ = true;
            return;
        }
        chats_.add_caught_up(page);
        roster_dirty_ = true;
        if (page.complete || page.last.empty() || page.messages.empty()) return;
        if (pages + 1 >= kCatchUpPages) {
            chats_.mark_gap(tr("Not every message from while you were away could be loaded here."), platform_.wall_ms());
            return;
        }
        catch_up(page.last, since_ms, pages + 1);
    });
}

void App::flush_outbox(xmpp::Client& client) {
    if (outbox_.empty()) return;
    for (const OutboxEntry& q : outbox_) {
        client.get<xmpp::Chat>().resend(q.message, q.written_ms);
        chats_.mark_sent(q.message.to, q.message.id);
    }
    outbox_.clear();
    save_outbox();
}

void App::room_event(const xmpp::Event& e) {
    if (auto* j = std::get_if<xmpp::RoomJoined>(&e)) {
        RoomStatus* st = find_room(j->room);
        if (!st) return;
        st->state = RoomStatus::State::Joined;
        st->nick = j->nick;
        st->condition.clear();
        st->error.clear();
        state_.groups = {};
        state_.groups_invited = false;
        bool was_open = std::find(chats_.open_chats().begin(), chats_.open_chats().end(), j->room) != chats_.open_chats().end();
        if (!was_open) chats_.open_room(j->room);
        occupants_dirty_.insert(j->room);
    } else if (auto* f = std::get_if<xmpp::RoomJoinFailed>(&e)) {
        RoomStatus* st = find_room(f->room);
        if (!st) return;
        st->state = RoomStatus::State::Failed;
        st->condition = f->condition;
        st->error = tr_sentence(f->sentence);
        state_.groups = {Notice::Kind::Error, st->error};
        state_.groups_invited = false;
    } else if (auto* o = std::get_if<xmpp::OccupantChanged>(&e)) {
        occupants_dirty_.insert(o->room);
        if (RoomStatus* st = find_room(o->room); st && o->kind == xmpp::OccupantChanged::NickChanged && o->nick == st->nick)
            st->nick = o->new_nick;
    } else if (auto* l = std::get_if<xmpp::RoomLeft>(&e)) {
        occupants_dirty_.insert(l->room);
        if (RoomStatus* st = find_room(l->room)) {
            st->state = RoomStatus::State::Left;
            if (l->reason != xmpp::RoomLeft::SelfLeft) st->error = tr("You are no longer in this room.");
        }
    } else if (auto* m = std::get_if<xmpp::RoomMessage>(&e)) {
        if (RoomStatus* st = find_room(m->room)) st->last_ms = std::max(st->last_ms, m->stamp > 0 ? m->stamp : platform_.wall_ms());
    } else if (auto* subj = std::get_if<xmpp::RoomSubject>(&e)) {
        if (RoomStatus* st = find_room(subj->room)) st->subject = subj->subject;
    } else if (auto* inv = std::get_if<xmpp::RoomInvitation>(&e)) {
        for (const Invitation& i : state_.invitations)
            if (i.room == inv->room) return;
        if (find_room(inv->room) && find_room(inv->room)->state == RoomStatus::State::Joined) return;
        if (state_.invitations.size() < 50) state_.invitations.push_back({inv->room, inv->from, inv->reason, inv->password});
    } else if (auto* failed = std::get_if<xmpp::ResumeFailed>(&e)) {
        // XEP-0198 could not resume: what the server never got goes again, same origin-id, with
        // the time it was written (the new session is up: SessionReady came first).
        // Before Disconnected (a stream error, logging in again failed): nothing can take them
        // now; they wait in the outbox for the next session.
        xmpp::Client* client = account_.client();
        bool ready = client && client->state() == xmpp::StreamState::Ready;
        for (const xmpp::Message& lost : failed->unsent) {
            if (lost.type == "groupchat") continue;
            if (ready) {
                client->get<xmpp::Chat>().resend(lost, platform_.wall_ms());
            } else if (outbox_.size() < 1000 && !lost.id.empty()) {
                outbox_.push_back({lost, platform_.wall_ms()});
                chats_.mark_waiting(lost.to, lost.id);
            }
        }
        if (ready) {
            flush_outbox(*client);  // what was written after those, in the order written
            flush_due_ = false;
            chats_.mark_waiting_sent();
            waiting_.clear();
        } else {
            save_outbox();
        }
    } else if (std::holds_alternative<xmpp::SessionReady>(e) || std::holds_alternative<xmpp::Resumed>(e)) {
        xmpp::Client* client = account_.client();
        if (!client) return;
        if (remember_) {  // log in again after a reload with these keys (never the password)
            std::optional<xmpp::ScramKeys> keys = client->scram_keys();
            std::string encoded = keys ? xmpp::encode_scram_keys(*keys) : std::string();
            if (!encoded.empty()) platform_.store("remember", save_remembered({account_.address().bare_jid(), account_.websocket_url(), encoded}));
        }
        if (std::holds_alternative<xmpp::Resumed>(e)) {
            flush_outbox(*client);
            chats_.mark_waiting_sent();  // the resumption sent what its queue held
            waiting_.clear();
            return;
        }
        // The outbox goes after what the lost session never confirmed (ResumeFailed, which
        // follows in the same batch of events): in the order the person wrote them.
        flush_due_ = true;
        if (session_ms_ > 0) {  // a new session after a lost one: what came meanwhile
            chats_.begin_catch_up();
            catch_up(chats_.newest_archive_id(), session_ms_, 0);
        }
        session_ms_ = platform_.wall_ms();
        xmpp::Muc& muc = client->get<xmpp::Muc>();
        // After a reconnect: back into every room we were in, with only the history we missed.
        for (RoomStatus& r : state_.rooms)
            if (r.state == RoomStatus::State::Joined || r.state == RoomStatus::State::Joining) {
                r.state = RoomStatus::State::Joining;
                muc.join(r.jid, r.nick, r.password, r.last_ms > 0 ? r.last_ms : 0);
            }
        if (!config.muc_service.empty()) {
            state_.muc_service = config.muc_service;
            auto_join();
        } else {
            muc.discover_service([this](std::optional<xmpp::Jid> service) {
                state_.muc_service = service ? service->bare() : "";
                auto_join();
            });
        }
    }
}

void App::set_visible(bool visible) {
    visible_ = visible;
    if (visible && chats_.active()) send_displayed(*chats_.active());
}

// XEP-0333: tells a contact we saw their newest message, when it asked (markable) and the
// chat is open in a visible page.
void App::send_displayed(const xmpp::Jid& peer) {
    xmpp::Client* client = online_client();
    Conversation* c = chats_.find_mut(peer);
    if (!visible_ || !client || !c || c->kind != Conversation::Kind::Contact) return;
    auto newest = std::find_if(c->messages.rbegin(), c->messages.rend(),
                               [](const ChatMessage& m) { return !m.outgoing && m.kind == ChatMessage::Kind::Text; });
    if (newest == c->messages.rend() || newest->marker_id.empty() || newest->marker_id == c->displayed_sent) return;
    if (client->get<xmpp::Receipts>().send_displayed(c->peer, newest->marker_id)) c->displayed_sent = newest->marker_id;
}

// The embedding page's rooms, once per login, when the service for bare names is known.
void App::auto_join() {
    if (auto_joined_ || config.auto_join_rooms.empty()) return;
    auto_joined_ = true;
    for (const std::string& room : config.auto_join_rooms)
        if (!room.empty()) join_room({room, {}, {}});  // sent when the account next pumps
}

void App::rebuild_occupants(const xmpp::Jid& room) {
    std::vector<OccupantRow>& rows = state_.occupants[room];
    rows.clear();
    const xmpp::Client* client = account_.client();
    const xmpp::MucRoom* r = client ? client->get<xmpp::Muc>().room(room) : nullptr;
    if (!r || r->state == xmpp::RoomState::Left) return;
    rows.reserve(r->occupants.size());
    for (const auto& [nick, o] : r->occupants)
        rows.push_back({nick, o.role, o.affiliation, o.status, o.show, nick == r->nick});
    auto rank = [](const std::string& role) { return role == "moderator" ? 0 : role == "participant" ? 1 : role == "visitor" ? 2 : 3; };
    auto lower = [](std::string s) {
        for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        return s;
    };
    std::sort(rows.begin(), rows.end(), [&](const OccupantRow& a, const OccupantRow& b) {
        int ra = rank(a.role), rb = rank(b.role);
        if (ra != rb) return ra < rb;
        return lower(a.nick) < lower(b.nick);
    });
}

void App::handle(const xmpp::Event& e) {
    room_event(e);
    if (auto* form = std::get_if<xmpp::RegistrationFormReceived>(&e)) {
        state_.registration_form = form->form;
        ++state_.registration_form_serial;
        if (const xmpp::Client* c = account_.client())
            state_.registration_score = score_provider(account_.websocket_url(), c->sasl_mechanisms(), form->form,
                                                       find_provider(state_.providers, state_.registration_domain));
        if (!form->form.in_band())
            state_.registration = {Notice::Kind::Error, tr("This provider registers new accounts on its web site only.")};
        else if (state_.registration.kind != Notice::Kind::Error)  // a fresh CAPTCHA keeps the reason it came
            state_.registration = {};
    } else if (auto* failed = std::get_if<xmpp::RegistrationFailed>(&e)) {
        state_.registration = {Notice::Kind::Error, tr_sentence(failed->error.sentence)};
        state_.registration_field = failed->error.field;
    } else if (std::holds_alternative<xmpp::Registered>(e)) {
        state_.registration = {Notice::Kind::Info, tr("Your account is ready. Logging in…")};
    }
    if (auto* d = std::get_if<xmpp::Disconnected>(&e); d && restoring_ && d->failure.kind == xmpp::Failure::Kind::AuthFailed)
        forget_saved(account_.address(), false);  // the kept keys no longer work: the password is asked
    if (chats_.apply(e, platform_.wall_ms())) roster_dirty_ = true;  // unread counts
    if (auto* sent = std::get_if<xmpp::MessageSent>(&e); sent && waiting_.erase(sent->message.id))
        chats_.mark_waiting(sent->message.to, sent->message.id);
    if (auto* r = std::get_if<xmpp::MessageReceived>(&e); r && chats_.active() && *chats_.active() == r->message.from.bare_jid())
        send_displayed(r->message.from.bare_jid());
    if (std::holds_alternative<xmpp::RosterChanged>(e) || std::holds_alternative<xmpp::PresenceChanged>(e) ||
        std::holds_alternative<xmpp::SubscriptionRequest>(e) || std::holds_alternative<xmpp::SessionReady>(e))
        roster_dirty_ = true;
}

void App::apply(const Intent& intent) {
    xmpp::Client* client = online_client();
    if (auto* login = std::get_if<LogIn>(&intent)) {
        std::string address = login->address;
        if (address.find('@') == std::string::npos && !config.domain.empty() && !address.empty())
            address += "@" + config.domain;
        if (config.lock_domain && xmpp::Jid::parse(address).ok() && xmpp::Jid::parse(address).jid.domain != config.domain) {
            state_.login = {Notice::Kind::Error, fmt(tr("This site accepts only addresses at {0}."), config.domain)};
            return;
        }
        auto_joined_ = false;
        session_ms_ = 0;
        const std::string& url = login->websocket_url.empty() ? config.websocket_url : login->websocket_url;
        if (account_.address().bare() != xmpp::Jid::parse(address).jid.bare()) {
            chats_.clear();
            state_.rooms.clear();
            state_.invitations.clear();
            state_.occupants.clear();
        }
        deleted_.clear();
        // Before the client exists (it reads the kept roster): kept keys are written again once
        // logged in; a public computer keeps nothing, not even what an earlier visit kept.
        restoring_ = false;
        remember_ = login->remember;
        saved_chats_.clear();
        saved_roster_ = 0;
        saved_session_.clear();
        saved_list_.clear();
        saved_rooms_.clear();
        if (xmpp::JidResult typed = xmpp::Jid::parse(address); typed.ok()) forget_saved(typed.jid, !remember_);
        std::string error = account_.log_in(address, login->password, url);
        state_.login = error.empty() ? Notice{} : Notice{Notice::Kind::Error, error};
    } else if (std::holds_alternative<LogOut>(intent)) {
        persist(true);
        forget_saved(account_.address(), !remember_);
        remember_ = restoring_ = false;
        account_.log_out();
        outbox_.clear();
        session_ms_ = 0;
        state_.account = {};
        state_.rooms.clear();
        state_.invitations.clear();
        state_.occupants.clear();
        state_.public_rooms.clear();
        state_.groups = state_.browse = {};
        state_.groups_invited = false;
        chats_.clear();
        state_.contacts = {};
    } else if (auto* fetch = std::get_if<FetchRegistrationForm>(&intent)) {
        std::string error = check_domain(fetch->domain);
        if (!config.registration) error = tr("This site does not offer registration.");
        else if (config.lock_domain && fetch->domain != config.domain)
            error = fmt(tr("This site accepts only addresses at {0}."), config.domain);
        const std::string& url = fetch->websocket_url.empty() ? config.websocket_url : fetch->websocket_url;
        if (error.empty()) error = account_.register_account(fetch->domain, url);
        state_.registration = error.empty() ? Notice{} : Notice{Notice::Kind::Error, error};
        state_.registration_form.reset();
        state_.registration_field.clear();
        state_.registering = error.empty();
        state_.registration_domain = fetch->domain;
        deleted_.clear();
        if (error.empty()) chats_.clear();
    } else if (auto* submit = std::get_if<SubmitRegistration>(&intent)) {
        submit_registration(submit->values);
    } else if (auto* add = std::get_if<AddContact>(&intent)) {
        xmpp::JidResult r = parse_contact_address(add->address);
        if (!r.ok()) {
            state_.contacts = {Notice::Kind::Error, r.message};
        } else if (client && r.jid == client->jid().bare_jid()) {
            state_.contacts = {Notice::Kind::Error, tr("That is your own address.")};
        } else if (client) {
            client->get<xmpp::Roster>().add(r.jid, add->name);
            state_.contacts = {Notice::Kind::Info, fmt(tr("Asked {0} to share their presence with you."), r.jid.bare())};
        }
    } else if (auto* remove = std::get_if<RemoveContact>(&intent)) {
        if (client) client->get<xmpp::Roster>().remove(remove->jid);
        chats_.close(remove->jid);
        state_.contacts = {};
    } else if (auto* accept = std::get_if<AcceptRequest>(&intent)) {
        if (client) client->get<xmpp::Roster>().accept(accept->jid);
    } else if (auto* decline = std::get_if<DeclineRequest>(&intent)) {
        if (client) client->get<xmpp::Roster>().decline(decline->jid);
    } else if (auto* filter = std::get_if<FilterContacts>(&intent)) {
        if (filter->text != state_.filter) roster_dirty_ = true;
        state_.filter = filter->text;
    } else if (auto* open = std::get_if<OpenChat>(&intent)) {
        chats_.open(open->jid);
        load_history(open->jid, false);
        send_displayed(open->jid);
        roster_dirty_ = true;
    } else if (auto* close = std::get_if<CloseChat>(&intent)) {
        chats_.close(close->jid);
    } else if (auto* send_intent = std::get_if<SendMessage>(&intent)) {
        send(*send_intent);
    } else if (auto* join = std::get_if<JoinRoom>(&intent)) {
        join_room(*join);
    } else if (auto* leave = std::get_if<LeaveRoom>(&intent)) {
        if (client) client->get<xmpp::Muc>().leave(leave->room);
        std::erase_if(state_.rooms, [&](const RoomStatus& r) { return r.jid == leave->room.bare_jid(); });
        state_.occupants.erase(leave->room.bare_jid());
        chats_.close(leave->room.bare_jid());
    } else if (auto* priv = std::get_if<OpenPrivate>(&intent)) {
        xmpp::Jid occupant = priv->room.bare_jid();
        occupant.resource = priv->nick;
        chats_.open_private(occupant);
    } else if (auto* invite = std::get_if<InviteToRoom>(&intent)) {
        xmpp::JidResult r = parse_contact_address(invite->contact);
        if (!r.ok()) {
            state_.groups = {Notice::Kind::Error, r.message};
            state_.groups_invited = false;
        } else if (client) {
            client->get<xmpp::Muc>().invite(invite->room, r.jid);
            state_.groups = {Notice::Kind::Info, fmt(tr("Invited {0} to {1}."), r.jid.bare(), invite->room.bare())};
            state_.groups_invited = true;
        }
    } else if (auto* answer = std::get_if<AnswerInvitation>(&intent)) {
        if (answer->index < state_.invitations.size()) {
            Invitation inv = state_.invitations[answer->index];
            state_.invitations.erase(state_.invitations.begin() + static_cast<std::ptrdiff_t>(answer->index));
            if (answer->join) join_room({inv.room.bare(), {}, inv.password});
            else if (client && inv.from.bare_jid() != inv.room.bare_jid()) client->get<xmpp::Muc>().decline(inv.room, inv.from);
        }
    } else if (auto* again = std::get_if<RetryMessage>(&intent)) {
        retry(*again);
        persist(true);
    } else if (auto* older = std::get_if<LoadOlder>(&intent)) {
        load_history(older->peer, true);
    } else if (std::holds_alternative<RetryNow>(intent)) {
        account_.retry_now();
    } else if (std::holds_alternative<BrowseRooms>(intent)) {
        if (!client) {
        } else if (state_.muc_service.empty()) {
            state_.browse = {Notice::Kind::Error, tr("Your server has no group chat service that Parla could find.")};
        } else if (!state_.browsing) {
            state_.browsing = true;
            state_.browse = {Notice::Kind::Info, fmt(tr("Asking {0} for its public groups…"), state_.muc_service)};
            client->get<xmpp::Muc>().browse(xmpp::Jid::parse(state_.muc_service).jid,
                                            [this](std::vector<xmpp::Muc::RoomInfo> rooms, std::optional<xmpp::StanzaError> error) {
                state_.browsing = false;
                state_.public_rooms = std::move(rooms);
                if (error) state_.browse = {Notice::Kind::Error, fmt(tr("The group service did not list its groups: {0}"),
                                                                     tr_sentence(error->sentence()))};
                else if (state_.public_rooms.empty()) state_.browse = {Notice::Kind::Info, tr("There are no public groups here yet.")};
                else state_.browse = {};
            });
        }
    } else if (auto* link = std::get_if<OpenLink>(&intent)) {
        std::vector<std::string> checked = find_links(link->url);
        if (checked.size() == 1 && checked[0] == link->url) platform_.open_url(link->url);
    } else if (std::holds_alternative<LoadProviders>(intent)) {
        if (!providers_requested_ && !config.providers_url.empty()) {
            providers_requested_ = true;
            platform_.http_get(config.providers_url, kProvidersRequest, 4000);  // short: ours are shown meanwhile
        }
    } else if (auto* change = std::get_if<ChangePassword>(&intent)) {
        change_password(*change);
    } else if (auto* del = std::get_if<DeleteAccount>(&intent)) {
        delete_account(*del);
    } else if (auto* lang = std::get_if<SetLanguage>(&intent)) {
        set_language(lang->code);
        platform_.store("language", language());
    } else if (auto* presence = std::get_if<SetPresence>(&intent)) {
        state_.show = presence->show;
        state_.status = presence->status;
        if (client) client->get<xmpp::Presences>().set_own(presence->show, presence->status);
    }
    account_.flush();  // send what the commands queued; their events come back through handle()
    refresh();
}

void App::apply_all(std::vector<Intent>& intents) {
    for (const Intent& i : intents) apply(i);
    intents.clear();
}

void App::refresh() {
    if (flush_due_) {  // a new session's events are all taken: the outbox goes now
        flush_due_ = false;
        if (xmpp::Client* client = online_client()) {
            flush_outbox(*client);
            account_.flush();
        }
    }
    if (!deleted_.empty() && account_.connection() != Connection::Offline && account_.connection() != Connection::LoggingOut) {
        account_.log_out();
        chats_.clear();
    }
    Connection was = state_.connection;
    state_.connection = account_.connection();
    xmpp::Client* client = online_client();
    if (restoring_ && (state_.connection == Connection::Online || state_.connection == Connection::Offline)) {
        restoring_ = false;
        if (state_.connection == Connection::Offline) {  // the log-in form says why
            remember_ = false;
            chats_.clear();
            outbox_.clear();
        }
    }
    state_.resuming = restoring_;
    state_.reconnecting = account_.reconnecting() || restoring_;
    if (state_.reconnecting) {
        // The session is coming back: the screens keep the chats and say so in one line.
        state_.connection = Connection::Reconnecting;
        xmpp::Millis in = account_.reconnect_in();
        state_.reconnect_at_ms = in > 0 ? platform_.wall_ms() + in : 0;
        state_.login = {};
        return;
    }
    state_.jid = client ? client->jid().full() : "";
    const std::string& domain = account_.address().domain;
    switch (state_.connection) {
    case Connection::Discovering: state_.login = {Notice::Kind::Info, fmt(tr("Looking up the server of {0}…"), domain)}; break;
    case Connection::Connecting: state_.login = {Notice::Kind::Info, fmt(tr("Connecting to {0}…"), account_.websocket_url())}; break;
    case Connection::LoggingIn: state_.login = {Notice::Kind::Info, tr("Logging in…")}; break;
    case Connection::LoggingOut: state_.login = {Notice::Kind::Info, tr("Logging out…")}; break;
    case Connection::Reconnecting: break;
    case Connection::Online:
        state_.login = {};
        if (state_.registering) {
            state_.registering = false;
            state_.registration_form.reset();
            state_.registration = {};
        }
        break;
    case Connection::Offline:
        if (!deleted_.empty()) {  // the stream's end after a deletion is no error
            state_.login = {Notice::Kind::Info, fmt(tr("The account {0} was deleted."), deleted_)};
            break;
        }
        if (!account_.error().empty()) state_.login = {Notice::Kind::Error, account_.error()};
        else if (was != Connection::Offline) state_.login = {};
        break;
    }
    if (state_.registering) {
        // While registering, progress and errors belong next to the registration form.
        if (state_.connection == Connection::Offline) {
            state_.registering = false;
            state_.registration_form.reset();
            if (state_.login.kind == Notice::Kind::Error) state_.registration = state_.login;
        } else if (state_.connection != Connection::LoggingIn && state_.login.kind == Notice::Kind::Info) {
            state_.registration = state_.login;
        } else if (state_.connection == Connection::LoggingIn && !state_.registration_form &&
                   state_.registration.kind != Notice::Kind::Error) {
            state_.registration = {Notice::Kind::Info, fmt(tr("Asking {0} for its form…"), state_.registration_domain)};
        }
        state_.login = {};
    }
    if (!client) {
        if (was == Connection::Online) state_.roster = {};
        roster_dirty_ = true;
        return;
    }
}

void App::prepare_frame() {
    for (const xmpp::Jid& room : occupants_dirty_) rebuild_occupants(room);
    occupants_dirty_.clear();
    persist(false);
    xmpp::Client* client = online_client();
    if (!client && state_.reconnecting) client = account_.client();  // the kept roster meanwhile (also after a reload)
    if (!client || !roster_dirty_) return;
    state_.roster = build_roster_view(client->get<xmpp::Roster>(), client->get<xmpp::Presences>(), chats_, state_.filter);
    roster_dirty_ = false;
}

}  // namespace app
