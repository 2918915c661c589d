"""Compare two benchmark results files, figure by figure: the ratios before and after a change.

    .venv/bin/python bench/compare.py BEFORE.md AFTER.md --before "label" --after "label" [--limit 10]

Reads the "Figures" tables that ``bench/run.py`` writes (``make bench``), run on each commit in the same
session on the same machine, and prints a Markdown section: each figure's ratio to its baseline before
and after, how much it moved, and whether it stayed within ``--limit`` percent (issue 16: a change
that only moves code must not cost more than 10 %). Ratios, not absolute times: each ratio's baseline
was measured in the same run as its figure, so the machine's load weighs on both.
"""

import argparse
import re
import sys
from pathlib import Path


def figures(path):
    """{figure name: (ratio, higher_is_better)} from a results file's table; skipped figures are left out."""
    rows = {}
    in_table = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("| figure |"):
            in_table = True
            continue
        if in_table and not line.startswith("|"):
            break
        if not in_table or line.startswith("| ---"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        name, ratio, target = cells[0], cells[3], cells[4]
        match = re.fullmatch(r"[0-9.,]+", ratio)
        if not match:
            continue
        rows[name] = (float(ratio.replace(",", "")), target.startswith("≥"))
    return rows


def comparison(before, after, *, before_label, after_label, limit):
    lines = [
        f"| figure | ratio, {before_label} | ratio, {after_label} | change | within {limit:g} % |",
        "| --- | --- | --- | --- | --- |",
    ]
    worst = 0.0
    for name, (ratio_after, higher_is_better) in after.items():
        if name not in before:
            lines.append(f"| {name} | (not measured) | {ratio_after:g} | | |")
            continue
        ratio_before = before[name][0]
        change = 100 * (ratio_after - ratio_before) / ratio_before
        # Worse is lower for a rate, higher for a time.
        worse_by = -change if higher_is_better else change
        worst = max(worst, worse_by)
        within = "yes" if worse_by <= limit else "**no**"
        lines.append(f"| {name} | {ratio_before:g} | {ratio_after:g} | {change:+.1f} % | {within} |")
    return "\n".join(lines), worst


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--before", dest="before_label", default="before")
    parser.add_argument("--after", dest="after_label", default="after")
    parser.add_argument("--limit", type=float, default=10.0, help="largest acceptable worsening, in percent")
    args = parser.parse_args(argv)
    table, worst = comparison(
        figures(args.before),
        figures(args.after),
        before_label=args.before_label,
        after_label=args.after_label,
        limit=args.limit,
    )
    print(table)
    print(f"\nLargest worsening: {worst:.1f} % (limit {args.limit:g} %).")
    return 0 if worst <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
