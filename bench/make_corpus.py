"""A synthetic corpus of Russian and Kazakh news with the facts planted in it (the gold).

    python bench/make_corpus.py OUT_DIR [--docs 10000] [--seed 1]

Writes OUT_DIR/corpus.jsonl (text, id, date) in shards of 10,000 lines and OUT_DIR/gold.jsonl (one
planted fact per line: doc, span, quote, value, unit, qualifier, measure, indicator, region, kind,
lang). Sentences are our own templates; regions, indicators, years and qualifiers vary.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

REGIONS = [  # (canonical, Russian locative/genitive, Kazakh locative)
    ("Almaty", "в Алматы", "Алматыда"),
    ("Astana", "в Астане", "Астанада"),
    ("Shymkent", "в Шымкенте", "Шымкентте"),
    ("Karaganda Region", "в Карагандинской области", "Қарағанды облысында"),
    ("Pavlodar Region", "в Павлодарской области", "Павлодар облысында"),
    ("Atyrau Region", "в Атырауской области", "Атырау облысында"),
    ("Turkistan Region", "в Туркестанской области", "Түркістан облысында"),
    ("Ekibastuz", "в Экибастузе", "Екібастұзда"),
    ("Temirtau", "в Темиртау", "Теміртауда"),
    ("Abai Region", "в области Абай", "Абай облысында"),
]
# (lang, template, facts): {r} region phrase, {y} year; each fact: (placeholder, kind of number,
# unit, qualifier, measure, indicator, kind)
TEMPLATES = [
    (
        "ru",
        "По итогам {y} года {r} инвестиции в основной капитал выросли на {a}% и составили {b} млрд тенге.",
        [
            ("a", "pct", "%", "=", "change", "investment", "fact"),
            ("b", "bn", "KZT", "=", "level", "investment", "fact"),
        ],
    ),
    (
        "ru",
        "Аким сообщил, что {r} в {y} году создано более {c} тысяч рабочих мест.",
        [("c", "int", "count", ">", "level", "jobs", "fact")],
    ),
    (
        "ru",
        "До конца {y} года {r} планируется ввести {d} инвестиционных проектов.",
        [("d", "int", "count", "=", "level", "projects", "target")],
    ),
    (
        "ru",
        "Среднемесячная заработная плата {r} в {y} году выросла на {a}%.",
        [("a", "pct", "%", "=", "change", "wages", "fact")],
    ),
    (
        "kk",
        "{y} жылдың қорытындысы бойынша {r} өнеркәсіп өндірісі {a} пайызға өсті.",
        [("a", "pct", "%", "=", "change", "industrial_output", "fact")],
    ),
    (
        "kk",
        "{r} {y} жылы {c} мыңнан астам жаңа жұмыс орны ашылды.",
        [("c", "int", "count", ">", "level", "jobs", "fact")],
    ),
    (
        "kk",
        "{r} негізгі капиталға салынған инвестиция көлемі {b} млрд теңгеге жетті.",
        [("b", "bn", "KZT", "=", "level", "investment", "fact")],
    ),
]


def _number(kind: str, rnd: random.Random) -> tuple[str, float]:
    if kind == "pct":
        whole, tenth = rnd.randint(1, 30), rnd.randint(1, 9)
        return f"{whole},{tenth}", whole + tenth / 10
    if kind == "bn":
        n = rnd.randint(12, 990)
        return str(n), n * 1e9
    n = rnd.randint(2, 90)
    return str(n), float(n)


def make(n_docs: int, seed: int = 1) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rnd = random.Random(seed)
    docs: list[dict[str, object]] = []
    gold: list[dict[str, object]] = []
    for i in range(n_docs):
        lang = "ru" if i % 3 else "kk"
        pool = [t for t in TEMPLATES if t[0] == lang]
        region = rnd.choice(REGIONS)
        parts, facts = [], []
        text = "Новости региона\n" if lang == "ru" else "Өңір жаңалықтары\n"
        for lang_, template, planted in rnd.sample(pool, k=min(3, len(pool))):
            values = {}
            for key, kind, *_ in planted:
                values[key] = _number(kind, rnd)
            y = rnd.randint(2019, 2025)
            sentence = template.format(
                y=y, r=region[1] if lang_ == "ru" else region[2], **{k: v[0] for k, v in values.items()}
            )
            sentence = sentence[0].upper() + sentence[1:]
            offset = len(text)
            for key, kind, unit, qual, measure, indicator, fkind in planted:
                written, value = values[key]
                suffix = {
                    "%": "%" if lang_ == "ru" else " пайызға",
                    "KZT": " млрд тенге" if lang_ == "ru" else " млрд теңгеге",
                    "count": " тысяч"
                    if kind == "int" and "тысяч" in template
                    else (" мыңнан" if "мыңнан" in template else ""),
                }[unit]
                quote = written + suffix
                start = offset + sentence.index(quote)
                mult = 1000.0 if unit == "count" and suffix in (" тысяч", " мыңнан") else 1.0
                facts.append(
                    {
                        "doc": f"syn{i:07d}",
                        "span": [start, start + len(quote)],
                        "quote": quote,
                        "value": value * mult,
                        "unit": unit,
                        "qualifier": qual,
                        "measure": measure,
                        "indicator": indicator,
                        "region": region[0],
                        "kind": fkind,
                        "lang": lang_,
                    }
                )
            text += sentence + " "
            parts.append(sentence)
        docs.append({"id": f"syn{i:07d}", "text": text.rstrip(), "date": f"{rnd.randint(2020, 2025)}-06-01"})
        gold.extend(facts)
    return docs, gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    docs, gold = make(args.docs, args.seed)
    for shard in range(0, len(docs), 10_000):
        with (args.out / f"corpus-{shard // 10_000:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs[shard : shard + 10_000]:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    with (args.out / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for g in gold:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {len(gold)} planted facts in {args.out}")


if __name__ == "__main__":
    main()
