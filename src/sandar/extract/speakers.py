"""Who said it: the people of a document and the speaker of each sentence.

People are found as two or three capitalised words one of which looks like a surname ("Нурлан
Уранхаев", "Касым-Жомарту Токаеву", "Марат Ахметжановтың"); each is stored once in the nominative,
with the title written before it ("аким области", "Глава государства"). A sentence's speaker comes
from a reporting verb or an "according to" phrase next to a name, a surname, a title, an organisation
or a pronoun; a quotation gets the speaker named right after it; other sentences of the paragraph
keep the last speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sandar import lang as lexicons
from sandar.extract.grammar import grammar
from sandar.extract.morph import nominative_phrase
from sandar.extract.vocab import Hit, Vocabulary

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "а-яёәғқңөұүһі"
_TOKEN = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_FULL = re.compile(rf"(?<![\w-])({_TOKEN})[ \u00a0]+({_TOKEN})(?:[ \u00a0]+({_TOKEN}))?(?![\w-])")
_SURNAME_ALONE = re.compile(rf"(?<![\w-])({_TOKEN})(?![\w-])")
_QUOTE = re.compile(r"«([^«»]{20,})»|\"([^\"]{20,})\"")
_AFTER_QUOTE = re.compile(r"[,.]?\s*[-–—]\s*")
_CLOSED_QUOTE = re.compile(r"[»\"”][,.]?\s*[-–—]\s*$")
_TITLE_AFTER = re.compile(r",\s+")
_LETTERS = re.compile(r"[^\W\d_]")
_BREAK = re.compile(r"\n|[.!?]\s")
_PREVIOUS_WORD = re.compile(r"(\w[\w-]*)\s+$")


_CAPS_SURNAME = re.compile(
    rf"(?<![\w-])([{_UP}][{_LO}]+[ \u00a0]+)([{_UP}]{{3,}}(?:-[{_UP}]{{2,}})?)(?![\w-])"
)


def capitalised_names(text: str) -> str:
    """The text with a surname written in capitals after a given name put in title case ("Гульсим
    ЖАРИЕВА, руководитель ..." -> "Гульсим Жариева"), offsets unchanged."""
    return _CAPS_SURNAME.sub(lambda m: m.group(1) + m.group(2).title(), text)


@dataclass
class Person:
    name: str  # nominative full name
    surname: str  # nominative surname
    titles: set[str] = field(default_factory=set)  # title groups ("akim", "head_of_state")


@dataclass(frozen=True)
class _Cues:
    cues: Vocabulary  # "say": reporting verbs, "by": "according to" a person, "data": a source
    about: Vocabulary  # "об этом", "ол туралы"
    titles: Vocabulary  # label = title group
    orgs: Vocabulary
    modifiers: Vocabulary  # "облыстық", "областной": words that open an organisation's name
    reception: Vocabulary  # "принял", "қабылдады"
    passive: Vocabulary  # "был проинформирован", "баяндалды"


@cache
def _cues(lang: str) -> _Cues:
    data: dict[str, Any] = lexicons.load(lang, "attribution")["speaker"]
    titles = data.get("titles") or []
    groups = titles if isinstance(titles, dict) else {t: [t] for t in titles}
    return _Cues(
        cues=Vocabulary.build(
            {
                "say": data.get("reporting_verbs") or [],
                "by": data.get("according_to") or [],
                "data": data.get("data_source") or [],
                "order": data.get("instructing_verbs") or [],
            }
        ),
        about=Vocabulary.build({"about": data.get("about_this") or []}),
        titles=Vocabulary.build(groups),
        orgs=Vocabulary.build({"org": data.get("organisations") or []}),
        modifiers=Vocabulary.build({"mod": data.get("organisation_modifiers") or []}),
        reception=Vocabulary.build({"met": data.get("reception_verbs") or []}),
        passive=Vocabulary.build({"told": data.get("passive_reporting") or []}),
    )


@cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    data = lexicons.load_shared("names")
    endings = tuple(sorted(data["surname_endings"], key=len, reverse=True))
    cases = tuple(sorted(data["case_endings"], key=len, reverse=True))
    return endings, cases, frozenset(data["not_names"])


def nominative(word: str) -> tuple[str, str] | None:
    """A surname and the case ending it carried ("Токаеву" -> ("Токаев", "у")), or None."""
    endings, cases, _ = _names()
    low = word.lower()
    if low.endswith(endings) and len(word) > 4:
        return word, ""
    for c in cases:
        if low.endswith(c) and len(low) - len(c) > 3 and low[: -len(c)].endswith(endings):
            base = word[: -len(c)]
            if c in ("ой", "ую") and base.lower().endswith(("ов", "ев", "ин")):
                base += "а"  # "Абдыкаликовой" -> "Абдыкаликова"
            return base, c
    return None


def reporting_cue_starts(low: str, start: int, end: int, lang: str) -> list[int]:
    """Where reporting verbs ("деді", "сообщил") stand in ``low[start:end]``."""
    return [h.start for h in _cues(lang).cues.find(low, start, end) if h.label == "say"]


def organisation_spans(low: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Where organisations are named in ``low[start:end]`` ("баспасөз қызметі", "управление
    экономики")."""
    return [(h.start, h.end) for h in _cues(lang).orgs.find(low, start, end)]


def _not_a_name(tokens: list[str]) -> bool:
    """Whether a word of the pair is an adjective rather than a name ("Сұлтанғазиев Орталық")."""
    endings = tuple(lexicons.load_shared("names").get("not_name_endings") or ())
    return any(t.lower().endswith(endings) for t in tokens if nominative(t) is None)


@dataclass
class People:
    """The people of one document, by surname."""

    by_surname: dict[str, Person] = field(default_factory=dict)
    by_first: dict[str, Person] = field(default_factory=dict)
    by_title: dict[str, Person] = field(default_factory=dict)

    def find(self, word: str) -> Person | None:
        hit = nominative(word)
        key = (hit[0] if hit else word).lower()
        found = self.by_surname.get(key) or self.by_first.get(word.lower().rstrip("а"))
        if found is None:  # "по словам Абенова": a case ending that also looks like a surname's
            low = word.lower()
            _, cases, _ = _names()
            found = next(
                (
                    self.by_surname[low[: -len(c)]]
                    for c in cases
                    if low.endswith(c) and low[: -len(c)] in self.by_surname
                ),
                None,
            )
        return found


def find_people(text: str, lang: str) -> People:
    """Everyone named in the text, with the titles written before their names."""
    _, _cases, stop = _names()
    people = People()
    cues = _cues(lang)
    low = text.lower()
    patronymics = tuple(lexicons.load_shared("names")["patronymic_endings"])
    pos = 0
    while (m := _FULL.search(text, pos)) is not None:
        if m.group(1) in stop or cues.titles.label(m.group(1).lower()):
            pos = m.start(2)  # "Аким Рудного Ерлан Жумабаев", "Премьер-Министра Алихан Смаилов": read on
            continue
        pos = m.end()
        tokens = [t for t in m.groups() if t]
        if len(tokens) == 3 and nominative(tokens[-1]) is None and nominative(tokens[1]) is not None:
            tokens = tokens[:2]  # "Андрей Лаврентьев Президенттің қабылдауында"
        if len(tokens) < 2 or any(t in stop for t in tokens) or _not_a_name(tokens):
            continue
        last = nominative(tokens[-1])
        first_is_surname = nominative(tokens[0])
        if last is None and first_is_surname is None:
            if len(tokens) != 2 or not _titled(cues, low, m.start()):
                continue
            last = (tokens[-1], "")  # "облыс әкімі Дархан Сатыбалды": a title names a person
        if last is not None:
            surname, case = last
            firsts = tokens[:-1]
            if len(firsts) > 1 and not firsts[-1].lower().endswith(patronymics):
                firsts = firsts[-1:]  # "аким Атырау Жанар Абилова": the name is the last two words
        else:
            surname, case = first_is_surname  # type: ignore[misc]
            firsts = tokens[1:]
        first = firsts[0]
        if (
            not case
            and lang == "ru"
            and surname.endswith(("ова", "ева", "ина", "ына"))
            and first.endswith("а")
            and _after_oblique_title(cues, low, m.start())
        ):
            surname, case = surname[:-1], "а"  # "принял акима области Ербола Карашукеева"
        if case and lang == "ru" and case in ("у", "а", "ом", "ым", "е") and first.endswith(case):
            first = first[: -len(case)]  # "Касым-Жомарту Токаеву"
        key = surname.lower()
        person = people.by_surname.get(key)
        patronymic = surname.lower().endswith(patronymics)
        if person is None and patronymic:
            person = people.by_first.get(first.lower())  # "Ермек Беделбайұлы" is "Ермек Көшербаев"
            if person is not None:
                people.by_surname[key] = person
        if person is None:
            person = Person(f"{first} {surname}", surname)
            people.by_surname[key] = person
            people.by_first.setdefault(first.lower(), person)
        elif (
            not case
            and person.name != f"{first} {surname}"
            and not (patronymic and person.surname != surname)
        ):
            person.name = f"{first} {surname}"  # not "Дамир Серикович" for "Дамир Ахметжанов"
        # the title written right before the name, in the same line and sentence ("аким области
        # Серик Шапкенов"); not one of another person further back ("Мемлекет басшысы ... әкімі Х")
        near = [
            t
            for t in cues.titles.find(low, max(0, m.start() - 60), m.start())
            if (not low[t.end : m.start()].strip(" ,") or t.end >= m.start() - 35)
            and not _BREAK.search(text, t.end, m.start())
        ]
        for t in near[-1:]:
            person.titles.add(t.label)
            people.by_title.setdefault(t.label, person)
        after = _TITLE_AFTER.match(text, m.end())
        if after is not None:
            title = cues.titles.match(low, after.end())
            if title is not None:
                person.titles.add(title.label)
                people.by_title.setdefault(title.label, person)
    for m in _INITIAL.finditer(text):  # "деді Е.Қарашөкеев": a person named only by initial
        form = nominative(m.group(2))
        if form is not None and form[0].lower() not in people.by_surname:
            people.by_surname[form[0].lower()] = Person(f"{m.group(1)}. {form[0]}", form[0])
    return people


def _after_oblique_title(cues: _Cues, low: str, pos: int) -> bool:
    """Whether a title in another case than the nominative ends just before ``pos`` ("акима области
    "), so that the name after it is in that case too."""
    near = [t for t in cues.titles.find(low, max(0, pos - 60), pos) if not _BREAK.search(low, t.end, pos)]
    if not near or pos - near[-1].end >= 40:
        return False
    return _oblique(cues.titles, low[near[-1].start : near[-1].end])


def _titled(cues: _Cues, low: str, pos: int) -> bool:
    """Whether a title ends right before ``pos`` ("әкімі ", "аким области ")."""
    return any(not low[t.end : pos].strip(" ,") for t in cues.titles.find(low, max(0, pos - 60), pos))


_INITIAL = re.compile(rf"(?<![\w-])([{_UP}])\.[ \u00a0]?({_TOKEN})(?![\w-])")


@dataclass(frozen=True, slots=True)
class Said:
    speaker: str
    start: int  # where the attribution cue is
    carries: bool  # a reporting verb ("отметил") goes on to what follows; "по данным" does not
    backwards: bool = False  # "Об этом сообщил X": X also said the sentences before


def introduced_speaker(text: str, start: int, end: int, people: People) -> str | None:
    """A line that names who speaks next: "Берик Абдыгалиулы, аким Улытауской области:"."""
    line = text[start:end].strip()
    if not line.endswith(":") or len(line) > 160:
        return None
    m = _FULL.search(line)
    if m is None:
        return None
    p = people.find(m.group(m.lastindex or 1))
    return p.name if p is not None else None


_DASH_LINE = re.compile(r"\s*[-–—]\s")


def interview_answers(text: str, people: People) -> dict[int, str]:
    """The answer lines of an interview (line number -> interviewee): a question line opens with a
    dash and ends with "?", often addressing the interviewee by name ("– Ғалым Серікұлы, ...?");
    the dash lines after it that are no questions are that person's answers."""
    out: dict[int, str] = {}
    who: str | None = None
    for n, line in enumerate(text.split("\n")):
        if not _DASH_LINE.match(line):
            continue
        if line.rstrip().endswith("?"):
            named = [people.find(m.group(m.lastindex or 1)) for m in _FULL.finditer(line)]
            who = next((p.name for p in named if p is not None), who)
        elif who is not None:
            out[n] = who
    return out


def received_person(text: str, lang: str, people: People) -> str | None:
    """The person the head of state (or another official) received, named in the first lines:
    "Токаев принял акима Астаны Жениса Касымбека", "Мемлекет басшысы ... Жеңіс Қасымбекті қабылдады"."""
    head = text[:500]
    low = head.lower()
    cues = _cues(lang)
    verb = next(iter(cues.reception.find(low)), None)
    if verb is None:
        return None
    host = people.by_title.get("head_of_state")
    after = [m for m in _FULL.finditer(head, verb.end, min(len(head), verb.end + 90))]
    before = [m for m in _FULL.finditer(head, max(0, verb.start - 90), verb.start)]
    for m in [*after, *reversed(before)] if lang != "kk" else [*reversed(before), *after]:
        p = people.find(m.group(m.lastindex or 1))
        if p is not None and p is not host and "head_of_state" not in p.titles:
            return p.name
    return None


def passive_report(low: str, start: int, end: int, lang: str) -> bool:
    """Whether the sentence reports in the passive ("Президенту была представлена информация")."""
    return next(iter(_cues(lang).passive.find(low, start, end)), None) is not None


def headline_speaker(text: str, lang: str, people: People) -> str | None:
    """ "… өсті — БҚО әкімі": a headline that ends by naming its speaker."""
    head = next((ln for ln in text[:600].split("\n") if len(_LETTERS.findall(ln)) >= 20), "")
    dash = max(head.rfind(" — "), head.rfind(" – "), head.rfind(" - "))
    if dash < 0 or len(head) - dash > 60:
        return None
    tail = head[dash + 3 :]
    m = _FULL.search(tail)
    if m is not None:
        p = people.find(m.group(m.lastindex or 1))
        if p is not None:
            return p.name
    t = next(iter(_cues(lang).titles.find(tail.lower())), None)
    if t is not None:
        p = people.by_title.get(t.label)
        return p.name if p is not None else None
    return None


def quote_speakers(text: str, low: str, lang: str, people: People) -> list[tuple[int, int, str]]:
    """Quotations followed by "— сказал Токаев" / "- деді әкім": (start, end, speaker)."""
    out = []
    for m in _QUOTE.finditer(text):
        tail = _AFTER_QUOTE.match(text, m.end())
        if tail is None:
            continue
        stop = _BREAK.search(text, tail.end(), min(len(text), tail.end() + 90))  # its own sentence only
        end = stop.start() + 1 if stop else min(len(text), tail.end() + 90)
        who = speaker_near(text, low, tail.end(), end, lang, people, None)
        if who is not None:
            out.append((m.start(), m.end(), who.speaker))
    return out


def speaker_near(
    text: str, low: str, start: int, end: int, lang: str, people: People, current: str | None
) -> Said | None:
    """The speaker named by a reporting cue in ``text[start:end]`` (a sentence), or None."""
    cues = _cues(lang)
    hits = list(cues.cues.find(low, start, end))
    if not hits:
        return None
    best: Said | None = None
    best_d = 10**9
    for h in hits:
        # a quotation's own attribution ("», — сказал Токаев") and data sources do not carry on
        closes_quote = _CLOSED_QUOTE.search(text, max(start, h.start - 6), h.start) is not None
        carries = h.label in ("say", "by") and not closes_quote
        # "Об этом сообщил ...", "Эти данные привёл ..." (the two may share a word)
        about = cues.about.find(low, start, h.start + 20)
        back = any(a.start < h.start and h.start - a.end < 160 for a in about)
        for cand, d in _candidates(text, low, h, start, end, lang, people, current):
            if d < best_d:
                best, best_d = Said(cand, h.start, carries, back), d
    if best is not None and isinstance(best.speaker, _RussianOrg):
        # "в региональном управлении экономики" -> "региональное управление экономики"
        name = " ".join(nominative_phrase(best.speaker.split()))
        best = Said(name, best.start, best.carries, best.backwards)
    return best


class _RussianOrg(str):
    """An organisation's name as written, in whatever case the sentence put it."""

    __slots__ = ()


def _candidates(
    text: str, low: str, cue: Hit, start: int, end: int, lang: str, people: People, current: str | None
) -> list[tuple[str, int]]:
    """Possible speakers around a cue: (name, distance). A reporting verb takes a name in the
    nominative ("сказал Токаев"); "по словам" one in the genitive ("по словам Токаева")."""
    cs, ce = cue.start, cue.end
    out: list[tuple[str, int]] = []
    cues = _cues(lang)
    lo, hi = max(start, cs - 120), min(end, ce + 90)
    for m in _FULL.finditer(text, lo, hi):
        last = m.group(m.lastindex or 1)
        if cue.label in ("say", "order") and (nominative(last) or ("", ""))[1]:
            continue  # "доложил президенту Касым-Жомарту Токаеву": the one told, not the teller
        p = people.find(last)
        if p is not None:
            out.append((p.name, _dist(m.start(), m.end(), cs, ce)))
    for m in _SURNAME_ALONE.finditer(text, lo, hi):
        form = nominative(m.group(1))
        if form is None or (cue.label in ("say", "order") and form[1]):
            continue
        p = people.find(m.group(1))
        if p is not None:
            out.append((p.name, _dist(m.start(), m.end(), cs, ce) + 1))
    titles = list(cues.titles.find(low, lo, hi))
    for t in titles:
        if cue.label != "by" and _oblique(cues.titles, low[t.start : t.end]):
            continue  # "доложил Президенту", "Президенттің қабылдауында": not the speaker; but
            # "по словам акима" names the speaker in the genitive
        p = people.by_title.get(t.label)
        if p is None and t.label not in _UNIQUE_OFFICES:
            continue  # "деді өңір басшысы" with no name in the text: unattributed
        name = p.name if p is not None else _title_text(text, t.start, t.end)
        out.append((name, _dist(t.start, t.end, cs, ce) + (2 if p is not None else 30)))
    g = grammar(lang)
    for o in cues.orgs.find(low, lo, hi):
        if g.event_before.search(low, max(0, o.start - 40), o.start) or g.event_after.match(low, o.end):
            continue  # "на сессии маслихата", "мәслихат сессиясында": where it was said
        if any(
            (0 <= t.start - o.end <= 3 or 0 <= o.start - t.end <= 3) and t.label in people.by_title
            for t in titles
        ):
            continue  # "деді басқарма басшысы", "сообщил руководитель управления": the person titled
        stop = cs if o.start < cs else hi  # Kazakh names the source before "мәліметінше"
        if lang == "kk" and not _genitive(low, o.end):
            stop = min(stop, _word_end(low, o.end))  # "экономика басқармасы ... түсіндіреді"
        phrase = _org_phrase(text, _name_start(text, o.start, lang), stop, lang)
        if " " not in phrase:  # "Басқарманың болжамынша": the department named in full before
            phrase = _named_before(text, low, o, lang) or phrase
        out.append((phrase, _dist(o.start, o.end, cs, ce) + 3))
    pron = g.pronoun
    pronouns = list(pron.finditer(low, max(start, cs - 40), min(end, ce + 20)))
    if pronouns:  # "сказал он", "по его словам": the person named last, else the current speaker
        who = _last_person(text, people, pronouns[0].start()) or current
        if who is not None:
            out.extend((who, _dist(m.start(), m.end(), cs, ce) + 4) for m in pronouns)
    return out


_UNIQUE_OFFICES = frozenset({"head_of_state", "prime_minister"})


def _oblique(titles: Vocabulary, phrase: str) -> bool:
    """Whether a title is in a case other than the nominative: another title form plus an ending."""
    _, cases, _ = _names()
    head, _, rest = phrase.partition(" ")
    for c in cases:
        if head.endswith(c) and len(head) > len(c) + 2:
            stem = head[: -len(c)]
            for candidate in (stem, stem + "а"):
                if candidate != head and titles.label((candidate + " " + rest).strip()):
                    return True
    return False


def _dist(a: int, b: int, cs: int, ce: int) -> int:
    return cs - b if b <= cs else (a - ce if a >= ce else 0)


def _title_text(text: str, a: int, b: int) -> str:
    t = text[a:b]
    return t[:1].upper() + t[1:]


def _last_person(text: str, people: People, pos: int) -> str | None:
    """The person named last before ``pos`` (within a few sentences)."""
    found = None
    for m in _FULL.finditer(text, max(0, pos - 400), pos):
        p = people.find(m.group(m.lastindex or 1))
        if p is not None:
            found = p.name
    return found


def _named_before(text: str, low: str, org: Hit, lang: str) -> str | None:
    """The full name of an organisation mentioned by its head word alone, from the last longer
    mention of the same head earlier in the text."""
    stem = low[org.start : _word_end(low, org.start)][:6]
    for o in reversed(list(_cues(lang).orgs.find(low, 0, org.start))):
        if not any(w.startswith(stem) for w in low[o.start : _word_end(low, o.end)].split()):
            continue
        stop = _word_end(low, o.end)
        if lang != "kk":
            m = grammar(lang).phrase_end.search(text, o.end, min(len(text), o.end + 80))
            stop = m.start() if m else stop
        phrase = _org_phrase(text, _name_start(text, o.start, lang), stop, lang)
        if " " in phrase:
            return phrase[:1].upper() + phrase[1:]
    return None


def _word_end(low: str, pos: int) -> int:
    while pos < len(low) and (low[pos].isalnum() or low[pos] == "-"):
        pos += 1
    return pos


def _genitive(low: str, pos: int) -> bool:
    """Whether the word ending at or after ``pos`` has a Kazakh genitive ending ("бюросының")."""
    endings: dict[str, str] = lexicons.load_shared("names")["genitive_endings"]
    return low[: _word_end(low, pos)].endswith(tuple(endings))


def _name_start(text: str, pos: int, lang: str) -> int:
    """Back over the capitalised words and modifiers that open an organisation's name
    ("Ұлттық статистика бюросы", "Маңғыстау облыстық кәсіпкерлік басқармасы")."""
    start = pos
    modifiers = _cues(lang).modifiers
    for _ in range(4):
        m = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if m is None:
            break
        word = m.group(1)
        if not word[:1].isupper() and not modifiers.label(word.lower()):
            break
        start = m.start(1)
    return start


def _org_phrase(text: str, a: int, hi: int, lang: str) -> str:
    """The organisation's name from its head word to the end of the phrase, in the nominative where
    a Kazakh case ending shows ("Ұлттық статистика бюросының" -> "... бюросы")."""
    m = grammar(lang).phrase_end.search(text, a, hi)
    words = text[a : m.start() if m else hi].split()[:8]
    words = [w for w in words if not _cues(lang).cues.label(w.lower())] or words[:1]
    if not words:
        return text[a:hi].strip()
    if lang == "ru":  # put in the nominative only if chosen (``speaker_near``): a dictionary look-up
        close = text.find("»", m.start(), m.start() + 40) if m and text[m.start()] == "«" else -1
        if close > 0:  # "палата предпринимателей «Атамекен»": the name in quotes ends the phrase
            words.append(text[m.start() : close + 1])  # type: ignore[union-attr]
        return _RussianOrg(" ".join(words))
    last = words[-1]
    endings: dict[str, str] = lexicons.load_shared("names")["genitive_endings"]
    for ending, back in sorted(endings.items(), key=lambda kv: -len(kv[0])):
        if last.lower().endswith(ending) and len(last) > len(ending) + 3:
            words[-1] = last[: -len(ending)] + back  # "бюросының" -> "бюросы", "банктің" -> "банк"
            break
    return " ".join(words)
