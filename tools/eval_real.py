"""Score the tool on the annotated real documents (corpus/real/gold; texts: shared/corpus-real).

    python tools/eval_real.py                       # analyse in this process and score
    python tools/eval_real.py --predictions DIR     # score JSON written by `analyze --output DIR`
    python tools/eval_real.py --misses              # also list every miss

Scoring a folder of saved JSON lets an older version's first run be scored by today's scorer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plan_parser.evaluation_real import (  # noqa: E402
    bootstrap_interval,
    evaluate,
    render,
    render_misses,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predictions", type=Path, help="folder of <stem>_<ext>.json files")
    parser.add_argument("--gold", type=Path, action="append",
                        help="a gold folder (again for more: scored as one part); "
                             "default corpus/real/gold")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    parser.add_argument("--title", default=None, help="default: the gold folder's part")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--bootstrap", type=int, default=0, metavar="DRAWS",
                        help="95%% intervals of targets and deadlines, documents drawn again")
    args = parser.parse_args()

    if args.predictions is not None:
        def analyse(path: Path):
            saved = args.predictions / f"{path.stem}{path.suffix.replace('.', '_')}.json"
            if not saved.is_file():
                return None, "no output"
            return json.loads(saved.read_text(encoding="utf-8")), None
    else:
        from plan_parser.export.json_export import analysis_to_dict
        from plan_parser.pipeline import analyze_file

        def analyse(path: Path):
            try:
                return analysis_to_dict(analyze_file(path)), None
            except Exception as exc:  # scored as no output
                return None, f"{type(exc).__name__}: {exc}"

    folders = args.gold or [ROOT / "corpus" / "real" / "gold"]
    report = evaluate(folders[0], args.texts, analyse)
    for more in folders[1:]:
        report.documents += evaluate(more, args.texts, analyse).documents
    part = " + ".join("test part" if f.resolve().name == "gold" else f"gold of {f.name}"
                      for f in folders)
    print(render(report, args.title or f"Real documents ({part})"))
    if args.bootstrap:
        print()
        for group in ("targets", "deadlines"):
            interval = bootstrap_interval(report, group, draws=args.bootstrap)
            if interval:
                (p_low, p_high), (r_low, r_high) = interval["precision"], interval["recall"]
                print(f"{group}: 95% interval over documents ({args.bootstrap} draws): "
                      f"precision {p_low:.3f}-{p_high:.3f}, recall {r_low:.3f}-{r_high:.3f}")
    if args.misses:
        print()
        print("\n".join(render_misses(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
