// XEP-0313 Message Archive Management with XEP-0059 paging: the query XML, results collected
// only from the archive asked and for our own queryids (sender impersonation), the <fin/>
// of a page, errors and caps; and through a whole Client, that results never reach Chat or
// Muc as live messages.
// [SECTION] Harness  [SECTION] Queries  [SECTION] Results and pages  [SECTION] Spoofing and caps
// [SECTION] Support  [SECTION] Through the client
#include "xmpp/mam.h"

#include "xmpp/chat.h"
#include "xmpp/client.h"
#include "xmpp/muc.h"

#include "fake_session.h"
#include "logged_in_client.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <set>
#include <string>

using namespace xmpp;
using xmpp::test::deliver;
using xmpp::test::jid;

namespace {

// [SECTION] Harness

constexpr const char* kRoom = "coven@chat.shakespeare.lit";
constexpr Millis kStamp1 = 1278803305000;  // 2010-07-10T23:08:25Z
constexpr Millis kStamp2 = 1278803372000;  // 2010-07-10T23:09:32Z

// A result message: <message from=outer><result queryid id><forwarded><delay/>inner</forwarded></result></message>
std::string result(std::string_view queryid, std::string_view archive_id, std::string_view inner,
                   std::string_view outer_from = {}, std::string_view stamp = "2010-07-10T23:08:25Z") {
    std::string out = "<message xmlns='jabber:client' to='juliet@example.com/balcony' id='r-" + std::string(archive_id) + "'";
    if (!outer_from.empty()) out += " from='" + std::string(outer_from) + "'";
    out += "><result xmlns='urn:xmpp:mam:2' queryid='" + std::string(queryid) + "' id='" + std::string(archive_id) +
           "'><forwarded xmlns='urn:xmpp:forward:0'>";
    if (!stamp.empty()) out += "<delay xmlns='urn:xmpp:delay' stamp='" + std::string(stamp) + "'/>";
    return out + std::string(inner) + "</forwarded></result></message>";
}

std::string chat(std::string_view from, std::string_view to, std::string_view body, std::string_view extra = {}) {
    return "<message xmlns='jabber:client' from='" + std::string(from) + "' to='" + std::string(to) +
           "' type='chat' id='m-" + std::string(body) + "'><body>" + std::string(body) + "</body>" +
           std::string(extra) + "</message>";
}

std::string fin(std::string_view id, std::string_view attrs, std::string_view set_inner, std::string_view from = {}) {
    std::string out = "<iq type='result' id='" + std::string(id) + "'";
    if (!from.empty()) out += " from='" + std::string(from) + "'";
    return out + "><fin xmlns='urn:xmpp:mam:2' " + std::string(attrs) +
           "><set xmlns='http://jabber.org/protocol/rsm'>" + std::string(set_inner) + "</set></fin></iq>";
}

// One line per archived message.
std::string describe(const MamPage& p) {
    std::string out;
    for (const ArchivedMessage& a : p.messages) {
        if (!out.empty()) out += "; ";
        out += a.archive_id + " @" + std::to_string(a.stamp) + (a.outgoing ? " out " : " in ") + a.message.type + " " +
               a.message.from.full() + " -> " + a.message.to.full() + (a.nick.empty() ? "" : " [" + a.nick + "]") +
               ": " + a.message.body;
    }
    return out;
}

struct Fixture {
    test::FakeSession session;  // juliet@example.com/balcony; ids id1, id2, ...
    std::set<std::string> features;
    Mam mam{session, [this](std::string_view f) { return features.count(std::string(f)) > 0; }};
    std::vector<MamPage> pages;

    MamCallback collect() {
        return [this](MamPage p) { pages.push_back(std::move(p)); };
    }
    std::string only_sent() {
        const std::vector<std::string> sent = session.take_sent();
        REQUIRE_MESSAGE(sent.size() == 1, "expected one frame, got " << sent.size());
        return sent.front();
    }
    void take(const std::string& xml) { CHECK_MESSAGE(deliver(mam, xml), xml); }
    const MamPage& page() {
        REQUIRE(pages.size() == 1);
        return pages.front();
    }
};

constexpr const char* kFormOnly =
    "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field></x>";

}  // namespace

// [SECTION] Queries

TEST_CASE("query: our own archive, no 'to', form and RSM <max/>") {
    Fixture f;
    CHECK(f.mam.query(std::nullopt, {}, f.collect()) == "id1");
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id2'><query xmlns='urn:xmpp:mam:2' queryid='id1'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set></query></iq>");
    CHECK(f.mam.queries_in_flight() == 1);
    // Our own bare JID named explicitly is the same archive.
    f.mam.query(jid("juliet@example.com/elsewhere"), {}, f.collect());
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id4'><query xmlns='urn:xmpp:mam:2' queryid='id3'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set></query></iq>");
}

TEST_CASE("query: 'with' and 'start' fields, the last page with an empty <before/>") {
    Fixture f;
    MamFilter filter;
    filter.with = jid("romeo@example.net");
    filter.start = 1281139200000;  // 2010-08-07T00:00:00Z
    filter.last_page = true;
    filter.max = 10;
    f.mam.query(std::nullopt, filter, f.collect());
    CHECK_XML(f.only_sent(),
              "<iq type='set' id='id2'><query xmlns='urn:xmpp:mam:2' queryid='id1'>"
              "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value>"
              "</field><field var='with'><value>romeo@example.net</value></field>"
              "<field var='start'><value>2010-08-07T00:00:00Z</value></field></x>"
              "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set></query></iq>");
}

TEST_CASE("query: a room's archive at its bare JID, paging after and before an id; max clamped") {
    Fixture f;
    MamFilter after;
    after.after_id = "09af3-cc343-b409f";
    after.max = 20;
    f.mam.query(jid("coven@chat.shakespeare.lit/thirdwitch"), after, f.collect());
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id2' to='coven@chat.shakespeare.lit'>"
                                         "<query xmlns='urn:xmpp:mam:2' queryid='id1'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>20</max>"
                                             "<after>09af3-cc343-b409f</after></set></query></iq>");

    MamFilter before;
    before.before_id = "28482-98726-73623";
    before.after_id = "ignored";  // RSM leaves both together undefined: before wins
    before.max = 0;
    f.mam.query(jid(kRoom), before, f.collect());
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id4' to='coven@chat.shakespeare.lit'>"
                                         "<query xmlns='urn:xmpp:mam:2' queryid='id3'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>1</max>"
                                             "<before>28482-98726-73623</before></set></query></iq>");

    MamFilter huge;
    huge.max = 100000;
    f.mam.query(std::nullopt, huge, f.collect());
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id6'><query xmlns='urn:xmpp:mam:2' queryid='id5'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>500</max></set></query></iq>");
    CHECK(f.pages.empty());
}

// [SECTION] Results and pages

TEST_CASE("results of our own archive: in order, with ids, stamps and direction; fin complete") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());
    f.take(result("id1", "28482-98726-73623",
                  chat("romeo@example.net/orchard", "juliet@example.com/balcony", "Call me but love",
                       "<origin-id xmlns='urn:xmpp:sid:0' id='o-1'/>")));
    // From our account with no 'from' at all (RFC 6120 §8.1.2.1), and to no one in particular.
    f.take(result("id1", "5d398-28273-f7382", chat("juliet@example.com/balcony", "romeo@example.net/orchard", "What man"),
                  "juliet@example.com", "2010-07-10T23:09:32Z"));
    f.take(result("id1", "a3", "<message xmlns='jabber:client' to='romeo@example.net' type='normal'><body>no from"
                               "</body></message>", {}, ""));
    CHECK(f.pages.empty());  // until <fin/>
    REQUIRE(f.session.answer("id2", fin("id2", "complete='true'",
                                        "<first index='0'>28482-98726-73623</first><last>a3</last><count>3</count>")));
    const MamPage& p = f.page();
    CHECK_FALSE(p.error);
    CHECK(p.complete);
    CHECK(p.first == "28482-98726-73623");
    CHECK(p.last == "a3");
    CHECK(p.count == 3);
    CHECK(describe(p) == "28482-98726-73623 @" + std::to_string(kStamp1) +
                             " in chat romeo@example.net/orchard -> juliet@example.com/balcony: Call me but love; "
                             "5d398-28273-f7382 @" + std::to_string(kStamp2) +
                             " out chat juliet@example.com/balcony -> romeo@example.net/orchard: What man; "
                             "a3 @0 out normal juliet@example.com -> romeo@example.net: no from");
    CHECK(p.messages[0].message.id == "m-Call me but love");
    CHECK(p.messages[0].message.origin_id == "o-1");
    CHECK(f.mam.queries_in_flight() == 0);
    CHECK(f.session.events.empty());  // nothing is a live message
}

TEST_CASE("fin: incomplete pages, an empty page, a <fin/> missing") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());
    f.take(result("id1", "x1", chat("romeo@example.net", "juliet@example.com", "one")));
    REQUIRE(f.session.answer("id2", fin("id2", "complete='false'", "<first>x1</first><last>x1</last>")));
    f.mam.query(std::nullopt, {}, f.collect());
    REQUIRE(f.session.answer("id4", fin("id4", "", "<count>0</count>")));
    f.mam.query(std::nullopt, {}, f.collect());
    REQUIRE(f.session.answer("id6", "<iq type='result' id='id6'/>"));
    REQUIRE(f.pages.size() == 3);
    CHECK_FALSE(f.pages[0].complete);
    CHECK(f.pages[0].first == "x1");
    CHECK(f.pages[0].last == "x1");
    CHECK(f.pages[0].count == -1);
    CHECK(f.pages[0].messages.size() == 1);
    CHECK_FALSE(f.pages[1].complete);  // no attribute: not the last page
    CHECK(f.pages[1].messages.empty());
    CHECK(f.pages[1].count == 0);
    CHECK(f.pages[1].first.empty());
    CHECK_FALSE(f.pages[2].error);
    CHECK_FALSE(f.pages[2].complete);
}

TEST_CASE("errors: the page carries the error and no messages; timeouts and a closed stream too") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());
    f.take(result("id1", "x1", chat("romeo@example.net", "juliet@example.com", "one")));
    REQUIRE(f.session.answer("id2", "<iq type='error' id='id2'><error type='cancel'>"
                                    "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    f.mam.query(jid(kRoom), {}, f.collect());
    f.session.advance(60000);
    f.mam.query(std::nullopt, {}, f.collect());
    f.session.close();
    REQUIRE(f.pages.size() == 3);
    REQUIRE(f.pages[0].error);
    CHECK(f.pages[0].error->condition == "item-not-found");
    CHECK(f.pages[0].messages.empty());
    REQUIRE(f.pages[1].error);
    CHECK(f.pages[1].error->condition == "remote-server-timeout");
    REQUIRE(f.pages[2].error);
    CHECK(f.mam.queries_in_flight() == 0);

    // Results for a query that has ended are dropped.
    f.take(result("id1", "late", chat("romeo@example.net", "juliet@example.com", "late")));
    CHECK(f.pages.size() == 3);
}

TEST_CASE("a room's archive: occupant nicks, our own messages by the room's real JID, to us") {
    Fixture f;
    f.mam.query(jid(kRoom), {}, f.collect());
    const std::string from_room = kRoom;
    f.take(result("id1", "34482-21985-73620",
                  "<message xmlns='jabber:client' from='coven@chat.shakespeare.lit/firstwitch' type='groupchat' id='g1'>"
                  "<body>Thrice the brinded cat hath mew'd.</body><x xmlns='http://jabber.org/protocol/muc#user'>"
                  "<item affiliation='none' jid='witch1@shakespeare.lit' role='participant'/></x></message>",
                  from_room, "2002-10-13T23:58:37Z"));
    f.take(result("id1", "34482-21985-73621",
                  "<message xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch' type='groupchat'>"
                  "<body>Mine</body><x xmlns='http://jabber.org/protocol/muc#user'>"
                  "<item jid='juliet@example.com/phone'/></x></message>",
                  from_room, "2002-10-13T23:58:37Z"));
    // Another room's message inside this room's archive: dropped.
    f.take(result("id1", "34482-21985-73622",
                  "<message xmlns='jabber:client' from='darkcave@chat.shakespeare.lit/hag' type='groupchat'>"
                  "<body>elsewhere</body></message>",
                  from_room));
    REQUIRE(f.session.answer("id2", fin("id2", "complete='true'", "<first>34482-21985-73620</first>"
                                                                  "<last>34482-21985-73621</last>",
                                        kRoom)));
    CHECK(describe(f.page()) == "34482-21985-73620 @1034553517000 in groupchat coven@chat.shakespeare.lit/firstwitch "
                                "-> juliet@example.com/balcony [firstwitch]: Thrice the brinded cat hath mew'd.; "
                                "34482-21985-73621 @1034553517000 out groupchat coven@chat.shakespeare.lit/thirdwitch "
                                "-> juliet@example.com/balcony [thirdwitch]: Mine");
}

TEST_CASE("results without a body, an id, a forwarded message or a readable stamp") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());
    f.take(result("id1", "s1", "<message xmlns='jabber:client' from='romeo@example.net' type='chat'>"
                               "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    f.take(result("id1", "", chat("romeo@example.net", "juliet@example.com", "no id")));
    f.take(result("id1", std::string(Mam::kMaxIdBytes + 1, 'i'), chat("romeo@example.net", "juliet@example.com", "long id")));
    f.take(result("id1", "s2", ""));
    f.take(result("id1", "s3", "<message from='romeo@example.net' type='chat'><body>no namespace</body></message>"));
    f.take(result("id1", "s4", "<message xmlns='jabber:client' from='romeo@example.net' type='error'><body>e</body></message>"));
    f.take(result("id1", "s5", chat("romeo@example.net", "juliet@example.com", "bad stamp"), {}, "yesterday"));
    REQUIRE(f.session.answer("id2", fin("id2", "complete='true'", "<first>" + std::string(2000, 'f') + "</first>")));
    CHECK(describe(f.page()) == "s5 @0 in chat romeo@example.net -> juliet@example.com: bad stamp");
    CHECK(f.page().first.empty());  // an over-long RSM id is dropped, never cut
}

// [SECTION] Spoofing and caps

TEST_CASE("spoofed results: wrong sender or unknown queryid are taken and dropped") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());       // id1: our archive
    f.mam.query(jid(kRoom), {}, f.collect());          // id3: the room's
    const std::string inner = chat("romeo@example.net", "juliet@example.com", "forged");
    // Our archive answers only from our bare JID or without 'from'.
    for (const char* from : {"romeo@example.net", "juliet@example.com/phone", "juliet@example.com/balcony",
                             "example.com", kRoom})
        f.take(result("id1", std::string("a-") + from, inner, from));
    // The room's only from the room's bare JID.
    for (const char* from : {"coven@chat.shakespeare.lit/firstwitch", "darkcave@chat.shakespeare.lit",
                             "juliet@example.com"})
        f.take(result("id3", std::string("b-") + from, inner, from));
    f.take(result("id3", "b-none", inner));
    // A queryid we never sent, and the IQ id (not a queryid).
    f.take(result("nope", "c1", inner));
    f.take(result("id2", "c2", inner));
    // Even with nothing readable in it, a result is never left for Chat.
    f.take("<message xmlns='jabber:client' from='romeo@example.net'><body>hi</body>"
           "<result xmlns='urn:xmpp:mam:2' queryid='id1'/></message>");
    REQUIRE(f.session.answer("id2", fin("id2", "complete='true'", "")));
    REQUIRE(f.session.answer("id4", fin("id4", "complete='true'", "", kRoom)));
    REQUIRE(f.pages.size() == 2);
    CHECK(f.pages[0].messages.empty());
    CHECK(f.pages[1].messages.empty());
    // A message without <result/> is not the module's.
    CHECK_FALSE(deliver(f.mam, chat("romeo@example.net", "juliet@example.com", "live")));
    CHECK(f.session.events.empty());
}

TEST_CASE("caps: kMaxResults kept per query, kMaxQueries in flight") {
    Fixture f;
    f.mam.query(std::nullopt, {}, f.collect());
    for (std::size_t i = 0; i < Mam::kMaxResults + 50; ++i)
        f.take(result("id1", "r" + std::to_string(i), chat("romeo@example.net", "juliet@example.com", "m")));
    REQUIRE(f.session.answer("id2", fin("id2", "complete='true'", "")));
    REQUIRE(f.page().messages.size() == Mam::kMaxResults);
    CHECK(f.page().messages.back().archive_id == "r" + std::to_string(Mam::kMaxResults - 1));

    // Bodies are capped like live messages.
    f.pages.clear();
    f.mam.query(std::nullopt, {}, f.collect());  // id3, iq id4
    f.take(result("id3", "big", chat("romeo@example.net", "juliet@example.com", std::string(kMaxBodyBytes + 10, 'b'))));
    REQUIRE(f.session.answer("id4", fin("id4", "complete='true'", "")));
    REQUIRE(f.page().messages.size() == 1);
    CHECK(f.page().messages[0].message.body.size() == kMaxBodyBytes);

    f.pages.clear();
    f.session.take_sent();
    for (std::size_t i = 0; i < Mam::kMaxQueries; ++i) f.mam.query(std::nullopt, {}, f.collect());
    CHECK(f.pages.empty());
    f.mam.query(std::nullopt, {}, f.collect());
    REQUIRE(f.pages.size() == 1);
    REQUIRE(f.pages[0].error);
    CHECK(f.pages[0].error->condition == "resource-constraint");
    CHECK(f.session.take_sent().size() == Mam::kMaxQueries);
}

TEST_CASE("a page callback may ask for the next page") {
    Fixture f;
    int calls = 0;
    std::function<void(MamPage)> next = [&](MamPage p) {
        ++calls;
        if (!p.complete) {
            MamFilter more;
            more.after_id = p.last;
            f.mam.query(std::nullopt, more, next);
        }
    };
    f.mam.query(std::nullopt, {}, next);
    f.session.take_sent();
    REQUIRE(f.session.answer("id2", fin("id2", "", "<first>a</first><last>b</last>")));
    CHECK_XML(f.only_sent(), std::string("<iq type='set' id='id4'><query xmlns='urn:xmpp:mam:2' queryid='id3'>") +
                                 kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max>"
                                             "<after>b</after></set></query></iq>");
    REQUIRE(f.session.answer("id4", fin("id4", "complete='true'", "")));
    CHECK(calls == 2);
}

// [SECTION] Support

TEST_CASE("support: the server's features, or disco#info at the archive itself") {
    Fixture f;
    CHECK_FALSE(f.mam.server_has_mam());
    f.features = {"urn:xmpp:mam:2"};
    CHECK(f.mam.server_has_mam());

    std::vector<bool> answers;
    f.mam.supports(std::nullopt, [&](bool yes) { answers.push_back(yes); });
    CHECK_XML(f.only_sent(), "<iq type='get' id='id1' to='juliet@example.com'>"
                             "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1' from='juliet@example.com'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#info'>"
                                    "<feature var='urn:xmpp:mam:2'/></query></iq>"));
    f.mam.supports(jid(kRoom), [&](bool yes) { answers.push_back(yes); });
    CHECK_XML(f.only_sent(), "<iq type='get' id='id2' to='coven@chat.shakespeare.lit'>"
                             "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    REQUIRE(f.session.answer("id2", "<iq type='result' id='id2' from='coven@chat.shakespeare.lit'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#info'>"
                                    "<feature var='urn:xmpp:mam:1'/></query></iq>"));
    f.mam.supports(jid(kRoom), [&](bool yes) { answers.push_back(yes); });
    REQUIRE(f.session.answer("id3", "<iq type='error' id='id3' from='coven@chat.shakespeare.lit'><error type='cancel'>"
                                    "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    CHECK(answers == std::vector<bool>{true, false, false});
}

// [SECTION] Through the client

namespace {

// A client logged in as user@example.com/r1, roster and disco#info (with MAM) answered; the
// next id is id4.
struct ClientFixture : test::LoggedInClient {
    ClientFixture() {
        server("<iq xmlns='jabber:client' type='result' id='id2'><query xmlns='jabber:iq:roster'/></iq>");
        server("<iq xmlns='jabber:client' type='result' id='id3' from='example.com'>"
               "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:mam:2'/></query></iq>");
        REQUIRE(client->state() == StreamState::Ready);
        drain();
    }
    // Every event but state changes, by kind.
    std::string events() {
        std::string out;
        for (const Event& e : events_shown()) {
            if (!out.empty()) out += "; ";
            if (const auto* m = std::get_if<MessageReceived>(&e)) out += "received " + m->message.body;
            else if (const auto* r = std::get_if<RoomMessage>(&e)) out += "groupchat " + r->message.body;
            else if (const auto* p = std::get_if<RoomPrivateMessage>(&e)) out += "private " + p->message.body;
            else out += "?";
        }
        return out;
    }
};

std::string client_result(std::string_view queryid, std::string_view id, std::string_view body,
                          std::string_view from = {}, std::string_view inner_from = "romeo@example.net/orchard",
                          std::string_view type = "chat") {
    std::string out = "<message xmlns='jabber:client' to='user@example.com/r1'";
    if (!from.empty()) out += " from='" + std::string(from) + "'";
    return out + "><result xmlns='urn:xmpp:mam:2' queryid='" + std::string(queryid) + "' id='" + std::string(id) +
           "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>"
           "<message xmlns='jabber:client' from='" + std::string(inner_from) + "' type='" + std::string(type) +
           "'><body>" + std::string(body) + "</body></message></forwarded></result></message>";
}

}  // namespace

TEST_CASE("client: archive results are never live messages; spoofed ones are shown nowhere") {
    ClientFixture c;
    Mam& mam = c.client->get<Mam>();
    CHECK(mam.server_has_mam());
    Muc& muc = c.client->get<Muc>();
    muc.join(jid(kRoom), "thirdwitch");
    c.server("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch'>"
             "<x xmlns='http://jabber.org/protocol/muc#user'><item role='participant'/><status code='110'/></x></presence>");
    c.client->take_events();
    c.client->take_outgoing();

    std::vector<MamPage> pages;
    const std::string own = mam.query(std::nullopt, {}, [&](MamPage p) { pages.push_back(std::move(p)); });
    const std::string room = mam.query(jid(kRoom), {}, [&](MamPage p) { pages.push_back(std::move(p)); });
    CHECK(own == "id4");
    CHECK(room == "id6");
    std::vector<std::string> out = c.client->take_outgoing();
    REQUIRE(out.size() == 2);
    CHECK_XML(out[0], std::string("<iq xmlns='jabber:client' type='set' id='id5'><query xmlns='urn:xmpp:mam:2' "
                                  "queryid='id4'>") +
                          kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set></query></iq>");
    CHECK_XML(out[1], std::string("<iq xmlns='jabber:client' type='set' id='id7' to='coven@chat.shakespeare.lit'>"
                                  "<query xmlns='urn:xmpp:mam:2' queryid='id6'>") +
                          kFormOnly + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set></query></iq>");

    c.server(client_result("id4", "a1", "archived"));
    c.server(client_result("id4", "a2", "from our bare JID", "user@example.com"));
    c.server(client_result("id6", "g1", "room history", kRoom, "coven@chat.shakespeare.lit/firstwitch", "groupchat"));
    // Spoofed: a contact answering our own query, our room's query answered by an occupant, the
    // room answering our own query, an unknown queryid, and one with no query at all in flight.
    c.server(client_result("id4", "s1", "spoof contact", "romeo@example.net/orchard"));
    c.server(client_result("id6", "s2", "spoof occupant", "coven@chat.shakespeare.lit/firstwitch",
                           "coven@chat.shakespeare.lit/firstwitch", "groupchat"));
    c.server(client_result("id4", "s3", "spoof room", kRoom));
    c.server(client_result("zzz", "s4", "spoof queryid"));
    CHECK(c.events().empty());  // nothing reached Chat or Muc

    c.server("<iq xmlns='jabber:client' type='result' id='id5'><fin xmlns='urn:xmpp:mam:2' complete='true'>"
             "<set xmlns='http://jabber.org/protocol/rsm'><first>a1</first><last>a2</last></set></fin></iq>");
    c.server("<iq xmlns='jabber:client' type='result' id='id7' from='coven@chat.shakespeare.lit'><fin "
             "xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'><first>g1</first><last>g1</last></set>"
             "</fin></iq>");
    REQUIRE(pages.size() == 2);
    REQUIRE(pages[0].messages.size() == 2);
    CHECK(pages[0].messages[0].message.body == "archived");
    CHECK(pages[0].messages[0].stamp == kStamp1);
    CHECK_FALSE(pages[0].messages[0].outgoing);
    CHECK(pages[0].messages[1].message.body == "from our bare JID");
    CHECK(pages[0].complete);
    REQUIRE(pages[1].messages.size() == 1);
    CHECK(pages[1].messages[0].nick == "firstwitch");
    CHECK_FALSE(pages[1].complete);

    // After the fin the queryid is closed: a late result is dropped, not shown live.
    c.server(client_result("id4", "late", "late"));
    CHECK(c.events().empty());
    CHECK(c.client->take_outgoing().empty());  // nothing answered with an error
}
