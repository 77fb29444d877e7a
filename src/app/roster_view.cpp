// The contact list view model.
#include "app/roster_view.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

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

// Built whenever the roster, a presence, an unread count or the filter changed: with thousands
// of contacts this runs in a frame, so each contact is looked at once (its row and sort key made
// once, whatever number of groups it is in), presence statuses are looked up only for contacts
// that are online, unread counts only for the few conversations there are, and rows are moved
// into their (last) group rather than copied.
RosterView build_roster_view(const xmpp::Roster& roster, const xmpp::Presences& presences, const Chats& chats,
                             const std::string& filter) {
    RosterView view;
    view.requests = roster.pending_requests();
    view.contacts = static_cast<int>(roster.items().size());
    std::string needle = lower(filter);
    // Unread counts by contact: only conversations have them (a contact's is keyed by its bare JID).
    std::map<xmpp::Jid, int> unread;
    for (const xmpp::Jid& peer : chats.peers())
        if (int n = chats.unread(peer)) unread.emplace(peer, n);
    struct Keyed {
        std::string key;
        ContactRow row;
        int uses = 0;  // groups still to take the row
    };
    std::vector<Keyed> rows;
    rows.reserve(roster.items().size());
    std::map<std::string, std::vector<std::uint32_t>> members;  // group name -> rows
    for (const auto& [jid, item] : roster.items()) {
        std::string bare = jid.bare();
        const std::string& name = item.name.empty() ? bare : item.name;
        view.names.emplace_hint(view.names.end(), jid, name);  // items are in JID order
        if (!needle.empty() && lower(name).find(needle) == std::string::npos && lower(bare).find(needle) == std::string::npos)
            continue;
        Keyed k;
        ContactRow& row = k.row;
        row.jid = jid;
        row.name = name;
        bool subscribed_to = item.subscription == xmpp::Subscription::To || item.subscription == xmpp::Subscription::Both;
        row.pending = item.ask_subscribe && !subscribed_to;
        row.can_chat = !row.pending;
        row.presence = presences.aggregate(jid);
        if (online(row.presence)) row.status = presences.status(jid);  // no resource, no status
        if (!unread.empty()) {
            auto u = unread.find(jid);
            if (u != unread.end()) row.unread = u->second;
        }
        k.key.reserve(2 + name.size() + bare.size());
        k.key += online(row.presence) ? '0' : '1';
        k.key += lower(name);
        k.key += '\n';
        k.key += bare;
        auto index = static_cast<std::uint32_t>(rows.size());
        if (item.groups.empty()) {
            members[""].push_back(index);
            k.uses = 1;
        } else {
            for (const std::string& g : item.groups) members[g].push_back(index);
            k.uses = static_cast<int>(item.groups.size());
        }
        rows.push_back(std::move(k));
    }
    view.groups.reserve(members.size());
    for (auto& [name, list] : members) {
        std::sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) { return rows[a].key < rows[b].key; });
        ContactGroup g;
        g.name = name;
        g.rows.reserve(list.size());
        for (std::uint32_t i : list) {
            Keyed& k = rows[i];
            if (online(k.row.presence)) ++g.online;
            if (--k.uses == 0) g.rows.push_back(std::move(k.row));
            else g.rows.push_back(k.row);
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
