// The contact list as the screen shows it: grouped, sorted, filtered. Built only when the
// roster, presence, unread counts or the filter change, never per frame.
#pragma once
#include "app/chats.h"
#include "xmpp/presence.h"
#include "xmpp/roster.h"

#include <map>
#include <string>
#include <vector>

namespace app {

struct ContactRow {
    xmpp::Jid jid;
    std::string name;    // the roster name, else the address
    xmpp::Show presence = xmpp::Show::Offline;
    std::string status;  // untrusted text
    bool pending = false;  // we asked; they have not answered (ask='subscribe', no 'to')
    bool can_chat = true;  // pending contacts are not clickable
    int unread = 0;
};

struct ContactGroup {
    std::string name;  // "" is "Other contacts" (no group), always last
    std::vector<ContactRow> rows;
    int online = 0;
};

struct RosterView {
    std::vector<xmpp::SubscriptionRequestInfo> requests;
    std::vector<ContactGroup> groups;
    int contacts = 0;  // total, before filtering
    std::map<xmpp::Jid, std::string> names;  // every contact's display name, filter or not
};

// Groups by roster group (a contact in two groups shows in both); within a group,
// online before offline, then by name, case-insensitively. The filter matches name or
// address, case-insensitively.
RosterView build_roster_view(const xmpp::Roster& roster, const xmpp::Presences& presences, const Chats& chats,
                             const std::string& filter);

}  // namespace app
