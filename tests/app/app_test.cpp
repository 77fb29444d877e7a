#include "app/app.h"

#include <doctest/doctest.h>

using app::check_address;
using app::check_domain;

TEST_CASE("addresses that look right pass") {
    for (const char* a : {"giulietta@localhost", "romeo@example.org", "a@b", "name.surname@sub.example.it"})
        CHECK_MESSAGE(check_address(a).empty(), a);
}

TEST_CASE("malformed addresses say which part is wrong") {
    struct Row {
        const char* address;
        const char* says;
    };
    const Row rows[] = {
        {"", "Type your address"},
        {"giulietta", "needs an @"},
        {"@localhost", "before @"},
        {"giulietta@", "After @"},
        {"giu lietta@localhost", "before @ cannot contain spaces"},
        {"giulietta@local host", "After @"},
        {"a@b@c", "only one @"},
        {"giulietta@localhost/phone", "After @"},
    };
    for (const Row& r : rows) {
        std::string error = check_address(r.address);
        CAPTURE(r.address);
        CHECK(error.find(r.says) != std::string::npos);
    }
}

TEST_CASE("provider domains") {
    CHECK(check_domain("example.org").empty());
    CHECK_FALSE(check_domain("").empty());
    CHECK_FALSE(check_domain("me@example.org").empty());
    CHECK_FALSE(check_domain("exa mple.org").empty());
}

TEST_CASE("log in intent: errors and an honest notice") {
    app::App a;
    a.apply(app::LogIn{"giulietta", "x"});
    CHECK(a.state().login.kind == app::Notice::Kind::Error);
    a.apply(app::LogIn{"giulietta@localhost", ""});
    CHECK(a.state().login.kind == app::Notice::Kind::Error);
    CHECK(a.state().login.text == "Type your password.");
    a.apply(app::LogIn{"giulietta@localhost", "secret"});
    CHECK(a.state().login.kind == app::Notice::Kind::Info);
}

TEST_CASE("fetch registration form intent checks the domain") {
    app::App a;
    a.apply(app::FetchRegistrationForm{""});
    CHECK(a.state().registration.kind == app::Notice::Kind::Error);
    CHECK(a.state().login.kind == app::Notice::Kind::None);
}
