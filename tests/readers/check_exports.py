"""Independent reader for bitext's exports: loads XLIFF 2.0, XLIFF 1.2 and
TMX with Translate Toolkit and checks them against the expectations the
Rust test `tests/testsuite/readers.rs` writes as JSON.

Usage: check_exports.py EXPECTATIONS.json
Exit status 0 when every expectation holds; 1 with one line per failure.
"""

import json
import sys

from translate.storage import tmx, xliff, xliff2

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"

failures = []


def expect(ok, message):
    if not ok:
        failures.append(message)


def xliff2_state(unit):
    # Translate Toolkit's XLIFF 2.0 unit wraps the <segment>, which holds `state`.
    return unit.xmlelement.get("state")


def xliff2_notes(unit):
    # Notes live in <unit><notes>, above the segment (XLIFF 2.0 §4.2.2.5);
    # Translate Toolkit 3.x looks for them inside the segment, so read the
    # parent unit directly.
    parent = unit.xmlelement.getparent()
    return [n.text or "" for n in parent.iter("{%s}note" % XLIFF2)]


def xliff1_state(unit):
    target = unit.xmlelement.find("{%s}target" % XLIFF1)
    return None if target is None else target.get("state")


def check_units(label, units, expected, state_of, notes_of, key_of):
    expect(len(units) == expected["count"], "%s: %d units, expected %d" % (label, len(units), expected["count"]))
    by_id = {key_of(u): u for u in units}
    for uid, want in expected["units"].items():
        unit = by_id.get(uid)
        if unit is None:
            failures.append("%s: no unit %s among %s" % (label, uid, sorted(by_id)))
            continue
        source = unit.source or ""
        expect(want["source"] in source, "%s %s: source %r lacks %r" % (label, uid, source, want["source"]))
        target = unit.target or None
        if want["target"] is None:
            expect(target is None, "%s %s: unexpected target %r" % (label, uid, target))
        else:
            expect(target is not None and want["target"] in target,
                   "%s %s: target %r lacks %r" % (label, uid, target, want["target"]))
        expect(state_of(unit) == want["state"],
               "%s %s: state %r, expected %r" % (label, uid, state_of(unit), want["state"]))
        notes = " ".join(notes_of(unit))
        if want.get("note"):
            expect(want["note"] in notes, "%s %s: notes %r lack %r" % (label, uid, notes, want["note"]))
        else:
            expect(notes == "", "%s %s: unexpected notes %r" % (label, uid, notes))


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)

    store = xliff2.Xliff2File.parsefile(spec["xliff2"]["file"])
    expect(store.getsourcelanguage() == spec["source_lang"], "xliff2: srcLang %r" % store.getsourcelanguage())
    expect(store.gettargetlanguage() == spec["target_lang"], "xliff2: trgLang %r" % store.gettargetlanguage())
    units = [u for u in store.units if not u.isheader()]
    check_units("xliff2", units, spec["xliff2"], xliff2_state, xliff2_notes,
                lambda u: u.xmlelement.getparent().get("id"))

    store = xliff.xlifffile.parsefile(spec["xliff12"]["file"])
    units = [u for u in store.units if not u.isheader()]
    check_units("xliff12", units, spec["xliff12"], xliff1_state,
                lambda u: [u.getnotes()] if u.getnotes() else [],
                lambda u: u.xmlelement.get("id"))

    store = tmx.tmxfile.parsefile(spec["tmx"]["file"])
    units = list(store.units)
    expect(len(units) == spec["tmx"]["count"], "tmx: %d units, expected %d" % (len(units), spec["tmx"]["count"]))
    pairs = {(u.source, u.target) for u in units}
    for want in spec["tmx"]["pairs"]:
        expect(any(want["source"] in s and want["target"] in (t or "") for s, t in pairs),
               "tmx: no unit with source %r and target %r" % (want["source"], want["target"]))
    langs = store.document.getroot().find("header").get("srclang")
    expect(langs == spec["source_lang"], "tmx: srclang %r" % langs)

    for failure in failures:
        print(failure)
    if not failures:
        print("xliff2, xliff12 and tmx read back as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
