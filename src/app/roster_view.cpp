// The contact list view model.
#include "app/roster_view.h"

#include <algorithm>
#include <map>

namespace app {

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool online(xmpp::Show s) { return s != xmpp::Show::Offline; }
}  // namespace

RosterView build_roster_view(const xmpp::Roster& roster, const xmpp::Presences& presences, const Chats& chats,
                             const std::string& filter) {
    RosterView view;
    view.requests = roster.pending_requests();
    view.contacts = static_cast<int>(roster.items().size());
    std::string needle = lower(filter);
    struct Keyed {
        std::string key;
        ContactRow row;
    };
    std::map<std::string, std::vector<Keyed>> rows;
    for (const auto& [jid, item] : roster.items()) {
        ContactRow row;
        row.jid = jid;
        row.name = item.name.empty() ? jid.bare() : item.name;
        view.names[jid] = row.name;
        if (!needle.empty() && lower(row.name).find(needle) == std::string::npos &&
            lower(jid.bare()).find(needle) == std::string::npos)
            continue;
        bool subscribed_to = item.subscription == xmpp::Subscription::To || item.subscription == xmpp::Subscription::Both;
        row.pending = item.ask_subscribe && !subscribed_to;
        row.can_chat = !row.pending;
        row.presence = presences.aggregate(jid);
        row.status = presences.status(jid);
        row.unread = chats.unread(jid);
        std::string key = (online(row.presence) ? "0" : "1") + lower(row.name) + '\n' + jid.bare();
        if (item.groups.empty()) {
            rows[""].push_back({key, row});
        } else {
            for (const std::string& g : item.groups) rows[g].push_back({key, row});
        }
    }
    for (auto& [name, list] : rows) {
        std::sort(list.begin(), list.end(), [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
        ContactGroup g;
        g.name = name;
        g.rows.reserve(list.size());
        for (Keyed& k : list) {
            if (online(k.row.presence)) ++g.online;
            g.rows.push_back(std::move(k.row));
        }
        view.groups.push_back(std::move(g));
    }
    // Named groups alphabetically (case-insensitive), ungrouped last.
    std::stable_sort(view.groups.begin(), view.groups.end(), [](const ContactGroup& a, const ContactGroup& b) {
        if (a.name.empty() != b.name.empty()) return b.name.empty();
        return lower(a.name) < lower(b.name);
    });
    return view;
}

}  // namespace app
