#!/usr/bin/env bash
# Regenerates the screen captures in docs/clerk-guide.md and docs/trainer-guide.md from the real binary on a fresh
# training store,
# through tmux (../shared/tools/tui-shot or a copy of it on PATH). Run after changing a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${TUI_SHOT:-../shared/tools/tui-shot}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/debug/guitai
# The training store as a class finds it: made by `guitai training reset`, on its classroom date.
printf 'guide-password\n' | $bin training reset --store "$work/guitai-training.sqlite" --password-stdin > /dev/null
# A trainee clerk for the clerk's guide, added by the trainer; the trainer's own screens for the trainer's guide.
printf 'clerk-password\n' | GUITAI_OPERATOR=trainer GUITAI_PASSWORD=guide-password GUITAI_TODAY=2026-06-15 \
    $bin operator add --store "$work/guitai-training.sqlite" --id zhuoma --name 卓玛 --role clerk --password-stdin > /dev/null
store=(env GUITAI_STORE="$work/guitai-training.sqlite" GUITAI_TODAY=2026-06-15 $bin)
training=($bin training --store "$work/guitai-training.sqlite")
clerk=(-l zhuoma -k Enter -l clerk-password -k Enter)
login=(-l trainer -k Enter -l guide-password -k Enter)
# The scenarios' people: 卓嘎 (dibao), 次仁多吉 (flexible worker), 央金拉姆 (card, no e-card), 格桑 (suspended pensioner).
drolkar=990102196207079065 tsering=990101198804129019 yangchen=990101199502149043 kelsang=990103194805069059
capture() { local name=$1; shift; "$shot" -w 0.8 "$@" | sed '/^----$/d' > "$work/$name.txt"; }
capture login -s 80x24 -- "${store[@]}"
capture home -s 80x24 "${clerk[@]}" -l $drolkar -k Enter -- "${store[@]}"
capture enrol -s 80x24 "${clerk[@]}" -l $tsering -k Enter -k F2 -- "${store[@]}"
capture settle -s 80x24 "${clerk[@]}" -l $drolkar -k Enter -k F5 -k C-v -k C-l -k C-l -l "床位费 A 3000" -k Enter -l "药品 B 50000" -k Enter -- "${store[@]}"
capture card -s 80x24 "${clerk[@]}" -l $yangchen -k Enter -k F3 -- "${store[@]}"
capture certify -s 80x24 "${clerk[@]}" -l $kelsang -k Enter -k F4 -- "${store[@]}"
capture small -s 60x20 -- "${store[@]}"
capture dayreport -s 80x24 "${login[@]}" -k F8 -l D -- "${training[@]}"
capture stats -s 80x24 "${login[@]}" -k F8 -l S -k Down -k Down -k Down -k Down -k Down -k Down -k Down -k Down -k Down -- "${training[@]}"
capture english -s 80x24 "${clerk[@]}" -l $drolkar -k Enter -- "${store[@]}" --lang en
# The trainer's guide: the lessons, one at 80x24 and 120x40, and the trainees' accounts.
capture lessons -s 80x24 "${login[@]}" -k F11 -- "${training[@]}"
capture lesson -s 80x24 "${login[@]}" -k F11 -l 7 -- "${training[@]}"
capture lessonline -s 80x24 "${login[@]}" -k F11 -l 7 -k Escape -l $drolkar -k Enter -k F5 -- "${training[@]}"
capture lessonwide -s 120x40 "${login[@]}" -k F11 -l 7 -k Escape -l $drolkar -k Enter -k F5 -k C-v -k C-l -l "住院费用 A 60000" -k Enter -l "乙类药品 B 15000" -k Enter -l "自费项目 C 5000" -k Enter -k F9 -k Enter -- "${training[@]}"
capture trainees -s 80x24 "${login[@]}" -k F7 -k a -- "${training[@]}"
python3 - "$work" <<'PY'
import re, sys, pathlib
work = pathlib.Path(sys.argv[1])
def fill(match):
    name = match.group(1)
    body = (work / f"{name}.txt").read_text().rstrip("\n")
    return f"<!-- capture:{name} -->\n```\n{body}\n```\n<!-- /capture -->"
for guide in (pathlib.Path("docs/clerk-guide.md"), pathlib.Path("docs/trainer-guide.md")):
    guide.write_text(re.sub(r"<!-- capture:(\w+) -->\n```\n.*?\n```\n<!-- /capture -->", fill, guide.read_text(), flags=re.S))
PY
echo "captures updated in docs/clerk-guide.md and docs/trainer-guide.md"
