// XEP-0077: In-Band Registration payloads, with XEP-0158 CAPTCHA, XEP-0066 redirection and
// XEP-0231 Bits of Binary: spec samples, hostile rows, submissions, error sentences.
// Index:
//   [SECTION] Helpers
//   [SECTION] XEP-0077 / XEP-0158 samples (legacy, registered, data form, CAPTCHA + BoB, redirect)
//   [SECTION] Hostile input (redirect URLs, foreign elements, BoB data)
//   [SECTION] Builders, stream feature, error sentences
#include "xmpp/register.h"

#include "xml_compare.h"

#include "xmpp/frame.h"

#include <doctest/doctest.h>

#include <string>

using namespace xmpp;

// [SECTION] Helpers

namespace {

struct Parsed {
    FrameResult frame;
    pugi::xml_node root() const { return frame.frame.root(); }
};

Parsed parse_xml(std::string_view xml) {
    Parsed p{parse_frame(xml, FrameLimits{4 * 1024 * 1024, 64})};
    REQUIRE_MESSAGE(p.frame.ok(), p.frame.message);
    return p;
}

std::optional<RegistrationForm> parse_reg(std::string_view xml) { return RegistrationForm::parse(parse_xml(xml).root()); }

RegistrationForm parse_reg_ok(std::string_view xml) {
    std::optional<RegistrationForm> r = parse_reg(xml);
    REQUIRE_MESSAGE(r, xml);
    return *r;
}

std::optional<BobData> parse_bob(std::string_view xml) { return BobData::parse(parse_xml(xml).root()); }

// A byte string that starts like a PNG file, `size` bytes long.
Bytes fake_png(std::size_t size) {
    Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    b.resize(size, 0x42);
    return b;
}

std::string bob_xml(std::string_view type, const Bytes& bytes, std::string_view extra = "") {
    return "<data xmlns='urn:xmpp:bob' cid='sha1+8f35fef110ffc5df08d579a50083ff9308fb6242@bob.xmpp.org' type='" +
           std::string(type) + "' " + std::string(extra) + ">" + base64_encode(bytes) + "</data>";
}

const char* kCid = "sha1+8f35fef110ffc5df08d579a50083ff9308fb6242@bob.xmpp.org";

}  // namespace

// [SECTION] XEP-0077 / XEP-0158 samples

TEST_CASE("RegistrationForm::parse reads the XEP-0077 legacy form") {
    const RegistrationForm r = parse_reg_ok(R"(<iq type='result' id='reg1'>
      <query xmlns='jabber:iq:register'>
        <instructions>
          Choose a username and password for use with this service.
          Please also provide your email address.
        </instructions>
        <username/>
        <password/>
        <email/>
      </query>
    </iq>)");
    CHECK_FALSE(r.registered);
    CHECK(r.instructions ==
          "Choose a username and password for use with this service. Please also provide your email address.");
    CHECK(r.legacy_fields == std::vector<std::string>{"username", "password", "email"});
    CHECK(r.legacy_values.empty());
    CHECK_FALSE(r.form);
    CHECK_FALSE(r.redirect_url);
    CHECK(r.in_band());
    CHECK(r.missing_legacy_values({{"username", "bill"}, {"password", " "}}) == std::vector<std::string>{"password", "email"});
}

TEST_CASE("RegistrationForm::parse reads 'already registered' with the values on file") {
    const RegistrationForm r = parse_reg_ok(
        "<iq type='result' id='reg1'><query xmlns='jabber:iq:register'><registered/><username>juliet</username>"
        "<password>R0m30</password><email>juliet@capulet.com</email></query></iq>");
    CHECK(r.registered);
    CHECK(r.legacy_fields == std::vector<std::string>{"username", "password", "email"});
    CHECK(r.legacy_values == std::map<std::string, std::string>{
                                 {"username", "juliet"}, {"password", "R0m30"}, {"email", "juliet@capulet.com"}});
}

TEST_CASE("RegistrationForm::parse reads the XEP-0077 data form, which takes precedence") {
    const RegistrationForm r = parse_reg_ok(R"(<iq type='result' from='contests.shakespeare.lit' id='reg3'>
      <query xmlns='jabber:iq:register'>
        <instructions>
          Use the enclosed form to register. If your Jabber client does not
          support Data Forms, visit http://www.shakespeare.lit/contests.php
        </instructions>
        <x xmlns='jabber:x:data' type='form'>
          <title>Contest Registration</title>
          <instructions>
            Please provide the following information
            to sign up for our special contests!
          </instructions>
          <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
          <field type='text-single' label='Given Name' var='first'><required/></field>
          <field type='text-single' label='Family Name' var='last'><required/></field>
          <field type='text-single' label='Email Address' var='email'><required/></field>
          <field type='list-single' label='Gender' var='x-gender'>
            <option label='Male'><value>M</value></option>
            <option label='Female'><value>F</value></option>
          </field>
        </x>
      </query>
    </iq>)");
    REQUIRE(r.form);
    CHECK(r.form->form_type() == kNsRegister);
    CHECK(r.form->title == "Contest Registration");
    CHECK(r.form->instructions == "Please provide the following information to sign up for our special contests!");
    CHECK(missing_required(*r.form) == std::vector<std::string>{"first", "last", "email"});
    CHECK(r.legacy_fields.empty());
    CHECK(r.in_band());
    CHECK_FALSE(r.is_captcha());

    DataForm filled = *r.form;
    filled.field("first")->values = {"Juliet"};
    filled.field("last")->values = {"Capulet"};
    filled.field("email")->values = {"juliet@capulet.com"};
    filled.field("x-gender")->values = {"F"};
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("id") = "reg4";
    write_form_submission(iq, filled);
    CHECK_XML(to_xml(iq), R"(<iq type='set' id='reg4'><query xmlns='jabber:iq:register'>
      <x xmlns='jabber:x:data' type='submit'>
        <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
        <field type='text-single' var='first'><value>Juliet</value></field>
        <field type='text-single' var='last'><value>Capulet</value></field>
        <field type='text-single' var='email'><value>juliet@capulet.com</value></field>
        <field type='list-single' var='x-gender'><value>F</value></field>
      </x></query></iq>)");
}

TEST_CASE("RegistrationForm::parse reads a XEP-0158 CAPTCHA form with its BoB picture") {
    const Bytes png = fake_png(300);
    std::string b64 = base64_encode(png);
    for (std::size_t at = 76; at < b64.size(); at += 77) b64.insert(at, "\n");  // wrapped, as in XEP-0231 §2
    const RegistrationForm r = parse_reg_ok(std::string(R"(<iq type='result' xml:lang='en' id='reg1'>
      <query xmlns='jabber:iq:register'>
        <x xmlns='jabber:x:data' type='form'>
          <field type='hidden' var='FORM_TYPE'><value>urn:xmpp:captcha</value></field>
          <field type='hidden' var='challenge'><value>F3A6292C</value></field>
          <field type='hidden' var='sid'><value>reg1</value></field>
          <field var='ocr' label='Enter the text you see'>
            <media xmlns='urn:xmpp:media-element' height='80' width='290'>
              <uri type='image/png'>
                cid:sha1+8f35fef110ffc5df08d579a50083ff9308fb6242@bob.xmpp.org
              </uri>
            </media>
          </field>
          <field type='text-single' var='username'><required/></field>
          <field type='text-private' var='password'><required/></field>
        </x>
        <instructions>To register, visit http://www.victim.com/register.html</instructions>
        <x xmlns='jabber:x:oob'><url>http://www.victim.com/register.html</url></x>
      </query>
      <data xmlns='urn:xmpp:bob' cid='sha1+8f35fef110ffc5df08d579a50083ff9308fb6242@bob.xmpp.org'
            type='image/png' max-age='0'>
        )") + b64 + R"(
      </data>
    </iq>)");
    CHECK(r.is_captcha());
    REQUIRE(r.form);
    CHECK(r.redirect_url == std::optional<std::string>("http://www.victim.com/register.html"));
    const FormField* ocr = r.form->field("ocr");
    REQUIRE(ocr);
    REQUIRE(ocr->media);
    CHECK(ocr->media->width == 290);
    const std::string cid = cid_of_uri(ocr->media->uris.at(0).uri);
    CHECK(cid == kCid);
    const BobData* picture = r.find_bob(cid);
    REQUIRE(picture);
    CHECK(picture->type == "image/png");
    CHECK(picture->bytes == png);
    CHECK(picture->max_age == 0);
    CHECK(r.find_bob("other@bob.xmpp.org") == nullptr);

    // The query alone finds the same picture through its parent iq.
    const Parsed p = parse_xml(std::string("<iq type='result' id='r'><query xmlns='jabber:iq:register'/>") +
                               bob_xml("image/png", png) + "</iq>");
    CHECK(RegistrationForm::parse(p.root().first_child())->bob.size() == 1);

    // XEP-0158 §4: the answer echoes the hidden fields and drops media and labels.
    DataForm filled = *r.form;
    filled.field("ocr")->values = {"7nHL3"};
    filled.field("username")->values = {"bill"};
    filled.field("password")->values = {"Calliope"};
    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("type") = "set";
    write_form_submission(iq, filled);
    CHECK_XML(to_xml(iq), R"(<iq type='set'><query xmlns='jabber:iq:register'>
      <x xmlns='jabber:x:data' type='submit'>
        <field type='hidden' var='FORM_TYPE'><value>urn:xmpp:captcha</value></field>
        <field type='hidden' var='challenge'><value>F3A6292C</value></field>
        <field type='hidden' var='sid'><value>reg1</value></field>
        <field type='text-single' var='ocr'><value>7nHL3</value></field>
        <field type='text-single' var='username'><value>bill</value></field>
        <field type='text-private' var='password'><value>Calliope</value></field>
      </x></query></iq>)");
}

TEST_CASE("RegistrationForm::parse reads a redirect-only answer (XEP-0077 §5)") {
    const RegistrationForm r = parse_reg_ok(R"(<iq type='result' from='contests.shakespeare.lit' id='reg3'>
      <query xmlns='jabber:iq:register'>
        <instructions>
          To register, visit http://www.shakespeare.lit/contests.php
        </instructions>
        <x xmlns='jabber:x:oob'>
          <url> http://www.shakespeare.lit/contests.php </url>
        </x>
      </query>
    </iq>)");
    CHECK_FALSE(r.in_band());
    CHECK(r.instructions == "To register, visit http://www.shakespeare.lit/contests.php");
    CHECK(r.redirect_url == std::optional<std::string>("http://www.shakespeare.lit/contests.php"));
}

// [SECTION] Hostile input

TEST_CASE("RegistrationForm::parse accepts only plain http(s) redirect URLs") {
    struct Row {
        const char* url;
        bool ok;
    };
    const Row rows[] = {
        {"https://example.com/register", true},
        {"HTTPS://Example.com", true},
        {"http://example.com:8080/a?b=c#d", true},
        {"javascript:alert(document.cookie)", false},
        {"JavaScript:alert(1)", false},
        {"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;", false},
        {"ftp://example.com/", false},
        {"xmpp:example.com?register", false},
        {"//example.com/", false},
        {"https://", false},
        {"https:///path", false},
        {"https://bank.example@evil.example/", false},
        {"https://example.com/a b", false},
        {"https://example.com/\"onmouseover", false},
        {"", false},
    };
    for (const Row& row : rows) {
        INFO(row.url);
        const RegistrationForm r = parse_reg_ok(std::string("<query xmlns='jabber:iq:register'><x xmlns='jabber:x:oob'><url>") +
                                                row.url + "</url></x></query>");
        CHECK(r.redirect_url.has_value() == row.ok);
    }
    const std::string long_url = "https://example.com/" + std::string(3000, 'a');
    CHECK_FALSE(parse_reg_ok("<query xmlns='jabber:iq:register'><x xmlns='jabber:x:oob'><url>" + long_url + "</url></x></query>")
                    .redirect_url);
    // A bad first URL does not hide a good second one; the wrong namespace is not OOB.
    CHECK(parse_reg_ok("<query xmlns='jabber:iq:register'><x xmlns='jabber:x:oob'><url>javascript:x</url>"
                       "<url>https://ok.example/</url></x><x xmlns='urn:other'><url>https://no.example/</url></x></query>")
              .redirect_url == std::optional<std::string>("https://ok.example/"));
}

TEST_CASE("RegistrationForm::parse ignores what is not its own") {
    CHECK(parse_reg("<iq type='result' id='1'/>") == std::nullopt);
    CHECK(parse_reg("<iq type='result' id='1'><query xmlns='jabber:iq:roster'/></iq>") == std::nullopt);
    CHECK(parse_reg("<query xmlns='urn:other'/>") == std::nullopt);
    const RegistrationForm r = parse_reg_ok(
        "<iq type='result' id='1'><query xmlns='jabber:iq:register'><username/><x-favourite-colour/><username>again</username>"
        "<password xmlns='urn:other'/><nick>romeo</nick><key>abc123</key><remove/>"
        "<x xmlns='jabber:x:data' type='bogus'/></query></iq>");
    CHECK(r.legacy_fields == std::vector<std::string>{"username", "nick", "key"});
    CHECK(r.legacy_values == std::map<std::string, std::string>{{"nick", "romeo"}, {"key", "abc123"}});
    CHECK_FALSE(r.form);  // a data form with an invalid type is no form
    CHECK(parse_reg_ok("<query xmlns='jabber:iq:register'><email>" + std::string(9000, 'e') + "</email></query>")
              .legacy_values.at("email")
              .size() == RegistrationForm::kMaxTextBytes);
}

TEST_CASE("BobData::parse accepts small images and refuses the rest") {
    const Bytes png = fake_png(64);
    SUBCASE("good data, type case-insensitive, max-age read") {
        const std::optional<BobData> b = parse_bob(bob_xml("IMAGE/PNG", png, "max-age='86400'"));
        REQUIRE(b);
        CHECK(b->cid == kCid);
        CHECK(b->type == "image/png");
        CHECK(b->bytes == png);
        CHECK(b->max_age == 86400);
        CHECK(parse_bob(bob_xml("image/png", png, "max-age='soon'"))->max_age == -1);
        CHECK(parse_bob(bob_xml("image/png", png, "max-age='99999999999'"))->max_age == -1);
        CHECK(parse_bob(bob_xml("image/png", png, "max-age='9999999999'"))->max_age == 2147483647);
    }
    SUBCASE("each allowed type with matching content") {
        Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3};
        Bytes gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
        Bytes webp = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
        CHECK(parse_bob(bob_xml("image/jpeg", jpeg)));
        CHECK(parse_bob(bob_xml("image/gif", gif)));
        CHECK(parse_bob(bob_xml("image/webp", webp)));
        CHECK_FALSE(parse_bob(bob_xml("image/gif", jpeg)));  // the content must say what the type says
    }
    SUBCASE("SVG and other types refused, even with PNG bytes") {
        const std::string svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        const Bytes svg_bytes(svg.begin(), svg.end());
        for (const char* type : {"image/svg+xml", "image/svg", "text/html", "application/octet-stream", "", "image/png; x=y"}) {
            INFO(type);
            CHECK_FALSE(parse_bob(bob_xml(type, png)));
        }
        CHECK_FALSE(parse_bob(bob_xml("image/png", svg_bytes)));  // SVG labelled as PNG
    }
    SUBCASE("size: 512 KiB decoded at most, and nothing empty") {
        CHECK(parse_bob(bob_xml("image/png", fake_png(BobData::kMaxBytes))));
        CHECK_FALSE(parse_bob(bob_xml("image/png", fake_png(BobData::kMaxBytes + 1))));
        CHECK_FALSE(parse_bob(bob_xml("image/png", fake_png(4 * BobData::kMaxBytes))));
        CHECK_FALSE(parse_bob(bob_xml("image/png", {})));
        CHECK_FALSE(parse_bob(std::string("<data xmlns='urn:xmpp:bob' cid='") + kCid + "'/>"));  // a §4 request
    }
    SUBCASE("bad base64") {
        for (const char* text : {"!!!!", "iVBORw0KGgo", "iVBORw0KGgo=A", "iVBORw0KGgp=", "iVBO Rw0K Ggo=====",
                                 "iVBORw0KGgo&#x00E9;"}) {
            INFO(text);
            CHECK_FALSE(parse_bob(std::string("<data xmlns='urn:xmpp:bob' cid='") + kCid + "' type='image/png'>" + text + "</data>"));
        }
    }
    SUBCASE("cid and namespace") {
        const std::string body = "type='image/png'>" + base64_encode(png) + "</data>";
        CHECK_FALSE(parse_bob("<data xmlns='urn:xmpp:bob' " + body));
        CHECK_FALSE(parse_bob("<data xmlns='urn:xmpp:bob' cid='' " + body));
        CHECK_FALSE(parse_bob("<data xmlns='urn:xmpp:bob' cid='no-at-sign' " + body));
        CHECK_FALSE(parse_bob("<data xmlns='urn:xmpp:bob' cid='a b@bob.xmpp.org' " + body));
        CHECK_FALSE(parse_bob("<data xmlns='urn:xmpp:tmp:data-element' cid='a@b' " + body));
        CHECK_FALSE(parse_bob("<blob xmlns='urn:xmpp:bob' cid='a@b' " + std::string("type='image/png'>") + base64_encode(png) + "</blob>"));
    }
}

TEST_CASE("BobData in a registration answer: unique cids, at most 8, bad ones skipped") {
    std::string xml = "<iq type='result' id='r'><query xmlns='jabber:iq:register'>";
    xml += bob_xml("image/svg+xml", fake_png(32));  // skipped
    for (int i = 0; i < 12; ++i) {
        const Bytes png = fake_png(32 + i);
        xml += "<data xmlns='urn:xmpp:bob' cid='c" + std::to_string(i % 10) + "@bob.xmpp.org' type='image/png'>" +
               base64_encode(png) + "</data>";
    }
    const RegistrationForm r = parse_reg_ok(xml + "</query></iq>");
    REQUIRE(r.bob.size() == RegistrationForm::kMaxBob);
    CHECK(r.bob[0].cid == "c0@bob.xmpp.org");
    CHECK(r.bob[7].cid == "c7@bob.xmpp.org");
}

TEST_CASE("BobData: cid_of_uri") {
    struct Row {
        const char* uri;
        const char* cid;
    };
    const Row rows[] = {
        {"cid:sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org", "sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org"},
        {"  CID:a@b \n", "a@b"},
        {"cid:", ""},
        {"cid:a b@c", ""},
        {"http://www.victim.com/challenges/ocr.jpeg?F3A6292C", ""},
        {"mid:a@b", ""},
        {"", ""},
    };
    for (const Row& r : rows) {
        INFO(r.uri);
        CHECK(cid_of_uri(r.uri) == r.cid);
    }
}

// [SECTION] Builders, stream feature, error sentences

TEST_CASE("Registration requests and legacy submissions (XEP-0077 §3.1)") {
    CHECK_XML(registration_get_xml("reg1", "shakespeare.lit"),
              "<iq xmlns='jabber:client' type='get' id='reg1' to='shakespeare.lit'><query xmlns='jabber:iq:register'/></iq>");
    CHECK_XML(registration_get_xml("a'b", ""), "<iq xmlns='jabber:client' type='get' id=\"a'b\"><query xmlns='jabber:iq:register'/></iq>");

    pugi::xml_document doc;
    pugi::xml_node iq = doc.append_child("iq");
    iq.append_attribute("id") = "reg2";
    write_legacy_submission(iq, {{"username", "bill"}, {"password", "Calliope"}, {"email", "bard@shakespeare.lit"},
                                 {"x-evil", "no"}, {"instructions", "no"}, {"key", "abc\x01" "123"}});
    CHECK_XML(to_xml(iq), R"(<iq type='set' id='reg2'><query xmlns='jabber:iq:register'>
      <username>bill</username><password>Calliope</password><email>bard@shakespeare.lit</email><key>abc123</key>
    </query></iq>)");
}

TEST_CASE("Registration stream feature (XEP-0077 §8)") {
    const Parsed yes = parse_xml("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                                 "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                                 "<register xmlns='http://jabber.org/features/iq-register'/></stream:features>");
    CHECK(offers_registration(yes.root()));
    const Parsed no = parse_xml("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                                "<register xmlns='urn:other'/></stream:features>");
    CHECK_FALSE(offers_registration(no.root()));
}

TEST_CASE("RegistrationError::from maps XEP-0077 conditions to sentences") {
    RegistrationForm offered = parse_reg_ok(
        "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'>"
        "<field type='hidden' var='FORM_TYPE'><value>urn:xmpp:captcha</value></field>"
        "<field var='ocr' label='Enter the text you see'/><field var='first' label='Given Name'/>"
        "<field var='username'/><field var='password' type='text-private'/></x>"
        "<x xmlns='jabber:x:oob'><url>https://example.com/signup</url></x></query>");
    struct Row {
        const char* condition;
        const char* text;
        bool with_form;
        const char* field;
        const char* sentence;
    };
    const Row rows[] = {
        {"conflict", "", false, "username", "That username is already taken. Choose another one."},
        {"not-acceptable", "The password is too weak", false, "password",
         "The server did not accept the password. Change it and try again. The server said: \"The password is too weak\""},
        {"not-acceptable", "Invalid E-mail address", false, "email",
         "The server did not accept the email address. Change it and try again. The server said: \"Invalid E-mail address\""},
        {"not-acceptable", "Given name contains forbidden characters", true, "first",
         "The server did not accept the Given Name. Change it and try again. "
         "The server said: \"Given name contains forbidden characters\""},
        {"not-acceptable", "The requested user name is invalid", true, "username",
         "The server did not accept the username. Change it and try again. The server said: \"The requested user name is invalid\""},
        {"not-acceptable", "", false, "", "The server did not accept what was entered. Check every field and try again."},
        {"not-acceptable", "passwords are hashed", false, "", "The server did not accept what was entered. Check every field and try again. "
                                                         "The server said: \"passwords are hashed\""},
        {"not-allowed", "The CAPTCHA verification has failed", false, "",
         "The CAPTCHA answer was wrong. Try again with a new one. The server said: \"The CAPTCHA verification has failed\""},
        {"not-allowed", "", true, "", "The CAPTCHA answer was wrong, or this provider refused the registration. Try again with a new CAPTCHA."},
        {"not-allowed", "", false, "", "This provider refused the registration."},
        {"resource-constraint", "Users are not allowed to register accounts so quickly", false, "",
         "Too many accounts were registered from here recently. Wait a while and try again. "
         "The server said: \"Users are not allowed to register accounts so quickly\""},
        {"service-unavailable", "", false, "", "This provider does not let apps create accounts. Look for a sign-up page on its web site."},
        {"service-unavailable", "", true, "",
         "This provider does not let apps create accounts. You can sign up on its web page: https://example.com/signup"},
        {"bad-request", "", false, "", "Something required is missing. Fill in every field and try again."},
        {"forbidden", "", false, "", "You are not allowed to do this."},
        {"internal-server-error", "oops", false, "", "The server had an internal error. Try again later. The server said: \"oops\""},
    };
    for (const Row& r : rows) {
        INFO(r.condition << " / " << r.text);
        const StanzaError e{"cancel", r.condition, r.text, {}};
        const RegistrationError re = RegistrationError::from(e, r.with_form ? &offered : nullptr);
        CHECK(re.condition == r.condition);
        CHECK(re.text == r.text);
        CHECK(re.field == r.field);
        CHECK(re.sentence == r.sentence);
    }
    const RegistrationError capped = RegistrationError::from(StanzaError{"modify", "not-acceptable", std::string(5000, 'x'), {}});
    CHECK(capped.text.size() == RegistrationError::kMaxTextBytes);
}
