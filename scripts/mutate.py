#!/usr/bin/env python3
"""`make mutate`: proves the test suite by mutation.

Each mutant in scripts/mutants.json is one small semantic change to the product (a boundary, an operator, a constant,
a dropped check, a skipped write). The mutants are applied one at a time to a copy of the project outside the
repository (MUTATE_DIR, default /tmp/guitai-mutate, whose build folder is kept between runs), the copy is rebuilt, and
the tests named for the mutant are run: a failing test kills the mutant. Equivalent mutants carry the reason they
cannot be told apart and are not run. The report goes to docs/mutation.md; the last line printed is
`mutants: K killed, S survived, E equivalent`.

Python rather than Swift or bash: it reads a JSON list, patches files, drives builds and test runs, and writes a
report; a Swift script would need building first, and bash has no JSON.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.environ.get("MUTATE_DIR", "/tmp/guitai-mutate")
ONLY = os.environ.get("MUTANTS", "")  # a comma-separated list of ids to run, for a quick check


def run(command, timeout=1800):
    """Runs a command in the copy; a command that outlives `timeout` seconds is stopped and reported as timed out."""
    started = time.time()
    try:
        result = subprocess.run(command, cwd=WORK, capture_output=True, text=True, timeout=timeout)
        return result.returncode, result.stdout + result.stderr, time.time() - started
    except subprocess.TimeoutExpired as expired:
        output = (expired.stdout or b"").decode("utf-8", "replace") if isinstance(expired.stdout, bytes) else (expired.stdout or "")
        return None, output, time.time() - started


def sync():
    """The copy holds the project as it is now; its build folder is kept, so rebuilds are incremental."""
    os.makedirs(WORK, exist_ok=True)
    for entry in os.listdir(WORK):
        if entry != ".build":
            target = os.path.join(WORK, entry)
            shutil.rmtree(target) if os.path.isdir(target) and not os.path.islink(target) else os.remove(target)
    for entry in os.listdir(ROOT):
        if entry.startswith(".build") or entry == ".git":
            continue
        source, target = os.path.join(ROOT, entry), os.path.join(WORK, entry)
        if os.path.isdir(source):
            shutil.copytree(source, target, symlinks=True)
        else:
            shutil.copy2(source, target)


def build():
    code, output, _ = run(["swift", "build", "--build-tests"])
    return code == 0, output


def tests(pattern, timeout=1800):
    """Runs the tests matching `pattern`: (passed, what failed). A kill is named by the first failing test, or by the
    crash or the timeout that ended the run, so a mutant is never counted killed without saying how."""
    code, output, seconds = run(["swift", "test", "--skip-build", "--filter", pattern], timeout)
    if code is None:
        return False, f"timed out after {seconds:.0f} s", seconds
    failed = re.findall(r"✘ Test (\S+?\(\S*?\)|\"[^\"]+\")", output)
    if code == 0:
        return True, "", seconds
    if failed:
        return False, failed[0], seconds
    crash = re.search(r"(Fatal error[^\n]*|Precondition failed[^\n]*|signal code \d+|Illegal instruction|Segmentation fault)", output)
    return False, "the test process crashed: " + (crash.group(1)[:80] if crash else f"exit {code}"), seconds


def listed_tests():
    """Every test's identifier, as `--filter` matches them."""
    code, output, _ = run(["swift", "test", "list", "--skip-build"])
    return output.splitlines() if code == 0 else []


def main():
    started = time.time()
    mutants = json.load(open(os.path.join(ROOT, "scripts", "mutants.json")))
    if ONLY:
        mutants = [m for m in mutants if m["id"] in ONLY.split(",")]
    sync()
    ok, output = build()
    if not ok:
        print(output[-3000:])
        sys.exit("mutate: the unmutated copy does not build")
    listed = listed_tests()
    aimless = [m["id"] for m in mutants if not m.get("equivalent")
               and not any(re.search(m["tests"], line) for line in listed)]
    if aimless:
        sys.exit(f"mutate: no test matches the filter of {', '.join(aimless)}")
    union = "|".join(sorted({m["tests"] for m in mutants if not m.get("equivalent")}))
    passed, failed, _ = tests(union)
    if not passed:
        sys.exit(f"mutate: the unmutated copy fails its tests ({failed}); mutation proves nothing")
    rows, killed, survived, equivalent, broken = [], 0, 0, 0, 0
    for m in mutants:
        if m.get("equivalent"):
            equivalent += 1
            rows.append((m, "equivalent", m["equivalent"]))
            print(f"= {m['id']}: equivalent ({m['equivalent']})", flush=True)
            continue
        path = os.path.join(WORK, m["file"])
        original = open(path, encoding="utf-8").read()
        if original.count(m["find"]) != 1:
            broken += 1
            rows.append((m, "not applied", "the text to change is not found exactly once"))
            print(f"! {m['id']}: not applied", flush=True)
            continue
        open(path, "w", encoding="utf-8").write(original.replace(m["find"], m["replace"]))
        try:
            ok, output = build()
            if not ok:
                broken += 1
                rows.append((m, "did not build", ""))
                print(f"! {m['id']}: did not build", flush=True)
                continue
            passed, failed, seconds = tests(m["tests"])
            if passed:
                survived += 1
                rows.append((m, "SURVIVED", ""))
                print(f"✗ {m['id']}: survived {m['tests']}", flush=True)
            else:
                killed += 1
                rows.append((m, "killed", failed))
                print(f"✓ {m['id']}: killed by {failed} ({seconds:.0f} s)", flush=True)
        finally:
            open(path, "w", encoding="utf-8").write(original)
    if not ONLY:
        report(rows, killed, survived, equivalent, broken, time.time() - started)
    summary = f"mutants: {killed} killed, {survived} survived, {equivalent} equivalent"
    if broken:
        print(f"mutate: {broken} mutants could not be applied or built", flush=True)
    print(summary)
    sys.exit(1 if survived or broken else 0)


def report(rows, killed, survived, equivalent, broken, seconds):
    lines = [
        "# Mutation testing",
        "",
        "`make mutate` applies each mutant of `scripts/mutants.json` to a copy of the project, rebuilds it and runs the",
        "tests named for it. A mutant is killed when a test fails. Written by `scripts/mutate.py` on "
        + time.strftime("%Y-%m-%d") + ".",
        "",
        f"**{killed} killed, {survived} survived, {equivalent} equivalent**"
        + (f", {broken} not applied or not built" if broken else "")
        + f", in {seconds / 60:.0f} minutes on this machine ({os.cpu_count()} cores).",
        "",
        "| mutant | area | the change | result | killed by |",
        "|---|---|---|---|---|",
    ]
    for m, result, detail in rows:
        lines.append(f"| `{m['id']}` | {m['area']} | {m['what']} | {result} | {detail.replace('|', '/')} |")
    lines.append("")
    open(os.path.join(ROOT, "docs", "mutation.md"), "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    main()
