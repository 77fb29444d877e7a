// RFC 6121 §2-3: roster items, get/set/push, versioning, push security, subscriptions.
#include "xmpp/roster.h"

#include "fake_session.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;
using xmpp::test::deliver;

using xmpp::test::jid;

namespace {

struct Fixture {
    test::FakeSession session;
    Roster roster{session};

    void expect_sent(std::initializer_list<const char*> expected) { test::expect_sent(session, expected); }
    // Every bare JID named by RosterChanged events since the last call.
    std::vector<Jid> changed() {
        std::vector<Jid> out;
        for (const Event& e : session.take_events())
            if (const auto* c = std::get_if<RosterChanged>(&e)) out.insert(out.end(), c->jids.begin(), c->jids.end());
        return out;
    }
    RosterItem item(std::string_view bare) {
        const RosterItem* i = roster.find(jid(bare));
        REQUIRE_MESSAGE(i, "no roster item for " << bare);
        return *i;
    }
};

std::optional<RosterItem> parse_item(std::string_view item_xml) {
    const FrameResult f = parse_frame("<query xmlns='jabber:iq:roster'>" + std::string(item_xml) + "</query>");
    REQUIRE_MESSAGE(f.ok(), f.message);
    return RosterItem::parse(f.frame.root().first_child());
}

std::string written(const RosterItem& item) {
    pugi::xml_document doc;
    pugi::xml_node query = doc.append_child("query");
    query.append_attribute("xmlns") = "jabber:iq:roster";
    item.write(query);
    return to_xml(query);
}

const char* kPushRomeoBoth =
    "<iq type='set' id='p1'><query xmlns='jabber:iq:roster' ver='v2'>"
    "<item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item></query></iq>";

}  // namespace

TEST_CASE("RosterItem::parse reads good items and survives hostile rows") {
    std::string long_name;
    for (int i = 0; i < 3000; ++i) long_name += "\xE2\x82\xAC";  // U+20AC, 3 bytes
    for (const char* bad : {"<item name='x'/>", "<item jid=''/>", "<item jid='ro meo@example.net'/>",
                            "<item jid='@example.net'/>", "<item jid='romeo@example.net/orchard'/>"}) {
        INFO(bad);  // no jid, empty, invalid, empty localpart, a full JID
        CHECK(parse_item(bad) == std::nullopt);
    }
    struct Row {
        std::string name, xml;
        Subscription sub;
        std::vector<std::string> groups;
    };
    const Row rows[] = {
        {"full", "<item jid='Romeo@Example.net' name='Romeo' subscription='both'><group>A</group></item>",
         Subscription::Both, {"A"}},
        {"unknown subscription", "<item jid='a@b.example' subscription='bogus'/>", Subscription::None, {}},
        {"case matters", "<item jid='a@b.example' subscription='Both'/>", Subscription::None, {}},
        {"remove reads as none", "<item jid='a@b.example' subscription='remove'/>", Subscription::None, {}},
        {"duplicate groups", "<item jid='a@b.example'><group>G</group><group>H</group><group>G</group></item>",
         Subscription::None, {"G", "H"}},
        {"empty groups", "<item jid='a@b.example'><group/><group></group><group>G</group></item>",
         Subscription::None, {"G"}},
        {"foreign group", "<item jid='a@b.example'><group xmlns='urn:other'>X</group></item>", Subscription::None, {}},
        {"huge name", "<item jid='a@b.example' name='" + long_name + "'/>", Subscription::None, {}},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        const std::optional<RosterItem> item = parse_item(r.xml);
        REQUIRE(item);
        CHECK(item->jid.is_bare());
        CHECK(item->subscription == r.sub);
        CHECK(item->groups == r.groups);
        CHECK(item->name.size() <= RosterItem::kMaxTextBytes);
        // Round trip: what we write parses back to the same item.
        const FrameResult f = parse_frame(written(*item));
        REQUIRE(f.ok());
        CHECK(RosterItem::parse(f.frame.root().first_child()) == item);
    }
    CHECK(parse_item("<item jid='a@b.example' name='" + long_name + "'/>")->name.size() == 1023);
    CHECK(RosterItem::parse(parse_frame("<item jid='a@b.example'/>").frame.root()) == std::nullopt);  // no namespace
}

TEST_CASE("RosterItem flags and write") {
    auto item = parse_item("<item jid='nurse@example.com' subscription='from' ask='subscribe' approved='1'/>");
    REQUIRE(item);
    CHECK(item->ask_subscribe);
    CHECK(item->approved);
    CHECK_FALSE(parse_item("<item jid='a@b.example' ask='unsubscribe' approved='yes'/>")->ask_subscribe);
    CHECK_FALSE(parse_item("<item jid='a@b.example' approved='yes'/>")->approved);
    CHECK_XML(written(*item), "<query xmlns='jabber:iq:roster'><item jid='nurse@example.com' subscription='from' "
                              "ask='subscribe' approved='true'/></query>");
    RosterItem r{jid("romeo@example.net"), "Romeo & \"co\"", {"Friends", "", "Verona"}, Subscription::Both, false, false};
    CHECK_XML(written(r), "<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' name='Romeo &amp; &quot;co&quot;' "
                          "subscription='both'><group>Friends</group><group>Verona</group></item></query>");
}

TEST_CASE("Roster request: full result, errors keep the cache") {
    Fixture f;
    f.roster.request();
    f.expect_sent({"<iq type='get' id='id1'><query xmlns='jabber:iq:roster'/></iq>"});
    CHECK(f.session.answer("id1", "<iq type='result' id='id1'><query xmlns='jabber:iq:roster'>"
                                  "<item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
                                  "<item jid='nurse@example.com' subscription='from' ask='subscribe'/>"
                                  "<item jid='bad jid@example.com'/><item jid='x@example.com/res'/></query></iq>"));
    CHECK(f.roster.items().size() == 2);
    CHECK(f.item("romeo@example.net").groups == std::vector<std::string>{"Friends"});
    CHECK(f.item("nurse@example.com").ask_subscribe);
    CHECK(f.changed() == std::vector<Jid>{jid("nurse@example.com"), jid("romeo@example.net")});
    CHECK(f.roster.version().empty());

    f.roster.request();
    f.expect_sent({"<iq type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>"});
    CHECK_FALSE(f.session.answer("id2", "<iq type='result' id='id2' from='mallory@evil.example'/>"));  // spoofed
    CHECK(f.session.answer("id2", "<iq type='error' id='id2'><error type='wait'>"
                                  "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    f.roster.request();
    f.session.advance(30000);  // timeout
    CHECK(f.roster.items().size() == 2);
    CHECK(f.changed().empty());
}

TEST_CASE("Roster versioning (RFC 6121 §2.6)") {
    Fixture f;
    const FrameResult features = parse_frame("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                                             "<ver xmlns='urn:xmpp:features:rosterver'/></stream:features>");
    f.roster.read_features(features.frame.root());
    CHECK(f.roster.versioning_supported());
    CHECK_FALSE(f.roster.preapproval_supported());

    SUBCASE("nothing cached: ver='' bootstraps, the result's ver is kept") {
        f.roster.request();
        f.expect_sent({"<iq type='get' id='id1'><query xmlns='jabber:iq:roster' ver=''/></iq>"});
        f.session.answer("id1", "<iq type='result' id='id1'><query xmlns='jabber:iq:roster' ver='v1'/></iq>");
        CHECK(f.roster.version() == "v1");
        CHECK(f.roster.items().empty());
    }
    SUBCASE("cached: an empty result means unchanged, then pushes update") {
        f.roster.restore("v7", {RosterItem{jid("romeo@example.net"), "Romeo", {}, Subscription::Both, false, false}});
        CHECK(f.changed() == std::vector<Jid>{jid("romeo@example.net")});
        f.roster.request();
        f.expect_sent({"<iq type='get' id='id1'><query xmlns='jabber:iq:roster' ver='v7'/></iq>"});
        CHECK(f.session.answer("id1", "<iq type='result' id='id1'/>"));
        CHECK(f.roster.items().size() == 1);
        CHECK(f.roster.version() == "v7");
        CHECK(f.changed().empty());
        CHECK(deliver(f.roster, "<iq type='set' id='p1'><query xmlns='jabber:iq:roster' ver='v8'>"
                                "<item jid='nurse@example.com' subscription='none'/></query></iq>"));
        CHECK(f.roster.version() == "v8");
        CHECK(f.roster.items().size() == 2);
    }
    SUBCASE("cached: a full result replaces the cache") {
        f.roster.restore("v7", {RosterItem{jid("romeo@example.net"), "Romeo", {}, Subscription::Both, false, false}});
        f.changed();
        f.roster.request();
        f.session.take_sent();
        f.session.answer("id1", "<iq type='result' id='id1'><query xmlns='jabber:iq:roster' ver='v9'>"
                                "<item jid='nurse@example.com'/></query></iq>");
        CHECK(f.roster.version() == "v9");
        CHECK(f.roster.find(jid("romeo@example.net")) == nullptr);
        CHECK(f.changed() == std::vector<Jid>{jid("romeo@example.net"), jid("nurse@example.com")});
    }
    SUBCASE("a new stream forgets the feature") {
        f.roster.on_closed();
        f.roster.restore("v7", {});
        f.roster.request();
        f.expect_sent({"<iq type='get' id='id1'><query xmlns='jabber:iq:roster'/></iq>"});
    }
}

TEST_CASE("Roster push security (RFC 6121 §2.1.6, CVE-2017-5589)") {
    Fixture f;
    SUBCASE("no from: accepted and answered") {
        CHECK(deliver(f.roster, kPushRomeoBoth));
        f.expect_sent({"<iq type='result' id='p1'/>"});
        CHECK(f.item("romeo@example.net").subscription == Subscription::Both);
        CHECK(f.roster.version() == "v2");
        CHECK(f.changed() == std::vector<Jid>{jid("romeo@example.net")});
    }
    SUBCASE("from our bare JID: accepted") {
        CHECK(deliver(f.roster, "<iq from='Juliet@example.com' type='set' id='p2'><query xmlns='jabber:iq:roster'>"
                                "<item jid='romeo@example.net'/></query></iq>"));
        f.expect_sent({"<iq type='result' id='p2' to='juliet@example.com'/>"});
        CHECK(f.roster.items().size() == 1);
    }
    SUBCASE("anyone else: ignored, state unchanged") {
        CHECK(deliver(f.roster, kPushRomeoBoth));
        f.session.take_sent();
        f.changed();
        const std::map<Jid, RosterItem> before = f.roster.items();
        // Contacts, our own full JIDs (§2.1.6 wants the bare one), our server, a lookalike.
        const char* foreign[] = {"romeo@example.net", "romeo@example.net/orchard", "juliet@example.com/balcony",
                                 "juliet@example.com/chamber", "example.com", "juliet@example.com.evil.example"};
        for (const char* from : foreign) {
            INFO(from);
            const std::string push = std::string("<iq type='set' id='evil' from='") + from +
                                     "'><query xmlns='jabber:iq:roster' ver='evil'><item jid='romeo@example.net' "
                                     "subscription='remove'/></query></iq>";
            CHECK_FALSE(deliver(f.roster, push));  // the client answers it as an unknown IQ
            CHECK(f.session.take_sent().empty());
            CHECK(f.roster.items() == before);
            CHECK(f.roster.version() == "v2");
            CHECK(f.changed().empty());
        }
    }
    CHECK_FALSE(deliver(f.roster, "<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>"));
    CHECK_FALSE(deliver(f.roster, "<iq type='set' id='x'><query xmlns='jabber:iq:private'/></iq>"));
}

TEST_CASE("Roster pushes with other than one valid item are refused with bad-request") {
    Fixture f;
    const char* bad[] = {
        "<query xmlns='jabber:iq:roster' ver='v9'><item jid='a@example.net'/><item jid='b@example.net'/></query>",
        "<query xmlns='jabber:iq:roster' ver='v9'/>",
        "<query xmlns='jabber:iq:roster' ver='v9'><item jid='a b@example.net'/></query>",
        "<query xmlns='jabber:iq:roster' ver='v9'><item jid='a@example.net/r' subscription='remove'/></query>",
    };
    for (const char* q : bad) {
        INFO(q);
        CHECK(deliver(f.roster, std::string("<iq type='set' id='p'>") + q + "</iq>"));
        f.expect_sent({"<iq type='error' id='p'><error type='modify'>"
                       "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"});
        CHECK(f.roster.items().empty());
        CHECK(f.roster.version().empty());
    }
}

TEST_CASE("Roster subscription lifecycle: add, approval, their request, accept, remove (RFC 6121 §3)") {
    Fixture f;
    const Jid romeo = jid("romeo@example.net");
    REQUIRE(f.roster.add(jid("Romeo@example.net/orchard"), "Romeo", {"Friends", "Friends", ""}));
    f.expect_sent({"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' name='Romeo'>"
                   "<group>Friends</group></item></query></iq>",
                   "<presence id='id2' to='romeo@example.net' type='subscribe'/>"});
    CHECK(f.session.answer("id1", "<iq type='result' id='id1'/>"));
    CHECK(deliver(f.roster, "<iq type='set' id='p1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                            "name='Romeo' subscription='none' ask='subscribe'><group>Friends</group></item></query></iq>"));
    f.session.take_sent();
    CHECK(f.item("romeo@example.net").ask_subscribe);

    // §3.1.5: romeo approves; the presence only refreshes, the push changes state.
    CHECK(deliver(f.roster, "<presence from='romeo@example.net' to='juliet@example.com' type='subscribed' id='s1'/>"));
    CHECK(f.item("romeo@example.net").ask_subscribe);
    f.changed();
    CHECK(deliver(f.roster, "<iq type='set' id='p2'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                            "name='Romeo' subscription='to'><group>Friends</group></item></query></iq>"));
    f.session.take_sent();
    CHECK(f.item("romeo@example.net").subscription == Subscription::To);
    CHECK_FALSE(f.item("romeo@example.net").ask_subscribe);

    // §3.1.3: romeo asks back; we accept, and need not subscribe again.
    f.changed();
    CHECK(deliver(f.roster, "<presence from='romeo@example.net/orchard' type='subscribe'><status>hi</status></presence>"));
    REQUIRE(f.roster.pending_requests().size() == 1);
    CHECK(f.roster.pending_requests()[0] == SubscriptionRequestInfo{romeo, "hi"});
    const auto requests = f.session.events_of<SubscriptionRequest>();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].from == romeo);
    CHECK(requests[0].status == "hi");
    f.session.take_events();
    REQUIRE(f.roster.accept(romeo));
    f.expect_sent({"<presence id='id3' to='romeo@example.net' type='subscribed'/>"});
    CHECK(f.roster.pending_requests().empty());
    CHECK(f.changed() == std::vector<Jid>{romeo});
    CHECK(deliver(f.roster, "<iq type='set' id='p3'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                            "name='Romeo' subscription='both'><group>Friends</group></item></query></iq>"));
    f.session.take_sent();
    CHECK(f.item("romeo@example.net").subscription == Subscription::Both);

    // §2.5: remove; the item goes only when the server pushes the removal.
    REQUIRE(f.roster.remove(romeo));
    f.expect_sent({"<iq type='set' id='id4'><query xmlns='jabber:iq:roster'>"
                   "<item jid='romeo@example.net' subscription='remove'/></query></iq>"});
    CHECK(f.roster.find(romeo) != nullptr);
    f.changed();
    CHECK(deliver(f.roster, "<iq type='set' id='p4'><query xmlns='jabber:iq:roster'>"
                            "<item jid='romeo@example.net' subscription='remove'/></query></iq>"));
    f.expect_sent({"<iq type='result' id='p4'/>"});
    CHECK(f.roster.find(romeo) == nullptr);
    CHECK(f.changed() == std::vector<Jid>{romeo});
}

TEST_CASE("Roster: incoming subscription requests: accept a stranger, decline, withdraw, repeats, hostile senders") {
    Fixture f;
    const Jid nurse = jid("nurse@example.com");
    CHECK(deliver(f.roster, "<presence from='nurse@example.com' type='subscribe'/>"));
    CHECK(deliver(f.roster, "<presence from='nurse@example.com' type='subscribe'><status>again</status></presence>"));
    CHECK(f.session.events_of<SubscriptionRequest>().size() == 1);  // a repeat does not prompt twice
    REQUIRE(f.roster.pending_requests().size() == 1);
    CHECK(f.roster.pending_requests()[0].status == "again");

    SUBCASE("accept someone not in the roster: subscribed and subscribe back") {
        REQUIRE(f.roster.accept(nurse));
        f.expect_sent({"<presence id='id1' to='nurse@example.com' type='subscribed'/>",
                       "<presence id='id2' to='nurse@example.com' type='subscribe'/>"});
    }
    SUBCASE("decline") {
        REQUIRE(f.roster.decline(jid("nurse@example.com/chamber")));
        f.expect_sent({"<presence id='id1' to='nurse@example.com' type='unsubscribed'/>"});
        CHECK(f.roster.pending_requests().empty());
    }
    SUBCASE("they withdraw it") {
        CHECK(deliver(f.roster, "<presence from='nurse@example.com' type='unsubscribe'/>"));
        CHECK(f.roster.pending_requests().empty());
    }
    SUBCASE("approved from another of our clients: the push settles it") {
        CHECK(deliver(f.roster, "<iq type='set' id='p'><query xmlns='jabber:iq:roster'>"
                                "<item jid='nurse@example.com' subscription='from'/></query></iq>"));
        CHECK(f.roster.pending_requests().empty());
    }
    SUBCASE("a new stream: the server will redeliver it") {
        f.roster.on_closed();
        CHECK(f.roster.pending_requests().empty());
    }
    SUBCASE("hostile or pointless senders") {
        f.session.take_events();
        CHECK(deliver(f.roster, "<presence from='juliet@example.com/chamber' type='subscribe'/>"));
        CHECK(deliver(f.roster, "<presence from='juliet@example.com' type='subscribe'/>"));
        CHECK(deliver(f.roster, "<presence type='subscribe'/>"));
        CHECK_FALSE(deliver(f.roster, "<presence from='bad jid@example.com' type='subscribe'/>"));  // dropped
        CHECK(f.session.events.empty());
        CHECK(f.roster.pending_requests().size() == 1);
        CHECK_FALSE(deliver(f.roster, "<presence from='nurse@example.com'/>"));  // available: not ours
        CHECK_FALSE(deliver(f.roster, "<presence from='nurse@example.com' type='probe'/>"));
    }
}

TEST_CASE("Roster subscription commands: update, unsubscribe, pre-approval (RFC 6121 §2.4, §3.3, §3.4)") {
    Fixture f;
    const Jid tybalt = jid("tybalt@example.org");
    REQUIRE(f.roster.update(tybalt, "Tybalt <Capulet>", {"Enemies", "", "Enemies", "Verona"}));
    f.expect_sent({"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='tybalt@example.org' "
                   "name='Tybalt &lt;Capulet&gt;'><group>Enemies</group><group>Verona</group></item></query></iq>"});
    REQUIRE(f.roster.unsubscribe(tybalt));
    f.expect_sent({"<presence id='id2' to='tybalt@example.org' type='unsubscribe'/>"});

    CHECK_FALSE(f.roster.preapprove(tybalt));  // not advertised
    CHECK(f.session.take_sent().empty());
    f.roster.set_preapproval_supported(true);
    REQUIRE(f.roster.preapprove(tybalt));
    f.expect_sent({"<presence id='id3' to='tybalt@example.org' type='subscribed'/>"});
    CHECK(deliver(f.roster, "<iq type='set' id='p'><query xmlns='jabber:iq:roster'>"
                            "<item jid='tybalt@example.org' subscription='none' approved='true'/></query></iq>"));
    f.session.take_sent();
    CHECK(f.item("tybalt@example.org").approved);
    // The user already said yes: answer for them instead of prompting.
    f.session.take_events();
    CHECK(deliver(f.roster, "<presence from='tybalt@example.org' type='subscribe'/>"));
    f.expect_sent({"<presence id='id4' to='tybalt@example.org' type='subscribed'/>"});
    CHECK(f.roster.pending_requests().empty());
    CHECK(f.session.events.empty());

    // Commands on an empty JID send nothing.
    const Jid none;
    CHECK_FALSE((f.roster.add(none, "x") || f.roster.update(none, "x", {}) || f.roster.remove(none)));
    CHECK_FALSE((f.roster.accept(none) || f.roster.decline(none) || f.roster.unsubscribe(none) || f.roster.preapprove(none)));
    CHECK(f.session.take_sent().empty());
}

TEST_CASE("Roster add when already subscribed sends only the roster set; done reports the server's answer") {
    Fixture f;
    f.roster.restore("", {RosterItem{jid("romeo@example.net"), "", {}, Subscription::To, false, false}});
    std::string condition;
    REQUIRE(f.roster.add(jid("romeo@example.net"), "R", {}, [&](const IqResponse& r) { condition = r.error.condition; }));
    f.expect_sent({"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' name='R'/>"
                   "</query></iq>"});
    CHECK(f.session.answer("id1", "<iq type='error' id='id1'><error type='modify'>"
                                  "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    CHECK(condition == "not-acceptable");
}
