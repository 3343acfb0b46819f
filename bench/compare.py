"""sandar beside the tools people reach for today: natasha's MoneyExtractor and Duckling.

    pip install -e '.[anchors]'      # natasha and pyduckling-native-phihos, never needed by the tests
    python bench/compare.py [--synthetic 2000] [--repeat 3]

One run, the same texts for every tool: the development corpus (../shared/corpus/dev, with its gold)
and a synthetic corpus from bench/make_corpus.py (with the facts it planted). For each tool and corpus:
value F1 as ../shared/eval/score.py computes it (spans overlap, same unit, value within 0.5%), value F1
over the gold figures in a currency (all natasha looks for), number F1 (the value alone, any unit:
Duckling's numerals carry none), documents/s and MB/s (one process, best of --repeat runs). A tool that
is not installed gets a row saying so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
CURRENCIES = {"KZT", "USD", "EUR", "RUB"}
NATASHA_CURRENCY = {"RUB": "RUB", "USD": "USD", "EUR": "EUR"}

Doc = tuple[str, str]  # name, text
Pred = dict[str, Any]
Tool = Callable[[list[Doc]], list[Pred]]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"{SCORER}: the scorer is not there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_corpus(score: ModuleType) -> tuple[list[Doc], list[dict[str, Any]]]:
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.txt"))]
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    score.resolve_spans(gold, DEV)
    return docs, gold


def synthetic_corpus(n: int) -> tuple[list[Doc], list[dict[str, Any]]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import make

    docs, gold = make(n, seed=7)
    return [(str(d["id"]), str(d["text"])) for d in docs], [dict(g) for g in gold]


# -- the tools ------------------------------------------------------------------------------------------


def sandar_quantities(docs: list[Doc]) -> list[Pred]:
    from sandar import extract_quantities

    return [
        {"doc": name, "span": [q.start, q.end], "value": q.value, "value_max": q.value_max, "unit": q.unit}
        for name, text in docs
        for q in extract_quantities(text)
    ]


def sandar_facts(docs: list[Doc]) -> list[Pred]:
    from sandar import extract

    return [
        {"doc": name, "span": list(f.span), "value": f.value, "value_max": f.value_max, "unit": f.unit}
        for name, text in docs
        for f in extract(text, None, name)
    ]


def natasha_money() -> Tool | str:
    try:
        from natasha import MoneyExtractor, MorphVocab
    except ImportError as exc:
        return f"not installed ({exc.name})"
    extractor = MoneyExtractor(MorphVocab())

    def run(docs: list[Doc]) -> list[Pred]:
        out = []
        for name, text in docs:
            for m in extractor(text):
                money = m.fact
                out.append(
                    {
                        "doc": name,
                        "span": [m.start, m.stop],
                        "value": float(money.amount),
                        "value_max": None,
                        "unit": NATASHA_CURRENCY.get(str(money.currency), str(money.currency)),
                    }
                )
        return out

    return run


def duckling() -> Tool | str:
    try:
        import duckling as dk
    except ImportError as exc:
        return f"not installed ({exc.name})"
    zones = dk.load_time_zones("/usr/share/zoneinfo")
    ref = dk.parse_ref_time(zones, "Asia/Almaty", int(time.time()))
    lang = dk.parse_lang("RU")
    context = dk.Context(ref, dk.parse_locale("RU_XX", dk.default_locale_lang(lang)))
    dims = dk.parse_dimensions(["number", "amount-of-money", "quantity"])
    units = {"KZT": "KZT", "USD": "USD", "EUR": "EUR", "RUB": "RUB", "$": "USD", "€": "EUR"}

    def run(docs: list[Doc]) -> list[Pred]:
        out = []
        for name, text in docs:
            for hit in dk.parse(text, context, dims, False):
                value = hit.get("value") or {}
                number = value.get("value")
                if not isinstance(number, int | float):
                    continue
                unit = units.get(str(value.get("unit")), "count" if hit.get("dim") == "number" else "?")
                # Duckling counts in characters of the text as given: its spans are Python offsets
                out.append(
                    {
                        "doc": name,
                        "span": [hit["start"], hit["end"]],
                        "value": float(number),
                        "value_max": None,
                        "unit": unit,
                    }
                )
        return out

    return run


# -- measuring ------------------------------------------------------------------------------------------


def f1(score: ModuleType, pred: list[Pred], gold: list[dict[str, Any]], same: Callable[..., bool]) -> float:
    pairs = score.match(pred, gold)
    tp = sum(1 for p, g in pairs if same(p, g))
    return 2 * tp / (len(pred) + len(gold)) if pred or gold else 0.0


def measure(
    score: ModuleType, tool: Tool, docs: list[Doc], gold: list[dict[str, Any]], repeat: int
) -> dict[str, float]:
    nbytes = sum(len(t.encode("utf-8")) for _, t in docs)
    best, pred = float("inf"), []
    for _ in range(repeat):
        began = time.perf_counter()
        pred = tool(docs)
        best = min(best, time.perf_counter() - began)
    money_gold = [g for g in gold if g.get("unit") in CURRENCIES]
    money_pred = [p for p in pred if p.get("unit") in CURRENCIES]
    return {
        "value_f1": f1(score, pred, gold, score.same_value),
        "money_f1": f1(score, money_pred, money_gold, score.same_value),
        "number_f1": f1(score, pred, gold, lambda p, g: score.close(p.get("value"), g.get("value"))),
        "docs_s": len(docs) / best,
        "mb_s": nbytes / 1e6 / best,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=2000, help="documents of the synthetic corpus")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the best time counts")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows to this file")
    args = ap.parse_args()
    score = _scorer()
    corpora = {"dev": dev_corpus(score), "synthetic": synthetic_corpus(args.synthetic)}
    tools: dict[str, Tool | str] = {
        "sandar extract_quantities": sandar_quantities,
        "sandar extract (facts)": sandar_facts,
        "natasha MoneyExtractor": natasha_money(),
        "Duckling (pyduckling-native, ru)": duckling(),
    }
    rows = []
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(
        f"{'tool':34} {'corpus':10} {'value F1':>9} {'money F1':>9} {'number F1':>10} "
        f"{'docs/s':>10} {'MB/s':>8}"
    )
    for corpus, (docs, gold) in corpora.items():
        for name, tool in tools.items():
            if isinstance(tool, str):
                print(f"{name:34} {corpus:10} {tool}")
                rows.append({"tool": name, "corpus": corpus, "note": tool})
                continue
            m = measure(score, tool, docs, gold, args.repeat)
            rows.append({"tool": name, "corpus": corpus, **m})
            print(
                f"{name:34} {corpus:10} {m['value_f1']:9.3f} {m['money_f1']:9.3f} {m['number_f1']:10.3f} "
                f"{m['docs_s']:10.1f} {m['mb_s']:8.3f}"
            )
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
