#!/usr/bin/env python3
"""Checks the message catalogs against the source (run by ctest; also a helper for translators).

  catalog_check.py            every catalog compiles; every msgid in it is still in the source;
                              the complete languages (COMPLETE) translate every string the source
                              marks (tr, trc, trn, N_, NC_) and every sentence of the protocol
                              core, with no empty or fuzzy entry.
  catalog_check.py --pot      prints a PO template of every string to translate.
  catalog_check.py --missing it   lists what it.po lacks.
"""
import os
import re
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts"))
import po2cpp  # noqa: E402

COMPLETE = ["it"]  # languages that must translate everything
UI_DIRS = ["src/app", "src/ui"]
CORE_DIR = "src/xmpp"
# Core literals that look like sentences but never reach a person.
CORE_NOT_SHOWN = set()

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "?": "?", "0": "\0", "a": "\a"}


def c_unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            e = s[i + 1]
            if e == "u" or e == "U":
                n = 4 if e == "u" else 8
                out.append(chr(int(s[i + 2:i + 2 + n], 16)))
                i += 2 + n
                continue
            if e == "x":
                m = re.match(r"[0-9a-fA-F]+", s[i + 2:])
                out.append(chr(int(m.group(0), 16)))
                i += 2 + len(m.group(0))
                continue
            if e in "01234567":
                m = re.match(r"[0-7]{1,3}", s[i + 1:])
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            out.append(ESCAPES.get(e, e))
            i += 2
        else:
            out.append(s[i])
            i += 1
    # \u escapes name code points; the file's own bytes are UTF-8 already.
    return "".join(out)


TOKEN = re.compile(r'''
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>(?:u8|L|u|U)?"(?:[^"\\\n]|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\.)+')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<space>\s+)
  | (?P<punct>.)
''', re.S | re.X)


def tokens(text):
    """Identifiers, punctuation and string literals (adjacent literals joined), no comments."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("comment", "space"):
            continue
        if kind == "string":
            body = m.group(0)
            body = body[body.index('"') + 1:-1]
            value = c_unescape(body)
            if out and out[-1][0] == "string":
                out[-1] = ("string", out[-1][1] + value)
            else:
                out.append(("string", value))
        elif kind == "char":
            out.append(("char", m.group(0)))
        else:
            out.append((kind, m.group(0)))
    return out


def source_files(dirs):
    for d in dirs:
        for root, _, files in os.walk(os.path.join(REPO, d)):
            for f in sorted(files):
                if f.endswith((".cpp", ".h")):
                    yield os.path.join(root, f)


def marked(toks):
    """(context, msgid, msgid_plural) for tr("..."), trc("c", "..."), trn("..", "..", n), N_, NC_."""
    found = []
    for i, (kind, value) in enumerate(toks):
        if kind != "ident" or i + 2 >= len(toks) or toks[i + 1] != ("punct", "("):
            continue
        a = toks[i + 2]
        if a[0] != "string":
            continue
        b = toks[i + 4] if i + 4 < len(toks) and toks[i + 3] == ("punct", ",") else None
        if value in ("tr", "N_"):
            found.append((None, a[1], None))
        elif value in ("trc", "NC_") and b and b[0] == "string":
            found.append((a[1], b[1], None))
        elif value == "trn" and b and b[0] == "string":
            found.append((None, a[1], b[1]))
    return found


def core_sentences(toks):
    """Literals of the protocol core that read as whole sentences for a person."""
    out = []
    for kind, value in toks:
        if kind == "string" and re.match(r"^[A-Z][a-z]", value) and value.endswith(".") and " " in value:
            if value not in CORE_NOT_SHOWN:
                out.append(value)
    return out


def gather():
    literals, wanted = set(), {}
    for path in source_files(UI_DIRS + [CORE_DIR]):
        with open(path, encoding="utf-8") as f:
            toks = tokens(f.read())
        rel = os.path.relpath(path, REPO)
        literals.update(v for k, v in toks if k == "string")
        if rel.startswith(CORE_DIR):
            for s in core_sentences(toks):
                wanted.setdefault((None, s), (None, rel))
        else:
            for ctxt, msgid, plural in marked(toks):
                wanted.setdefault((ctxt, msgid), (plural, rel))
    return literals, wanted


def po_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def pot(wanted):
    print('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    for (ctxt, msgid), (plural, rel) in sorted(wanted.items(), key=lambda kv: (kv[1][1], kv[0][1])):
        print(f"#: {rel}")
        if ctxt is not None:
            print(f'msgctxt "{po_escape(ctxt)}"')
        print(f'msgid "{po_escape(msgid)}"')
        if plural is not None:
            print(f'msgid_plural "{po_escape(plural)}"\nmsgstr[0] ""\nmsgstr[1] ""\n')
        else:
            print('msgstr ""\n')


def main(argv):
    literals, wanted = gather()
    if len(argv) > 1 and argv[1] == "--pot":
        pot(wanted)
        return 0
    problems = []
    i18n = os.path.join(REPO, "i18n")
    catalogs = sorted(f for f in os.listdir(i18n) if f.endswith(".po"))
    for name in catalogs:
        path = os.path.join(i18n, name)
        code = name[:-3]
        try:
            po2cpp.compile_po(path)
            entries = po2cpp.parse_po(path)
        except po2cpp.PoError as e:
            problems.append(f"{e}")
            continue
        have = {}
        for e in entries:
            if e["id"] == "" and e["ctxt"] is None:
                continue
            where = f"{path}:{e['line']}"
            have[(e["ctxt"], e["id"])] = e
            for text in [e["id"], e["id_plural"], e["ctxt"]]:
                if text is not None and text not in literals:
                    problems.append(f"{where}: {text!r} is not in the source any more")
            if code in COMPLETE:
                if e["fuzzy"]:
                    problems.append(f"{where}: {e['id']!r} is marked fuzzy")
                if any(not s for s in e["strs"].values()):
                    problems.append(f"{where}: {e['id']!r} has an empty translation")
        missing = [k for k in wanted if k not in have]
        if len(argv) > 2 and argv[1] == "--missing" and argv[2] == code:
            for ctxt, msgid in missing:
                print(f"{wanted[(ctxt, msgid)][1]}: {('[' + ctxt + '] ') if ctxt else ''}{msgid}")
            return 0
        if code in COMPLETE:
            for ctxt, msgid in missing:
                problems.append(f"{path}: no translation of {msgid!r}{' (context ' + ctxt + ')' if ctxt else ''}"
                                f" from {wanted[(ctxt, msgid)][1]}")
        print(f"{name}: {len(have)} entries; the source marks {len(wanted)} strings")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problems")
        return 1
    print("catalogs OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
