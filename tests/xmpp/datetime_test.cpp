// XEP-0082 DateTime: reading server stamps strictly, writing our own.
#include "xmpp/datetime.h"

#include <doctest/doctest.h>

using namespace xmpp;

TEST_CASE("XEP-0082: DateTime in UTC, with offsets and fractions") {
    struct Row {
        const char* text;
        Millis ms;
    };
    const Row rows[] = {
        {"1970-01-01T00:00:00Z", 0},
        {"2002-09-10T23:08:25Z", 1031699305000},            // XEP-0203 §3
        {"1969-07-21T02:56:15Z", -14159025000},             // XEP-0082 §3.2, before the epoch
        {"1969-07-20T21:56:15-05:00", -14159025000},        // the same instant, in Houston
        {"2002-09-11T04:38:25+05:30", 1031699305000},
        {"2002-09-10T23:08:25+00:00", 1031699305000},
        {"2002-09-10T23:08:25-00:00", 1031699305000},
        {"2002-09-10T23:08:25.1Z", 1031699305100},
        {"2002-09-10T23:08:25.123Z", 1031699305123},
        {"2002-09-10T23:08:25.123456789Z", 1031699305123},  // past milliseconds: dropped
        {"2002-09-10T23:08:25.5+01:00", 1031695705500},
        {"2000-02-29T12:00:00Z", 951825600000},             // a leap day (divisible by 400)
        {"2024-02-29T23:59:59.999Z", 1709251199999},
        {"2016-12-31T23:59:60Z", 1483228799999},            // a leap second
        {"0001-01-01T00:00:00Z", -62135596800000},
        {"9999-12-31T23:59:59Z", 253402300799000},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text);
        const std::optional<Millis> got = parse_datetime(r.text);
        REQUIRE(got);
        CHECK(*got == r.ms);
    }
}

TEST_CASE("XEP-0082: anything but a DateTime is refused") {
    for (const char* bad : {"", "Z", "2002-09-10", "2002-09-10T23:08:25",  // no zone
                            "2002-09-10 23:08:25Z", "2002-09-10t23:08:25z", "20020910T23:08:25",  // XEP-0091
                            "2002-9-10T23:08:25Z", "02-09-10T23:08:25Z", "2002-09-10T23:08Z", "2002-09-10T23:08:25.Z",
                            "2002-00-10T23:08:25Z", "2002-13-10T23:08:25Z", "2002-09-00T23:08:25Z",
                            "2002-09-31T23:08:25Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                            "2002-09-10T24:00:00Z", "2002-09-10T23:60:00Z", "2002-09-10T23:08:61Z",
                            "2002-09-10T23:08:25+0500", "2002-09-10T23:08:25+05", "2002-09-10T23:08:25+24:00",
                            "2002-09-10T23:08:25+05:60", "2002-09-10T23:08:25Z ", " 2002-09-10T23:08:25Z",
                            "2002-09-10T23:08:25ZZ", "2002-09-10T23:08:25.12a", "-002-09-10T23:08:25Z",
                            "2002-09-10T23:08:25\xEF\xBC\xBA", "２００２-09-10T23:08:25Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_datetime(bad));
    }
}

TEST_CASE("XEP-0082: our stamps are UTC with milliseconds only when there are some") {
    CHECK(format_datetime(0) == "1970-01-01T00:00:00Z");
    CHECK(format_datetime(1031699305000) == "2002-09-10T23:08:25Z");
    CHECK(format_datetime(1031699305007) == "2002-09-10T23:08:25.007Z");
    CHECK(format_datetime(-14159025000) == "1969-07-21T02:56:15Z");
    CHECK(format_datetime(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(format_datetime(951825600000) == "2000-02-29T12:00:00Z");
    // Every day for 30 years round-trips.
    for (Millis ms = 946684800000; ms < 1893456000000; ms += 86400000 + 3723004) {
        CAPTURE(ms);
        CHECK(parse_datetime(format_datetime(ms)) == ms);
    }
}
