#!/usr/bin/env python3
"""scripts/po2cpp.py on small catalogs (run by ctest): the plural rules it knows, what it
leaves out (fuzzy, empty), and the mistakes that stop the build."""
import os
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(REPO, "scripts", "po2cpp.py")

HEADER = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"X-Language-Name: {name}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {forms}\\n"

'''

failures = []


def run(name, body, lang="ru", forms="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        header=True):
    with tempfile.TemporaryDirectory() as d:
        po = os.path.join(d, name)
        with open(po, "w", encoding="utf-8") as f:
            if header:
                f.write(HEADER.format(lang=lang, name="Test", forms=forms))
            f.write(body)
        out = os.path.join(d, "out.cpp")
        r = subprocess.run([sys.executable, SCRIPT, "--output", out, po], capture_output=True, text=True)
        text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        return r.returncode, r.stdout + r.stderr, text


def expect(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


GOOD = '''#, fuzzy
msgid "Fuzzy"
msgstr "Нечётко"

msgid "Empty"
msgstr ""

msgctxt "month"
msgid "May"
msgstr "май"

msgid "Hello {0}, it is {1}"
msgstr "{1}: привет, {0}"

msgid "Multi"
"line"
msgstr "Много"
"строк \\"x\\"\\n"

msgid "{0} person"
msgid_plural "{0} people"
msgstr[0] "{0} человек"
msgstr[1] "{0} человека"
msgstr[2] "{0} человек"
'''

code, log, cpp = run("ru.po", GOOD)
expect("a Slavic catalog compiles", code == 0 and "PluralRule::Slavic, 3" in cpp)
expect("fuzzy and empty translations are left out (English shows)", '"Fuzzy"' not in cpp and '"Empty"' not in cpp)
expect("a context is joined to its msgid with \\004", '"month\\004May"' in cpp)
expect("continuation lines and escapes", '"Multiline", "Многострок \\"x\\"\\n"' in cpp)
expect("plural forms, in order", '{"{0} человек", "{0} человека", "{0} человек"}' in cpp)
expect("it says what it compiled", "ru: 3 messages, 1 plurals (Slavic)" in log)

for forms, rule in [("nplurals=2; plural=(n != 1);", "OneOther"), ("nplurals=2; plural=n>1;", "FrenchOneOther"),
                    ("nplurals=1; plural=0;", "NoPlural"),
                    ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", "Polish")]:
    code, log, cpp = run("xx.po", 'msgid "a"\nmsgstr "b"\n', lang="xx", forms=forms)
    expect(f"Plural-Forms {forms!r} is {rule}", code == 0 and f"PluralRule::{rule}," in cpp)

code, log, _ = run("xx.po", 'msgid "a"\nmsgstr "b"\n', lang="xx", forms="nplurals=2; plural=(n%10 != 1);")
expect("an unknown plural expression stops the build", code != 0 and "unknown Plural-Forms" in log)
code, log, _ = run("ru.po", 'msgid "a"\nmsgstr b\n')
expect("a malformed line stops the build, with its line", code != 0 and "ru.po:" in log and "cannot read" in log)
code, log, _ = run("ru.po", 'msgid "Hi {0}"\nmsgstr "Привет {1}"\n')
expect("a translation with other placeholders stops the build", code != 0 and "placeholders" in log)
code, log, _ = run("ru.po", 'msgid "{0} a"\nmsgid_plural "{0} b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n')
expect("too few plural forms stop the build", code != 0 and "3 plural forms expected" in log)
code, log, _ = run("ru.po", 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n')
expect("a msgid twice stops the build", code != 0 and "twice" in log)
code, log, _ = run("fr.po", 'msgid "a"\nmsgstr "b"\n', lang="it")
expect("a Language header that is not the file's stops the build", code != 0 and "Language" in log)
code, log, _ = run("ru.po", 'msgid "a"\nmsgstr "b"\n', header=False)
expect("a catalog without its header stops the build", code != 0 and "header" in log)

print(f"{len(failures)} failed" if failures else "po2cpp OK")
sys.exit(1 if failures else 0)
