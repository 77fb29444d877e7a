// XEP-0045: Multi-User Chat, as an occupant: enter, talk, leave; XEP-0249 invitations;
// finding the service and its public rooms (XEP-0030). Stanzas from rooms we are in never
// reach Presences or Chat: the client offers them to this module first.
#pragma once
#include "xmpp/presence.h"
#include "xmpp/session.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsMuc = "http://jabber.org/protocol/muc";
inline constexpr std::string_view kNsMucUser = "http://jabber.org/protocol/muc#user";
inline constexpr std::string_view kNsMucOwner = "http://jabber.org/protocol/muc#owner";
inline constexpr std::string_view kNsConference = "jabber:x:conference";  // XEP-0249
inline constexpr std::string_view kNsDelay = "urn:xmpp:delay";            // XEP-0203

// §7.2.3: one occupant, as its presence describes it (texts untrusted, capped).
struct Occupant {
    std::string nick;
    std::optional<Jid> real_jid;  // non-anonymous rooms, or when we moderate
    std::string role, affiliation;
    Show show = Show::Online;
    std::string status;
    friend bool operator==(const Occupant&, const Occupant&) = default;
};

enum class RoomState { Joining, Joined, Left };

struct MucRoom {
    Jid jid;           // bare room address
    std::string nick;  // ours (the service may change it: status 210)
    std::string password;
    RoomState state = RoomState::Joining;
    std::string subject, subject_nick;
    std::map<std::string, Occupant> occupants;  // by nick, us included
    bool created = false;  // 201: we created it and made it an instant room
};

class Muc : public Module {
public:
    static constexpr std::size_t kMaxOccupants = 10000;   // per room; more are not listed
    static constexpr std::size_t kMaxStatusBytes = 1024;  // status, reasons, passwords
    static constexpr std::size_t kMaxSubjectBytes = 4096;
    static constexpr std::size_t kMaxSeen = 2000;         // history ids remembered per room
    static constexpr int kDefaultHistory = 50;            // stanzas asked for on a first join
    static constexpr std::size_t kMaxServiceItems = 50;   // disco#info queries to find the service
    static constexpr std::size_t kMaxBrowseInfo = 200;    // disco#info queries when browsing
    static constexpr std::size_t kMaxBrowseItems = 2000;  // rooms listed when browsing

    explicit Muc(Session& session) : session_(session) {}

    // §7.2: enters a room as `nick`. History (§7.2.13): since > 0 asks for what came after
    // that time (ms since the epoch), 0 for the last kDefaultHistory messages, < 0 for none.
    // An invalid nick fails at once with RoomJoinFailed jid-malformed. No-op when joined.
    void join(const Jid& room, std::string nick, std::string password = {}, Millis history_since_ms = 0);
    // §7.14: leaves at once (RoomLeft SelfLeft); the room stays listed as Left.
    void leave(const Jid& room, std::string_view status = {});
    // §7.6: asks for a new nick; the room's 303 presence makes it ours (NickChanged).
    void change_nick(const Jid& room, std::string nick);
    // §7.4: a groupchat message with an origin-id; the room echoes it as a RoomMessage.
    Message send(const Jid& room, std::string_view body);
    // §7.5: a private message to one occupant; id empty (nothing sent) for an invalid nick.
    Message send_private(const Jid& room, const std::string& nick, std::string_view body);
    // XEP-0249: a direct invitation, with the room's password when we know it.
    void invite(const Jid& room, const Jid& contact, std::string_view reason = {});
    // §7.8.2: declines a mediated invitation through the room.
    void decline(const Jid& room, const Jid& inviter, std::string_view reason = {});
    // §8.1: asks to change the subject (the room answers with RoomSubject or RoomError).
    void set_subject(const Jid& room, std::string_view subject);

    const MucRoom* room(const Jid& bare) const;
    const std::map<std::string, MucRoom>& rooms() const { return rooms_; }  // by bare JID

    // §6.2: disco#items on our server, disco#info on each item; the first with identity
    // conference/text is the service. `done` is called once; the answer is kept until the
    // stream closes.
    void discover_service(std::function<void(std::optional<Jid>)> done);

    // §6.3: the public rooms of a service: disco#items, then disco#info on each room (the
    // first kMaxBrowseInfo) for its name, occupant count and whether it is locked.
    struct RoomInfo {
        Jid jid;
        std::string name;
        int occupants = -1;  // unknown
        bool password = false, members_only = false;
    };
    void browse(const Jid& service, std::function<void(std::vector<RoomInfo>, std::optional<StanzaError>)> done);

    bool handle(const Stanza& s) override;
    void on_closed() override;  // every room is Left (no events: Disconnected says it)
    void disco_features(std::vector<std::string>& f) const override;

private:
    // Remembered history ids (hashes) of one room, oldest dropped first.
    struct Seen {
        std::deque<std::uint64_t> order;
        std::unordered_set<std::uint64_t> set;
        bool insert(std::uint64_t key);  // false when already there
    };
    struct Discovery;

    bool handle_presence(const Stanza& s, MucRoom& room);
    bool handle_message(const Stanza& s);
    bool handle_invitation(const Stanza& s);
    void self_presence(const Stanza& s, MucRoom& room, bool available);
    void make_instant(const MucRoom& room);
    Message outgoing(const Jid& to, std::string_view type, std::string_view body, bool private_message);

    Session& session_;
    std::map<std::string, MucRoom> rooms_;
    std::map<std::string, Seen> seen_;  // outlives leaving and reconnecting: rejoins repeat history
    std::shared_ptr<Discovery> discovery_;
};

}  // namespace xmpp
