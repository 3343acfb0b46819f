"""Attribution: for each quantity, its indicator, measure, sector, region, period, kind and speaker.

Rules, in order, for each field: the words right at the number (a counted noun: "20 тысяч рабочих
мест"), then the nearest cue in the clause (the stretch since the previous number), then the rest of
the sentence, then what the paragraph or document has established (its subject territory, the
period of "по итогам 2020 года", the speaker of a quotation). Words come from
``lang/<code>/{indicators,sectors,attribution}.yaml`` and ``lang/regions.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from sandar import lang as lexicons
from sandar.extract.cues import cues
from sandar.extract.grammar import grammar
from sandar.extract.numbers import skip_blanks
from sandar.extract.patterns import BLANK
from sandar.extract.periods import Period, document_date, find_periods
from sandar.extract.places import Place, find_places, gazetteer
from sandar.extract.sentences import Sentence, split_sentences
from sandar.extract.speakers import (
    capitalised_names,
    find_people,
    headline_speaker,
    interview_answers,
    introduced_speaker,
    organisation_spans,
    passive_report,
    quote_speakers,
    received_person,
    reporting_cue_starts,
    speaker_near,
)
from sandar.extract.vocab import Hit, Vocabulary
from sandar.models import Fact, Quantity

MONEY_UNITS = frozenset({"KZT", "USD", "EUR", "RUB"})
COUNT_INDICATORS = frozenset(
    {"jobs", "companies", "projects", "tourists", "population", "infrastructure", "unemployment"}
)
MONEY_INDICATORS = frozenset(
    {
        "gdp",
        "tax_revenue",
        "budget_spending",
        "trade",
        "exports",
        "imports",
        "bank_loans",
        "investment",
        "foreign_investment",
        "wages",
        "fund",
        "services",
        "industrial_output",
        "construction",
    }
)
RATE_INDICATORS = frozenset({"interest_rate", "inflation", "unemployment"})
# when a clause names several, the more specific indicator is the one the number measures:
# "налоговые поступления в местный бюджет" is tax revenue, "экспорт продукции" exports
SPECIFICITY = {
    name: rank
    for rank, name in enumerate(
        reversed(
            (
                "inflation",
                "unemployment",
                "interest_rate",
                "wages",
                "tax_revenue",
                "exports",
                "imports",
                "foreign_investment",
                "bank_loans",
                "tourists",
                "fund",
                "housing",
                "jobs",
                "budget_spending",
                "investment",
                "trade",
                "services",
                "projects",
                "industrial_output",
                "construction",
                "companies",
                "infrastructure",
                "gdp",
                "population",
                "other",
            )
        )
    )
}
SECTOR_OF = {
    "housing": "construction",
    "construction": "construction",
    "tourists": "tourism",
    "trade": "trade",
    "bank_loans": "finance",
    "interest_rate": "finance",
}
LOCAL_KINDS = frozenset({"region", "city", "town", "district", "historical_region", "abroad"})
_WORD = re.compile(r"\w+" + BLANK + "+")
_DIGIT = re.compile(r"\d")
_COMMA = re.compile(r"[,;.:]\s")
_SENTENCE_STOP = re.compile(r"[;.!?»]")
_LIST_AFTER = re.compile(r"[^,;.]{0,60}?\s[–—-]\s")


@dataclass(frozen=True)
class _Lex:
    indicators: Vocabulary
    counted: Vocabulary
    not_economic: Vocabulary
    categories: Vocabulary
    sectors: Vocabulary
    share: Vocabulary
    rate: Vocabulary
    rate_before: Vocabulary  # "под 7%", "жылдық 7 пайызбен": right before the number
    kinds: Vocabulary  # target, forecast, fact
    present: Vocabulary  # "сейчас", "содан бері": about now, no carried period
    restated: Vocabulary  # "этот показатель": an earlier period's figure restated for comparison
    part_of: Vocabulary  # "из них", "оның ішінде": a part of the figure before
    worth_before: Vocabulary  # "на сумму": money that is the worth of the figure before
    neutral_future: frozenset[str]  # "будет": a future that a forecast verb before it governs


@cache
def _lex(lang: str) -> _Lex:
    ind: dict[str, Any] = lexicons.load(lang, "indicators")
    sec: dict[str, Any] = lexicons.load(lang, "sectors")
    att: dict[str, Any] = lexicons.load(lang, "attribution")
    kinds = att.get("kind") or {}
    return _Lex(
        indicators=Vocabulary.build(ind.get("cues") or {}),
        counted=Vocabulary.build(ind.get("counted") or {}),
        not_economic=Vocabulary.build({"x": ind.get("not_economic") or []}),
        categories=Vocabulary.build({"x": ind.get("categories") or []}),
        sectors=Vocabulary.build(sec.get("cues") or {}),
        share=Vocabulary.build({"share": (att.get("measure") or {}).get("share") or []}),
        rate=Vocabulary.build({"rate": (att.get("measure") or {}).get("rate") or []}),
        rate_before=Vocabulary.build({"rate": (att.get("measure") or {}).get("rate_before") or []}),
        kinds=Vocabulary.build(
            {
                "target": kinds.get("target") or [],
                "forecast": kinds.get("forecast") or [],
                "fact": kinds.get("fact_markers") or [],
            }
        ),
        present=Vocabulary.build({"x": (att.get("period") or {}).get("present") or []}),
        restated=Vocabulary.build({"x": (att.get("period") or {}).get("restated") or []}),
        part_of=Vocabulary.build({"x": ind.get("part_of") or []}),
        worth_before=Vocabulary.build({"x": ind.get("worth_words") or []}),
        neutral_future=frozenset(str(w).lower() for w in kinds.get("neutral_future") or []),
    )


@dataclass(frozen=True)
class _View:
    """A sentence with its cue matches, found once and shared by the figures in it."""

    start: int
    end: int
    paragraph: int
    lang: str
    indicators: list[Hit]
    sectors: list[Hit]
    kinds: list[Hit]
    parts: list[Hit] = field(default_factory=list)  # "из них", "оның ішінде"
    said: list[int] = field(default_factory=list)  # where reporting verbs stand


def _view(low: str, s: Sentence) -> _View:
    lx = _lex(s.lang)
    # a cue inside an organisation's name is no cue: "баспасөз қызметі" is not services
    names = organisation_spans(low, s.start, s.end, s.lang)

    def outside(hits: Iterable[Hit]) -> list[Hit]:
        if not names:
            return list(hits)
        return [h for h in hits if not any(a <= h.start and h.end <= b for a, b in names)]

    return _View(
        s.start,
        s.end,
        s.paragraph,
        s.lang,
        outside(lx.indicators.find(low, s.start, s.end)),
        outside(lx.sectors.find(low, s.start, s.end)),
        list(lx.kinds.find(low, s.start, s.end)),
        list(lx.part_of.find(low, s.start, s.end)),
        reporting_cue_starts(low, s.start, s.end, s.lang),
    )


def _has_quantity(quantities: list[Quantity], qi: int, s: Sentence) -> bool:
    return qi < len(quantities) and quantities[qi].start < s.end


def _within(hits: list[Hit], start: int, end: int) -> list[Hit]:
    return [h for h in hits if h.start >= start and h.end <= end]


@dataclass
class _Doc:
    text: str
    low: str
    lang: str
    doc: str
    sentences: list[Sentence]
    places: list[Place]
    subject: str
    date: tuple[int, int] | None
    quantities: list[Quantity] = field(default_factory=list)


def attribute(text: str, low: str, quantities: list[Quantity], lang: str, doc: str) -> list[Fact]:
    """Facts for the quantities of one text (``low`` is the lower-cased text, same offsets)."""
    if not quantities:
        return []
    sentences = split_sentences(text, lang)
    # the world beside a superlative is a comparison, not where a figure is ("Әлемдегі ең ірі кен
    # орындарының бірі", "один из крупнейших в мире")
    superlative = grammar(lang).superlative
    places = [
        p
        for p in find_places(text, low)
        if p.kind not in ("world", "country") or not superlative.search(low, max(0, p.start - 25), p.end + 25)
    ]
    # where it was written stands for the subject only when the text names no territory itself
    nouns = grammar(lang).region_noun
    subject = (
        _subject(text, low, places, nouns)
        if places
        else _subject(text, low, find_places(text, low, datelines=True), nouns)
    )
    d = _Doc(text, low, lang, doc, sentences, places, subject, document_date(text, lang), quantities)
    names = capitalised_names(text)  # "Гульсим ЖАРИЕВА" read as "Гульсим Жариева", same offsets
    people = find_people(names, lang)
    quotes = quote_speakers(names, low, lang, people)
    speaker: str | None = headline_speaker(names, lang, people)
    received = received_person(names, lang, people)
    answers = interview_answers(names, people)
    facts: list[Fact] = []
    qi = 0
    now = _latest_year(text, d.date)
    carried: str | None = None
    paragraph = -1
    block = -1
    reported: str | None = None  # "по итогам 2020 года": the period of the lines after it
    lead: str | None = None  # "Аким отчитался об итогах 2024 года.": holds across blocks
    plan: str | None = None  # "план на 2023–2027 годы": the period of the targets after it
    header: _View | None = None  # "Наибольший рост инвестиций ... в регионах:": the list's subject
    for sentence in sentences:
        if sentence.block != block:  # a lead's period holds for the block after it, then ends
            block, reported, lead, header = sentence.block, lead, None, None
            plan = reported if reported and "/" in reported else None
        s = (
            _view(low, sentence)
            if _has_quantity(quantities, qi, sentence)
            else _View(sentence.start, sentence.end, sentence.paragraph, sentence.lang, [], [], [])
        )
        if s.paragraph != paragraph:
            paragraph, carried = s.paragraph, reported  # a results period holds through its block
        said = speaker_near(names, low, s.start, s.end, s.lang, people, speaker)
        in_quote = next((w for a, b, w in quotes if a <= s.start < b or a < s.end <= b), None)
        here = speaker
        why = "carried from an earlier reporting verb" if speaker else ""
        if said is not None:
            here = said.speaker
            why = "a reporting verb or 'according to' in the sentence"
            if said.carries:
                speaker = said.speaker
            if said.backwards:  # "Об этом сообщил глава региона": the paragraph's figures are his
                for k in range(len(facts) - 1, -1, -1):
                    if _paragraph_of(d, facts[k].span[0]) != s.paragraph or facts[k].speaker:
                        break
                    why_back = "named after the figures ('Об этом сообщил', 'Бұл туралы ... айтты')"
                    facts[k] = replace(
                        facts[k], speaker=said.speaker, explain={**facts[k].explain, "speaker": why_back}
                    )
        elif in_quote is not None:
            here, why = in_quote, "the quotation's attribution"
        elif received is not None and passive_report(low, s.start, s.end, s.lang):
            speaker = here = received  # "Главе государства было доложено ...": by the one received
            why = "a passive report to the official who received them"
        if said is None and in_quote is None and s.paragraph in answers:
            here, why = answers[s.paragraph], "an answer in an interview, to the person asked"
        introduced = introduced_speaker(names, s.start, s.end, people)
        if introduced is not None:
            speaker = here = introduced
            why = "a line introducing the speaker"
        mine: list[Quantity] = []
        while qi < len(quantities) and quantities[qi].start < s.end:
            q = quantities[qi]
            if q.start >= s.start and not _counts_categories(_lex(s.lang), low, q):
                mine.append(q)
            qi += 1
        periods = (
            find_periods(low, s.start, s.end, s.lang, d.date)
            if d.date is not None or _DIGIT.search(low, s.start, s.end)
            else []
        )
        lx = _lex(s.lang)
        if lx.present.pattern.search(low, s.start, s.end):  # "Сейчас здесь живут ...": about now
            carried = reported = lead = None
            if not mine:
                continue
        if not mine:
            if text[s.start : s.end].rstrip().endswith(":"):
                header = _view(low, sentence)
                stated_here = [p for p in periods if not p.horizon and not p.date]
                if stated_here:  # "В 2024 году предприятия региона:": the year of the list below
                    reported = stated_here[0].value
            stated = _lead(low, s, periods, now)
            if stated is not None:
                lead = reported = stated
                plan = stated if "/" in stated else None
            elif any(not p.horizon for p in periods):
                lead = plan = None
            # a date alone ("Уральск, 3 ноября 2025 года") is when it was written, not a period
            carried = _carry(low, s, [p for p in periods if not p.date], carried, now)
            reported = _reported(periods, reported)
            continue
        if _lex(s.lang).not_economic.pattern.search(low, s.start, s.end):
            continue
        previous: Fact | None = None
        for k, q in enumerate(mine):
            nxt = mine[k + 1].start if k + 1 < len(mine) else s.end
            topic = facts[-1] if facts and q.start - facts[-1].span[1] < 400 else None
            fact = _fact(d, s, q, previous, nxt, periods, carried, here, topic, why, plan, header)
            if fact is not None:
                facts.append(fact)
                previous = fact
        if not lx.restated.pattern.search(low, s.start, s.end):  # "Ал 2024 жылы бұл көрсеткіш ..."
            carried = _carry(low, s, periods, carried, now)
            reported = _reported(periods, reported)
            if any(not p.horizon for p in periods):
                lead = None
    return facts


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")


def _latest_year(text: str, date: tuple[int, int] | None) -> int:
    """The document's "now": its date, else the latest year it names (0 when none)."""
    if date is not None:
        return date[0]
    years = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
    return max(years) if years else 0


def _reported(periods: list[Period], reported: str | None) -> str | None:
    """The period of a results phrase ("по итогам 2020 года", "за 2021 год")."""
    return next((p.value for p in periods if p.carries and not p.horizon and not p.date), reported)


def _carry(low: str, s: _View, periods: list[Period], carried: str | None, now: int) -> str | None:
    """The period that the next sentences take when they state none: this sentence's first period
    outside parentheses, not a deadline ("по итогам 2020 года ...") and not history ("в 1990 году
    ему присвоили имя"): more than six years before the latest year the document names."""
    for p in periods:
        if p.horizon or _parenthesis(low, s.start, p.start) >= 0 or not now - 6 <= int(p.value[:4]) <= now:
            continue  # a deadline, an aside, history, or the future: a plan's years stay with the plan
        return p.value
    return carried


def _lead(low: str, s: _View, periods: list[Period], now: int) -> str | None:
    """A results period or a span of years stated by a sentence without figures ("отчитался об
    итогах 2024 года", "план на 2023–2027 годы"): it holds for the paragraphs after it."""
    for p in periods:
        if p.horizon or p.date or _parenthesis(low, s.start, p.start) >= 0 or int(p.value[:4]) < now - 6:
            continue
        if p.carries or "/" in p.value:
            return p.value
    return None


def _counts_categories(lx: _Lex, low: str, q: Quantity) -> bool:
    """ "три отрасли", "екі салаға": a bare count of kinds of things is not a figure."""
    return q.unit == "count" and not q.change and _after(lx.categories, low, q) is not None


def _subject(text: str, low: str, places: list[Place], region_noun: re.Pattern[str]) -> str:
    """The territory the document is about: the most mentioned, the headline counting double."""
    lead = len(text) - len(text.lstrip())
    first = re.compile(r"\n|[.!?](?=\s)").search(text, lead, lead + 300)
    headline_end = first.start() if first else -1  # the headline, or the lead sentence
    # the country named by the lead sentence under a headline ("Министерство финансов Республики
    # Казахстан опубликовало ...") counts as in the headline: a national report
    lead_span = _lead_sentence(text, headline_end)
    score: dict[str, float] = {}
    g = gazetteer()
    named = {p.id for p in places}
    for p in places:
        if p.kind == "abroad":
            continue  # other countries are compared with, not written about
        head = 0 <= p.start < headline_end or (p.kind == "country" and lead_span[0] <= p.start < lead_span[1])
        pid = p.id
        if head and pid in g.namesakes and g.parents.get(pid) in named:
            pid = g.parents[pid] or pid  # "Қостанай диқандары": the region the text names in full
        # the country counts in full only in the headline ("Премьер-министр Казахстана ...")
        score[pid] = score.get(pid, 0.0) + (2 if head else 1) * (1 if p.kind in LOCAL_KINDS or head else 0.5)
    if not score:
        return "Kazakhstan"
    # a review of many regions, none of them leading, is about the country ("Кызылординская и
    # Туркестанская области ... В Мангистауской области ...")
    kinds = g.kinds
    local = {k: v for k, v in score.items() if kinds.get(k) in ("region", "city", "town")}
    if len({_region_of(k) for k in local}) >= 3 and max(local.values()) * 2 <= sum(local.values()):
        return "Kazakhstan"
    # "облыста", "өңірде", "области" said alone speak of a region: they back a region named in the
    # text against its own centre ("Қостанай диқандары ..." over "Қостанай облысында")
    nouns = sum(1 for m in region_noun.finditer(low) if not any(p.start <= m.start() < p.end for p in places))
    for town in [k for k in score if kinds.get(k) in ("town", "city")]:
        region = g.parents.get(town)
        if region in score and kinds.get(region) == "region":
            score[region] += 0.5 * nouns
    return max(score, key=lambda k: score[k])  # ties: the first named


def _fact(
    d: _Doc,
    s: _View,
    q: Quantity,
    previous: Fact | None,
    nxt: int,
    periods: list[Period],
    carried: str | None,
    speaker: str | None,
    topic: Fact | None,
    speaker_why: str = "",
    plan: str | None = None,
    header: _View | None = None,
) -> Fact | None:
    lx = _lex(s.lang)
    low = d.low
    seg_start = previous.span[1] if previous is not None else s.start
    explain: dict[str, str] = {}
    indicator = _indicator(lx, low, q, seg_start, nxt, s, previous, topic, explain, header)
    measure = _measure(lx, low, q, indicator, seg_start, nxt)
    if (
        header is not None
        and measure in ("share", "rate")
        and explain["indicator"].startswith("the list's heading")
        and cues(s.lang).change.search(low, header.start, header.end)
    ):
        measure = "change"  # "Наибольший рост инвестиций ...: Туркестанская область – 41,3%"
    if measure == "rate" and indicator == "bank_loans":  # "кредиты под 6%": the loans' interest rate
        indicator = "interest_rate"
        explain["indicator"] += "; a rate of loans is their interest rate"
    sector = _sector(s, low, q, seg_start, nxt, indicator, explain, previous)
    if (
        sector is None
        and topic is not None
        and topic.sector
        and topic.indicator == indicator
        and _paragraph_of(d, topic.span[0]) == s.paragraph
    ):
        sector = topic.sector  # the paragraph goes on about the same branch
        explain["sector"] = "the sector of the figure before, same indicator and paragraph"
    if sector is None:
        explain["sector"] = "no sector named: the economy as a whole"
    region = _region(d, s, q, seg_start, measure, explain, topic)
    if region == "Abroad":  # "в развитых странах", "АҚШ-та": where it happens is outside Kazakhstan
        region = "World"
    elif gazetteer().kinds.get(region) == "district":  # spec/FACTS.md: a district is its city's
        region = gazetteer().parents.get(region) or region
        explain["region"] += f" (a district of {region})"
    from_elsewhere = explain.get("region", "").startswith(("named earlier", "the document"))
    if indicator in REGIONAL_ONLY and from_elsewhere and _region_of(region) != region:
        region = _region_of(region)  # a town has no GRP of its own: the region it lies in
        explain["region"] += f"; a town's GRP is its region's: {region}"
    kind = _kind(lx, low, q, s, periods, explain, nxt)
    whole = previous or topic
    if kind == "fact" and whole is not None and whole.kind != "fact" and _part_of(lx, low, q, s):
        kind = whole.kind  # "будет выделено 242 млрд. Из этой суммы 67 млрд ... из бюджета"
        explain["kind"] = "a part of the figure before, a " + kind
    elif (
        kind == "fact"
        and "kind" not in explain
        and previous is not None
        and previous.kind != "fact"
        and q.start - previous.span[1] < 60  # the next item of a list, not a clause about another time
        and not _DIGIT.search(low, previous.span[1], q.start)
    ):
        kind = previous.kind  # "67 млрд из республиканского бюджета, 36 млрд из местного"
        explain["kind"] = "shared with the figure before it in the sentence"
    # a target takes the span of years of the plan it belongs to ("план на 2023–2027 годы")
    period = _period(low, s, periods, q, carried if kind == "fact" else plan, kind)
    if kind == "fact" and period and d.date is not None and int(period.split("/")[-1][:4]) > d.date[0]:
        kind = "target"  # "на 2021–2024 годы сформирован пул из 201 проекта" in a text of 2021
        explain["kind"] = f"a period ({period}) that ends after the document's date"
    explain.setdefault("kind", "no cue of a plan or a forecast: a reported figure")
    explain["measure"] = (
        {
            "change": "a change: 'на', 'в N раз', a sign, an index or a growth word"
            if q.change
            else "a ratio",
            "level": f"an amount in {q.unit}",
            "rate": "a percentage named as a rate (ставка, инфляция, безработица)",
            "share": "a percentage or fraction of a whole",
        }[measure]
        if measure != "change" or q.change
        else "in percentage points or times"
    )
    stated = any(p.value == period for p in periods)
    explain["period"] = (
        ("stated in the sentence" if stated else "carried from the paragraph") if period else "not stated"
    )
    explain["speaker"] = speaker_why if speaker else "no attribution"
    unit = q.unit
    if (
        unit == "count"
        and indicator in MONEY_INDICATORS
        and q.value >= 1e6
        and indicator != "industrial_output"
    ):
        unit = "KZT"  # "свыше 700 миллиардов инвестировали": money by context (spec)
    return Fact(
        doc=d.doc,
        span=q.span,
        quote=q.text,
        value=q.value,
        unit=unit,
        qualifier=q.qualifier,
        measure=measure,
        indicator=indicator,
        sector=sector,
        region=region,
        period=period,
        kind=kind,
        speaker=speaker,
        lang=s.lang,
        value_max=q.value_max,
        explain=explain,
    )


def _fits(indicator: str, q: Quantity) -> bool:
    if q.unit in MONEY_UNITS:  # "шаршы метрінің бағасы 624 500 теңге": a price, not inflation
        return indicator not in COUNT_INDICATORS and indicator not in ("inflation", "interest_rate")
    if q.unit == "count" and not q.change:
        return indicator not in MONEY_INDICATORS or indicator == "industrial_output"
    if q.unit not in ("%", "pp", "times", "count"):  # tonnes, m², kWh: an output, not a count of firms
        return indicator not in COUNT_INDICATORS or indicator == "infrastructure"
    return True


def _after(vocab: Vocabulary, low: str, q: Quantity) -> Hit | None:
    """A cue right after the number, allowing one word between ("25 инвестиционных проектов") and a
    qualifier ("3 мыңнан кем емес жаңа жұмыс орны")."""
    pos = skip_blanks(low, q.end)
    qual = cues(q.lang).qual_after.match(low, pos) if q.unit == "count" else None
    if qual is not None:
        pos = skip_blanks(low, qual.end())
    hit = vocab.match(low, pos)
    if hit is None:
        w = _WORD.match(low, pos)
        if w is not None and not grammar(q.lang).conjunction.fullmatch(
            w.group().strip()
        ):  # "... кв. м и построить"
            hit = vocab.match(low, w.end())
    return hit


def _part_of(lx: _Lex, low: str, q: Quantity, s: _View) -> bool:
    """Whether the number is named as a part of the one before: "из них" right before or after it
    ("в том числе 12 тысяч", "370 тысяч из них"), "оның ішінде" before it."""
    before = [h for h in s.parts if h.end <= q.start and h.start >= q.start - 25]
    after = [h for h in s.parts if h.start >= q.end and h.end <= q.end + 25]
    return any(q.start - h.end <= 15 for h in before) or any(
        not low[q.end : h.start].strip() or h.start - q.end < 12 for h in after
    )


_IN_BEFORE = re.compile(r"(?<!\w)во?\s+\Z")
_KK_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")


def _genitive_word(low: str, pos: int) -> bool:
    """Whether the word that ends at or just after ``pos`` is in the Kazakh genitive."""
    end = pos
    while end < len(low) and low[end].isalpha():
        end += 1
    return low[:end].endswith(_KK_GENITIVE)


def _named_whole(lx: _Lex, low: str, q: Quantity) -> bool:
    """Whether the words after the part phrase name the whole ("40% средств бюджета")."""
    phrase = next(iter(lx.part_of.find(low, q.end, q.end + 25)), None)
    if phrase is None:
        return False
    nxt = next(iter(lx.indicators.find(low, phrase.end, phrase.end + 3)), None)
    return nxt is not None


def _indicator(
    lx: _Lex,
    low: str,
    q: Quantity,
    seg_start: int,
    nxt: int,
    s: _View,
    previous: Fact | None,
    topic: Fact | None,
    explain: dict[str, str],
    header: _View | None = None,
) -> str:
    whole = previous or topic
    flow = _flow_after(low, q, nxt, s)
    # the attribution after the figure names the speaker, not the figure ("..., сообщил генеральный
    # директор предприятия", "..., сообщили в отделе строительства")
    tail = min((x for x in s.said if x >= q.end), default=s.end)
    if flow is not None and q.unit == "%" and not q.change:
        # "көмірдің 40 пайызға жуығы Ресейге экспортталады": the share that was exported
        explain["indicator"] = f"a share sent {low[flow.start : flow.end]!r}"
        return flow.label
    if (
        whole is not None
        and q.unit == "%"
        and whole.unit != "%"
        and _part_of(lx, low, q, s)
        and not _named_whole(lx, low, q)
    ):
        # "треть этих средств ушла в жилищное строительство": a share of the investment before, the
        # housing it went to is its sector
        explain["indicator"] = "a share of the amount before ('этих средств', 'оның')"
        return whole.indicator
    if whole is not None and whole.unit == q.unit and _part_of(lx, low, q, s):
        # "370 тысяч из них — жители страны": still tourists; "оның 287 мыңы жұмыспен қамтылған":
        # a part with an indicator of its own (the employed) keeps it
        own = [_after(lx.indicators, low, q), _after(lx.counted, low, q)]
        # "Оның ішінде экспорт 1,35 млрд доллар": the part names itself right before the number
        own += [h for h in s.indicators if h.end <= q.start and q.start - h.end <= 12]
        if not any(h is not None and h.label != "population" and _fits(h.label, q) for h in own):
            explain["indicator"] = "a part of the figure before ('из них', 'оның ішінде')"
            return whole.indicator
    if (
        previous is not None
        and q.unit in MONEY_UNITS
        and previous.unit not in MONEY_UNITS
        and previous.indicator in ("exports", "imports", "industrial_output", "trade")  # goods, not projects
        and lx.worth_before.pattern.search(low, max(previous.span[1], q.start - 30), q.start)
    ):
        # "вывез 2,7 млн тонн зерна на сумму 512 млн долларов": the worth of the goods before
        explain["indicator"] = "the worth of the figure before ('на сумму')"
        return previous.indicator
    if previous is not None and previous.unit == q.unit and _moves(low[previous.span[1] : q.start], s.lang):
        # "с 4,9% до 4,6%", "3 200 адамнан 2 700 адамға дейін": one figure moving, one indicator
        explain["indicator"] = "the other end of the movement before it"
        return previous.indicator
    if q.unit == "%" and q.change:
        # "продовольственные товары подорожали на 9,8%, а платные услуги – на 15,7%": what got dearer
        # is the subject, the price rise is the figure
        # before it in the sentence ("подорожали на 10,2%, ... а платные услуги – на 15,7%"), or after it
        # in its own clause ("16 пайызға қымбаттады"); not another clause's ("..., годовая инфляция")
        c1 = _CLAUSE_MARK.search(low, q.end, min(nxt, tail))
        prices = [
            h
            for h in s.indicators
            if h.label == "inflation" and h.start < (c1.start() if c1 else min(nxt, tail))
        ]
        if prices:
            explain["indicator"] = f"a price rise {low[prices[0].start : prices[0].end]!r}"
            return "inflation"
    if s.lang == "kk" and q.unit == "%" and not q.change:
        # "Экспорттың 70 пайызға жуығы мұнай өнімдеріне тиесілі": the whole in the genitive right
        # before the share, what follows is where that part went
        genitive = [
            h
            for h in s.indicators
            if h.end <= q.start and q.start - h.end <= 12 and _fits(h.label, q) and _genitive_word(low, h.end)
        ]
        if genitive and genitive[-1].start >= seg_start and flow is None:
            cue = genitive[-1]
            explain["indicator"] = f"the whole in the genitive {low[cue.start : cue.end]!r}"
            return cue.label
    counted = _after(lx.counted, low, q)
    if (
        counted is not None
        and counted.label == "population"
        and any(_fits(h.label, q) for h in _within(s.indicators, seg_start, q.start))
    ):
        counted = None  # "турпоток составил 680 тысяч человек": people counted for another subject
    if counted is not None and q.unit == "%":
        of = _after(lx.indicators, low, q)
        if of is not None and of.start <= counted.start < of.end and of.label != counted.label:
            counted = of  # "30% производства": the output is the whole of a share, not companies
    if counted is not None and q.unit == "ha" and counted.label == "industrial_output":
        explain["indicator"] = f"land under {low[counted.start : counted.end]!r}: an area, not output"
        return "other"
    if counted is not None and _fits(counted.label, q):
        flow = flow or _flow_before(low, q, s)  # after it was looked up above
        if flow is not None and counted.label in ("industrial_output", "other"):
            # "2,1 млн тонна астық экспортталды": goods counted, their export is the figure
            explain["indicator"] = f"goods counted, then {low[flow.start : flow.end]!r}"
            return flow.label
        explain["indicator"] = f"counted noun {low[counted.start : counted.end]!r}"
        return counted.label
    right = _after(lx.indicators, low, q)
    if right is not None and (right.start >= min(nxt, tail) or not _fits(right.label, q)):
        right = None
    if (
        right is not None
        and right.label == "population"
        and any(
            _fits(h.label, q) and h.label != "population" for h in _within(s.indicators, seg_start, q.start)
        )
    ):
        right = None  # "занято около 9 тысяч жителей": people counted for another subject
    before = [h for h in _within(s.indicators, seg_start, q.start) if _fits(h.label, q)]
    if q.unit == "%" and not q.change:
        # "доля туризма в валовом региональном продукте составила 2%": the whole is the indicator
        wholes = [h for h in before if _IN_BEFORE.search(low, max(0, h.start - 4), h.start)]
        if wholes and s.lang == "ru":
            explain["indicator"] = f"the whole of the share {low[wholes[-1].start : wholes[-1].end]!r}"
            return wholes[-1].label
    clause = _clause_start(low, seg_start, q.start)
    if any(h.start >= clause for h in before):
        before = [h for h in before if h.start >= clause]  # "По данным X, объем продукции составил"
    # a Kazakh share names its whole in the genitive right before it ("Инвестицияның төрттен бір
    # бөлігі өңдеу өнеркәсібіне бағытталды"): what follows is where that part went
    if s.lang == "kk" and q.unit == "%" and not q.change and before:
        cue = before[-1]
        if q.start - cue.end <= 25 and _genitive_word(low, cue.end):
            explain["indicator"] = f"the whole in the genitive {low[cue.start : cue.end]!r}"
            return cue.label
    # a change names its subject before it ("финансирование ... в 2,3 раза на ремонт дорог");
    # an amount often right after ("1,1 трлн тенге инвестиций", "1,3 трлн теңге инвестиция")
    if right is not None and not q.change:
        explain["indicator"] = f"cue after the number {low[right.start : right.end]!r}"
        return right.label
    if before:
        h = before[-1]
        rates = [b for b in before if b.label in RATE_INDICATORS] if q.unit == "%" and not q.change else []
        if rates and h.label not in RATE_INDICATORS:
            h = rates[-1]  # "ставка по кредитам с учётом субсидирования составила 7%": the rate is the figure
        elif q.start - h.end > 12:  # not the head right before the number ("компаниялардың үштен бірі")
            h = max(reversed(before), key=lambda h: SPECIFICITY.get(h.label, 0))
        explain["indicator"] = f"cue before the number {low[h.start : h.end]!r}"
        return h.label
    if q.unit == "m2" and right is None:
        explain["indicator"] = "square metres with no other cue: housing commissioned"
        return "housing"
    if q.unit == "km" and right is None and not before:
        explain["indicator"] = "kilometres with no other cue: roads, lines, pipes"
        return "infrastructure"
    if (
        previous is not None
        and _fits(previous.indicator, q)
        and (previous.unit == q.unit or q.unit in _RELATIVE or previous.unit in _RELATIVE)
    ):
        explain["indicator"] = "shared with the previous figure of the sentence"
        return previous.indicator
    if right is not None:
        explain["indicator"] = f"cue after the number {low[right.start : right.end]!r}"
        return right.label
    listed = [h for h in header.indicators if _fits(h.label, q)] if header is not None else []
    if listed and not any(h.start < tail for h in s.indicators if _fits(h.label, q)):
        h = max(reversed(listed), key=lambda h: SPECIFICITY.get(h.label, 0))
        explain["indicator"] = f"the list's heading {low[h.start : h.end]!r}"
        return h.label
    anywhere = [h for h in s.indicators if _fits(h.label, q) and h.start < tail]
    if anywhere:
        h = min(anywhere, key=lambda h: abs(h.start - q.start))
        explain["indicator"] = f"cue in the sentence {low[h.start : h.end]!r}"
        return h.label
    if q.unit in MONEY_UNITS and any(h.label == "inflation" for h in _within(s.indicators, s.start, q.start)):
        explain["indicator"] = "a price: the amount it costs"  # "цена свеклы ... 26 500 тенге за тонну"
        return "other"
    if topic is not None and _fits(topic.indicator, q) and (topic.unit == q.unit or q.unit in _RELATIVE):
        explain["indicator"] = "the topic of the sentences before"
        return topic.indicator
    if q.unit in ("t", "kWh"):
        explain["indicator"] = "tonnes or kilowatt-hours with no cue: output"
        return "industrial_output"
    explain["indicator"] = "no cue: default for the unit"
    if q.unit in MONEY_UNITS:
        return "investment"
    return "other"


_LEAD_END = re.compile(r"[.!?](?=\s)|\n")


def _lead_sentence(text: str, headline_end: int) -> tuple[int, int]:
    """The first sentence of the body under the headline, past a short dateline ("Астана, 5 мая")."""
    if headline_end < 0:
        return (-1, -1)
    pos = headline_end
    for line in text[headline_end:].split("\n", 6)[:6]:
        start = pos
        pos += len(line) + 1
        if not line.strip() or start == headline_end:
            continue
        if len(line.strip()) < 60 and _DIGIT.search(line):
            continue  # a dateline
        stop = _LEAD_END.search(text, start)
        return (start, stop.start() if stop else len(text))
    return (-1, -1)


_FLOWS = frozenset({"exports", "imports"})
_RELATIVE = frozenset({"%", "pp", "times"})


def _moves(gap: str, lang: str) -> bool:
    """Whether ``gap`` joins the two ends of one figure's movement: blanks, "до" ("с 4,9% до 4,6%"), or
    the Kazakh noun of the first end in the ablative ("3 200 адамнан 2 700 адамға")."""
    if grammar(lang).move_gap.fullmatch(gap):
        return True
    ablative = cues(lang).noun_in.get("ablative")
    return ablative is not None and ablative.fullmatch(gap.lstrip()) is not None


def _flow_after(low: str, q: Quantity, nxt: int, s: _View) -> Hit | None:
    """An export or import cue after the number in its clause ("... тонна астық экспортталды",
    "... шетелге шығарылды"): the verb that says where the counted goods went."""
    end = min(nxt, s.end)
    stop = _CLAUSE_MARK.search(low, q.end, end)
    end = stop.start() if stop else end
    return next((h for h in s.indicators if q.end <= h.start < end and h.label in _FLOWS), None)


def _flow_before(low: str, q: Quantity, s: _View) -> Hit | None:
    """An export or import cue before the number in its clause ("Экспортный потенциал ... оцениваем в
    3 млн тонн зерна")."""
    start = _clause_start(low, s.start, q.start)
    before = [h for h in s.indicators if start <= h.start and h.end <= q.start and h.label in _FLOWS]
    return before[-1] if before else None


_CLAUSE_MARK = re.compile(r"[,;:]\s|\s[–—]\s")


def _clause_start(low: str, start: int, pos: int, marks: re.Pattern[str] = _CLAUSE_MARK) -> int:
    """Where the clause holding ``pos`` begins (after the last comma, colon or dash)."""
    last = start
    for m in marks.finditer(low, start, pos):
        last = m.end()
    return last


def _measure(lx: _Lex, low: str, q: Quantity, indicator: str, seg_start: int, nxt: int) -> str:
    if q.change or q.unit in ("pp", "times"):
        return "change"
    if q.unit != "%":
        return "level"
    if indicator in RATE_INDICATORS or lx.rate.pattern.search(low, seg_start, min(nxt, q.end + 40)):
        return "rate"
    if any(not low[h.end : q.start].strip() for h in lx.rate_before.find(low, max(0, q.start - 12), q.start)):
        return "rate"
    return "share"


def _sector(
    s: _View,
    low: str,
    q: Quantity,
    seg_start: int,
    nxt: int,
    indicator: str,
    explain: dict[str, str],
    previous: Fact | None = None,
) -> str | list[str] | None:
    if indicator in WHOLE_ECONOMY:
        # "продовольственные товары подорожали на 9,8%": prices, people and the jobless are counted
        # over the whole economy, whatever goods or trade the sentence names
        explain["sector"] = f"{indicator} is measured over the whole economy"
        return None
    # "машиностроение – на 35,8%": a dash introduces the figure, it does not end the clause
    before = _within(s.sectors, max(seg_start, _clause_start(low, seg_start, q.start, _COMMA)), q.start)
    if (
        s.lang != "kk"  # Kazakh names the destination before the amount: the cue is the next figure's
        and previous is not None
        and previous.explain.get("sector", "").startswith("cue after")
    ):
        # "вдвое — на здравоохранение и в 7 раз на сельское хозяйство": the cue after the figure
        # before is that figure's
        taken = next((h for h in s.sectors if h.start >= previous.span[1]), None)
        before = [h for h in before if h is not taken]
    if before:
        explain["sector"] = f"cue before the number {low[before[-1].start : before[-1].end]!r}"
        return before[-1].label
    # after the number: up to the next comma ("в 2,3 раза на ремонт дорог, ..."), or a list
    # introduced by a dash ("на три отрасли – недвижимость, транспорт и торговлю")
    dash = _LIST_AFTER.match(low, q.end, nxt)
    stop = _COMMA.search(low, dash.end() if dash else q.end, nxt)
    right_end = nxt if dash and not stop else (stop.start() if stop else nxt)
    if dash:
        list_end = _SENTENCE_STOP.search(low, dash.end(), nxt)
        right_end = list_end.start() if list_end else nxt
    right = _within(s.sectors, q.end, min(right_end, q.end + 150))
    labels = list(dict.fromkeys(h.label for h in right))
    if dash and len(labels) > 1:
        explain["sector"] = "list of sectors after the number"
        return labels
    if right and right[0].start - q.end < 40:
        explain["sector"] = f"cue after the number {low[right[0].start : right[0].end]!r}"
        return right[0].label
    if indicator in SECTOR_OF:
        explain["sector"] = f"implied by the indicator {indicator}"
        return SECTOR_OF[indicator]
    if q.unit == "ha":
        explain["sector"] = "hectares with no other cue: farmland"
        return "agriculture"
    return None


def _region(
    d: _Doc,
    s: _View,
    q: Quantity,
    seg_start: int,
    measure: str,
    explain: dict[str, str],
    topic: Fact | None = None,
) -> str:
    """The nearest territory named before the number in its sentence (a local one before the
    country or the world, which are often only the whole of a share: "пятую часть ВВП страны"),
    then one named just after it, then the paragraph's, then the document's subject."""
    # a place in the attribution after the figure is where it was said ("— деді ... елордада")
    said_at = min((x for x in s.said if x >= q.end), default=s.end)
    inside = [p for p in d.places if s.start <= p.start < said_at]
    left_local = [p for p in inside if p.end <= q.start and p.kind in LOCAL_KINDS]
    left_wide = [p for p in inside if p.end <= q.start and p.kind not in LOCAL_KINDS]
    # after the number, only its own clause ("сбор зерна превысил 6 млн тонн, а ... в Рудном ...")
    clause_end = grammar(s.lang).clause_end.search(d.low, q.end, s.end)
    right = [p for p in inside if p.start >= q.end and (clause_end is None or p.start < clause_end.start())]
    # "почти половина – в Жезказгане": a dash standing for the verb, then where
    paired = _respectively(d, s, q, inside)
    if paired is not None:
        explain["region"] = (
            f"the places and figures paired 'respectively' {d.text[paired.start : paired.end]!r}"
        )
        return paired.id
    elided = grammar(s.lang).elided_place.match(d.low, q.end)
    there = [p for p in inside if elided is not None and p.start == elided.end() and p.kind in LOCAL_KINDS]
    if there:
        explain["region"] = f"named after a dash for the verb {d.text[there[0].start : there[0].end]!r}"
        return there[0].id
    right_local = [p for p in right if p.kind in LOCAL_KINDS and p.start - q.end < 80]
    # a country named in the clause of a level ("в креативном секторе Казахстана действуют 19 тысяч")
    wide_in_clause = [p for p in left_wide if p.start >= seg_start]
    local_in_clause = [p for p in left_local if p.start >= seg_start]
    noun = grammar(s.lang).region_noun.search(d.low, seg_start, q.start)
    if noun is not None and not local_in_clause and not wide_in_clause:
        # "экономика области выросла": the region named last in the paragraph, else the article's
        para = d.text.rfind("\n", 0, noun.start()) + 1
        named = [p for p in d.places if para <= p.start and p.end <= noun.start() and p.kind == "region"]
        if named:
            explain["region"] = (
                f"{d.text[noun.start() : noun.end()]!r}: the region named before it "
                f"{d.text[named[-1].start : named[-1].end]!r}"
            )
            return named[-1].id
        explain["region"] = f"{d.text[noun.start() : noun.end()]!r}: the region of the article"
        return _region_of(d.subject)
    if (
        wide_in_clause
        and not local_in_clause
        and (measure != "share" or _locative(d.low, wide_in_clause[-1]))
    ):
        best = wide_in_clause[-1]  # for a share only "в Казахстане", "Қазақстанда": "ВВП страны" is its whole
    elif left_local:
        best = left_local[-1]
    elif right_local:
        best = right_local[0]
    elif (
        topic is not None
        and topic.span[0] >= s.start
        and topic.region
        and all(p.start < seg_start for p in left_wide)
    ):
        # "бидайдың төрттен бір бөлігін – шамамен 5,2 миллион тоннасын": the country is the whole of
        # the share before; this figure shares that figure's region
        explain["region"] = "shared with the figure before it in the sentence"
        return topic.region
    elif measure != "share" and left_wide:
        best = left_wide[-1]
    elif right and right[0].start - q.end < 60 and right[0].kind == "world" and measure != "share":
        best = right[0]  # "50 млн рабочих мест по всему миру"
    elif topic is not None and topic.region and topic.span[0] >= s.start:
        # "ВРП области вырос на 4,9% и превысил 2,38 трлн тенге": the sentence's figure before it
        explain["region"] = "shared with the figure before it in the sentence"
        return topic.region
    else:
        before_here = [p for p in d.places if p.end <= s.start and _paragraph_of(d, p.start) == s.paragraph]
        earlier = [p for p in before_here if p.kind in LOCAL_KINDS]
        home = [p for p in d.places if p.kind == "country" and s.start <= p.start and p.end <= q.start]
        if (
            earlier
            and earlier[-1].kind == "abroad"
            and any(p.kind == "country" and p.start > earlier[-1].end for p in before_here + home)
        ):  # "в США ... В Казахстане ...": back home
            earlier = [p for p in earlier if p.kind != "abroad"]
        if earlier:
            pair = _coordinated(d, earlier)
            if pair is not None:  # "заводы в Таразе и Жанатасе": the region they both lie in
                explain["region"] = f"the region of the towns named together earlier ({pair})"
                return pair
            explain["region"] = (
                f"named earlier in the paragraph {d.text[earlier[-1].start : earlier[-1].end]!r}"
            )
            return earlier[-1].id
        if (
            topic is not None
            and topic.region
            and _paragraph_of(d, topic.span[0]) == s.paragraph
            and topic.region not in ("Kazakhstan", "World")
        ):
            explain["region"] = "the region of the figure before it in the paragraph"
            return topic.region
        explain["region"] = "the document's subject"
        return d.subject
    explain["region"] = f"named in the sentence {d.text[best.start : best.end]!r}"
    return best.id


WHOLE_ECONOMY = frozenset({"inflation", "unemployment", "population"})
"""Indicators that have no sector (spec/FACTS.md: sector null is the economy as a whole)."""

REGIONAL_ONLY = frozenset({"gdp"})
"""Indicators the statistics compile for regions and cities of republican significance only."""


def _respectively(d: _Doc, s: _View, q: Quantity, inside: list[Place]) -> Place | None:
    """ "Теміртау мен Саран ... тиісінше 8,1 және 2,7 пайызға", "в Атырау и Актау – 5% и 3%
    соответственно": the n-th figure after a group of places joined by "и"/"мен" is the n-th place's."""
    if grammar(s.lang).respectively.search(d.low, s.start, s.end) is None:
        return None
    group: list[Place] = []
    for p in inside:
        if p.end > q.start:
            break
        if group and not grammar(s.lang).place_link.fullmatch(d.low, group[-1].end, p.start):
            group = []
        group.append(p)
    if len(group) < 2:
        return None
    figures = [x for x in d.quantities if group[-1].end <= x.start < s.end]
    if len(figures) != len(group) or q not in figures:
        return None
    return group[figures.index(q)]


def _coordinated(d: _Doc, earlier: list[Place]) -> str | None:
    """The common region of the last places named together ("в Таразе и Жанатасе", "Теміртау мен
    Саран"), when they are different towns of one region; else None."""
    if len(earlier) < 2:
        return None
    a, b = earlier[-2], earlier[-1]
    if a.id == b.id or not grammar(d.lang).place_link.fullmatch(d.low, a.end, b.start):
        return None
    ra, rb = _region_of(a.id), _region_of(b.id)
    return ra if ra == rb and ra != a.id and ra != b.id else None


def _locative(low: str, p: Place) -> bool:
    """Whether a place is named as where something is ("в Казахстане", "Қазақстанда", "елімізде"),
    not as a whole ("ВВП страны", "Қазақстанның")."""
    form = low[p.start : p.end]
    return (
        low[max(0, p.start - 3) : p.start].endswith(("в ", "во "))
        or form.startswith(("в ", "во "))
        or (form.endswith(("да", "де", "та", "те")) and not form.endswith(("ында", "інде")))
    )


def _region_of(place: str) -> str:
    """A town's region (as of 2022); a region or a city of republican significance itself."""
    g = gazetteer()
    parent = g.parents.get(place)
    return parent if g.kinds.get(place) == "town" and parent else place


def _paragraph_of(d: _Doc, pos: int) -> int:
    return d.text.count("\n", 0, pos)


def _kind(
    lx: _Lex, low: str, q: Quantity, s: _View, periods: list[Period], explain: dict[str, str], nxt: int
) -> str:
    hits = s.kinds
    before = [h for h in hits if h.end <= q.start]
    clause_end = grammar(s.lang).clause_end.search(low, q.end, s.end) if s.lang != "kk" else None
    # Kazakh ends each clause with its verb: the next figure's clause, with a cue of its own, is its
    # own ("30 пайызы ... тиесілі, алдағы бес жылда 40 пайызға жеткіземіз")
    limit = _clause_start(low, q.end, nxt, _COMMA) if nxt < s.end and s.lang == "kk" else s.end
    if limit <= q.end or not any(limit <= h.start < nxt for h in hits):
        limit = s.end  # "9 пайызға, ... 5 пайызға, ... 8 пайызға артады": one verb for the list
    after = [
        h
        for h in hits
        if h.start >= q.end
        and h.start < limit
        and (clause_end is None or h.start < clause_end.start())
        and not grammar(s.lang).np_preposition.match(low, h.start)
    ]  # "с созданием" governs what follows it
    # Russian states the mode before the figure ("планируется создать 20 тысяч"); Kazakh ends the
    # clause with its verb ("7,8 мың жұмыс орны ашылады")
    ordered = ([after[0]] if after else []) + ([before[-1]] if before else [])
    if s.lang != "kk":
        ordered.reverse()
        # a cue in an earlier clause yields to one right after the number in its own ("сейчас в
        # портфеле 148 проектов, 37 из них планируется запустить")
        if before and after and before[-1].start < _clause_start(low, s.start, q.start, _COMMA):
            ordered = [after[0], before[-1]]
    if ordered:
        h = ordered[0]
        if low[h.start : h.end] in lx.neutral_future and any(b.label == "forecast" for b in before):
            # "Аналитики ожидают, что инфляция будет ... от 11 до 13%": expected, not promised
            h = next(b for b in reversed(before) if b.label == "forecast")
        explain["kind"] = f"nearest cue {low[h.start : h.end]!r}"
        return h.label
    if any(p.horizon for p in _clause_periods(low, s, periods, q)):
        explain["kind"] = "a deadline year"
        return "target"
    return "fact"


def _clause_periods(low: str, s: _View, periods: list[Period], q: Quantity) -> list[Period]:
    """The periods that can be the figure's: those of its own clause, else those before it in the
    sentence ("В 2023 году аким сообщил, что ВРП вырос на 5%"), never one of a later clause ("выплавил
    3,5 млн тонн, а к 2028 году намерена выйти на 5 млн")."""
    if not periods:
        return []
    ends = list(grammar(s.lang).clause_end.finditer(low, s.start, s.end))
    start = max((m.end() for m in ends if m.end() <= q.start), default=s.start)
    end = min((m.start() for m in ends if m.start() >= q.end), default=s.end)
    own = [p for p in periods if start <= p.start and p.end <= end]
    return own or [p for p in periods if p.end <= q.start]


def _period(
    low: str, s: _View, periods: list[Period], q: Quantity, carried: str | None, kind: str = "fact"
) -> str | None:
    """The nearest period of the figure's clause or before it in the sentence (one in parentheses only
    for what is in them: "244 млрд теңге (2024 ж – 226 млрд)"), else the period carried from the
    sentences before."""
    mine = _parenthesis(low, s.start, q.start)
    usable = [p for p in periods if _parenthesis(low, s.start, p.start) == mine]
    if not usable and mine >= 0:  # "по итогам 2020 года ... (машиностроение – на 35,8%)"
        usable = [p for p in periods if _parenthesis(low, s.start, p.start) < 0]
    usable = _clause_periods(low, s, usable, q)
    if kind == "fact":  # a deadline after a reported figure is another figure's ("25 из них до 2025 года")
        usable = [p for p in usable if not (p.horizon and p.start >= q.end)]
    if usable:
        return min(
            usable, key=lambda p: (q.start - p.end) if p.end <= q.start else (p.start - q.end) * 2
        ).value
    return carried


def _parenthesis(low: str, start: int, pos: int) -> int:
    """Where the parenthesis enclosing ``pos`` opens (-1 outside any)."""
    opening = low.rfind("(", start, pos)
    return opening if opening >= 0 and low.find(")", opening, pos) < 0 else -1
