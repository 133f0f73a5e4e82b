#!/usr/bin/env bash
# Regenerates the screen captures in docs/clerk-guide.md from the real binary on a fresh training store,
# through tmux (../shared/tools/tui-shot or a copy of it on PATH). Run after changing a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${TUI_SHOT:-../shared/tools/tui-shot}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/debug/guitai
"$shot" -s 80x24 -w 3 -k F9 -- env GUITAI_STORE="$work/guitai.sqlite" GUITAI_TODAY=2023-06-01 $bin > /dev/null
store=(env GUITAI_STORE="$work/guitai-training.sqlite" GUITAI_TODAY=2023-06-01 $bin)
login=(-l trainer -k Enter -l training-desk -k Enter)
capture() { local name=$1; shift; "$shot" -w 0.8 "$@" | sed '/^----$/d' > "$work/$name.txt"; }
capture login -s 80x24 -- "${store[@]}"
capture home -s 80x24 "${login[@]}" -l zxpc -k Enter -- "${store[@]}"
capture enrol -s 80x24 "${login[@]}" -l zxpc -k Enter -k F2 -- "${store[@]}"
capture settle -s 80x24 "${login[@]}" -l zxpc -k Enter -k F5 -k C-v -k C-l -k C-l -l "床位费 A 3000" -k Enter -l "药品 B 50000" -k Enter -- "${store[@]}"
capture card -s 80x24 "${login[@]}" -l zxpc -k Enter -k F3 -- "${store[@]}"
capture certify -s 80x24 "${login[@]}" -l zxpc -k Enter -k F4 -- "${store[@]}"
capture small -s 60x20 -- "${store[@]}"
capture english -s 80x24 "${login[@]}" -l zxpc -k Enter -- "${store[@]}" --lang en
python3 - "$work" <<'PY'
import re, sys, pathlib
work = pathlib.Path(sys.argv[1])
guide = pathlib.Path("docs/clerk-guide.md")
text = guide.read_text()
def fill(match):
    name = match.group(1)
    body = (work / f"{name}.txt").read_text().rstrip("\n")
    return f"<!-- capture:{name} -->\n```\n{body}\n```\n<!-- /capture -->"
guide.write_text(re.sub(r"<!-- capture:(\w+) -->\n```\n.*?\n```\n<!-- /capture -->", fill, text, flags=re.S))
PY
echo "captures updated in docs/clerk-guide.md"
