// XEP-0313 Message Archive Management (urn:xmpp:mam:2) with XEP-0059 Result Set Management
// paging: queries of our own archive or a room's, results collected into pages. Offered
// stanzas before Muc and Chat: archived messages never show up as live ones.
#pragma once
#include "xmpp/session.h"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsMam = "urn:xmpp:mam:2";
inline constexpr std::string_view kNsRsm = "http://jabber.org/protocol/rsm";

// What to ask the archive for: the query form's fields and RSM paging.
struct MamFilter {
    std::optional<Jid> with;  // messages to/from this JID (own archive)
    // RSM: the page after or before an archive id. `before_id` wins over `after_id` (RSM
    // leaves both together undefined). last_page with an empty before_id: <before/>, the
    // newest page of the archive.
    std::string after_id, before_id;
    bool last_page = false;
    int max = 50;  // RSM <max/>, clamped to 1..Mam::kMaxResults
    std::optional<Millis> start;  // messages at or after this time (ms since the epoch)
};

struct ArchivedMessage {
    std::string archive_id;  // the <result id/>: the archive's XEP-0359 stanza-id
    Millis stamp = 0;        // XEP-0203 <delay stamp/>: when the archive got it; 0 when none
    Message message;         // message.type: chat, normal or groupchat
    bool outgoing = false;   // own archive: from our bare JID; room: the room says it was us
    std::string nick;        // room archives: the occupant's nick (from's resource)
};

struct MamPage {
    std::vector<ArchivedMessage> messages;  // in archive (chronological) order
    std::string first, last;  // RSM ids of the page's first and last result: page with them
    int count = -1;           // RSM <count/> when the archive gave one
    bool complete = false;    // <fin complete='true'/>: nothing more in that direction
    std::optional<StanzaError> error;  // the query failed (also timeout, stream closed): no messages
};
using MamCallback = std::function<void(MamPage)>;

class Mam : public Module {
public:
    static constexpr std::size_t kMaxResults = 500;   // kept per query; more are dropped
    static constexpr std::size_t kMaxIdBytes = 1024;  // a longer archive id is dropped, never cut
    static constexpr std::size_t kMaxQueries = 32;    // in flight at once; more fail at once

    using ServerSupports = std::function<bool(std::string_view feature)>;
    Mam(Session& session, ServerSupports server_supports)
        : session_(session), server_supports_(std::move(server_supports)) {}

    // Queries an archive: nullopt for our own account's, else a room's bare JID. Returns
    // the queryid; `done` is called exactly once, with the page or an error.
    std::string query(const std::optional<Jid>& archive, const MamFilter& filter, MamCallback done);

    // Our server's disco#info lists urn:xmpp:mam:2. Servers may announce it only on our
    // bare JID (where the archive is): supports() asks there.
    bool server_has_mam() const { return server_supports_(kNsMam); }
    // Asks the archive itself (our bare JID, or a room) with disco#info whether it
    // supports urn:xmpp:mam:2. `done` is called once; false on any error.
    void supports(const std::optional<Jid>& archive, std::function<void(bool)> done);

    std::size_t queries_in_flight() const { return queries_.size(); }

    // Takes every message with a <result xmlns='urn:xmpp:mam:2'/>: kept only when it answers
    // a query of ours (queryid) and comes from the archive asked (XEP-0313 Security
    // Considerations: sender impersonation), else dropped.
    bool handle(const Stanza& s) override;
    void on_closed() override;

private:
    struct Query {
        std::optional<Jid> archive;  // bare; nullopt: our own
        std::vector<ArchivedMessage> messages;
    };
    void finish(const std::string& queryid, const IqResponse& r);

    Session& session_;
    ServerSupports server_supports_;
    std::map<std::string, Query> queries_;  // by queryid
};

}  // namespace xmpp
