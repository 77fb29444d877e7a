// RFC 6121 §4: presence: per-resource availability, aggregated per contact, and our own.
#pragma once
#include "xmpp/session.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xmpp {

// RFC 6121 §4.7.2.1: Online is available without <show/>; Offline means no resource is.
enum class Show { Online, Chat, Away, Xa, Dnd, Offline };
const char* to_string(Show s);  // "online", "chat", "away", "xa", "dnd", "offline"

// One resource's latest available presence (§4.7).
struct ResourcePresence {
    std::string resource;  // empty for presence from a bare JID
    Show show = Show::Online;
    std::string status;  // untrusted text, kept as data, capped at Presences::kMaxStatusBytes
    int priority = 0;    // §4.7.2.3: -128..127
    friend bool operator==(const ResourcePresence&, const ResourcePresence&) = default;
};

// "Best" resource: highest priority, then show rank chat > online > away > xa > dnd (how
// ready they are to talk), then the most recent presence. The aggregate is the best one.
class Presences : public Module {
public:
    static constexpr std::size_t kMaxStatusBytes = 1024;
    static constexpr std::size_t kMaxResources = 32;  // per contact: the oldest goes first

    explicit Presences(Session& session) : session_(session) {}

    // Our presence (§4.2, §4.4, §4.5). Sent at once when the session is up, otherwise by
    // send_initial(). Offline sends type='unavailable'; priority is clamped to -128..127.
    void set_own(Show show, std::string status = {}, int priority = 0);
    // §4.2.1: initial presence at session start (nothing while own show is Offline).
    void send_initial();
    Show own_show() const { return own_show_; }
    const std::string& own_status() const { return own_status_; }
    int own_priority() const { return own_priority_; }

    // Per contact, by bare JID (any resource in the argument is ignored).
    Show aggregate(const Jid& jid) const;             // Offline with no available resource
    const std::string& status(const Jid& jid) const;  // the best resource's status, or ""
    std::vector<ResourcePresence> resources(const Jid& jid) const;  // best first
    const StanzaError* error(const Jid& jid) const;  // the last presence error, until available
    // Our account's other resources (not this one), best first.
    std::vector<ResourcePresence> own_resources() const;

    bool handle(const Stanza& stanza) override;
    void on_closed() override;

    // Across a page reload (Client::save_session): every contact's available resources, ours
    // and our own presence, as <presences own-show own-status own-priority><r jid show
    // priority>status</r>...</presences>. A resumed session is not sent presence again: what
    // changed after the save the server sends again (its count of what we handled is older).
    void save(pugi::xml_node presences) const;
    // All or nothing: false (nothing changed) for anything malformed. Afterwards our presence
    // counts as sent (the session it belongs to is being resumed).
    bool restore(pugi::xml_node presences);

private:
    struct Entry {
        ResourcePresence presence;
        std::uint64_t seq = 0;  // arrival order, for ties and for evicting the oldest
    };
    struct Contact {
        std::vector<Entry> resources;  // kept best first
        std::optional<StanzaError> error;
    };

    bool apply(Contact& contact, const Stanza& stanza);
    const Contact* find(const Jid& jid) const;
    void send_own();

    Session& session_;
    std::map<Jid, Contact> contacts_;
    Contact own_;
    std::uint64_t seq_ = 0;
    Show own_show_ = Show::Online;
    std::string own_status_;
    int own_priority_ = 0;
    bool online_ = false;  // between send_initial() and on_closed()
};

}  // namespace xmpp
