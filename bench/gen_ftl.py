#!/usr/bin/env python3
"""(Copied from the team's peer benchmarks, /work/shared/peers/gen/gen_ftl.py.)
Generate en/ and fr/ Project Fluent (.ftl) trees with K messages.

Layout under OUT (default /tmp/peers-data/ftl-K<K>):
  en/boilerplate-NNN.ftl   reference (English), PER_FILE messages per file
  fr/boilerplate-NNN.ftl   French localization with injected defects
  en-all.ftl, fr-all.ftl   the same content concatenated (for parser benchmarks)
  l10n.toml                compare-locales project config (reference en/, l10n fr/)
  manifest.json            ground truth: ids of every injected defect

Message shapes (cycled): plain text, text with variables, select/plural
expression on $count, message with attributes, term reference, message
reference, NUMBER()/DATETIME() calls, multiline text. Terms (-brand-N) are
defined per file.

Injected French defects (fractions of K, seeded):
  missing        message absent from fr                           (--missing 0.02)
  obsolete       extra message in fr, absent from en              (--obsolete 0.01)
  var_renamed    fr uses $ville where en uses $city               (--var-mismatch 0.01)
  var_dropped    fr drops a variable used in en                   (same count)
  attr_missing   fr lacks one attribute of an en message          (--attr-missing 0.005)
  untranslated   fr value identical to en (compare-locales: no error) (--untranslated 0.01)
  junk           fr message with a syntax error                   (--junk 0.001)
  msgref_dropped fr drops a { message-reference } used in en      (--ref-drop 0.005)
  term_dropped   fr replaces { -brand-N } term reference by text  (same count)
"""
import argparse
import json
import os
import random
import shutil

NBSP = "\u00a0"

SHAPES = ["plain", "vars", "select", "attrs", "term", "msgref", "number", "multiline"]


def en_fr(shape, mid, rng, fi):
    """Return (en_text, fr_text, vars, attrs) for one message body (without id)."""
    c = rng.randint(1, 999)
    if shape == "plain":
        return (f"Press release {c}: all figures are in Canadian dollars.",
                f"Communiqué {c}{NBSP}: tous les montants sont en dollars canadiens.")
    if shape == "vars":
        return ("{ $company } will create { $jobs } jobs in { $city }.",
                "{ $company } créera { $jobs } emplois à { $city }.")
    if shape == "select":
        return ("{ $count ->\n    [one] One customer has signed up.\n   *[other] { $count } customers have signed up.\n}",
                "{ $count ->\n    [one] Un client s'est inscrit.\n   *[other] { $count } clients se sont inscrits.\n}")
    if shape == "attrs":
        return ("Read the full release\n    .title = Open the full press release\n    .aria-label = Read release { $number }",
                "Lire le communiqué complet\n    .title = Ouvrir le communiqué de presse complet\n    .aria-label = Lire le communiqué { $number }")
    if shape == "term":
        return (f"About {{ -brand-{fi} }}: a leader in its field since { 1950 + c % 70 }.",
                f"À propos de {{ -brand-{fi} }}{NBSP}: un chef de file dans son domaine depuis { 1950 + c % 70 }.")
    if shape == "msgref":
        return (f"{{ boilerplate-{fi}-1 }} For more information, contact the media office.",
                f"{{ boilerplate-{fi}-1 }} Pour plus de renseignements, communiquez avec le service des médias.")
    if shape == "number":
        return ("Revenue reached { NUMBER($amount, minimumFractionDigits: 2) } million dollars on { DATETIME($date, month: \"long\", day: \"numeric\") }.",
                "Les revenus ont atteint { NUMBER($amount, minimumFractionDigits: 2) }{NBSP}millions de dollars le { DATETIME($date, month: \"long\", day: \"numeric\") }.".replace("{NBSP}", NBSP))
    if shape == "multiline":
        return ("\n    This statement contains forward-looking information\n    within the meaning of applicable securities laws.",
                "\n    Le présent communiqué contient des énoncés prospectifs\n    au sens des lois sur les valeurs mobilières applicables.")
    raise ValueError(shape)


def fmt_msg(mid, body):
    if body.startswith("\n"):
        return f"{mid} ={body}\n"
    return f"{mid} = {body}\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=1000, help="number of English messages")
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--out", default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--missing", type=float, default=0.02)
    ap.add_argument("--obsolete", type=float, default=0.01)
    ap.add_argument("--var-mismatch", type=float, default=0.01)
    ap.add_argument("--attr-missing", type=float, default=0.005)
    ap.add_argument("--untranslated", type=float, default=0.01)
    ap.add_argument("--junk", type=float, default=0.001)
    ap.add_argument("--ref-drop", type=float, default=0.005)
    a = ap.parse_args()
    out = a.out or f"/tmp/peers-data/ftl-K{a.k}"
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "en"))
    os.makedirs(os.path.join(out, "fr"))
    rng = random.Random(a.seed)
    truth = {k: [] for k in ("missing", "obsolete", "var_renamed", "var_dropped",
                             "attr_missing", "untranslated", "junk",
                             "msgref_dropped", "term_dropped")}
    nfiles = (a.k + a.per_file - 1) // a.per_file
    # pick defect positions among messages that are not the per-file anchor (index 1)
    candidates = [(f, j) for f in range(nfiles) for j in range(2, min(a.per_file, a.k - f * a.per_file) + 1)]
    rng.shuffle(candidates)
    pos = 0

    def take(frac, pred=lambda fj: True):
        nonlocal pos
        n = int(round(frac * a.k))
        got = []
        while len(got) < n and pos < len(candidates):
            fj = candidates[pos]
            pos += 1
            if pred(fj):
                got.append(fj)
        return set(got)

    shape_of = lambda fj: SHAPES[(fj[0] * 7 + fj[1]) % len(SHAPES)]
    missing = take(a.missing)
    var_renamed = take(a.var_mismatch / 2, lambda fj: shape_of(fj) == "vars")
    var_dropped = take(a.var_mismatch / 2, lambda fj: shape_of(fj) == "vars")
    attr_missing = take(a.attr_missing, lambda fj: shape_of(fj) == "attrs")
    untranslated = take(a.untranslated, lambda fj: shape_of(fj) in ("plain", "multiline"))
    junk = take(a.junk, lambda fj: shape_of(fj) in ("plain", "vars"))
    msgref_dropped = take(a.ref_drop, lambda fj: shape_of(fj) == "msgref")
    term_dropped = take(a.ref_drop, lambda fj: shape_of(fj) == "term")
    obsolete_per_file = {}
    for _ in range(int(round(a.obsolete * a.k))):
        f = rng.randrange(nfiles)
        obsolete_per_file[f] = obsolete_per_file.get(f, 0) + 1

    all_en = open(os.path.join(out, "en-all.ftl"), "w", encoding="utf-8")
    all_fr = open(os.path.join(out, "fr-all.ftl"), "w", encoding="utf-8")
    total = 0
    for f in range(nfiles):
        fname = f"boilerplate-{f:03d}.ftl"
        en = ["# This Source Code Form is subject to the terms of the Mozilla Public\n"
              "# License, v. 2.0. If a copy of the MPL was not distributed with this\n"
              "# file, You can obtain one at http://mozilla.org/MPL/2.0/.\n\n",
              f"-brand-{f} = Company { f }\n\n", f"## Press-release boilerplate, group {f}\n\n"]
        fr = [en[0], f"-brand-{f} = Entreprise { f }\n\n", f"## Passe-partout des communiqués, groupe {f}\n\n"]
        count = min(a.per_file, a.k - f * a.per_file)
        for j in range(1, count + 1):
            fj = (f, j)
            mid = f"boilerplate-{f}-{j}"
            shape = "plain" if j == 1 else shape_of(fj)
            e, t, = en_fr(shape, mid, rng, f)[:2]
            if j % 10 == 0:
                en.append(f"# Shown under the headline of release { j }.\n")
                fr.append(f"# Shown under the headline of release { j }.\n")
            en.append(fmt_msg(mid, e) + "\n")
            total += 1
            if fj in missing:
                truth["missing"].append(mid)
                continue
            if fj in var_renamed:
                t = t.replace("$city", "$ville")
                truth["var_renamed"].append(mid)
            elif fj in var_dropped:
                t = t.replace(" à { $city }", "")
                truth["var_dropped"].append(mid)
            elif fj in attr_missing:
                t = "\n".join(l for l in t.split("\n") if ".aria-label" not in l)
                truth["attr_missing"].append(mid)
            elif fj in untranslated:
                t = e
                truth["untranslated"].append(mid)
            elif fj in junk:
                t = t + " { $company"  # unclosed placeable -> Junk
                truth["junk"].append(mid)
            elif fj in msgref_dropped:
                t = t.replace(f"{{ boilerplate-{f}-1 }} ", "")
                truth["msgref_dropped"].append(mid)
            elif fj in term_dropped:
                t = t.replace(f"{{ -brand-{f} }}", f"Entreprise {f}")
                truth["term_dropped"].append(mid)
            fr.append(fmt_msg(mid, t) + "\n")
        for o in range(obsolete_per_file.get(f, 0)):
            mid = f"boilerplate-{f}-old-{o}"
            fr.append(fmt_msg(mid, f"Ancien message retiré de l'anglais numéro {o}.") + "\n")
            truth["obsolete"].append(mid)
        for d, parts, allf in (("en", en, all_en), ("fr", fr, all_fr)):
            text = "".join(parts)
            with open(os.path.join(out, d, fname), "w", encoding="utf-8") as fh:
                fh.write(text)
            allf.write(text)
    all_en.close()
    all_fr.close()
    with open(os.path.join(out, "l10n.toml"), "w") as fh:
        fh.write('basepath = "."\nlocales = ["fr"]\n\n[env]\n    l = "{l10n_base}/{locale}/"\n\n'
                 '[[paths]]\n    reference = "en/**"\n    l10n = "{l}**"\n')
    summary = {"out": out, "k": total, "files": nfiles, **{k: len(v) for k, v in truth.items()}}
    with open(os.path.join(out, "manifest.json"), "w") as fh:
        json.dump({"summary": summary, "defects": truth}, fh, indent=1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
