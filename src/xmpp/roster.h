// RFC 6121 §2-3: roster management, versioning, and presence subscriptions.
#pragma once
#include "xmpp/session.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xmpp {

inline constexpr std::string_view kNsRoster = "jabber:iq:roster";
inline constexpr std::string_view kNsRosterVer = "urn:xmpp:features:rosterver";      // §2.6.1
inline constexpr std::string_view kNsPreApproval = "urn:xmpp:features:pre-approval";  // §3.4.1

// RFC 6121 §2.1.2.5: whose presence flows where. "remove" is an action, not a state.
enum class Subscription { None, To, From, Both };
const char* to_string(Subscription s);

// RFC 6121 §2.1.2: one <item/> of jabber:iq:roster. The jid is always a bare JID.
struct RosterItem {
    static constexpr std::size_t kMaxTextBytes = 1024;  // name and each group, cut on a UTF-8 boundary

    Jid jid;
    std::string name;
    std::vector<std::string> groups;  // no empty names, no duplicates, in document order
    Subscription subscription = Subscription::None;
    bool ask_subscribe = false;  // ask='subscribe': our request is pending (§2.1.2.2)
    bool approved = false;       // approved='true': we pre-approved them (§2.1.2.1, §3.4)

    // Nullopt for an item we cannot key: no jid, an invalid jid or a full JID.
    // Lenient elsewhere: an unknown subscription reads as none, bad groups are dropped.
    static std::optional<RosterItem> parse(pugi::xml_node item);
    // Appends <item/> with every attribute to a <query xmlns='jabber:iq:roster'/>.
    void write(pugi::xml_node query) const;

    friend bool operator==(const RosterItem&, const RosterItem&) = default;
};

// An incoming subscription request waiting for accept() or decline() (§3.1.3).
struct SubscriptionRequestInfo {
    Jid from;  // bare
    std::string status;  // the requester's optional note (untrusted, capped)
    friend bool operator==(const SubscriptionRequestInfo&, const SubscriptionRequestInfo&) = default;
};

class Roster : public Module {
public:
    explicit Roster(Session& session) : session_(session) {}

    // Stream features: <ver xmlns='urn:xmpp:features:rosterver'/> (§2.6.1) and
    // <sub xmlns='urn:xmpp:features:pre-approval'/> (§3.4.1). Reset by on_closed().
    void read_features(pugi::xml_node features);
    void set_versioning_supported(bool on) { versioning_ = on; }
    void set_preapproval_supported(bool on) { preapproval_ = on; }
    bool versioning_supported() const { return versioning_; }
    bool preapproval_supported() const { return preapproval_; }

    // Commands. Those taking a Jid use its bare form and return false (sending nothing)
    // when it has no domain. `done` reports the server's answer to the roster set.
    void request();  // §2.1.3 roster get, with ver when the server versions (§2.6.2)
    bool add(const Jid& jid, std::string name = {}, std::vector<std::string> groups = {},
             IqCallback done = {});  // §2.3 roster set, then §3.1.1 subscribe
    bool update(const Jid& jid, std::string name, std::vector<std::string> groups,
                IqCallback done = {});               // §2.4 roster set
    bool remove(const Jid& jid, IqCallback done = {});  // §2.5 subscription='remove'
    bool accept(const Jid& jid);       // §3.1.4 subscribed, and subscribe back (§3.1.1)
    bool decline(const Jid& jid);      // §3.2.1 unsubscribed
    bool preapprove(const Jid& jid);   // §3.4: false unless the server advertised it
    bool unsubscribe(const Jid& jid);  // §3.3.1 unsubscribe

    const std::map<Jid, RosterItem>& items() const { return items_; }  // keyed by bare JID
    const RosterItem* find(const Jid& jid) const;
    const std::vector<SubscriptionRequestInfo>& pending_requests() const { return requests_; }
    const std::string& version() const { return version_; }
    // Persistence (architecture.md §10): the platform stores version() and items().
    void restore(std::string version, std::vector<RosterItem> items);

    bool handle(const Stanza& stanza) override;
    void on_closed() override;

private:
    bool handle_push(const Stanza& stanza, pugi::xml_node query);
    bool handle_subscription(const Stanza& stanza);
    void on_roster_result(const IqResponse& response);
    bool roster_set(const Jid& jid, std::string name, std::vector<std::string> groups, IqCallback done);
    void send_subscription(const Jid& bare, const char* type);
    bool drop_request(const Jid& bare);
    void changed(std::vector<Jid> jids);

    Session& session_;
    std::map<Jid, RosterItem> items_;
    std::vector<SubscriptionRequestInfo> requests_;
    std::string version_;
    bool versioning_ = false;
    bool preapproval_ = false;
};

}  // namespace xmpp
