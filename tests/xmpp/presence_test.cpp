// RFC 6121 §4: our presence, per-resource contact presence, aggregation, hostile input.
#include "xmpp/presence.h"

#include "fake_session.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;
using xmpp::test::deliver;

using xmpp::test::jid;

namespace {

struct Fixture {
    test::FakeSession session;
    Presences presences{session};
    const Jid romeo = jid("romeo@example.net");

    void expect_sent(std::initializer_list<const char*> expected) { test::expect_sent(session, expected); }
    std::vector<Jid> changed() {
        std::vector<Jid> out;
        for (const Event& e : session.take_events())
            if (const auto* c = std::get_if<PresenceChanged>(&e)) out.push_back(c->jid);
        return out;
    }
    // The single resource romeo has after one presence with this payload.
    ResourcePresence only(const std::string& payload) {
        presences.on_closed();
        deliver(presences, "<presence from='romeo@example.net/r'>" + payload + "</presence>");
        const std::vector<ResourcePresence> rs = presences.resources(romeo);
        REQUIRE(rs.size() == 1);
        return rs[0];
    }
};

}  // namespace

TEST_CASE("Own presence: initial, changes, offline, clamping (RFC 6121 §4.2, §4.4, §4.5)") {
    Fixture f;
    f.presences.set_own(Show::Away, "reading", 5);
    CHECK(f.session.take_sent().empty());  // not before the session is up
    f.presences.send_initial();
    f.expect_sent({"<presence><show>away</show><status>reading</status><priority>5</priority></presence>"});

    struct Row {
        Show show;
        std::string status;
        int priority;
        const char* xml;
    };
    const Row rows[] = {
        {Show::Online, "", 0, "<presence/>"},
        {Show::Chat, "free", 200, "<presence><show>chat</show><status>free</status><priority>127</priority></presence>"},
        {Show::Xa, "", -300, "<presence><show>xa</show><priority>-128</priority></presence>"},
        {Show::Dnd, std::string("a\0b\x01<c>", 7), 1,
         "<presence><show>dnd</show><status>ab&lt;c&gt;</status><priority>1</priority></presence>"},
        {Show::Offline, "bye", 3, "<presence type='unavailable'><status>bye</status></presence>"},
    };
    for (const Row& r : rows) {
        INFO(r.xml);
        f.presences.set_own(r.show, r.status, r.priority);
        f.expect_sent({r.xml});
    }
    CHECK(f.presences.own_show() == Show::Offline);
    CHECK(f.presences.own_priority() == 3);

    f.presences.set_own(Show::Online, std::string(5000, 'x'));
    CHECK(f.presences.own_status().size() == Presences::kMaxStatusBytes);
    f.session.take_sent();

    f.presences.on_closed();
    f.presences.set_own(Show::Xa, "away for good");
    CHECK(f.session.take_sent().empty());
    f.presences.send_initial();
    f.expect_sent({"<presence><show>xa</show><status>away for good</status></presence>"});
    f.presences.on_closed();
    f.presences.set_own(Show::Offline);
    f.presences.send_initial();
    CHECK(f.session.take_sent().empty());  // nothing to announce
}

TEST_CASE("Contact presence aggregates by priority, then show, across resources (RFC 6121 §4.7)") {
    Fixture f;
    struct Row {
        const char* xml;
        Show aggregate;
        const char* status;
        std::size_t resources;
    };
    const Row rows[] = {
        {"<presence from='romeo@example.net/orchard'/>", Show::Online, "", 1},
        {"<presence from='romeo@example.net/garden'><show>away</show><status>out</status><priority>1</priority></presence>",
         Show::Away, "out", 2},  // higher priority wins over a better show
        {"<presence from='romeo@example.net/orchard'><show>chat</show><priority>1</priority></presence>", Show::Chat, "",
         2},  // equal priority: chat beats away
        {"<presence from='romeo@example.net/phone'><show>dnd</show><status>driving</status><priority>-1</priority></presence>",
         Show::Chat, "", 3},  // negative priority: available, never best here
        {"<presence from='romeo@example.net/orchard' type='unavailable'/>", Show::Away, "out", 2},
        {"<presence from='romeo@example.net/garden' type='unavailable'><status>gone</status></presence>", Show::Dnd,
         "driving", 1},
        {"<presence from='romeo@example.net/nowhere' type='unavailable'/>", Show::Dnd, "driving", 1},
        {"<presence from='romeo@example.net/phone' type='unavailable'/>", Show::Offline, "", 0},
    };
    for (const Row& r : rows) {
        INFO(r.xml);
        CHECK(deliver(f.presences, r.xml));
        CHECK(f.presences.aggregate(jid("romeo@example.net/anything")) == r.aggregate);
        CHECK(f.presences.status(f.romeo) == r.status);
        CHECK(f.presences.resources(f.romeo).size() == r.resources);
        const bool expect_event = std::string_view(r.xml).find("nowhere") == std::string_view::npos;
        CHECK(f.changed() == (expect_event ? std::vector<Jid>{f.romeo} : std::vector<Jid>{}));
    }
}

TEST_CASE("Presence show ranks break priority ties: chat > online > away > xa > dnd, then the latest") {
    struct Row {
        const char* first;
        const char* second;
        Show best;
    };
    const Row rows[] = {
        {"<show>chat</show>", "", Show::Chat},
        {"", "<show>away</show>", Show::Online},
        {"<show>xa</show>", "<show>away</show>", Show::Away},
        {"<show>dnd</show>", "<show>xa</show>", Show::Xa},
        {"<show>dnd</show>", "<show>dnd</show>", Show::Dnd},
    };
    for (const Row& r : rows) {
        INFO(r.first, " / ", r.second);
        for (bool swap : {false, true}) {
            Fixture f;
            const char* a = swap ? r.second : r.first;
            const char* b = swap ? r.first : r.second;
            deliver(f.presences, std::string("<presence from='romeo@example.net/a'>") + a + "</presence>");
            deliver(f.presences, std::string("<presence from='romeo@example.net/b'>") + b + "</presence>");
            CHECK(f.presences.aggregate(f.romeo) == r.best);
        }
    }
    Fixture f;  // same priority and show: the most recent presence wins
    deliver(f.presences, "<presence from='romeo@example.net/a'><status>A</status></presence>");
    deliver(f.presences, "<presence from='romeo@example.net/b'><status>B</status></presence>");
    CHECK(f.presences.status(f.romeo) == "B");
    deliver(f.presences, "<presence from='romeo@example.net/a'><status>A2</status></presence>");
    CHECK(f.presences.status(f.romeo) == "A2");
    CHECK(f.presences.resources(f.romeo)[1].resource == "b");
}

TEST_CASE("Hostile presence: priorities, shows, invalid from, huge status, resource floods") {
    Fixture f;
    struct Row {
        const char* priority;
        int expected;
    };
    const Row priorities[] = {{"abc", 0}, {"99999", 127}, {"-99999", -128}, {" 5 ", 5}, {"+7", 7}, {"-0", 0},
                              {"1.5", 0}, {"", 0},       {"-", 0},         {"127", 127}, {"-128", -128},
                              {"99999999999999999999999", 127}};
    for (const Row& r : priorities) {
        INFO(r.priority);
        CHECK(f.only(std::string("<priority>") + r.priority + "</priority>").priority == r.expected);
    }
    CHECK(f.only("<show>sleeping</show>").show == Show::Online);
    CHECK(f.only("<show>away</show><show>dnd</show>").show == Show::Dnd);  // the last one read
    CHECK(f.only("<show xmlns='urn:other'>dnd</show>").show == Show::Online);
    CHECK(f.only("<status xml:lang='fr'>parti</status><status>gone</status>").status == "gone");
    CHECK(f.only("<status xml:lang='fr'>parti</status>").status == "parti");
    CHECK(f.only("<status>" + std::string(10000, 'x') + "</status>").status.size() == Presences::kMaxStatusBytes);
    std::string euros;
    for (int i = 0; i < 1000; ++i) euros += "\xE2\x82\xAC";  // 3000 bytes of U+20AC
    CHECK(f.only("<status>" + euros + "</status>").status == euros.substr(0, 1023));
    CHECK(f.only("<status>&lt;b&gt;%s{}</status>").status == "<b>%s{}");  // kept as data

    f.presences.on_closed();
    f.session.take_events();
    CHECK_FALSE(deliver(f.presences, "<presence from='bad jid@example.net/r'/>"));
    CHECK_FALSE(deliver(f.presences, "<presence from='romeo@example.net/r' to='@'/>"));
    CHECK_FALSE(deliver(f.presences, "<presence/>"));
    CHECK(f.session.events.empty());

    for (int i = 0; i < 100; ++i)
        deliver(f.presences, "<presence from='romeo@example.net/r" + std::to_string(i) + "'/>");
    const auto rs = f.presences.resources(f.romeo);
    CHECK(rs.size() == Presences::kMaxResources);
    CHECK(rs.front().resource == "r99");
    CHECK(rs.back().resource == "r68");
}

TEST_CASE("Presence types other modules own, repeats, errors and bare-JID unavailable") {
    Fixture f;
    for (const char* type : {"subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe"}) {
        INFO(type);
        CHECK_FALSE(deliver(f.presences, std::string("<presence from='romeo@example.net' type='") + type + "'/>"));
    }
    CHECK_FALSE(deliver(f.presences, "<presence from='room@muc.example/romeo'>"
                                     "<x xmlns='http://jabber.org/protocol/muc#user'><item role='participant'/></x></presence>"));
    CHECK(f.session.events.empty());

    deliver(f.presences, "<presence from='romeo@example.net/a'><show>away</show></presence>");
    deliver(f.presences, "<presence from='romeo@example.net/b'/>");
    f.session.take_events();
    deliver(f.presences, "<presence from='romeo@example.net/a'><show>away</show></presence>");
    CHECK(f.changed().empty());  // a repeat of what we know
    deliver(f.presences, "<presence from='romeo@example.net/a'><show>xa</show></presence>");
    CHECK(f.changed() == std::vector<Jid>{f.romeo});

    CHECK(deliver(f.presences, "<presence from='romeo@example.net' type='error'><error type='cancel'>"
                               "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
    REQUIRE(f.presences.error(f.romeo));
    CHECK(f.presences.error(f.romeo)->condition == "remote-server-not-found");
    CHECK(f.changed() == std::vector<Jid>{f.romeo});
    CHECK(deliver(f.presences, "<presence from='romeo@example.net' type='unavailable'/>"));  // all resources
    CHECK(f.presences.aggregate(f.romeo) == Show::Offline);
    CHECK(f.presences.error(f.romeo) != nullptr);  // still shown
    deliver(f.presences, "<presence from='romeo@example.net/a'/>");
    CHECK(f.presences.error(f.romeo) == nullptr);
    CHECK(f.presences.aggregate(f.romeo) == Show::Online);
    CHECK(f.presences.error(jid("nobody@example.net")) == nullptr);
    CHECK(f.presences.status(jid("nobody@example.net")).empty());
}

TEST_CASE("Presence of our other resources is tracked apart; our own echo is ignored; close clears everyone") {
    Fixture f;
    CHECK(deliver(f.presences, "<presence from='juliet@example.com/balcony'><show>away</show></presence>"));
    CHECK(f.presences.own_resources().empty());
    CHECK(f.session.events.empty());
    CHECK(deliver(f.presences, "<presence from='juliet@example.com/chamber'><show>dnd</show><priority>-1</priority></presence>"));
    REQUIRE(f.presences.own_resources().size() == 1);
    CHECK(f.presences.own_resources()[0] == ResourcePresence{"chamber", Show::Dnd, "", -1});
    CHECK(f.presences.aggregate(jid("juliet@example.com")) == Show::Offline);  // not a contact
    CHECK(f.changed() == std::vector<Jid>{jid("juliet@example.com")});

    deliver(f.presences, "<presence from='romeo@example.net/orchard'/>");
    deliver(f.presences, "<presence from='nurse@example.com/kitchen'/>");
    f.session.take_events();
    f.presences.on_closed();
    CHECK(f.presences.aggregate(f.romeo) == Show::Offline);
    CHECK(f.presences.resources(jid("nurse@example.com")).empty());
    CHECK(f.presences.own_resources().empty());
    CHECK(f.changed() == std::vector<Jid>{jid("nurse@example.com"), f.romeo, jid("juliet@example.com")});
    CHECK(std::string(to_string(Show::Xa)) == "xa");
    CHECK(std::string(to_string(Show::Offline)) == "offline");
}
