// XEP-0045 group chat: entering, status codes, occupants, history, invitations, discovery;
// and through a whole Client, that room stanzas never reach Presences or Chat.
// [SECTION] Harness  [SECTION] Entering  [SECTION] Occupants  [SECTION] Messages
// [SECTION] Invitations and commands  [SECTION] Discovery  [SECTION] Through the client
#include "xmpp/muc.h"

#include "xmpp/chat.h"
#include "xmpp/client.h"

#include "fake_session.h"
#include "logged_in_client.h"
#include "xml_compare.h"

#include <doctest/doctest.h>

using namespace xmpp;
using xmpp::test::deliver;
using xmpp::test::jid;

namespace {

// [SECTION] Harness

constexpr const char* kRoom = "coven@chat.shakespeare.lit";

// One short line per event, so a test checks the whole sequence at once.
std::string describe(const Event& e) {
    if (const auto* j = std::get_if<RoomJoined>(&e))
        return "joined " + j->room.full() + " as " + j->nick + (j->created ? " created" : "") +
               (j->nick_changed_by_service ? " renamed" : "");
    if (const auto* f = std::get_if<RoomJoinFailed>(&e)) return "join-failed " + f->condition + ": " + f->sentence;
    if (const auto* o = std::get_if<OccupantChanged>(&e)) {
        static const char* kinds[] = {"joined", "left", "changed", "nick", "kicked", "banned"};
        std::string out = std::string(kinds[o->kind]) + " " + o->nick;
        if (!o->new_nick.empty()) out += " -> " + o->new_nick;
        return out + (o->reason.empty() ? "" : " (" + o->reason + ")");
    }
    if (const auto* l = std::get_if<RoomLeft>(&e)) {
        static const char* reasons[] = {"self", "kicked", "banned", "destroyed", "affiliation", "members-only",
                                        "shutdown", "error"};
        return "room-left " + std::string(reasons[l->reason]) + (l->text.empty() ? "" : " (" + l->text + ")") +
               (l->alternative ? " -> " + l->alternative->full() : "");
    }
    if (const auto* m = std::get_if<RoomMessage>(&e))
        return "groupchat " + (m->nick.empty() ? std::string("[room]") : m->nick) + ": " + m->message.body +
               (m->delayed ? " @" + std::to_string(m->stamp) : "") + (m->from_occupant ? "" : " [not occupant]") +
               (m->stanza_id.empty() ? "" : " sid=" + m->stanza_id);
    if (const auto* s = std::get_if<RoomSubject>(&e)) return "subject " + s->nick + ": " + s->subject;
    if (const auto* p = std::get_if<RoomPrivateMessage>(&e)) return "private " + p->nick + ": " + p->message.body;
    if (const auto* i = std::get_if<RoomInvitation>(&e))
        return std::string(i->direct ? "direct" : "mediated") + " invitation to " + i->room.full() + " from " +
               i->from.full() + (i->reason.empty() ? "" : " (" + i->reason + ")") +
               (i->password.empty() ? "" : " password " + i->password);
    if (const auto* r = std::get_if<RoomError>(&e)) return "room-error " + r->error.condition;
    if (const auto* m = std::get_if<MessageReceived>(&e)) return "chat " + m->message.from.full() + ": " + m->message.body;
    if (const auto* p = std::get_if<PresenceChanged>(&e)) return "presence " + p->jid.full();
    return "?";
}

std::string describe_all(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) out += (out.empty() ? "" : "; ") + describe(e);
    return out;
}

// Presence from coven/<nick> with a muc#user payload.
std::string occupant(std::string_view nick, std::string_view inner = "<item affiliation='member' role='participant'/>",
                     std::string_view attrs = {}) {
    return "<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/" + std::string(nick) + "' " +
           std::string(attrs) + "><x xmlns='http://jabber.org/protocol/muc#user'>" + std::string(inner) + "</x></presence>";
}

std::string groupchat(std::string_view from, std::string_view inner, std::string_view type = "groupchat") {
    return "<message xmlns='jabber:client' type='" + std::string(type) + "' from='" + std::string(from) +
           "' to='juliet@example.com/balcony'>" + std::string(inner) + "</message>";
}

struct Fixture {
    test::FakeSession session;  // juliet@example.com/balcony; ids id1, id2, ...
    Muc muc{session};
    const Jid room = jid(kRoom);

    std::string events() { return describe_all(session.take_events()); }
    void expect_sent(std::initializer_list<const char*> expected) { test::expect_sent(session, expected); }
    void take(std::string_view xml) { CHECK_MESSAGE(deliver(muc, xml), xml); }

    // Enters as thirdwitch with two occupants already there; everything sent and emitted is drained.
    void enter() {
        muc.join(room, "thirdwitch");
        take(occupant("firstwitch", "<item affiliation='owner' role='moderator'/>"));
        take(occupant("secondwitch"));
        take(occupant("thirdwitch", "<item affiliation='member' role='participant'/><status code='110'/>"));
        REQUIRE(muc.room(room)->state == RoomState::Joined);
        session.take_sent();
        session.take_events();
    }
    const MucRoom& r() { return *muc.room(room); }
};

}  // namespace

// [SECTION] Entering

TEST_CASE("join: presence to room/nick with <x xmlns=muc/>, history and password (§7.2)") {
    Fixture f;
    f.muc.join(jid("coven@chat.shakespeare.lit/ignored"), "thirdwitch");
    f.expect_sent({"<presence to='coven@chat.shakespeare.lit/thirdwitch'><x xmlns='http://jabber.org/protocol/muc'>"
                   "<history maxstanzas='50'/></x></presence>"});
    REQUIRE(f.muc.room(f.room) != nullptr);
    CHECK(f.r().state == RoomState::Joining);
    CHECK(f.r().nick == "thirdwitch");
    CHECK(f.muc.rooms().count(kRoom) == 1);

    f.muc.join(jid("darkcave@chat.shakespeare.lit"), "hag", "cauldron<burn>", 1031699305000);
    f.expect_sent({"<presence to='darkcave@chat.shakespeare.lit/hag'><x xmlns='http://jabber.org/protocol/muc'>"
                   "<history since='2002-09-10T23:08:25Z'/><password>cauldron&lt;burn&gt;</password></x></presence>"});
    f.muc.join(jid("heath@chat.shakespeare.lit"), "hag", {}, -1);
    f.expect_sent({"<presence to='heath@chat.shakespeare.lit/hag'><x xmlns='http://jabber.org/protocol/muc'>"
                   "<history maxstanzas='0'/></x></presence>"});
    CHECK(f.events().empty());

    // Once joined, joining again sends nothing.
    f.take(occupant("thirdwitch", "<item role='participant'/><status code='110'/>"));
    f.session.take_events();
    f.muc.join(f.room, "thirdwitch");
    CHECK(f.session.take_sent().empty());
}

TEST_CASE("join: an unusable nick or room address fails at once, sending nothing") {
    Fixture f;
    f.muc.join(f.room, "");
    f.muc.join(f.room, std::string("bad\x01nick"));
    f.muc.join(jid("chat.shakespeare.lit"), "thirdwitch");
    CHECK(f.session.take_sent().empty());
    CHECK(f.events() == "join-failed jid-malformed: That nickname cannot be used. Choose another nickname.; "
                        "join-failed jid-malformed: That nickname cannot be used. Choose another nickname.; "
                        "join-failed jid-malformed: That is not the address of a room.");
    CHECK(f.muc.room(f.room) == nullptr);
}

TEST_CASE("self-presence status codes (§7.2.2, §7.6, §8.2, §9.1, §10.9)") {
    struct Row {
        const char* name;
        bool joined_first;  // enter() before the presence
        std::string presence;
        const char* events;
        RoomState state;
        const char* nick;
    };
    const Row rows[] = {
        {"110: entered", false, occupant("thirdwitch", "<item role='participant'/><status code='110'/>"),
         "joined coven@chat.shakespeare.lit as thirdwitch", RoomState::Joined, "thirdwitch"},
        {"110 + 100 + 170: informational codes change nothing", false,
         occupant("thirdwitch", "<item role='participant'/><status code='100'/><status code='110'/><status code='170'/>"),
         "joined coven@chat.shakespeare.lit as thirdwitch", RoomState::Joined, "thirdwitch"},
        {"210: the service changed our nick", false,
         occupant("Third Witch", "<item role='participant'/><status code='110'/><status code='210'/>"),
         "joined coven@chat.shakespeare.lit as Third Witch renamed", RoomState::Joined, "Third Witch"},
        {"303: our nick change went through", true,
         occupant("thirdwitch", "<item role='participant' nick='oldhag'/><status code='110'/><status code='303'/>",
                  "type='unavailable'"),
         "nick thirdwitch -> oldhag", RoomState::Joined, "oldhag"},
        {"307: kicked", true,
         occupant("thirdwitch", "<item role='none'><actor nick='firstwitch'/><reason>Avaunt, you cullion!</reason></item>"
                                "<status code='110'/><status code='307'/>", "type='unavailable'"),
         "room-left kicked (Avaunt, you cullion!)", RoomState::Left, "thirdwitch"},
        {"301: banned", true,
         occupant("thirdwitch", "<item affiliation='outcast' role='none'><reason>Treason</reason></item>"
                                "<status code='110'/><status code='301'/>", "type='unavailable'"),
         "room-left banned (Treason)", RoomState::Left, "thirdwitch"},
        {"321: affiliation changed", true,
         occupant("thirdwitch", "<item affiliation='none' role='none'/><status code='110'/><status code='321'/>",
                  "type='unavailable'"),
         "room-left affiliation", RoomState::Left, "thirdwitch"},
        {"322: the room became members-only", true,
         occupant("thirdwitch", "<item affiliation='none' role='none'/><status code='110'/><status code='322'/>",
                  "type='unavailable'"),
         "room-left members-only", RoomState::Left, "thirdwitch"},
        {"332: the service shuts down", true,
         occupant("thirdwitch", "<item role='none'/><status code='110'/><status code='332'/>", "type='unavailable'"),
         "room-left shutdown", RoomState::Left, "thirdwitch"},
        {"333: removed after an error", true,
         occupant("thirdwitch", "<item role='none'/><status code='110'/><status code='333'/>", "type='unavailable'"),
         "room-left error", RoomState::Left, "thirdwitch"},
        {"destroyed, with a reason and where to go", true,
         occupant("thirdwitch", "<item affiliation='none' role='none'/><destroy jid='heath@chat.shakespeare.lit'>"
                                "<reason>Macbeth doth come.</reason></destroy><status code='110'/>", "type='unavailable'"),
         "room-left destroyed (Macbeth doth come.) -> heath@chat.shakespeare.lit", RoomState::Left, "thirdwitch"},
        {"destroyed, with an unusable alternative", true,
         occupant("thirdwitch", "<item role='none'/><destroy jid='heath@chat.shakespeare.lit/nick'/><status code='110'/>",
                  "type='unavailable'"),
         "room-left destroyed", RoomState::Left, "thirdwitch"},
        {"destroyed as in §10.9's example and on ejabberd: no 110", true,
         occupant("thirdwitch", "<item affiliation='none' role='none'/><destroy jid='heath@chat.shakespeare.lit'>"
                                "<reason>Macbeth doth come.</reason></destroy>", "type='unavailable'"),
         "room-left destroyed (Macbeth doth come.) -> heath@chat.shakespeare.lit", RoomState::Left, "thirdwitch"},
        {"unavailable without a code: we are out", true,
         occupant("thirdwitch", "<item role='none'/><status code='110'/>", "type='unavailable'"), "room-left self",
         RoomState::Left, "thirdwitch"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        Fixture f;
        if (row.joined_first) f.enter();
        else f.muc.join(f.room, "thirdwitch");
        f.session.take_sent();
        f.take(row.presence);
        CHECK(f.events() == row.events);
        CHECK(f.r().state == row.state);
        CHECK(f.r().nick == row.nick);
        CHECK_FALSE(f.r().created);
        CHECK(f.session.take_sent().empty());
        if (row.state == RoomState::Left) CHECK(f.r().occupants.empty());
        if (row.state == RoomState::Joined) CHECK(f.r().occupants.count(row.nick) == 1);
    }
}

TEST_CASE("201: a new room is made an instant room with the owner IQ (§10.1.2)") {
    Fixture f;
    f.muc.join(f.room, "thirdwitch");
    f.session.take_sent();
    f.take(occupant("thirdwitch", "<item affiliation='owner' role='moderator'/><status code='110'/><status code='201'/>"));
    CHECK(f.events() == "joined coven@chat.shakespeare.lit as thirdwitch created");
    CHECK(f.r().created);
    CHECK(f.r().occupants.at("thirdwitch").affiliation == "owner");
    f.expect_sent({"<iq type='set' to='coven@chat.shakespeare.lit' id='id1'>"
                   "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>"});
    CHECK(f.session.answer("id1", "<iq type='result' id='id1' from='coven@chat.shakespeare.lit'/>"));
    CHECK(f.events().empty());

    // When the room refuses, the app hears of it.
    Fixture g;
    g.muc.join(g.room, "thirdwitch");
    g.take(occupant("thirdwitch", "<item role='moderator'/><status code='110'/><status code='201'/>"));
    g.session.take_events();
    CHECK(g.session.answer("id1", "<iq type='error' id='id1' from='coven@chat.shakespeare.lit'><error type='cancel'>"
                                  "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    CHECK(g.events() == "room-error forbidden");
}

TEST_CASE("join errors become a condition and a plain sentence (§7.2.6-§7.2.11)") {
    struct Row {
        const char* condition;
        const char* sentence;
    };
    const Row rows[] = {
        {"conflict", "That nickname is already in use in this room. Choose another nickname."},
        {"not-authorized", "This room needs a password, or the password was wrong."},
        {"registration-required", "This room is for members only, and you are not on its member list."},
        {"forbidden", "You are banned from this room."},
        {"item-not-found", "This room does not exist, and it cannot be created."},
        {"not-allowed", "This room does not exist, and this service does not let you create rooms."},
        {"service-unavailable", "This room is full: it has reached its maximum number of occupants."},
        {"jid-malformed", "That nickname cannot be used. Choose another nickname."},
        {"not-acceptable", "This room asks you to use the nickname you registered with it."},
        {"remote-server-not-found", "The group chat service could not be found."},
        {"internal-server-error", "Could not join the room. The server said: \"Out of eye of newt\""},
        {"undefined-condition", "Could not join the room."},
    };
    for (const Row& row : rows) {
        CAPTURE(row.condition);
        Fixture f;
        f.muc.join(f.room, "thirdwitch");
        f.take(occupant("firstwitch"));  // an occupant listed before the refusal is forgotten
        const std::string text = std::string(row.condition) == "internal-server-error"
                                     ? "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Out of eye of newt</text>"
                                     : "";
        f.take("<presence xmlns='jabber:client' type='error' from='coven@chat.shakespeare.lit/thirdwitch'>"
               "<x xmlns='http://jabber.org/protocol/muc'/><error type='cancel'><" + std::string(row.condition) +
               " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" + text + "</error></presence>");
        CHECK(f.events() == "join-failed " + std::string(row.condition) + ": " + row.sentence);
        CHECK(f.r().state == RoomState::Left);
        CHECK(f.r().occupants.empty());
        // A room we are not in takes nothing more: late presence is ignored.
        f.take(occupant("secondwitch"));
        CHECK(f.events().empty());
    }
}

TEST_CASE("errors after entering: a refused nick change, a room that forgot us, a refused message") {
    Fixture f;
    f.enter();
    f.muc.change_nick(f.room, "oldhag");
    f.expect_sent({"<presence to='coven@chat.shakespeare.lit/oldhag'/>"});
    f.take("<presence xmlns='jabber:client' type='error' from='coven@chat.shakespeare.lit/oldhag'><error type='cancel'>"
           "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
    CHECK(f.events() == "room-error conflict");
    CHECK(f.r().state == RoomState::Joined);
    CHECK(f.r().nick == "thirdwitch");

    f.take(groupchat(kRoom, "<body>hi</body><error type='modify'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                            "</error>", "error"));
    CHECK(f.events() == "room-error forbidden");

    f.take("<presence xmlns='jabber:client' type='error' from='coven@chat.shakespeare.lit/thirdwitch'><error type='cancel'>"
           "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
    CHECK(f.events() == "room-left error (The server did not accept it.)");
    CHECK(f.r().state == RoomState::Left);
}

// [SECTION] Occupants

TEST_CASE("occupants: the list before our own presence is no news; changes after it are") {
    Fixture f;
    f.muc.join(f.room, "thirdwitch");
    for (int i = 0; i < 1000; ++i) f.take(occupant("witch" + std::to_string(i)));
    f.take("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/firstwitch'><show>away</show>"
           "<status>brewing</status><x xmlns='http://jabber.org/protocol/muc#user'>"
           "<item affiliation='owner' role='moderator' jid='crone1@shakespeare.lit/desktop'/></x></presence>");
    CHECK(f.events().empty());  // 1,001 occupants, not one notice
    f.take(occupant("thirdwitch", "<item role='participant'/><status code='110'/>"));
    CHECK(f.events() == "joined coven@chat.shakespeare.lit as thirdwitch");
    CHECK(f.r().occupants.size() == 1002);
    const Occupant& first = f.r().occupants.at("firstwitch");
    CHECK(first.role == "moderator");
    CHECK(first.affiliation == "owner");
    CHECK(first.show == Show::Away);
    CHECK(first.status == "brewing");
    REQUIRE(first.real_jid);
    CHECK(*first.real_jid == jid("crone1@shakespeare.lit/desktop"));

    f.take(occupant("hecate"));
    CHECK(f.events() == "joined hecate");
    f.take(occupant("hecate"));  // the same again: nothing changed
    CHECK(f.events().empty());
    f.take(occupant("hecate", "<item affiliation='member' role='moderator'/>"));  // §9.6: granted moderation
    CHECK(f.events() == "changed hecate");
    CHECK(f.r().occupants.at("hecate").role == "moderator");
    f.take("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/hecate'><show>dnd</show>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='moderator'/></x></presence>");
    CHECK(f.events() == "changed hecate");
    CHECK(f.r().occupants.at("hecate").show == Show::Dnd);

    // §7.6: a nick change is one notice; the new nick's presence that follows is no news.
    f.take(occupant("hecate", "<item affiliation='member' role='moderator' nick='queen'/><status code='303'/>",
                    "type='unavailable'"));
    f.take("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/queen'><show>dnd</show>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='moderator'/></x></presence>");
    CHECK(f.events() == "nick hecate -> queen");
    CHECK(f.r().occupants.count("hecate") == 0);
    CHECK(f.r().occupants.at("queen").nick == "queen");
    CHECK(f.r().occupants.at("queen").role == "moderator");

    f.take("<presence xmlns='jabber:client' type='unavailable' from='coven@chat.shakespeare.lit/queen'>"
           "<status>Fair is foul</status><x xmlns='http://jabber.org/protocol/muc#user'><item role='none'/></x></presence>");
    f.take(occupant("witch1", "<item role='none'><reason>Hush</reason></item><status code='307'/>", "type='unavailable'"));
    f.take(occupant("witch2", "<item affiliation='outcast' role='none'><reason>Begone</reason></item><status code='301'/>",
                    "type='unavailable'"));
    f.take(occupant("nobody", "<item role='none'/>", "type='unavailable'"));  // never listed: no notice
    CHECK(f.events() == "left queen (Fair is foul); kicked witch1 (Hush); banned witch2 (Begone)");
    CHECK(f.r().occupants.size() == 1000);  // 1,003 less queen, witch1 and witch2
}

TEST_CASE("occupants: a hostile room cannot grow the list past kMaxOccupants; texts are capped") {
    Fixture f;
    f.enter();
    const std::size_t before = f.r().occupants.size();
    for (std::size_t i = before; i < Muc::kMaxOccupants + 5; ++i) f.take(occupant("o" + std::to_string(i)));
    CHECK(f.r().occupants.size() == Muc::kMaxOccupants);
    CHECK(f.session.events_of<OccupantChanged>().size() == Muc::kMaxOccupants - before);
    f.session.take_events();

    const std::string long_status(5000, 's');
    f.take("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/secondwitch'><status>" + long_status +
           "</status><x xmlns='http://jabber.org/protocol/muc#user'><item role='participant' affiliation='" +
           std::string(500, 'a') + "'/></x></presence>");
    CHECK(f.r().occupants.at("secondwitch").status.size() == Muc::kMaxStatusBytes);
    CHECK(f.r().occupants.at("secondwitch").affiliation.size() == 64);
}

TEST_CASE("presence not from a room we know is left for Presences") {
    Fixture f;
    f.enter();
    CHECK_FALSE(deliver(f.muc, "<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>"));
    CHECK_FALSE(deliver(f.muc, occupant("x").replace(occupant("x").find("coven@"), 6, "other@")));
    CHECK_FALSE(deliver(f.muc, "<presence xmlns='jabber:client'/>"));
    CHECK(f.events().empty());
}

TEST_CASE("on_closed: every room is Left, quietly; joining again starts afresh") {
    Fixture f;
    f.enter();
    f.muc.join(jid("darkcave@chat.shakespeare.lit"), "hag");
    f.session.take_sent();
    f.muc.on_closed();
    for (const auto& [key, r] : f.muc.rooms()) {
        CAPTURE(key);
        CHECK(r.state == RoomState::Left);
        CHECK(r.occupants.empty());
    }
    CHECK(f.events().empty());
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>late</body>"));  // taken, dropped
    CHECK(f.events().empty());
    f.muc.join(f.room, "thirdwitch");
    CHECK(f.r().state == RoomState::Joining);
    CHECK(f.session.take_sent().size() == 1);
}

// [SECTION] Messages

TEST_CASE("groupchat messages: nick, occupant or not, the room's own, our echo") {
    Fixture f;
    f.enter();
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch",
                     "<body>Thrice the brinded cat hath mew'd.</body><thread>t1</thread>"));
    f.take(groupchat("coven@chat.shakespeare.lit/stranger", "<body>who?</body>"));
    f.take(groupchat(kRoom, "<body>This room is logged.</body>"));
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", "<active xmlns='http://jabber.org/protocol/chatstates'/>"));
    CHECK(f.events() == "groupchat firstwitch: Thrice the brinded cat hath mew'd.; "
                        "groupchat stranger: who? [not occupant]; groupchat [room]: This room is logged. [not occupant]");

    const Message sent = f.muc.send(f.room, "Fillet of a fenny snake");
    f.expect_sent({"<message type='groupchat' to='coven@chat.shakespeare.lit' id='id1'><body>Fillet of a fenny snake</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='id1'/></message>"});
    CHECK(sent.origin_id == "id1");
    CHECK(f.events().empty());  // not MessageSent: the room's echo tells it was delivered
    f.take(groupchat("coven@chat.shakespeare.lit/thirdwitch",
                     "<body>Fillet of a fenny snake</body><origin-id xmlns='urn:xmpp:sid:0' id='id1'/>"
                     "<stanza-id xmlns='urn:xmpp:sid:0' id='s-77' by='coven@chat.shakespeare.lit'/>"));
    const auto got = f.session.events_of<RoomMessage>();
    REQUIRE(got.size() == 1);
    CHECK(got[0].room == f.room);
    CHECK(got[0].nick == "thirdwitch");
    CHECK(got[0].from_occupant);
    CHECK(got[0].message.origin_id == "id1");
    CHECK(got[0].message.type == "groupchat");
    CHECK(got[0].message.from == jid("coven@chat.shakespeare.lit/thirdwitch"));
    CHECK(got[0].stanza_id == "s-77");
    CHECK_FALSE(got[0].delayed);
    CHECK(got[0].stamp == 0);
}

TEST_CASE("groupchat from a room we are not in is dropped, never shown as a chat") {
    Fixture f;
    f.enter();
    CHECK(deliver(f.muc, groupchat("darkcave@chat.shakespeare.lit/hag", "<body>spoof</body>")));
    CHECK(deliver(f.muc, groupchat("romeo@example.net/orchard", "<body>spoof</body>")));
    f.muc.leave(f.room);
    f.session.take_events();
    CHECK(deliver(f.muc, groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>after we left</body>")));
    CHECK(f.events().empty());
    // Chat messages from others are not ours.
    CHECK_FALSE(deliver(f.muc, groupchat("romeo@example.net/orchard", "<body>hi</body>", "chat")));
    CHECK_FALSE(deliver(f.muc, groupchat("romeo@example.net", "<body>x</body><error type='cancel'/>", "error")));
}

TEST_CASE("history: delay stamps; stanza-ids from the room de-duplicate, spoofed ones are ignored") {
    Fixture f;
    f.enter();
    const std::string history = "<body>When shall we three meet again?</body>"
                                "<delay xmlns='urn:xmpp:delay' from='coven@chat.shakespeare.lit' stamp='2002-09-10T23:08:25Z'/>"
                                "<stanza-id xmlns='urn:xmpp:sid:0' id='s-1' by='coven@chat.shakespeare.lit'/>";
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", history));
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", history));
    CHECK(f.events() == "groupchat firstwitch: When shall we three meet again? @1031699305000 sid=s-1");

    // Rejoining repeats the history: still once.
    f.muc.leave(f.room);
    f.enter();
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", history));
    CHECK(f.events().empty());

    // A stanza-id 'by' anyone else is not the room's: ignored, not trusted for de-duplication.
    const std::string spoofed = "<body>In thunder</body><stanza-id xmlns='urn:xmpp:sid:0' id='s-1' by='evil@example.com'/>";
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", spoofed));
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", spoofed));
    CHECK(f.events() == "groupchat secondwitch: In thunder; groupchat secondwitch: In thunder");

    // Without stanza-ids, delayed messages de-duplicate by nick, body and stamp.
    auto delayed = [](const char* nick, const char* body, const char* stamp) {
        return groupchat("coven@chat.shakespeare.lit/" + std::string(nick),
                         "<body>" + std::string(body) + "</body><delay xmlns='urn:xmpp:delay' stamp='" + stamp + "'/>");
    };
    f.take(delayed("secondwitch", "or in rain?", "2002-09-10T23:09:00Z"));
    f.take(delayed("secondwitch", "or in rain?", "2002-09-10T23:09:00Z"));
    f.take(delayed("secondwitch", "or in rain?", "2002-09-10T23:10:00Z"));
    f.take(delayed("firstwitch", "or in rain?", "2002-09-10T23:09:00Z"));
    f.take(delayed("firstwitch", "unreadable stamp", "yesterday"));
    CHECK(f.events() == "groupchat secondwitch: or in rain? @1031699340000; "
                        "groupchat secondwitch: or in rain? @1031699400000; "
                        "groupchat firstwitch: or in rain? @1031699340000; groupchat firstwitch: unreadable stamp @0");
    // Live messages without ids are never dropped.
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>again</body>"));
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>again</body>"));
    CHECK(f.events() == "groupchat firstwitch: again; groupchat firstwitch: again");
}

TEST_CASE("history: the remembered ids are bounded (kMaxSeen per room)") {
    Fixture f;
    f.enter();
    auto with_id = [](std::size_t i) {
        return groupchat("coven@chat.shakespeare.lit/firstwitch",
                         "<body>m</body><stanza-id xmlns='urn:xmpp:sid:0' id='" + std::to_string(i) +
                             "' by='coven@chat.shakespeare.lit'/>");
    };
    for (std::size_t i = 0; i <= Muc::kMaxSeen; ++i) f.take(with_id(i));
    CHECK(f.session.take_events().size() == Muc::kMaxSeen + 1);
    f.take(with_id(Muc::kMaxSeen));  // recent: dropped
    CHECK(f.session.take_events().empty());
    f.take(with_id(0));  // forgotten: shown again
    CHECK(f.session.take_events().size() == 1);
}

TEST_CASE("subject: a message with <subject/> and no body (§8.1)") {
    Fixture f;
    f.enter();
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", "<subject>Fire Burn and Cauldron Bubble!</subject>"));
    CHECK(f.events() == "subject secondwitch: Fire Burn and Cauldron Bubble!");
    CHECK(f.r().subject == "Fire Burn and Cauldron Bubble!");
    CHECK(f.r().subject_nick == "secondwitch");
    f.take(groupchat(kRoom, "<subject/>"));  // cleared, by the room itself
    CHECK(f.events() == "subject : ");
    CHECK(f.r().subject.empty());
    // With a body it is a message that happens to have a subject.
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", "<subject>s</subject><body>b</body>"));
    CHECK(f.events() == "groupchat secondwitch: b");
    CHECK(f.r().subject.empty());
    f.take(groupchat(kRoom, "<subject>" + std::string(10000, 'x') + "</subject>"));
    CHECK(f.r().subject.size() == Muc::kMaxSubjectBytes);

    f.session.take_events();
    f.muc.set_subject(f.room, "Double, double toil");
    f.expect_sent({"<message to='coven@chat.shakespeare.lit' type='groupchat' id='id1'>"
                   "<subject>Double, double toil</subject></message>"});
}

TEST_CASE("private messages from room/nick are RoomPrivateMessage, never a contact's (§7.5)") {
    Fixture f;
    f.enter();
    f.take(groupchat("coven@chat.shakespeare.lit/firstwitch",
                     "<body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/>", "chat"));
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", "<body>normal one</body>", "normal"));
    f.take(groupchat("coven@chat.shakespeare.lit/secondwitch", "<composing xmlns='http://jabber.org/protocol/chatstates'/>",
                     "chat"));
    f.take(groupchat(kRoom, "<body>a notice from the room</body>", "normal"));
    CHECK(f.events() == "private firstwitch: psst; private secondwitch: normal one");

    const Message m = f.muc.send_private(f.room, "firstwitch", "I come, Graymalkin!");
    f.expect_sent({"<message type='chat' to='coven@chat.shakespeare.lit/firstwitch' id='id1'><body>I come, Graymalkin!</body>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/><origin-id xmlns='urn:xmpp:sid:0' id='id1'/></message>"});
    CHECK(m.to == jid("coven@chat.shakespeare.lit/firstwitch"));
    CHECK(f.muc.send_private(f.room, "", "x").id.empty());
    CHECK(f.session.take_sent().empty());
}

// [SECTION] Invitations and commands

TEST_CASE("invitations: direct (XEP-0249) from anyone, mediated (§7.8.2) from a room") {
    Fixture f;
    f.take("<message xmlns='jabber:client' from='crone1@shakespeare.lit/desktop' to='juliet@example.com/balcony'>"
           "<x xmlns='jabber:x:conference' jid='darkcave@macbeth.shakespeare.lit' password='cauldronburn' "
           "reason='Hey Hecate, this is the place for all good witches!'/></message>");
    f.take("<message xmlns='jabber:client' from='darkcave@chat.shakespeare.lit' to='juliet@example.com/balcony'>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit/desktop'>"
           "<reason>Hey Hecate</reason></invite><password>cauldronburn</password></x>"
           "<body>crone1 invites you to the room</body></message>");
    CHECK(f.events() == "direct invitation to darkcave@macbeth.shakespeare.lit from crone1@shakespeare.lit/desktop "
                        "(Hey Hecate, this is the place for all good witches!) password cauldronburn; "
                        "mediated invitation to darkcave@chat.shakespeare.lit from crone1@shakespeare.lit/desktop "
                        "(Hey Hecate) password cauldronburn");

    // Refused, but taken: an address that is not a bare room JID, a mediated one from an
    // occupant or without a valid inviter.
    for (const char* room : {"darkcave@macbeth.shakespeare.lit/nick", "macbeth.shakespeare.lit", "bad room@x", ""}) {
        CAPTURE(room);
        f.take("<message xmlns='jabber:client' from='crone1@shakespeare.lit/desktop'><x xmlns='jabber:x:conference' jid='" +
               std::string(room) + "'/></message>");
    }
    f.take("<message xmlns='jabber:client' from='darkcave@chat.shakespeare.lit/someone'>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit'/></x></message>");
    f.take("<message xmlns='jabber:client' from='darkcave@chat.shakespeare.lit'>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='not a jid'/></x></message>");
    f.take("<message xmlns='jabber:client' from='darkcave@chat.shakespeare.lit'>"
           "<x xmlns='http://jabber.org/protocol/muc#user'><invite/></x></message>");
    CHECK(f.events().empty());
}

TEST_CASE("commands: invite, decline, leave, change_nick as XML") {
    Fixture f;
    f.muc.join(f.room, "thirdwitch", "cauldronburn");
    f.take(occupant("thirdwitch", "<item role='participant'/><status code='110'/>"));
    f.session.take_sent();
    f.session.take_events();

    f.muc.invite(f.room, jid("hecate@shakespeare.lit"), "Join us");
    f.expect_sent({"<message to='hecate@shakespeare.lit' id='id1'><x xmlns='jabber:x:conference' "
                   "jid='coven@chat.shakespeare.lit' password='cauldronburn' reason='Join us'/></message>"});
    f.muc.invite(jid("heath@chat.shakespeare.lit"), jid("hecate@shakespeare.lit/broom"));
    f.expect_sent({"<message to='hecate@shakespeare.lit/broom' id='id2'><x xmlns='jabber:x:conference' "
                   "jid='heath@chat.shakespeare.lit'/></message>"});

    f.muc.decline(jid("darkcave@chat.shakespeare.lit"), jid("crone1@shakespeare.lit"), "Sorry, I'm too busy right now.");
    f.expect_sent({"<message to='darkcave@chat.shakespeare.lit' id='id3'><x xmlns='http://jabber.org/protocol/muc#user'>"
                   "<decline to='crone1@shakespeare.lit'><reason>Sorry, I'm too busy right now.</reason></decline></x></message>"});
    f.muc.decline(jid("darkcave@chat.shakespeare.lit"), jid("crone1@shakespeare.lit/desktop"));
    f.expect_sent({"<message to='darkcave@chat.shakespeare.lit' id='id4'><x xmlns='http://jabber.org/protocol/muc#user'>"
                   "<decline to='crone1@shakespeare.lit/desktop'/></x></message>"});

    f.muc.change_nick(f.room, "thirdwitch");  // the same: nothing
    f.muc.change_nick(f.room, "");
    CHECK(f.session.take_sent().empty());

    f.muc.leave(f.room, "Exit, pursued by a bear");
    f.expect_sent({"<presence to='coven@chat.shakespeare.lit/thirdwitch' type='unavailable'>"
                   "<status>Exit, pursued by a bear</status></presence>"});
    CHECK(f.events() == "room-left self");
    CHECK(f.r().state == RoomState::Left);
    // The room's answer to our leaving is no news; leaving twice sends nothing.
    f.take(occupant("thirdwitch", "<item role='none'/><status code='110'/>", "type='unavailable'"));
    f.muc.leave(f.room);
    CHECK(f.events().empty());
    CHECK(f.session.take_sent().empty());
    f.muc.change_nick(f.room, "other");  // not in the room
    CHECK(f.session.take_sent().empty());
}

TEST_CASE("Muc announces MUC and direct invitations") {
    Fixture f;
    std::vector<std::string> features;
    f.muc.disco_features(features);
    CHECK(features == std::vector<std::string>{"http://jabber.org/protocol/muc", "jabber:x:conference"});
}

// [SECTION] Discovery

TEST_CASE("discover_service: the first item with identity conference/text, in the server's order") {
    Fixture f;
    std::vector<std::optional<Jid>> found;
    f.muc.discover_service([&](std::optional<Jid> j) { found.push_back(j); });
    f.muc.discover_service([&](std::optional<Jid> j) { found.push_back(j); });  // waits for the same answer
    f.expect_sent({"<iq type='get' to='example.com' id='id1'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>"});
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1' from='example.com'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#items'>"
                                    "<item jid='upload.example.com'/><item jid='rooms.example.com'/>"
                                    "<item jid='conference.example.com'/><item jid='bad jid'/></query></iq>"));
    f.expect_sent({"<iq type='get' to='upload.example.com' id='id2'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                   "<iq type='get' to='rooms.example.com' id='id3'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                   "<iq type='get' to='conference.example.com' id='id4'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"});
    // The third answers first, but the second, also a MUC service, comes first in the list.
    const char* muc_info = "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' "
                           "type='text' name='Chatrooms'/><feature var='http://jabber.org/protocol/muc'/></query></iq>";
    REQUIRE(f.session.answer("id4", std::string("<iq type='result' id='id4' from='conference.example.com'>") + muc_info));
    CHECK(found.empty());
    REQUIRE(f.session.answer("id3", std::string("<iq type='result' id='id3' from='rooms.example.com'>") + muc_info));
    CHECK(found.empty());  // the first item has not answered yet
    REQUIRE(f.session.answer("id2", "<iq type='result' id='id2' from='upload.example.com'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#info'>"
                                    "<identity category='store' type='file'/></query></iq>"));
    REQUIRE(found.size() == 2);
    CHECK(found[0] == jid("rooms.example.com"));
    CHECK(found[1] == jid("rooms.example.com"));

    // Kept: asked again, answered at once.
    f.muc.discover_service([&](std::optional<Jid> j) { found.push_back(j); });
    CHECK(f.session.take_sent().empty());
    REQUIRE(found.size() == 3);
    CHECK(found[2] == jid("rooms.example.com"));
}

TEST_CASE("discover_service: none found, errors and timeouts; a failed items query is retried later") {
    Fixture f;
    std::vector<std::optional<Jid>> found;
    auto record = [&](std::optional<Jid> j) { found.push_back(j); };
    f.muc.discover_service(record);
    f.session.take_sent();
    REQUIRE(f.session.answer("id1", "<iq type='error' id='id1' from='example.com'><error type='cancel'>"
                                    "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    REQUIRE(found.size() == 1);
    CHECK_FALSE(found[0]);

    f.muc.discover_service(record);
    f.expect_sent({"<iq type='get' to='example.com' id='id2'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>"});
    REQUIRE(f.session.answer("id2", "<iq type='result' id='id2' from='example.com'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='a.example.com'/>"
                                    "<item jid='b.example.com'/></query></iq>"));
    f.session.take_sent();
    REQUIRE(f.session.answer("id3", "<iq type='error' id='id3' from='a.example.com'><error type='cancel'>"
                                    "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    f.session.advance(60000);  // b never answers
    REQUIRE(found.size() == 2);
    CHECK_FALSE(found[1]);
    f.muc.discover_service(record);  // a definite "none": kept
    CHECK(f.session.take_sent().empty());
    CHECK(found.size() == 3);
}

TEST_CASE("browse: public rooms with name, occupants and locks from disco#info (§6.3, §6.4)") {
    Fixture f;
    std::vector<Muc::RoomInfo> rooms;
    std::optional<StanzaError> error;
    int calls = 0;
    f.muc.browse(jid("chat.shakespeare.lit"), [&](std::vector<Muc::RoomInfo> r, std::optional<StanzaError> e) {
        ++calls;
        rooms = std::move(r);
        error = e;
    });
    f.expect_sent({"<iq type='get' to='chat.shakespeare.lit' id='id1'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>"});
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1' from='chat.shakespeare.lit'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#items'>"
                                    "<item jid='heath@chat.shakespeare.lit' name='A Lonely Heath'/>"
                                    "<item jid='coven@chat.shakespeare.lit' name='A Dark Cave'/>"
                                    "<item jid='forres@chat.shakespeare.lit' name='The Palace'/>"
                                    "<item jid='chat.shakespeare.lit'/><item jid='x@chat.shakespeare.lit/nick'/>"
                                    "</query></iq>"));
    CHECK(f.session.take_sent().size() == 3);
    REQUIRE(f.session.answer("id3", "<iq type='result' id='id3' from='coven@chat.shakespeare.lit'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'>"
        "<identity category='conference' type='text' name='The Witches&apos; Cave'/>"
        "<feature var='http://jabber.org/protocol/muc'/><feature var='muc_passwordprotected'/>"
        "<feature var='muc_membersonly'/>"
        "<x xmlns='jabber:x:data' type='result'>"
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>"
        "<field var='muc#roominfo_occupants' label='Number of occupants'><value>3</value></field>"
        "</x></query></iq>"));
    REQUIRE(f.session.answer("id2", "<iq type='result' id='id2' from='heath@chat.shakespeare.lit'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text'/>"
        "<x xmlns='jabber:x:data' type='result'><field var='muc#roominfo_occupants'><value>many</value></field></x>"
        "</query></iq>"));
    CHECK(calls == 0);
    REQUIRE(f.session.answer("id4", "<iq type='error' id='id4' from='forres@chat.shakespeare.lit'><error type='cancel'>"
                                    "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    REQUIRE(calls == 1);
    CHECK_FALSE(error);
    REQUIRE(rooms.size() == 3);
    CHECK(rooms[0].jid == jid("heath@chat.shakespeare.lit"));
    CHECK(rooms[0].name == "A Lonely Heath");
    CHECK(rooms[0].occupants == -1);
    CHECK(rooms[1].jid == jid("coven@chat.shakespeare.lit"));
    CHECK(rooms[1].name == "The Witches' Cave");
    CHECK(rooms[1].occupants == 3);
    CHECK(rooms[1].password);
    CHECK(rooms[1].members_only);
    CHECK(rooms[2].name == "The Palace");
    CHECK_FALSE(rooms[2].password);

    // The service's refusal, and a service with no rooms.
    f.muc.browse(jid("chat.shakespeare.lit"), [&](std::vector<Muc::RoomInfo> r, std::optional<StanzaError> e) {
        ++calls;
        rooms = std::move(r);
        error = e;
    });
    REQUIRE(f.session.answer("id5", "<iq type='error' id='id5' from='chat.shakespeare.lit'><error type='cancel'>"
                                    "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    CHECK(calls == 2);
    REQUIRE(error);
    CHECK(error->condition == "remote-server-not-found");
    CHECK(rooms.empty());
    f.muc.browse(jid("chat.shakespeare.lit"), [&](std::vector<Muc::RoomInfo> r, std::optional<StanzaError> e) {
        ++calls;
        rooms = std::move(r);
        error = e;
    });
    REQUIRE(f.session.answer("id6", "<iq type='result' id='id6' from='chat.shakespeare.lit'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"));
    CHECK(calls == 3);
    CHECK_FALSE(error);
    CHECK(rooms.empty());
}

TEST_CASE("browse: at most kMaxBrowseInfo disco#info queries") {
    Fixture f;
    std::size_t listed = 0;
    f.muc.browse(jid("chat.shakespeare.lit"),
                 [&](std::vector<Muc::RoomInfo> r, std::optional<StanzaError>) { listed = r.size(); });
    std::string items;
    for (int i = 0; i < 300; ++i) items += "<item jid='r" + std::to_string(i) + "@chat.shakespeare.lit'/>";
    f.session.take_sent();
    REQUIRE(f.session.answer("id1", "<iq type='result' id='id1' from='chat.shakespeare.lit'>"
                                    "<query xmlns='http://jabber.org/protocol/disco#items'>" + items + "</query></iq>"));
    CHECK(f.session.take_sent().size() == Muc::kMaxBrowseInfo);
    f.session.close();
    CHECK(listed == 300);
}

// [SECTION] Through the client

namespace {

// A client logged in as user@example.com/r1.
struct ClientFixture : test::LoggedInClient {
    std::string events() { return describe_all(events_shown()); }
};

}  // namespace

TEST_CASE("client: room presence and private messages never reach Presences or Chat") {
    ClientFixture c;
    Muc& muc = c.client->get<Muc>();
    muc.join(jid(kRoom), "thirdwitch");
    std::vector<std::string> out = c.client->take_outgoing();
    REQUIRE(out.size() == 1);
    CHECK_XML(out[0], "<presence xmlns='jabber:client' to='coven@chat.shakespeare.lit/thirdwitch'>"
                      "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='50'/></x></presence>");

    c.server(occupant("firstwitch"));
    // Even without muc#user, presence from a room we are in is an occupant's.
    c.server("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/secondwitch'/>");
    c.server(occupant("thirdwitch", "<item role='participant'/><status code='110'/>"));
    c.server(groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>psst</body>"
                       "<x xmlns='http://jabber.org/protocol/muc#user'/>", "chat"));
    c.server(groupchat("coven@chat.shakespeare.lit/firstwitch", "<body>all hail</body>"));
    c.server(groupchat("romeo@example.net/orchard", "<body>Hi</body>", "chat"));
    c.server("<presence xmlns='jabber:client' from='romeo@example.net/orchard'/>");
    CHECK(c.events() == "joined coven@chat.shakespeare.lit as thirdwitch; private firstwitch: psst; "
                        "groupchat firstwitch: all hail; chat romeo@example.net/orchard: Hi; presence romeo@example.net");
    CHECK(muc.room(jid(kRoom))->occupants.size() == 3);
    CHECK(c.client->take_outgoing().empty());  // nothing was answered with an error

    const std::vector<std::string> f = c.client->disco_features();
    CHECK(std::count(f.begin(), f.end(), "http://jabber.org/protocol/muc") == 1);
    CHECK(std::count(f.begin(), f.end(), "jabber:x:conference") == 1);

    // The stream closing leaves every room.
    c.client->on_closed(0);
    CHECK(muc.room(jid(kRoom))->state == RoomState::Left);
}
