// XEP-0004: Data Forms — round trips, every field type, hostile input, submission, validation.
#include "xmpp/data_form.h"

#include "xml_compare.h"

#include "xmpp/frame.h"
#include "xmpp/stanza.h"

#include <doctest/doctest.h>

#include <string>

using namespace xmpp;

namespace {

std::optional<DataForm> parse_x(std::string_view xml) {
    const FrameResult f = parse_frame(xml, FrameLimits{4 * 1024 * 1024, 64});
    REQUIRE_MESSAGE(f.ok(), f.message);
    return DataForm::parse(f.frame.root());
}

DataForm parse_ok(std::string_view xml) {
    std::optional<DataForm> form = parse_x(xml);
    REQUIRE_MESSAGE(form, xml);
    return *form;
}

std::string written(const DataForm& form) {
    pugi::xml_document doc;
    pugi::xml_node wrapper = doc.append_child("wrapper");
    form.write(wrapper);
    return to_xml(wrapper.first_child());
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// XEP-0004 §5.1, "Service Returns Bot Creation Form".
const char* kBotForm = R"(<x xmlns='jabber:x:data' type='form'>
  <title>Bot Configuration</title>
  <instructions>Fill out this form to configure your new bot!</instructions>
  <field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>
  <field type='fixed'><value>Section 1: Bot Info</value></field>
  <field type='text-single' label='The name of your bot' var='botname'/>
  <field type='text-multi' label='Helpful description of your bot' var='description'/>
  <field type='boolean' label='Public bot?' var='public'><required/></field>
  <field type='text-private' label='Password for special access' var='password'/>
  <field type='fixed'><value>Section 2: Features</value></field>
  <field type='list-multi' label='What features will the bot support?' var='features'>
    <option label='Contests'><value>contests</value></option>
    <option label='News'><value>news</value></option>
    <option label='Polls'><value>polls</value></option>
    <option label='Reminders'><value>reminders</value></option>
    <option label='Search'><value>search</value></option>
    <value>news</value>
    <value>search</value>
  </field>
  <field type='fixed'><value>Section 3: Subscriber List</value></field>
  <field type='list-single' label='Maximum number of subscribers' var='maxsubs'>
    <value>20</value>
    <option label='10'><value>10</value></option>
    <option label='20'><value>20</value></option>
    <option label='None'><value>none</value></option>
  </field>
  <field type='fixed'><value>Section 4: Invitations</value></field>
  <field type='jid-multi' label='People to invite' var='invitelist'>
    <desc>Tell all your friends about your new bot!</desc>
  </field>
  <field type='jid-single' label='Owner' var='owner'><value>romeo@montague.net</value></field>
</x>)";

}  // namespace

TEST_CASE("DataForm::parse reads the XEP-0004 bot creation form") {
    const DataForm form = parse_ok(kBotForm);
    CHECK(form.type == "form");
    CHECK(form.title == "Bot Configuration");
    CHECK(form.instructions == "Fill out this form to configure your new bot!");
    CHECK(form.form_type() == "jabber:bot");
    REQUIRE(form.fields.size() == 13);
    CHECK(form.fields[1].type == "fixed");
    CHECK(form.fields[1].var.empty());
    CHECK(form.fields[1].values == std::vector<std::string>{"Section 1: Bot Info"});

    const FormField* pub = form.field("public");
    REQUIRE(pub);
    CHECK(pub->type == "boolean");
    CHECK(pub->required);
    CHECK_FALSE(pub->bool_value());  // §3.3: false by default
    const FormField* features = form.field("features");
    REQUIRE(features);
    CHECK(features->label == "What features will the bot support?");
    CHECK(features->options.size() == 5);
    CHECK(features->options[1] == FormOption{"News", "news"});
    CHECK(features->values == std::vector<std::string>{"news", "search"});
    CHECK(form.field("invitelist")->desc == "Tell all your friends about your new bot!");
    CHECK(form.field("nope") == nullptr);
    CHECK(form.field("") == nullptr);
}

TEST_CASE("DataForm round-trips: parse, write, compare") {
    struct Row {
        const char* name;
        const char* in;
        const char* out;  // nullptr: same as in
    };
    const Row rows[] = {
        {"every text type and boolean",
         "<x xmlns='jabber:x:data' type='form'><field var='a' type='text-single' label='A'><value>x</value></field>"
         "<field var='b' type='text-private'><required/></field>"
         "<field var='c' type='text-multi'><value>line 1</value><value>line 2</value></field>"
         "<field var='d' type='boolean'><value>true</value></field></x>",
         nullptr},
        {"hidden, fixed with and without var",
         "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:x</value></field>"
         "<field type='fixed'><value>Heading</value></field><field var='note' type='fixed'><value>n</value></field></x>",
         nullptr},
        {"jid types",
         "<x xmlns='jabber:x:data' type='submit'><field var='j' type='jid-single'><value>a@b.example</value></field>"
         "<field var='m' type='jid-multi'><value>a@b.example</value><value>c@d.example</value></field></x>",
         nullptr},
        {"list types with options, desc and required",
         "<x xmlns='jabber:x:data' type='form'><field var='l' type='list-single' label='Pick'><desc>One only</desc><required/>"
         "<value>2</value><option label='One'><value>1</value></option><option><value>2</value></option></field>"
         "<field var='lm' type='list-multi'><value>a</value><value>b</value><option label='A'><value>a</value></option>"
         "<option label='B'><value>b</value></option></field></x>",
         nullptr},
        {"list-multi values written before options",
         "<x xmlns='jabber:x:data' type='form'><field var='f' type='list-multi'><option label='N'><value>n</value></option>"
         "<value>n</value></field></x>",
         "<x xmlns='jabber:x:data' type='form'><field var='f' type='list-multi'><value>n</value>"
         "<option label='N'><value>n</value></option></field></x>"},
        {"missing and unknown types become text-single",
         "<x xmlns='jabber:x:data' type='form'><field var='a'/><field var='b' type='color-picker'/></x>",
         "<x xmlns='jabber:x:data' type='form'><field var='a' type='text-single'/><field var='b' type='text-single'/></x>"},
        {"title and instructions, whitespace collapsed, one element per instruction",
         "<x xmlns='jabber:x:data' type='form'><title>  My\n  form </title><instructions>\n  Do\n    this\n</instructions>"
         "<instructions>Then that</instructions><instructions>   </instructions></x>",
         "<x xmlns='jabber:x:data' type='form'><title>My form</title><instructions>Do this</instructions>"
         "<instructions>Then that</instructions></x>"},
        {"cancel without fields", "<x xmlns='jabber:x:data' type='cancel'/>", nullptr},
        {"XEP-0221 media (XEP-0158 OCR), URIs trimmed",
         "<x xmlns='jabber:x:data' type='form'><field var='ocr' label='Enter the text you see'>"
         "<media xmlns='urn:xmpp:media-element' height='80' width='290'>"
         "<uri type='image/jpeg'>\n  http://www.victim.com/challenges/ocr.jpeg?F3A6292C\n  </uri>"
         "<uri type='image/png'> cid:sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org </uri></media></field></x>",
         "<x xmlns='jabber:x:data' type='form'><field var='ocr' type='text-single' label='Enter the text you see'>"
         "<media xmlns='urn:xmpp:media-element' height='80' width='290'>"
         "<uri type='image/jpeg'>http://www.victim.com/challenges/ocr.jpeg?F3A6292C</uri>"
         "<uri type='image/png'>cid:sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org</uri></media></field></x>"},
        {"escaping survives", "<x xmlns='jabber:x:data' type='form'><field var='a&amp;b' label='&lt;i&gt;' type='text-single'>"
                              "<value>x &lt; y &amp; &quot;z&quot;</value></field></x>",
         nullptr},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        const DataForm form = parse_ok(r.in);
        CHECK_XML(written(form), r.out ? r.out : r.in);
        CHECK(parse_ok(written(form)) == form);  // and the written form reads back the same
    }
}

TEST_CASE("DataForm::parse refuses what is not a data form") {
    for (const char* bad : {"<x xmlns='urn:other' type='form'/>", "<x type='form'/>", "<form xmlns='jabber:x:data' type='form'/>",
                            "<x xmlns='jabber:x:data'/>", "<x xmlns='jabber:x:data' type='Form'/>",
                            "<x xmlns='jabber:x:data' type='wizard'/>"}) {
        INFO(bad);
        CHECK(parse_x(bad) == std::nullopt);
    }
    // A prefixed namespace is still jabber:x:data.
    const DataForm form = parse_ok("<d:x xmlns:d='jabber:x:data' type='form'><d:field var='a'/></d:x>");
    CHECK(form.fields.size() == 1);
}

TEST_CASE("DataForm::parse survives hostile forms") {
    SUBCASE("more than 200 fields: the first 200 are kept") {
        std::string xml = "<x xmlns='jabber:x:data' type='form'>";
        for (int i = 0; i < 250; ++i) xml += "<field var='f" + std::to_string(i) + "'/>";
        const DataForm form = parse_ok(xml + "</x>");
        REQUIRE(form.fields.size() == DataForm::kMaxFields);
        CHECK(form.fields.back().var == "f199");
    }
    SUBCASE("huge strings are cut on a UTF-8 boundary") {
        const std::string euro = repeat("\xE2\x82\xAC", 3000);  // 9000 bytes
        const DataForm form = parse_ok("<x xmlns='jabber:x:data' type='form'><title>" + euro + "</title><field var='a' label='" +
                                       euro + "'><desc>" + euro + "</desc><value>" + euro + "</value></field></x>");
        CHECK(form.title.size() == 4095);  // 1365 whole euro signs
        const FormField& f = form.fields.at(0);
        CHECK(f.label.size() == 4095);
        CHECK(f.desc.size() == 4095);
        CHECK(f.values.at(0).size() == 4095);
    }
    SUBCASE("instructions are capped at 16 KiB in total") {
        std::string xml = "<x xmlns='jabber:x:data' type='form'>";
        for (int i = 0; i < 20; ++i) xml += "<instructions>" + std::string(2000, 'a') + "</instructions>";
        CHECK(parse_ok(xml + "</x>").instructions.size() == DataForm::kMaxInstructionsBytes);
    }
    SUBCASE("a var longer than 4 KiB drops the field instead of renaming it") {
        const DataForm form = parse_ok("<x xmlns='jabber:x:data' type='form'><field var='" + std::string(5000, 'v') + "'/></x>");
        CHECK(form.fields.empty());
    }
    SUBCASE("fields without var (other than fixed) are dropped; duplicate vars keep the first") {
        const DataForm form = parse_ok(
            "<x xmlns='jabber:x:data' type='form'><field type='text-single' label='no var'/><field var='' type='hidden'/>"
            "<field type='fixed'><value>kept</value></field><field var='challenge' type='hidden'><value>first</value></field>"
            "<field var='challenge' type='hidden'><value>second</value></field><field var='challenge' type='text-single'/></x>");
        REQUIRE(form.fields.size() == 2);
        CHECK(form.fields[0].type == "fixed");
        CHECK(form.field("challenge")->values == std::vector<std::string>{"first"});
    }
    SUBCASE("options, values and media beyond the limits") {
        std::string options, values, uris;
        for (int i = 0; i < 600; ++i) options += "<option><value>" + std::to_string(i) + "</value></option>";
        for (int i = 0; i < 150; ++i) values += "<value>" + std::to_string(i) + "</value>";
        for (int i = 0; i < 20; ++i) uris += "<uri type='image/png'>cid:" + std::to_string(i) + "@bob.xmpp.org</uri>";
        const DataForm form = parse_ok("<x xmlns='jabber:x:data' type='form'><field var='l' type='list-multi'>" + options + values +
                                       "<media xmlns='urn:xmpp:media-element'>" + uris + "</media></field></x>");
        const FormField& f = form.fields.at(0);
        CHECK(f.options.size() == DataForm::kMaxOptions);
        CHECK(f.values.size() == DataForm::kMaxValues);
        REQUIRE(f.media);
        CHECK(f.media->uris.size() == DataForm::kMaxMediaUris);
    }
    SUBCASE("option rules: list fields only, one value each, no repeats") {
        const DataForm form = parse_ok(
            "<x xmlns='jabber:x:data' type='form'><field var='t' type='text-single'><option><value>x</value></option></field>"
            "<field var='l' type='list-single'><option label='none'/><option label='A'><value>a</value></option>"
            "<option label='A again'><value>a</value></option><option label='B'><value>b</value><value>c</value></option></field>"
            "<field var='u' type='weird'><option><value>x</value></option></field></x>");
        CHECK(form.field("t")->options.empty());
        CHECK(form.field("l")->options == std::vector<FormOption>{{"A", "a"}, {"B", "b"}});
        CHECK(form.field("u")->options.empty());  // unknown type reads as text-single
    }
    SUBCASE("single-valued types keep their first value") {
        const DataForm form = parse_ok(
            "<x xmlns='jabber:x:data' type='form'><field var='s' type='text-single'><value>1</value><value>2</value></field>"
            "<field var='h' type='hidden'><value>1</value><value>2</value></field></x>");
        CHECK(form.field("s")->values == std::vector<std::string>{"1"});
        CHECK(form.field("h")->values == std::vector<std::string>{"1", "2"});
    }
    SUBCASE("nested junk and other namespaces are ignored") {
        const DataForm form = parse_ok(
            "<x xmlns='jabber:x:data' type='form'><junk><field var='deep'/></junk>"
            "<field xmlns='urn:other' var='alien'/><title xmlns='urn:other'>Not the title</title>"
            "<field var='a'><value>1<b>ignored</b>2</value><wrap><value>deep</value></wrap>"
            "<value xmlns='urn:other'>alien</value><required xmlns='urn:other'/>"
            "<media xmlns='urn:other'><uri>cid:x@bob.xmpp.org</uri></media></field></x>");
        CHECK(form.title.empty());
        REQUIRE(form.fields.size() == 1);
        const FormField& f = form.fields[0];
        CHECK(f.values == std::vector<std::string>{"12"});
        CHECK_FALSE(f.required);
        CHECK_FALSE(f.media);
    }
    SUBCASE("media: only cid/http/https URIs, sane sizes") {
        const DataForm form = parse_ok(
            "<x xmlns='jabber:x:data' type='form'><field var='a'><media xmlns='urn:xmpp:media-element' width='-5' height='99999'>"
            "<uri type='image/png'>javascript:alert(1)</uri><uri type='image/svg+xml'>data:image/svg+xml,&lt;svg/&gt;</uri>"
            "<uri>file:///etc/passwd</uri><uri>cid:</uri><uri>https://example.com/a b.png</uri>"
            "<uri type='image/png'>CID:ok@bob.xmpp.org</uri></media></field>"
            "<field var='b'><media xmlns='urn:xmpp:media-element'><uri>javascript:alert(1)</uri></media></field></x>");
        const FormField& a = form.fields.at(0);
        REQUIRE(a.media);
        CHECK(a.media->width == 0);
        CHECK(a.media->height == 0);
        CHECK(a.media->uris == std::vector<MediaUri>{{"CID:ok@bob.xmpp.org", "image/png"}});
        CHECK_FALSE(form.fields.at(1).media);
    }
}

TEST_CASE("DataForm::form_type reads only a hidden FORM_TYPE") {
    CHECK(parse_ok("<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:captcha</value></field></x>")
              .form_type() == "urn:xmpp:captcha");
    CHECK(parse_ok("<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE'><value>urn:xmpp:captcha</value></field></x>")
              .form_type().empty());  // XEP-0068 §3: not hidden, not a context indicator
    CHECK(parse_ok("<x xmlns='jabber:x:data' type='form'/>").form_type().empty());
}

TEST_CASE("DataForm::submission answers the XEP-0004 bot form") {
    DataForm form = parse_ok(kBotForm);
    form.field("botname")->values = {"The Jabber Google Bot"};
    form.field("description")->values = {"This bot enables you to send requests to\nGoogle and receive the search results\r\nright in your client."};
    form.field("public")->values = {"0"};
    form.field("password")->values = {"v3r0na"};
    form.field("maxsubs")->values = {"50", "100"};  // one value only for list-single
    form.field("invitelist")->values = {"Juliet@Capulet.com", " juliet@capulet.com ", "", "benvolio@montague.net"};

    const DataForm submit = form.submission();
    CHECK(submit.type == "submit");
    CHECK_XML(written(submit), R"(<x xmlns='jabber:x:data' type='submit'>
      <field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>
      <field type='text-single' var='botname'><value>The Jabber Google Bot</value></field>
      <field type='text-multi' var='description'>
        <value>This bot enables you to send requests to</value>
        <value>Google and receive the search results</value>
        <value>right in your client.</value>
      </field>
      <field type='boolean' var='public'><value>0</value></field>
      <field type='text-private' var='password'><value>v3r0na</value></field>
      <field type='list-multi' var='features'><value>news</value><value>search</value></field>
      <field type='list-single' var='maxsubs'><value>50</value></field>
      <field type='jid-multi' var='invitelist'>
        <value>juliet@capulet.com</value>
        <value>benvolio@montague.net</value>
      </field>
      <field type='jid-single' var='owner'><value>romeo@montague.net</value></field>
    </x>)");
}

TEST_CASE("Data form validation: missing_required and invalid_jid_fields") {
    DataForm form = parse_ok(
        "<x xmlns='jabber:x:data' type='form'><field type='fixed'><required/></field>"
        "<field var='user'><required/></field><field var='pass' type='text-private'><required/><value>   </value></field>"
        "<field var='opt'/><field var='ok'><required/><value>x</value></field>"
        "<field var='owner' type='jid-single'/><field var='invite' type='jid-multi'/></x>");
    CHECK(missing_required(form) == std::vector<std::string>{"user", "pass"});
    form.field("user")->values = {"juliet"};
    form.field("pass")->values = {"secret"};
    CHECK(missing_required(form).empty());

    CHECK(invalid_jid_fields(form).empty());  // empty values are "missing", not invalid
    form.field("owner")->values = {"romeo@montague.net"};
    form.field("invite")->values = {"a@b.example", "not a jid@x"};
    CHECK(invalid_jid_fields(form) == std::vector<std::string>{"invite"});
    form.field("owner")->values = {"@nowhere"};
    CHECK(invalid_jid_fields(form) == std::vector<std::string>{"owner", "invite"});
}
