// Events and state as JSON for the JavaScript API.
#include "app/api_json.h"

#include "app/json.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"

namespace app {

namespace {
std::string message_json(const char* type, const xmpp::Message& m) {
    return JsonObject()
        .str("type", type)
        .str("id", m.id)
        .str("originId", m.origin_id)
        .str("messageType", m.type)
        .str("from", m.from.full())
        .str("to", m.to.full())
        .str("body", m.body)
        .str("thread", m.thread)
        .done();
}

std::string strings_json(const std::vector<std::string>& list) {
    std::string out = "[";
    for (const std::string& v : list) {
        if (out.size() > 1) out += ',';
        append_json_string(out, v);
    }
    return out + "]";
}

std::string form_json(const xmpp::DataForm& f) {
    std::string fields = "[";
    for (const xmpp::FormField& field : f.fields) {
        if (fields.size() > 1) fields += ',';
        std::string options = "[";
        for (const xmpp::FormOption& o : field.options) {
            if (options.size() > 1) options += ',';
            options += JsonObject().str("label", o.label).str("value", o.value).done();
        }
        std::string media = "[";
        if (field.media)
            for (const xmpp::MediaUri& u : field.media->uris) {
                if (media.size() > 1) media += ',';
                media += JsonObject().str("uri", u.uri).str("type", u.type).done();
            }
        fields += JsonObject()
                      .str("var", field.var)
                      .str("type", field.type)
                      .str("label", field.label)
                      .str("desc", field.desc)
                      .boolean("required", field.required)
                      .raw("values", strings_json(field.values))
                      .raw("options", options + "]")
                      .raw("media", media + "]")
                      .done();
    }
    return JsonObject()
        .str("type", f.type)
        .str("formType", f.form_type())
        .str("title", f.title)
        .str("instructions", f.instructions)
        .raw("fields", fields + "]")
        .done();
}

struct EventJson {
    std::string operator()(const xmpp::StateChanged& e) const {
        return JsonObject().str("type", "state").str("state", xmpp::to_string(e.state)).done();
    }
    std::string operator()(const xmpp::SessionReady& e) const {
        return JsonObject().str("type", "ready").str("jid", e.jid.full()).done();
    }
    std::string operator()(const xmpp::Disconnected& e) const {
        return JsonObject()
            .str("type", "disconnected")
            .boolean("clean", e.failure.kind == xmpp::Failure::Kind::None)
            .str("condition", e.failure.condition)
            .str("error", e.failure.sentence)
            .str("seeOtherHost", e.failure.see_other_host)
            .done();
    }
    std::string operator()(const xmpp::RosterChanged& e) const {
        std::string list = "[";
        for (const xmpp::Jid& j : e.jids) {
            if (list.size() > 1) list += ',';
            append_json_string(list, j.bare());
        }
        return JsonObject().str("type", "roster").raw("jids", list + "]").done();
    }
    std::string operator()(const xmpp::SubscriptionRequest& e) const {
        return JsonObject().str("type", "subscription-request").str("from", e.from.bare()).str("status", e.status).done();
    }
    std::string operator()(const xmpp::PresenceChanged& e) const {
        return JsonObject().str("type", "presence").str("jid", e.jid.bare()).done();
    }
    std::string operator()(const xmpp::MessageReceived& e) const { return message_json("message", e.message); }
    std::string operator()(const xmpp::MessageSent& e) const { return message_json("message-sent", e.message); }
    std::string operator()(const xmpp::RegistrationFormReceived& e) const {
        const xmpp::RegistrationForm& r = e.form;
        std::string values = "{";
        for (const auto& [k, v] : r.legacy_values) {
            if (values.size() > 1) values += ',';
            append_json_string(values, k);
            values += ':';
            append_json_string(values, v);
        }
        std::vector<std::string> cids;
        for (const xmpp::BobData& b : r.bob) cids.push_back(b.cid);
        return JsonObject()
            .str("type", "registration-form")
            .boolean("registered", r.registered)
            .str("instructions", r.instructions)
            .raw("legacy", strings_json(r.legacy_fields))
            .raw("legacyValues", values + "}")
            .raw("form", r.form ? form_json(*r.form) : "null")
            .str("redirect", r.redirect_url.value_or(""))
            .boolean("captcha", r.is_captcha())
            .raw("images", strings_json(cids))
            .done();
    }
    std::string operator()(const xmpp::Registered& e) const {
        return JsonObject().str("type", "registered").str("jid", e.jid.bare()).done();
    }
    std::string operator()(const xmpp::RegistrationFailed& e) const {
        return JsonObject()
            .str("type", "registration-failed")
            .str("condition", e.error.condition)
            .str("error", e.error.sentence)
            .str("field", e.error.field)
            .str("text", e.error.text)
            .done();
    }
    std::string operator()(const xmpp::RoomJoined& e) const {
        return JsonObject()
            .str("type", "room-joined")
            .str("room", e.room.bare())
            .str("nick", e.nick)
            .boolean("created", e.created)
            .boolean("nickChangedByService", e.nick_changed_by_service)
            .done();
    }
    std::string operator()(const xmpp::RoomJoinFailed& e) const {
        return JsonObject()
            .str("type", "room-join-failed")
            .str("room", e.room.bare())
            .str("condition", e.condition)
            .str("error", e.sentence)
            .done();
    }
    std::string operator()(const xmpp::OccupantChanged& e) const {
        static const char* kinds[] = {"joined", "left", "changed", "nick-changed", "kicked", "banned"};
        return JsonObject()
            .str("type", "occupant")
            .str("room", e.room.bare())
            .str("nick", e.nick)
            .str("change", kinds[e.kind])
            .str("newNick", e.new_nick)
            .str("reason", e.reason)
            .done();
    }
    std::string operator()(const xmpp::RoomLeft& e) const {
        static const char* reasons[] = {"left", "kicked", "banned", "destroyed", "affiliation", "members-only", "shutdown", "error"};
        return JsonObject()
            .str("type", "room-left")
            .str("room", e.room.bare())
            .str("reason", reasons[e.reason])
            .str("text", e.text)
            .str("alternative", e.alternative ? e.alternative->bare() : "")
            .done();
    }
    std::string operator()(const xmpp::RoomMessage& e) const {
        return JsonObject()
            .str("type", "room-message")
            .str("room", e.room.bare())
            .str("nick", e.nick)
            .str("id", e.message.id)
            .str("originId", e.message.origin_id)
            .str("body", e.message.body)
            .boolean("delayed", e.delayed)
            .boolean("fromOccupant", e.from_occupant)
            .str("stanzaId", e.stanza_id)
            .done();
    }
    std::string operator()(const xmpp::RoomSubject& e) const {
        return JsonObject().str("type", "room-subject").str("room", e.room.bare()).str("subject", e.subject).str("nick", e.nick).done();
    }
    std::string operator()(const xmpp::RoomPrivateMessage& e) const {
        return JsonObject()
            .str("type", "room-private-message")
            .str("room", e.room.bare())
            .str("nick", e.nick)
            .str("body", e.message.body)
            .done();
    }
    std::string operator()(const xmpp::RoomInvitation& e) const {
        return JsonObject()
            .str("type", "room-invitation")
            .str("room", e.room.bare())
            .str("from", e.from.full())
            .str("reason", e.reason)
            .boolean("direct", e.direct)
            .done();
    }
    std::string operator()(const xmpp::RoomError& e) const {
        return JsonObject()
            .str("type", "room-error")
            .str("room", e.room.bare())
            .str("condition", e.error.condition)
            .str("error", e.error.sentence())
            .done();
    }
    std::string operator()(const xmpp::MessageFailed& e) const {
        return JsonObject()
            .str("type", "message-failed")
            .str("id", e.id)
            .str("to", e.to.full())
            .str("condition", e.error.condition)
            .str("error", e.error.sentence())
            .done();
    }
    // XEP-0198 stream management.
    std::string operator()(const xmpp::StanzasAcked& e) const {
        return JsonObject().str("type", "acked").raw("ids", strings_json(e.ids)).done();
    }
    std::string operator()(const xmpp::ConnectionLost& e) const {
        return JsonObject().str("type", "connection-lost").boolean("resumable", e.resumable).done();
    }
    std::string operator()(const xmpp::Resumed&) const { return JsonObject().str("type", "resumed").done(); }
    std::string operator()(const xmpp::ResumeFailed& e) const {
        std::vector<std::string> ids;
        for (const xmpp::Message& m : e.unsent) ids.push_back(m.id);
        return JsonObject().str("type", "resume-failed").raw("unsent", strings_json(ids)).done();
    }
    std::string operator()(const xmpp::MessageCarbonSent& e) const {
        return JsonObject()
            .str("type", "carbon-sent")
            .str("id", e.message.id)
            .str("originId", e.message.origin_id)
            .str("to", e.message.to.full())
            .str("body", e.message.body)
            .done();
    }
    // XEP-0184 receipts, XEP-0333 markers.
    std::string operator()(const xmpp::MessageDelivered& e) const {
        return JsonObject().str("type", "delivered").str("from", e.from.full()).str("id", e.id).done();
    }
    std::string operator()(const xmpp::MessageDisplayed& e) const {
        return JsonObject().str("type", "displayed").str("from", e.from.full()).str("id", e.id).done();
    }
    std::string operator()(const xmpp::ChatRead& e) const {
        return JsonObject().str("type", "chat-read").str("peer", e.peer.full()).str("id", e.id).done();
    }
};
}  // namespace

std::string event_json(const xmpp::Event& event) { return std::visit(EventJson{}, event); }

}  // namespace app

namespace app {

std::string state_json(const Account& account) {
    JsonObject o;
    o.str("connection", to_string(account.connection())).str("error", account.error());
    const xmpp::Client* client = account.client();
    if (!client || account.connection() != Connection::Online) {
        return o.str("jid", "").raw("roster", "[]").raw("requests", "[]").done();
    }
    o.str("jid", client->jid().full()).str("websocket", account.websocket_url());
    const xmpp::Roster& roster = client->get<xmpp::Roster>();
    const xmpp::Presences& presences = client->get<xmpp::Presences>();
    std::string list = "[";
    for (const auto& [jid, item] : roster.items()) {
        if (list.size() > 1) list += ',';
        std::string groups = "[";
        for (const std::string& g : item.groups) {
            if (groups.size() > 1) groups += ',';
            append_json_string(groups, g);
        }
        list += JsonObject()
                    .str("jid", jid.bare())
                    .str("name", item.name)
                    .raw("groups", groups + "]")
                    .str("subscription", xmpp::to_string(item.subscription))
                    .boolean("pending", item.ask_subscribe)
                    .str("presence", xmpp::to_string(presences.aggregate(jid)))
                    .str("status", presences.status(jid))
                    .done();
    }
    std::string requests = "[";
    for (const xmpp::SubscriptionRequestInfo& r : roster.pending_requests()) {
        if (requests.size() > 1) requests += ',';
        requests += JsonObject().str("from", r.from.bare()).str("status", r.status).done();
    }
    return o.raw("roster", list + "]").raw("requests", requests + "]").done();
}

}  // namespace app
