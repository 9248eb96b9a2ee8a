#!/usr/bin/env python3
"""Score compare-locales and `bitext check` against gen_ftl.py's manifest.

usage: compare_locales.py --cl CL --bitext BITEXT [--runs R] DIR...
Each DIR is a generated tree made into a bitext workspace by
compare_locales.sh. A planted defect counts as found by a tool when the tool
reports something about that message id (compare-locales: missingEntity,
obsoleteEntity, or an error/warning naming the id; bitext: a finding whose
message names the id in backticks). compare-locales reports untranslated
(unchanged) messages only as a count in its summary, so that row shows the
count.
"""
import argparse
import json
import re
import resource
import statistics
import subprocess
import time

KINDS = ["missing", "obsolete", "var_renamed", "var_dropped", "attr_missing",
         "untranslated", "junk", "msgref_dropped", "term_dropped"]


def timed(cmd, cwd, runs):
    """Median wall time, median CPU time (user + sys) and the last run."""
    times, cpus, out = [], [], None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out = proc
    return (statistics.median(times), statistics.median(cpus)), out


def cl_ids(report):
    ids, unchanged = {}, 0
    for obs in report:
        unchanged += sum(s.get("unchanged", 0) for s in obs["summary"].values())
        for files in obs["details"].values():
            for items in files.values():
                for item in items:
                    for key, val in item.items():
                        if key in ("missingEntity", "obsoleteEntity"):
                            mid = val
                        else:
                            m = re.search(r" for (\S+)$", val) or re.search(r'Unparsed content "([\w-]+) =', val)
                            mid = m.group(1) if m else None
                        if mid:
                            ids.setdefault(mid, set()).add(key)
    return ids, unchanged


def bitext_ids(report):
    ids, codes = {}, {}
    for f in report["findings"]:
        codes[f["code"]] = codes.get(f["code"], 0) + 1
        m = re.search(r"`([^`]+)`", f["message"])
        if m:
            ids.setdefault(m.group(1).split(".")[0], set()).add(f["code"])
    return ids, codes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cl", required=True)
    ap.add_argument("--bitext", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    times = []
    for d in a.dirs:
        manifest = json.load(open(f"{d}/manifest.json"))
        planted = manifest["defects"]
        k = manifest["summary"]["k"]
        cl_time, _ = timed([a.cl, "--json", "cl.json", "l10n.toml", ".", "fr"], d, a.runs)
        cl, unchanged = cl_ids(json.load(open(f"{d}/cl.json")))
        bt_time, proc = timed([a.bitext, "--workspace", d, "check", "--format", "json"], d, a.runs)
        bt, codes = bitext_ids(json.loads(proc.stdout))
        times.append((k, cl_time, bt_time, proc.returncode))
        print(f"\nK={k:,} messages ({manifest['summary']['files']} files per language)\n")
        print("| planted defect | planted | compare-locales | bitext | bitext codes |")
        print("|---|---:|---:|---:|---|")
        for kind in KINDS:
            ids = planted[kind]
            found_cl = sum(1 for i in ids if i in cl)
            if kind == "untranslated":
                found_cl = f"{unchanged} (count only)"
            found_bt = sum(1 for i in ids if i in bt)
            used = sorted({c for i in ids for c in bt.get(i, ())})
            print(f"| {kind} | {len(ids)} | {found_cl} | {found_bt} | {', '.join(used)} |")
        planted_ids = {i for ids in planted.values() for i in ids}
        extra = {}
        for i, cs in bt.items():
            if i not in planted_ids:
                for c in cs:
                    extra[c] = extra.get(c, 0) + 1
        print(f"\nbitext findings by code: {json.dumps(codes, sort_keys=True)}")
        print(f"bitext findings on ids with no planted defect: {json.dumps(extra, sort_keys=True)}")
    print("\n| K | compare-locales wall s (CPU s) | bitext check wall s (CPU s) | speed-up (wall) | bitext exit |")
    print("|---:|---:|---:|---:|---:|")
    for k, (c, c_cpu), (b, b_cpu), rc in times:
        print(f"| {k:,} | {c:.3f} ({c_cpu:.3f}) | {b:.3f} ({b_cpu:.3f}) | {c / b:.0f}× | {rc} |")
    load = open("/proc/loadavg").read().split()[0] if __import__("os").path.exists("/proc/loadavg") else "?"
    print(f"\n(median of {a.runs} runs each, files in the page cache; CPU = user + sys of the process; load average {load})")


if __name__ == "__main__":
    main()
