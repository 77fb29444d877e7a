// The contact list view model: grouping, sorting, filtering, pending states, unread counts.
#include "app/roster_view.h"

#include "../xmpp/fake_session.h"

#include <doctest/doctest.h>

using xmpp::test::deliver;
using xmpp::test::jid;

namespace {

struct Fixture {
    xmpp::test::FakeSession session;
    xmpp::Roster roster{session};
    xmpp::Presences presences{session};
    app::Chats chats;

    void push(const std::string& item) {
        REQUIRE(deliver(roster, "<iq xmlns='jabber:client' type='set' id='p'><query xmlns='jabber:iq:roster'>" + item +
                                    "</query></iq>"));
    }
    void available(const std::string& from, const std::string& show = "") {
        std::string s = show.empty() ? "" : "<show>" + show + "</show>";
        REQUIRE(deliver(presences, "<presence xmlns='jabber:client' from='" + from + "'>" + s + "</presence>"));
    }
    app::RosterView view(const std::string& filter = "") { return build_roster_view(roster, presences, chats, filter); }
};

std::vector<std::string> names(const app::ContactGroup& g) {
    std::vector<std::string> out;
    for (const app::ContactRow& r : g.rows) out.push_back(r.name);
    return out;
}

}  // namespace

TEST_CASE("groups sorted by name, ungrouped last; a contact in two groups shows in both") {
    Fixture f;
    f.push("<item jid='a@x' name='Anna' subscription='both'><group>Lavoro</group><group>amici</group></item>");
    f.push("<item jid='b@x' name='Bruno' subscription='both'><group>Lavoro</group></item>");
    f.push("<item jid='c@x' subscription='both'/>");
    app::RosterView v = f.view();
    REQUIRE(v.groups.size() == 3);
    CHECK(v.groups[0].name == "amici");
    CHECK(v.groups[1].name == "Lavoro");
    CHECK(v.groups[2].name == "");
    CHECK(names(v.groups[1]) == std::vector<std::string>{"Anna", "Bruno"});
    CHECK(names(v.groups[2]) == std::vector<std::string>{"c@x"});  // no name: the address
    CHECK(v.contacts == 3);
    CHECK(v.names.at(jid("a@x")) == "Anna");
}

TEST_CASE("online contacts first, then by name case-insensitively; counts of online") {
    Fixture f;
    for (const char* item : {"<item jid='z@x' name='zeta' subscription='both'/>", "<item jid='a@x' name='Alfa' subscription='both'/>",
                             "<item jid='m@x' name='mu' subscription='both'/>", "<item jid='b@x' name='beta' subscription='both'/>"})
        f.push(item);
    f.available("z@x/phone");
    f.available("m@x/pc", "dnd");
    app::RosterView v = f.view();
    REQUIRE(v.groups.size() == 1);
    CHECK(names(v.groups[0]) == std::vector<std::string>{"mu", "zeta", "Alfa", "beta"});
    CHECK(v.groups[0].online == 2);
    CHECK(v.groups[0].rows[0].presence == xmpp::Show::Dnd);
    CHECK(v.groups[0].rows[2].presence == xmpp::Show::Offline);
}

TEST_CASE("pending: asked and not yet subscribed; not clickable until they accept") {
    Fixture f;
    f.push("<item jid='p@x' name='Pia' subscription='none' ask='subscribe'/>");
    f.push("<item jid='q@x' name='Quirino' subscription='from' ask='subscribe'/>");
    f.push("<item jid='r@x' name='Rita' subscription='to'/>");
    app::RosterView v = f.view();
    REQUIRE(v.groups.size() == 1);
    const auto& rows = v.groups[0].rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "Pia");
    CHECK(rows[0].pending);
    CHECK_FALSE(rows[0].can_chat);
    CHECK(rows[1].pending);
    CHECK_FALSE(rows[2].pending);
    CHECK(rows[2].can_chat);
    // They accept: the server pushes subscription='to'.
    f.push("<item jid='p@x' name='Pia' subscription='to'/>");
    CHECK_FALSE(f.view().groups[0].rows[0].pending);
}

TEST_CASE("the filter matches name or address, case-insensitively; totals stay") {
    Fixture f;
    f.push("<item jid='giulietta@verona.it' name='Giulietta' subscription='both'/>");
    f.push("<item jid='romeo@verona.it' name='Romeo' subscription='both'/>");
    f.push("<item jid='mercuzio@mantova.it' subscription='both'/>");
    CHECK(f.view("GIU").groups.at(0).rows.size() == 1);
    CHECK(f.view("verona").groups.at(0).rows.size() == 2);
    CHECK(f.view("mantova").groups.at(0).rows.at(0).name == "mercuzio@mantova.it");
    CHECK(f.view("nessuno").groups.empty());
    CHECK(f.view("nessuno").contacts == 3);
}

TEST_CASE("incoming requests are listed; unread counts come from the chats") {
    Fixture f;
    f.push("<item jid='a@x' name='Anna' subscription='both'/>");
    REQUIRE(deliver(f.roster, "<presence xmlns='jabber:client' from='b@x' type='subscribe'/>"));
    xmpp::Message m;
    m.type = "chat";
    m.from = jid("a@x/phone");
    m.body = "ciao";
    f.chats.apply(xmpp::MessageReceived{m}, 0);
    f.chats.apply(xmpp::MessageReceived{m}, 0);
    app::RosterView v = f.view();
    REQUIRE(v.requests.size() == 1);
    CHECK(v.requests[0].from == jid("b@x"));
    CHECK(v.groups.at(0).rows.at(0).unread == 2);
}

TEST_CASE("5,000 contacts: every one is listed once, sorted") {
    Fixture f;
    for (int i = 0; i < 5000; ++i)
        f.push("<item jid='c" + std::to_string(i) + "@x' name='Contact " + std::to_string(10000 + i) +
               "' subscription='both'/>");
    for (int i = 0; i < 1000; ++i) f.available("c" + std::to_string(i * 5) + "@x/r");
    app::RosterView v = f.view();
    REQUIRE(v.groups.size() == 1);
    CHECK(v.groups[0].rows.size() == 5000);
    CHECK(v.groups[0].online == 1000);
    CHECK(v.groups[0].rows[0].name == "Contact 10000");
    CHECK(v.groups[0].rows[999].presence != xmpp::Show::Offline);
    CHECK(v.groups[0].rows[1000].presence == xmpp::Show::Offline);
}
