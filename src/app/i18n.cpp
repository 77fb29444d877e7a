// Languages: catalog lookup, plural forms, placeholders, dates (i18n.h).
#include "app/i18n.h"

#include "app/i18n_catalog.h"

#include <algorithm>
#include <cstring>
#include <ctime>

namespace app {

namespace {

using i18n_data::Catalog;

const Catalog* g_catalog = nullptr;  // null: English
std::string g_language = "en";

std::string normalise_tag(std::string_view tag) {
    std::string s(tag);
    for (char& c : s) {
        if (c == '_') c = '-';
        else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

const Catalog* find_catalog(std::string_view code) {
    for (std::size_t i = 0; i < i18n_data::kCatalogCount; ++i)
        if (code == i18n_data::kCatalogs[i].code) return &i18n_data::kCatalogs[i];
    return nullptr;
}

template <class Entry>
const Entry* find_entry(const Entry* table, std::size_t count, const char* key) {
    const Entry* end = table + count;
    const Entry* it = std::lower_bound(table, end, key, [](const Entry& e, const char* k) { return std::strcmp(e.key, k) < 0; });
    return it != end && std::strcmp(it->key, key) == 0 ? it : nullptr;
}

const char* lookup(const char* key) {
    if (!g_catalog) return nullptr;
    const i18n_data::Message* m = find_entry(g_catalog->messages, g_catalog->message_count, key);
    return m ? m->text : nullptr;
}

}  // namespace

void set_language(std::string_view bcp47) {
    std::string tag = normalise_tag(bcp47);
    const Catalog* c = find_catalog(tag);
    std::string primary = tag.substr(0, tag.find('-'));
    if (!c) c = find_catalog(primary);
    g_catalog = c;
    g_language = c ? c->code : "en";
}

const std::string& language() { return g_language; }

std::vector<std::string> languages() {
    std::vector<std::string> out{"en"};
    for (std::size_t i = 0; i < i18n_data::kCatalogCount; ++i) out.emplace_back(i18n_data::kCatalogs[i].code);
    return out;
}

const char* language_name(std::string_view code) {
    if (code == "en") return "English";
    const Catalog* c = find_catalog(code);
    return c ? c->name : nullptr;
}

const char* tr(const char* english) {
    if (!g_catalog || !english) return english;
    const char* t = lookup(english);
    return t ? t : english;
}

const char* trc(const char* context, const char* english) {
    if (!g_catalog) return english;
    std::string key = std::string(context) + '\004' + english;
    const char* t = lookup(key.c_str());
    return t ? t : english;
}

int plural_index(PluralRule rule, long n) {
    if (n < 0) n = -n;
    switch (rule) {
    case PluralRule::OneOther: return n != 1;
    case PluralRule::FrenchOneOther: return n > 1;
    case PluralRule::NoPlural: return 0;
    case PluralRule::Slavic:
        return n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
    case PluralRule::Polish:
        return n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
    }
    return 0;
}

const char* trn_pattern(const char* singular, const char* plural, long n) {
    if (g_catalog) {
        const i18n_data::PluralMessage* m = find_entry(g_catalog->plurals, g_catalog->plural_count, singular);
        if (m) {
            int i = plural_index(g_catalog->rule, n);
            return m->forms[std::clamp(i, 0, g_catalog->nplurals - 1)];
        }
    }
    return plural_index(PluralRule::OneOther, n) == 0 ? singular : plural;
}

std::string trn(const char* singular, const char* plural, long n) {
    return fmt(trn_pattern(singular, plural, n), n);
}

std::string format_args(std::string_view pattern, const std::string_view* args, std::size_t count) {
    std::string out;
    out.reserve(pattern.size() + 16 * count);
    std::size_t i = 0;
    while (i < pattern.size()) {
        char c = pattern[i];
        if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
            out += '{';
            i += 2;
            continue;
        }
        if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
            out += '}';
            i += 2;
            continue;
        }
        if (c == '{') {
            std::size_t j = i + 1;
            std::size_t index = 0;
            while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9' && j - i <= 3)
                index = index * 10 + static_cast<std::size_t>(pattern[j++] - '0');
            if (j > i + 1 && j < pattern.size() && pattern[j] == '}' && index < count) {
                out += args[index];  // inserted as is: never scanned again
                i = j + 1;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

std::string tr_sentence(std::string_view english) {
    if (english.empty()) return {};
    std::string key(english);
    if (const char* t = lookup(key.c_str())) return t;
    if (!g_catalog) return key;
    // The server's own words at the end stay as they are; what comes before is ours.
    static constexpr std::string_view said = " The server said: \"";
    if (std::size_t at = english.rfind(said); at != std::string_view::npos && english.back() == '"') {
        std::string_view words = english.substr(at + said.size(), english.size() - at - said.size() - 1);
        return fmt(tr("{0} The server said: \"{1}\""), tr_sentence(english.substr(0, at)), words);
    }
    // Compositions of the core: {0} is a name, an address or another of its sentences. (A
    // composition without a hole is in the catalog whole: the lookup above found it.)
    struct Pattern {
        const char* english;
        bool sentence;  // {0} is itself a sentence to translate
    };
    static const Pattern patterns[] = {
        {N_("The server sent something Parla cannot read: {0}"), true},
        {N_("The server did not start a session: {0}"), true},
        {N_("There is no account {0}: check the name before the @, or register it."), false},
        {N_("This provider does not let apps create accounts. You can sign up on its web page: {0}"), false},
        {N_("This provider does not let apps create accounts. Look for a sign-up page on its web site."), false},
        {N_("The server did not accept the {0}. Change it and try again."), false},
    };
    for (const Pattern& p : patterns) {
        std::string_view pat = p.english;
        std::size_t hole = pat.find("{0}");
        if (hole == std::string_view::npos) continue;
        std::string_view before = pat.substr(0, hole), after = pat.substr(hole + 3);
        if (english.size() < before.size() + after.size() || english.substr(0, before.size()) != before ||
            english.substr(english.size() - after.size()) != after)
            continue;
        std::string_view middle = english.substr(before.size(), english.size() - before.size() - after.size());
        return fmt(tr(p.english), p.sentence ? tr_sentence(middle) : std::string(middle));
    }
    return key;
}

namespace {

std::tm local_tm(std::int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

const char* const kWeekdays[] = {NC_("weekday", "Sunday"),   NC_("weekday", "Monday"), NC_("weekday", "Tuesday"),
                                 NC_("weekday", "Wednesday"), NC_("weekday", "Thursday"), NC_("weekday", "Friday"),
                                 NC_("weekday", "Saturday")};
const char* const kMonths[] = {NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
                               NC_("month", "April"),   NC_("month", "May"),      NC_("month", "June"),
                               NC_("month", "July"),    NC_("month", "August"),   NC_("month", "September"),
                               NC_("month", "October"), NC_("month", "November"), NC_("month", "December")};

}  // namespace

std::string format_day(std::int64_t ms) {
    std::tm tm = local_tm(ms);
    const char* weekday = trc("weekday", kWeekdays[std::clamp(tm.tm_wday, 0, 6)]);
    const char* month = trc("month", kMonths[std::clamp(tm.tm_mon, 0, 11)]);
    // TRANSLATORS: a day heading in a chat: {0} weekday, {1} day of the month, {2} month, {3} year.
    return fmt(trc("date", "{0} {1} {2} {3}"), weekday, tm.tm_mday, month, tm.tm_year + 1900);
}

std::string format_time(std::int64_t ms) {
    std::tm tm = local_tm(ms);
    char minutes[4];
    minutes[0] = static_cast<char>('0' + tm.tm_min / 10);
    minutes[1] = static_cast<char>('0' + tm.tm_min % 10);
    minutes[2] = 0;
    std::string hours = std::to_string(tm.tm_hour);
    if (hours.size() < 2) hours.insert(hours.begin(), '0');
    // TRANSLATORS: a message's time, 24-hour: {0} hours (two digits), {1} minutes.
    return fmt(trc("time", "{0}:{1}"), hours, minutes);
}

std::string format_time_seconds(std::int64_t ms) {
    std::tm tm = local_tm(ms);
    char seconds[4] = {static_cast<char>('0' + tm.tm_sec / 10), static_cast<char>('0' + tm.tm_sec % 10), 0, 0};
    return format_time(ms) + ":" + seconds;
}

}  // namespace app
