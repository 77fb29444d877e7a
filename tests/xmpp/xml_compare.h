// Test support (architecture.md §8): compare XML canonically, never as raw strings.
// Ignored: attribute order, quote style, whitespace-only text, namespace prefix spelling
// (element and attribute namespaces are compared by resolved value, Namespaces in XML §6).
// Significant: names, attribute values, child order, non-blank text.
#pragma once
#include "xmpp/frame.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xmpp::test {

namespace xml_detail {

// An attribute's namespace: unprefixed attributes have none (Namespaces in XML §6.2).
inline std::string_view attribute_ns(pugi::xml_node element, std::string_view name) {
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) return {};
    const std::string_view prefix = name.substr(0, colon);
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    const std::string decl = "xmlns:" + std::string(prefix);
    for (pugi::xml_node n = element; n.type() == pugi::node_element; n = n.parent())
        if (pugi::xml_attribute a = n.attribute(decl.c_str())) return a.value();
    return prefix;  // undeclared prefix: compare it as spelled
}

// Sorted {"{ns}local", value} pairs, without namespace declarations.
inline std::vector<std::pair<std::string, std::string>> attributes(pugi::xml_node element) {
    std::vector<std::pair<std::string, std::string>> out;
    for (pugi::xml_attribute a : element.attributes()) {
        const std::string_view name = a.name();
        if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
        const std::size_t colon = name.find(':');
        const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
        std::string key = "{" + std::string(attribute_ns(element, name)) + "}" + std::string(local);
        out.emplace_back(std::move(key), a.value());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A child is an element, or a run of adjacent text (pcdata/cdata) that is not blank.
struct Child {
    pugi::xml_node element;
    std::string text;
};

inline std::vector<Child> children(pugi::xml_node element) {
    std::vector<Child> out;
    std::string run;
    auto flush = [&] {
        if (run.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back({{}, run});
        run.clear();
    };
    for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            run += c.value();
        } else if (c.type() == pugi::node_element) {
            flush();
            out.push_back({c, {}});
        }
    }
    flush();
    return out;
}

inline std::string describe(pugi::xml_node e) {
    return "<" + std::string(local_name(e)) + "> in namespace '" + std::string(ns_of(e)) + "'";
}

inline bool fail(std::string* why, const std::string& path, const std::string& what) {
    if (why) *why = "at " + path + ": " + what;
    return false;
}

inline bool equal_elements(pugi::xml_node a, pugi::xml_node b, const std::string& parent, std::string* why) {
    const std::string path = parent + "/" + std::string(local_name(a));
    if (local_name(a) != local_name(b) || ns_of(a) != ns_of(b))
        return fail(why, parent, describe(a) + " vs " + describe(b));
    const auto aa = attributes(a);
    const auto ba = attributes(b);
    if (aa != ba) {
        std::string what = "attributes differ:";
        for (const auto& [k, v] : aa)
            if (std::find(ba.begin(), ba.end(), std::make_pair(k, v)) == ba.end()) what += " " + k + "='" + v + "' (first only)";
        for (const auto& [k, v] : ba)
            if (std::find(aa.begin(), aa.end(), std::make_pair(k, v)) == aa.end()) what += " " + k + "='" + v + "' (second only)";
        return fail(why, path, what);
    }
    const std::vector<Child> ac = children(a);
    const std::vector<Child> bc = children(b);
    for (std::size_t i = 0; i < ac.size() && i < bc.size(); ++i) {
        const bool a_el = static_cast<bool>(ac[i].element);
        const bool b_el = static_cast<bool>(bc[i].element);
        if (a_el != b_el) return fail(why, path, "child " + std::to_string(i + 1) + " is an element in one and text in the other");
        if (!a_el && ac[i].text != bc[i].text)
            return fail(why, path, "text '" + ac[i].text + "' vs '" + bc[i].text + "'");
        if (a_el && !equal_elements(ac[i].element, bc[i].element, path, why)) return false;
    }
    if (ac.size() != bc.size())
        return fail(why, path, std::to_string(ac.size()) + " children vs " + std::to_string(bc.size()));
    return true;
}

}  // namespace xml_detail

// True when a and b are the same XML; otherwise false, with the first difference in *why.
inline bool xml_equal(std::string_view a, std::string_view b, std::string* why = nullptr) {
    const FrameResult fa = parse_frame(a);
    if (!fa.ok()) return xml_detail::fail(why, "first", "not XML: " + fa.message);
    const FrameResult fb = parse_frame(b);
    if (!fb.ok()) return xml_detail::fail(why, "second", "not XML: " + fb.message);
    return xml_detail::equal_elements(fa.frame.root(), fb.frame.root(), "", why);
}

}  // namespace xmpp::test

// CHECK(xml_equal(actual, expected)) that prints both documents and the first difference.
#define CHECK_XML(actual, expected)                                                                        \
    do {                                                                                                  \
        const std::string parla_xml_actual_{actual};                                                      \
        const std::string parla_xml_expected_{expected};                                                  \
        std::string parla_xml_why_;                                                                       \
        const bool parla_xml_equal_ =                                                                     \
            ::xmpp::test::xml_equal(parla_xml_actual_, parla_xml_expected_, &parla_xml_why_);             \
        CHECK_MESSAGE(parla_xml_equal_, "XML differs " << parla_xml_why_ << "\n  actual:   "             \
                                                        << parla_xml_actual_ << "\n  expected: "         \
                                                        << parla_xml_expected_);                          \
    } while (0)
