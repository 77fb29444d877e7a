// RFC 6121 §5: one-to-one messages (chat, normal, headline, error), with XEP-0359 origin-id.
#pragma once
#include "xmpp/session.h"

#include <set>

namespace xmpp {

inline constexpr std::string_view kNsSid = "urn:xmpp:sid:0";
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

class Chat : public Module {
public:
    explicit Chat(Session& session) : session_(session) {}

    // Sends a message; returns it with its id (also its origin-id). Text is cleaned of
    // characters XML forbids so a typed control character cannot break the stream. A chat
    // message with a body asks for a XEP-0184 receipt and is XEP-0333 markable.
    Message send_message(const Jid& to, std::string_view body, std::string_view type = "chat",
                         std::string_view thread = {});

    // Sends again a message that may not have arrived (XEP-0198 resumption failed, or written
    // while offline): the same id and origin-id (so the receiver can drop a duplicate) and a
    // XEP-0203 delay stamp with when it was written, and the receipt request and markable
    // of send_message. No MessageSent: it is already shown.
    void resend(const Message& m, std::int64_t written_ms);

    bool handle(const Stanza& s) override;
    void disco_features(std::vector<std::string>& f) const override { f.push_back(std::string(kNsSid)); }

private:
    Session& session_;
};

}  // namespace xmpp
