// Languages: every string a person reads goes through here. English is the source language
// (the catalogs' msgids are the English strings); i18n/xx.po holds language xx, compiled
// into tables by scripts/po2cpp.py at build time. Adding a language is adding a file.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace app {

// Picks the catalog for a BCP 47 tag ("it-IT", "IT", "en_GB"): the whole tag if a catalog
// has it, else its language ("it"), else English.
void set_language(std::string_view bcp47);
const std::string& language();            // "en", "it", ...
std::vector<std::string> languages();     // every available language, English first
// A language's name in that language ("English", "Italiano"); the code when unknown.
const char* language_name(std::string_view code);

// The translation of `english` in the current language, or `english` itself. Cheap (a binary
// search in a sorted table): call it every frame. The pointer stays valid for the program.
const char* tr(const char* english);
// The same with a context, for words that translate differently by use ("month", "May").
const char* trc(const char* context, const char* english);
// Marks a string for the catalog without translating it (tables translated later with tr).
constexpr const char* N_(const char* english) { return english; }
constexpr const char* NC_(const char* /*context*/, const char* english) { return english; }

// `{0}`, `{1}`... in `pattern` replaced by the arguments, in any order, any number of times.
// Arguments are untrusted text (names, addresses): inserted as they are, never expanded
// again, never read as printf or ImGui formats. `{{` is a literal brace.
std::string format_args(std::string_view pattern, const std::string_view* args, std::size_t count);

namespace i18n_detail {
inline std::string_view arg(std::string_view s) { return s; }
inline std::string_view arg(const std::string& s) { return s; }
inline std::string_view arg(const char* s) { return s ? std::string_view(s) : std::string_view(); }
template <class T, class = std::enable_if_t<std::is_integral_v<T>>>
std::string arg(T n) { return std::to_string(n); }
}  // namespace i18n_detail

template <class... Args>
std::string fmt(std::string_view pattern, const Args&... args) {
    // Converted first: numbers become strings that live until the end of this call.
    [[maybe_unused]] auto hold = [](const auto& a) { return std::string(i18n_detail::arg(a)); };
    const std::string held[] = {hold(args)..., std::string()};
    std::string_view views[sizeof...(Args) + 1];
    for (std::size_t i = 0; i < sizeof...(Args); ++i) views[i] = held[i];
    return format_args(pattern, views, sizeof...(Args));
}

// The plural form for `n` ({0} is n; further placeholders {1}... take `args`):
// trn("{0} person", "{0} people", 3) is "3 people", in Italian "3 persone".
std::string trn(const char* singular, const char* plural, long n);
const char* trn_pattern(const char* singular, const char* plural, long n);
template <class... Args>
std::string trn(const char* singular, const char* plural, long n, const Args&... args) {
    return fmt(trn_pattern(singular, plural, n), n, args...);
}

// Which of a language's plural forms `n` takes, by rule id (scripts/po2cpp.py names them).
enum class PluralRule { OneOther, FrenchOneOther, NoPlural, Slavic, Polish };
int plural_index(PluralRule rule, long n);

// A sentence the protocol core wrote in English (xmpp::Failure::sentence, a stanza error's
// sentence, a join error...): translated whole when the catalog has it; a trailing
// ` The server said: "..."` and a few known compositions are translated around the
// server's words; anything else stays as it is.
std::string tr_sentence(std::string_view english);

// Dates and times for the person, in local time: "Saturday 28 November 2026" /
// "sabato 28 novembre 2026", and "10:46" (24-hour).
std::string format_day(std::int64_t ms);
std::string format_time(std::int64_t ms);
// With seconds: "10:46:05" (the same in every language Parla has).
std::string format_time_seconds(std::int64_t ms);

}  // namespace app
