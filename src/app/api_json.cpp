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
    std::string operator()(const xmpp::MessageFailed& e) const {
        return JsonObject()
            .str("type", "message-failed")
            .str("id", e.id)
            .str("to", e.to.full())
            .str("condition", e.error.condition)
            .str("error", e.error.sentence())
            .done();
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
