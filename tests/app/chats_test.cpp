// Conversations: incoming, outgoing, bounced, unread counting, open chats.
#include "app/app.h"
#include "app/chats.h"

#include "../xmpp/fake_session.h"

#include <doctest/doctest.h>

using xmpp::test::jid;

namespace {
xmpp::Message message(const char* from, const char* to, const char* body, const char* id = "m1") {
    xmpp::Message m;
    m.type = "chat";
    m.id = id;
    m.from = jid(from);
    m.to = jid(to);
    m.body = body;
    return m;
}
}  // namespace

TEST_CASE("messages land in the peer's conversation; unread until the chat is opened") {
    app::Chats c;
    CHECK(c.apply(xmpp::MessageReceived{message("anna@x/phone", "me@x/r", "ciao")}, 1000));
    CHECK(c.apply(xmpp::MessageReceived{message("anna@x/pc", "me@x/r", "ci sei?")}, 2000));
    CHECK(c.unread(jid("anna@x")) == 2);
    CHECK(c.total_unread() == 2);
    const app::Conversation* conv = c.find(jid("anna@x"));
    REQUIRE(conv);
    REQUIRE(conv->messages.size() == 2);
    CHECK(conv->messages[1].body == "ci sei?");
    CHECK(conv->messages[1].time_ms == 2000);
    c.open(jid("anna@x/phone"));
    CHECK(c.unread(jid("anna@x")) == 0);
    CHECK(*c.active() == jid("anna@x"));
    // While the chat is the active one, new messages are not unread.
    c.apply(xmpp::MessageReceived{message("anna@x/phone", "me@x/r", "eccomi")}, 3000);
    CHECK(c.unread(jid("anna@x")) == 0);
}

TEST_CASE("a bounced message is marked with the reason") {
    app::Chats c;
    c.apply(xmpp::MessageSent{message("me@x/r", "bruno@y", "ciao", "s1")}, 1);
    xmpp::MessageFailed f{"s1", jid("bruno@y"), {"cancel", "service-unavailable", {}, {}}};
    CHECK(c.apply(f, 2));
    const app::ChatMessage& m = c.find(jid("bruno@y"))->messages.at(0);
    CHECK(m.outgoing);
    CHECK(m.state == app::ChatMessage::State::Failed);
    CHECK(m.error == "This address does not exist, or does not accept messages.");
    // An error for an id we never sent changes nothing.
    CHECK_FALSE(c.apply(xmpp::MessageFailed{"nope", jid("bruno@y"), {}}, 3));
}

TEST_CASE("groupchat and headline messages are not one-to-one chats") {
    app::Chats c;
    xmpp::Message m = message("room@muc.x/nick", "me@x/r", "hello");
    m.type = "groupchat";
    CHECK_FALSE(c.apply(xmpp::MessageReceived{m}, 1));
    CHECK(c.find(jid("room@muc.x")) == nullptr);
}

TEST_CASE("closing the active chat activates a neighbour") {
    app::Chats c;
    c.open(jid("a@x"));
    c.open(jid("b@x"));
    c.open(jid("c@x"));
    c.open(jid("b@x"));
    CHECK(c.open_chats().size() == 3);
    c.close(jid("b@x"));
    CHECK(*c.active() == jid("c@x"));
    c.close(jid("c@x"));
    c.close(jid("a@x"));
    CHECK(c.active() == nullptr);
}

TEST_CASE("links: only http and https, trailing punctuation left out") {
    using app::find_links;
    CHECK(find_links("vedi https://example.org/a?b=1, poi") == std::vector<std::string>{"https://example.org/a?b=1"});
    CHECK(find_links("(http://x.it/p).") == std::vector<std::string>{"http://x.it/p"});
    CHECK(find_links("javascript:alert(1) data:text/html,x ftp://x file:///etc").empty());
    CHECK(find_links("xhttps://evil.example").empty());
    CHECK(find_links("https://").empty());
    CHECK(find_links("a https://a.it b http://b.it").size() == 2);
}

TEST_CASE("contact addresses: the whole handle@domain, told what is missing") {
    CHECK(app::parse_contact_address(" bruno@example.org ").ok());
    CHECK(app::parse_contact_address("bruno@example.org").jid.bare() == "bruno@example.org");
    CHECK(app::parse_contact_address("bruno@example.org/phone").jid.resource.empty());
    xmpp::JidResult r = app::parse_contact_address("example.org");
    CHECK_FALSE(r.ok());
    CHECK(r.message.find("name@domain") != std::string::npos);
    CHECK_FALSE(app::parse_contact_address("bru no@example.org").ok());
}

TEST_CASE("archive pages go in front once: the same archive id, our own origin-id or a received id is not repeated") {
    app::Chats c;
    xmpp::Message live = message("anna@x/phone", "me@x/r", "ultimo", "m9");
    live.stanza_id = "a9";
    c.apply(xmpp::MessageReceived{live}, 9000);
    xmpp::Message mine;
    mine.id = mine.origin_id = "o5";
    mine.body = "mio";
    mine.to = jid("anna@x");
    mine.type = "chat";
    c.apply(xmpp::MessageSent{mine}, 5000);
    xmpp::MamPage page;
    auto archived = [](const char* aid, const char* id, const char* body, bool out, xmpp::Millis stamp) {
        xmpp::ArchivedMessage a;
        a.archive_id = aid;
        a.message.id = id;
        a.message.origin_id = out ? id : "";
        a.message.type = "chat";
        a.message.body = body;
        a.outgoing = out;
        a.stamp = stamp;
        return a;
    };
    page.messages = {archived("a1", "m1", "primo", false, 1000), archived("a5", "o5", "mio", true, 5000),
                     archived("a9", "m9", "ultimo", false, 9000)};
    page.first = "a1";
    page.complete = true;
    c.add_history(jid("anna@x"), page, false);
    const app::Conversation* conv = c.find(jid("anna@x"));
    REQUIRE(conv);
    REQUIRE(conv->messages.size() == 3);  // only "primo" was new
    CHECK(conv->messages[0].body == "primo");
    CHECK(conv->messages[0].archive_id == "a1");
    CHECK(conv->oldest_archive_id == "a1");
    CHECK(conv->history_complete);
    CHECK(conv->prepended == 1);
    c.add_history(jid("anna@x"), page, true);  // the same page again: nothing added
    CHECK(c.find(jid("anna@x"))->messages.size() == 3);
}

TEST_CASE("receipts and read markers move our messages forward: sent, delivered, read; never back") {
    app::Chats c;
    using S = app::ChatMessage::State;
    for (const char* id : {"o1", "o2", "o3"}) c.apply(xmpp::MessageSent{message("me@x/r", "anna@x", "ciao", id)}, 1000);
    const app::Conversation* conv = c.find(jid("anna@x"));
    REQUIRE(conv);
    REQUIRE(conv->messages.size() == 3);
    CHECK(c.apply(xmpp::MessageDelivered{jid("anna@x/phone"), "o3"}, 0));
    CHECK(conv->messages[2].state == S::Delivered);
    CHECK(conv->messages[1].state == S::Sent);
    CHECK_FALSE(c.apply(xmpp::MessageDelivered{jid("bruno@x/pc"), "o3"}, 0));  // someone else cannot mark Anna's
    CHECK_FALSE(c.apply(xmpp::MessageDisplayed{jid("anna@x/phone"), "nope"}, 0));
    CHECK(c.apply(xmpp::MessageDisplayed{jid("anna@x/phone"), "o2"}, 0));
    CHECK(conv->messages[0].state == S::Read);  // and every one before it
    CHECK(conv->messages[1].state == S::Read);
    CHECK(conv->messages[2].state == S::Delivered);
    c.apply(xmpp::MessageDelivered{jid("anna@x/phone"), "o1"}, 0);
    CHECK(conv->messages[0].state == S::Read);  // never back
    // A message of theirs we read on another device: no longer unread here.
    c.apply(xmpp::MessageReceived{message("anna@x/phone", "me@x/r", "letto?", "i1")}, 2000);
    CHECK(c.unread(jid("anna@x")) == 1);
    CHECK(c.apply(xmpp::ChatRead{jid("anna@x"), "i1"}, 0));
    CHECK(c.unread(jid("anna@x")) == 0);
}
