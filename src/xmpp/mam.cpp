// XEP-0313 Message Archive Management: the query (form and RSM set), collecting the
// results of our own queries from the archive we asked, and the <fin/> that ends a page.
#include "xmpp/mam.h"

#include "xmpp/data_form.h"
#include "xmpp/datetime.h"
#include "xmpp/disco.h"
#include "xmpp/forward.h"
#include "xmpp/frame.h"
#include "xmpp/muc.h"

#include <algorithm>
#include <utility>

namespace xmpp {

namespace {

pugi::xml_node append_ns(pugi::xml_node parent, const char* name, std::string_view ns) {
    pugi::xml_node n = parent.append_child(name);
    n.append_attribute("xmlns") = std::string(ns).c_str();
    return n;
}

void append_field(pugi::xml_node form, const char* var, const std::string& value, const char* type = nullptr) {
    pugi::xml_node f = form.append_child("field");
    f.append_attribute("var") = var;
    if (type) f.append_attribute("type") = type;
    f.append_child("value").text() = value.c_str();
}

// An RSM id from the archive: kept whole or not at all.
std::string rsm_id(pugi::xml_node set, const char* name) {
    const std::string_view v = child_element(set, name, kNsRsm).text().get();
    return v.size() <= Mam::kMaxIdBytes ? std::string(v) : std::string();
}

}  // namespace

std::string Mam::query(const std::optional<Jid>& archive, const MamFilter& filter, MamCallback done) {
    const std::string queryid = session_.new_id();
    if (queries_.size() >= kMaxQueries) {
        MamPage page;
        page.error = StanzaError{"wait", "resource-constraint", {}, {}};
        done(std::move(page));
        return queryid;
    }
    // Our own archive is our bare JID's; asked without 'to' (the answer then comes from our account).
    const Jid own = session_.own_jid().bare_jid();
    std::optional<Jid> room;
    if (archive && archive->bare_jid() != own) room = archive->bare_jid();

    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    if (room) iq.append_attribute("to") = room->full().c_str();
    pugi::xml_node q = append_ns(iq, "query", kNsMam);
    q.append_attribute("queryid") = queryid.c_str();
    pugi::xml_node form = append_ns(q, "x", kNsDataForms);
    form.append_attribute("type") = "submit";
    append_field(form, "FORM_TYPE", std::string(kNsMam), "hidden");
    if (filter.with) append_field(form, "with", filter.with->full());
    if (filter.start) append_field(form, "start", format_datetime(*filter.start));
    pugi::xml_node set = append_ns(q, "set", kNsRsm);
    const int max = std::clamp(filter.max, 1, static_cast<int>(kMaxResults));
    set.append_child("max").text() = max;
    // RSM §2.5: <before/> empty asks for the last page.
    if (!filter.before_id.empty() || filter.last_page) {
        pugi::xml_node before = set.append_child("before");
        if (!filter.before_id.empty()) before.text() = sanitize_for_xml(filter.before_id).c_str();
    } else if (!filter.after_id.empty()) {
        set.append_child("after").text() = sanitize_for_xml(filter.after_id).c_str();
    }

    queries_[queryid] = Query{room, {}};  // before send_iq, which may answer at once
    session_.send_iq(iq, [this, queryid, done = std::move(done)](const IqResponse& r) {
        MamPage page;
        if (auto it = queries_.find(queryid); it != queries_.end()) {
            page.messages = std::move(it->second.messages);
            queries_.erase(it);
        }
        if (!r.ok()) {
            page.messages.clear();  // a part of a page is no page
            page.error = r.error;
            done(std::move(page));
            return;
        }
        // <fin complete='true|false'><set><first/><last/><count/></set></fin>
        const pugi::xml_node fin = child_element(r.stanza, "fin", kNsMam);
        const std::string_view complete = fin.attribute("complete").value();
        page.complete = complete == "true" || complete == "1";
        const pugi::xml_node rsm = child_element(fin, "set", kNsRsm);
        page.first = rsm_id(rsm, "first");
        page.last = rsm_id(rsm, "last");
        const std::string_view count = child_element(rsm, "count", kNsRsm).text().get();
        if (!count.empty() && count.size() <= 9 && count.find_first_not_of("0123456789") == std::string_view::npos) {
            page.count = 0;
            for (char ch : count) page.count = page.count * 10 + (ch - '0');
        }
        done(std::move(page));
    });
    return queryid;
}

void Mam::supports(const std::optional<Jid>& archive, std::function<void(bool)> done) {
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "get";
    iq.append_attribute("to") = (archive ? archive->bare_jid() : session_.own_jid().bare_jid()).full().c_str();
    append_ns(iq, "query", kNsDiscoInfo);
    session_.send_iq(iq, [done = std::move(done)](const IqResponse& r) {
        bool found = false;
        const pugi::xml_node q = child_element(r.stanza, "query", kNsDiscoInfo);
        for (pugi::xml_node c = q.first_child(); r.ok() && c && !found; c = c.next_sibling())
            found = is(c, "feature", kNsDiscoInfo) && std::string_view(c.attribute("var").value()) == kNsMam;
        done(found);
    });
}

bool Mam::handle(const Stanza& s) {
    if (s.name != "message") return false;
    const pugi::xml_node result = s.child("result", kNsMam);
    if (!result) return false;
    // Taken from here on, whatever it is: an archived message is never a live one.
    auto it = queries_.find(result.attribute("queryid").value());
    if (it == queries_.end()) return true;  // no query of ours (spoofed, or late)
    Query& q = it->second;
    const Jid own = session_.own_jid().bare_jid();
    // Sender impersonation: only the archive we asked. Ours answers from our bare JID or with
    // no 'from' (our account, RFC 6120 §8.1.2.1); a room from its bare JID.
    const bool from_archive = q.archive ? s.from && *s.from == *q.archive : !s.from || *s.from == own;
    if (!from_archive || q.messages.size() >= kMaxResults) return true;
    const std::string_view archive_id = result.attribute("id").value();
    if (archive_id.empty() || archive_id.size() > kMaxIdBytes) return true;
    const std::optional<Forwarded> f = read_forwarded(child_element(result, "forwarded", kNsForward));
    if (!f) return true;
    const Stanza& in = f->message;
    if (in.type == "error") return true;

    ArchivedMessage a;
    a.archive_id = std::string(archive_id);
    a.stamp = f->stamp;
    a.message = read_message_content(in);
    if (a.message.body.empty()) return true;  // chat states, receipts, subject changes: not history
    a.message.type = in.type == "groupchat" || in.type == "chat" ? std::string(in.type) : "normal";
    if (q.archive) {
        // A room's archive: from is the occupant JID (room/nick), never another room's.
        if (!in.from || in.from->bare_jid() != *q.archive) return true;
        a.nick = in.from->resource;
        if (!in.to) a.message.to = session_.own_jid();
        // The archive replaces any muc#user <x/> with its own: when it names the real JID
        // (non-anonymous rooms), it tells whether we wrote it.
        const pugi::xml_node item = child_element(in.child("x", kNsMucUser), "item", kNsMucUser);
        if (const char* j = item.attribute("jid").value(); *j) {
            const JidResult real = Jid::parse(j);
            a.outgoing = real.ok() && real.jid.bare_jid() == own;
        }
    } else {
        if (!in.from) a.message.from = own;
        if (!in.to) a.message.to = own;
        a.outgoing = a.message.from.bare_jid() == own;
    }
    q.messages.push_back(std::move(a));
    return true;
}

void Mam::on_closed() {
    // The client completes every pending IQ (Closed) before this: their pages are delivered.
    queries_.clear();
}

}  // namespace xmpp
