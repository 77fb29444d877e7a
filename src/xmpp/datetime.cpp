// XEP-0082 §3.2 DateTime: strict reading of server stamps, and writing our own.
#include "xmpp/datetime.h"

#include <cstdio>

namespace xmpp {

namespace {

constexpr Millis kDayMs = 86400000;

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (years counted from March, so the
// leap day falls at the end of each 400-year era).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// Reads exactly n digits at text[pos]; -1 when they are not all digits.
int digits(std::string_view text, std::size_t& pos, std::size_t n) {
    if (pos + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    pos += n;
    return v;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::optional<Millis> parse_datetime(std::string_view text) {
    std::size_t p = 0;
    const int y = digits(text, p, 4);
    if (y < 0 || !expect(text, p, '-')) return std::nullopt;
    const int mo = digits(text, p, 2);
    if (mo < 1 || mo > 12 || !expect(text, p, '-')) return std::nullopt;
    const int d = digits(text, p, 2);
    if (d < 1 || d > days_in_month(y, mo) || !expect(text, p, 'T')) return std::nullopt;
    const int h = digits(text, p, 2);
    if (h < 0 || h > 23 || !expect(text, p, ':')) return std::nullopt;
    const int mi = digits(text, p, 2);
    if (mi < 0 || mi > 59 || !expect(text, p, ':')) return std::nullopt;
    int s = digits(text, p, 2);
    if (s < 0 || s > 60) return std::nullopt;
    int ms = 0;
    if (p < text.size() && text[p] == '.') {
        ++p;
        const std::size_t start = p;
        for (int scale = 100; p < text.size() && text[p] >= '0' && text[p] <= '9'; ++p, scale /= 10)
            ms += (text[p] - '0') * scale;  // digits past milliseconds are read and dropped
        if (p == start) return std::nullopt;
    }
    if (s == 60) {  // a leap second: the last instant of the minute before
        s = 59;
        ms = 999;
    }
    int offset_min = 0;
    if (!expect(text, p, 'Z')) {
        if (p >= text.size() || (text[p] != '+' && text[p] != '-')) return std::nullopt;  // the zone is required
        const int sign = text[p++] == '-' ? -1 : 1;
        const int oh = digits(text, p, 2);
        if (oh < 0 || oh > 23 || !expect(text, p, ':')) return std::nullopt;
        const int om = digits(text, p, 2);
        if (om < 0 || om > 59) return std::nullopt;
        offset_min = sign * (oh * 60 + om);
    }
    if (p != text.size()) return std::nullopt;
    const Millis local = days_from_civil(y, mo, d) * kDayMs + ((h * 60LL + mi) * 60 + s) * 1000 + ms;
    return local - offset_min * 60000LL;
}

std::string format_datetime(Millis ms) {
    Millis days = ms / kDayMs, rest = ms % kDayMs;
    if (rest < 0) rest += kDayMs, --days;
    int y = 0, m = 0, d = 0;
    civil_from_days(days, y, m, d);
    const int h = static_cast<int>(rest / 3600000), mi = static_cast<int>(rest / 60000 % 60);
    const int s = static_cast<int>(rest / 1000 % 60), frac = static_cast<int>(rest % 1000);
    char buf[40];
    if (frac) std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, h, mi, s, frac);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, mi, s);
    return buf;
}

}  // namespace xmpp
