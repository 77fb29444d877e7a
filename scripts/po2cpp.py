#!/usr/bin/env python3
"""Compiles gettext PO catalogs (i18n/xx.po) into C++ tables for src/app/i18n.cpp.

Usage: po2cpp.py --output catalogs.cpp i18n/it.po [i18n/fr.po ...]

Per language: the msgid -> msgstr pairs sorted by msgid (as strcmp orders them), the plural
entries (msgid_plural with msgstr[n]) and the plural rule named by the Plural-Forms header.
A fuzzy or empty translation is left out, so English shows instead. A malformed file, an
unknown Plural-Forms expression or a translation whose {0}-style placeholders differ from
the English stops the build with the file and line.
"""
import argparse
import os
import re
import sys

# Plural-Forms expressions (whitespace and outer parentheses removed) -> rule id in
# app::PluralRule, with the number of forms each has.
PLURAL_RULES = {
    ("2", "n!=1"): "OneOther",          # en, it, de, es, nl, sv, ...
    ("2", "n>1"): "FrenchOneOther",     # fr, pt-BR: 0 and 1 are singular
    ("1", "0"): "NoPlural",             # ja, zh, ko, vi, ...
    ("3", "n%10==1&&n%100!=11?0:n%10>=2&&n%10<=4&&(n%100<10||n%100>=20)?1:2"): "Slavic",  # ru, uk, sr, hr, bs
    ("3", "n==1?0:n%10>=2&&n%10<=4&&(n%100<10||n%100>=20)?1:2"): "Polish",                # pl
}

PLACEHOLDER = re.compile(r"\{(\d+)\}")


class PoError(Exception):
    pass


def unescape(s, where):
    out, i = [], 0
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
    while i < len(s):
        c = s[i]
        if c == '"':
            raise PoError(f"{where}: unescaped double quote inside a string")
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(s):
            raise PoError(f"{where}: a string ends with a backslash")
        e = s[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e in "01234567":
            m = re.match(r"[0-7]{1,3}", s[i + 1:])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        else:
            raise PoError(f"{where}: unknown escape \\{e}")
    return "".join(out)


def parse_po(path):
    """Returns a list of entries: dicts with ctxt, id, id_plural, strs (dict index->text), fuzzy, line."""
    entries = []
    cur = None
    field = None  # (name, index) the continuation lines append to

    def new_entry(line):
        return {"ctxt": None, "id": None, "id_plural": None, "strs": {}, "fuzzy": False, "line": line}

    pending_fuzzy = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        line = raw.strip()
        if not line or line.startswith("#"):
            field = None
            if cur is not None:  # a blank line or a comment ends the entry
                if not cur["strs"]:
                    raise PoError(f"{where}: the entry above has no msgstr")
                entries.append(cur)
                cur = None
            if line.startswith("#,"):
                flags = [x.strip() for x in line[2:].split(",")]
                pending_fuzzy = pending_fuzzy or "fuzzy" in flags
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
        if m:
            keyword, index, text = m.group(1), m.group(2), unescape(m.group(3), where)
            if keyword in ("msgctxt", "msgid"):
                if cur is not None and (keyword == "msgctxt" or cur["id"] is not None):
                    if not cur["strs"]:
                        raise PoError(f"{where}: the entry above has no msgstr")
                    entries.append(cur)
                    cur = None
                if cur is None:
                    cur = new_entry(n)
                    cur["fuzzy"] = pending_fuzzy
                    pending_fuzzy = False
                if keyword == "msgctxt":
                    cur["ctxt"] = text
                    field = ("ctxt", None)
                else:
                    cur["id"] = text
                    field = ("id", None)
            elif keyword == "msgid_plural":
                if cur is None or cur["id"] is None or cur["strs"]:
                    raise PoError(f"{where}: msgid_plural must follow a msgid")
                cur["id_plural"] = text
                field = ("id_plural", None)
            else:
                if cur is None or cur["id"] is None:
                    raise PoError(f"{where}: msgstr without a msgid")
                i = int(index) if index is not None else None
                if (i is None) != (cur["id_plural"] is None):
                    raise PoError(f"{where}: use msgstr[n] exactly when the entry has a msgid_plural")
                key = 0 if i is None else i
                if key in cur["strs"]:
                    raise PoError(f"{where}: msgstr given twice")
                cur["strs"][key] = text
                field = ("strs", key)
            continue
        m = re.match(r'^"(.*)"$', line)
        if m and field is not None and cur is not None:
            text = unescape(m.group(1), where)
            name, key = field
            if name == "strs":
                cur["strs"][key] += text
            else:
                cur[name] += text
            continue
        raise PoError(f"{where}: cannot read this line: {raw!r}")
    if cur is not None:
        if not cur["strs"]:
            raise PoError(f"{path}: the last entry has no msgstr")
        entries.append(cur)
    return entries


def header_fields(entries, path):
    for e in entries:
        if e["id"] == "" and e["ctxt"] is None:
            fields = {}
            for line in e["strs"][0].split("\n"):
                if ":" in line:
                    k, v = line.split(":", 1)
                    fields[k.strip()] = v.strip()
            return fields
    raise PoError(f"{path}: no header entry (msgid \"\")")


def strip_parens(expr):
    while expr.startswith("(") and expr.endswith(")"):
        depth = 0
        for i, c in enumerate(expr):
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and i < len(expr) - 1:
                return expr  # the first "(" closes before the end: not outer parentheses
        expr = expr[1:-1]
    return expr


def plural_rule(forms, path):
    text = re.sub(r"\s+", "", forms).rstrip(";")
    m = re.fullmatch(r"nplurals=(\d+);plural=(.+)", text)
    if not m:
        raise PoError(f"{path}: cannot read the Plural-Forms header: {forms!r}")
    key = (m.group(1), strip_parens(m.group(2)))
    if key not in PLURAL_RULES:
        known = "\n  ".join(f"nplurals={k[0]}; plural={k[1]};" for k in PLURAL_RULES)
        raise PoError(f"{path}: unknown Plural-Forms expression {forms!r}; known ones:\n  {known}\n"
                      "(add the rule to scripts/po2cpp.py and app::plural_index)")
    return PLURAL_RULES[key], int(m.group(1))


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def c_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\%03o" % o)
        elif ch == "?":
            out.append("\\?")  # no trigraphs
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def compile_po(path):
    entries = parse_po(path)
    fields = header_fields(entries, path)
    base = os.path.basename(path)[:-3]
    code = base.lower().replace("_", "-")
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", code):
        raise PoError(f"{path}: the file name must be a language tag, like it.po or pt_BR.po")
    language = fields.get("Language", "").lower().replace("_", "-")
    if language != code:
        raise PoError(f"{path}: the header says Language: {fields.get('Language')!r}, the file name says {base!r}")
    name = fields.get("X-Language-Name", "")
    if not name:
        raise PoError(f"{path}: the header needs X-Language-Name: the language's own name (e.g. Italiano)")
    if "Plural-Forms" not in fields:
        raise PoError(f"{path}: the header needs Plural-Forms")
    rule, nplurals = plural_rule(fields["Plural-Forms"], path)
    content_type = fields.get("Content-Type", "")
    if "charset=" in content_type and not content_type.lower().endswith("charset=utf-8"):
        raise PoError(f"{path}: the catalog must be UTF-8 ({content_type})")

    messages, plurals, seen = {}, {}, set()
    for e in entries:
        if e["id"] == "" and e["ctxt"] is None:
            continue
        where = f"{path}:{e['line']}"
        if e["id"] == "":
            raise PoError(f"{where}: empty msgid")
        key = e["id"] if e["ctxt"] is None else e["ctxt"] + "\x04" + e["id"]
        if key in seen:
            raise PoError(f"{where}: msgid {e['id']!r} is there twice")
        seen.add(key)
        if e["id_plural"] is None:
            text = e["strs"][0]
            if e["fuzzy"] or not text:
                continue  # English shows instead
            if placeholders(text) != placeholders(e["id"]):
                raise PoError(f"{where}: the translation of {e['id']!r} must use the placeholders "
                              f"{sorted(placeholders(e['id']))}, it uses {sorted(placeholders(text))}")
            messages[key] = text
        else:
            if sorted(e["strs"]) != list(range(nplurals)):
                raise PoError(f"{where}: {nplurals} plural forms expected (msgstr[0]..msgstr[{nplurals - 1}])")
            forms = [e["strs"][i] for i in range(nplurals)]
            if e["fuzzy"] or any(not f for f in forms):
                continue
            allowed = placeholders(e["id"]) | placeholders(e["id_plural"])
            for f in forms:
                if not placeholders(f) <= allowed:
                    raise PoError(f"{where}: a plural form of {e['id']!r} uses placeholders the English does not")
            plurals[key] = forms
    return {"code": code, "name": name, "rule": rule, "nplurals": nplurals, "messages": messages,
            "plurals": plurals, "path": path}


def utf8_key(s):
    return s.encode("utf-8")  # strcmp order


def emit(catalogs, out):
    w = out.write
    w("// Generated by scripts/po2cpp.py from i18n/*.po: do not edit.\n")
    w('#include "app/i18n_catalog.h"\n\nnamespace app::i18n_data {\n\nnamespace {\n')
    for i, c in enumerate(catalogs):
        w(f"\n// {c['code']}: {c['name']} ({os.path.basename(c['path'])})\n")
        w(f"const Message messages_{i}[] = {{\n")
        for k in sorted(c["messages"], key=utf8_key):
            w(f"    {{{c_string(k)}, {c_string(c['messages'][k])}}},\n")
        w("    {nullptr, nullptr},\n};\n")
        keys = sorted(c["plurals"], key=utf8_key)
        for j, k in enumerate(keys):
            forms = ", ".join(c_string(f) for f in c["plurals"][k])
            w(f"const char* const forms_{i}_{j}[] = {{{forms}}};\n")
        w(f"const PluralMessage plurals_{i}[] = {{\n")
        for j, k in enumerate(keys):
            w(f"    {{{c_string(k)}, forms_{i}_{j}}},\n")
        w("    {nullptr, nullptr},\n};\n")
    w("\n}  // namespace\n\n")
    w(f"const Catalog kCatalogs[] = {{\n")
    for i, c in enumerate(catalogs):
        w(f"    {{{c_string(c['code'])}, {c_string(c['name'])}, PluralRule::{c['rule']}, {c['nplurals']}, "
          f"messages_{i}, {len(c['messages'])}, plurals_{i}, {len(c['plurals'])}}},\n")
    if not catalogs:
        w("    {nullptr, nullptr, PluralRule::OneOther, 2, nullptr, 0, nullptr, 0},\n")
    w("};\n")
    w(f"const std::size_t kCatalogCount = {len(catalogs)};\n\n}}  // namespace app::i18n_data\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--output", required=True)
    ap.add_argument("po", nargs="*")
    args = ap.parse_args()
    try:
        catalogs = sorted((compile_po(p) for p in args.po), key=lambda c: c["code"])
        codes = [c["code"] for c in catalogs]
        if "en" in codes:
            raise PoError("en.po: English is the source language (the msgids); it needs no catalog")
        if len(set(codes)) != len(codes):
            raise PoError(f"two catalogs for the same language: {codes}")
    except (PoError, OSError, UnicodeDecodeError) as e:
        print(f"po2cpp: error: {e}", file=sys.stderr)
        return 1
    tmp = args.output + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as out:
        emit(catalogs, out)
    os.replace(tmp, args.output)
    for c in catalogs:
        print(f"po2cpp: {c['code']}: {len(c['messages'])} messages, {len(c['plurals'])} plurals ({c['rule']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
