"""Russian organisation names put back in the nominative (pymorphy3's dictionary)."""

from __future__ import annotations

import pytest

from sandar.extract.morph import nominative_phrase

CASES = [
    ("региональном управлении экономики", "региональное управление экономики"),  # prepositional
    ("пресс-службы акимата Астаны", "пресс-служба акимата Астаны"),  # genitive
    ("Министерства национальной экономики", "Министерство национальной экономики"),
    ("Министерством финансов", "Министерство финансов"),  # instrumental
    ("областном акимате", "областной акимат"),
    ("городском управлении", "городское управление"),
    ("Нацбанке", "Нацбанк"),
    ("управления экономики и бюджетного планирования", "управление экономики и бюджетного планирования"),
    # already nominative, or nothing to inflect: unchanged
    ("пресс-служба акимата", "пресс-служба акимата"),
    ("Бюро национальной статистики", "Бюро национальной статистики"),
    ("акимат", "акимат"),
]


@pytest.mark.parametrize("phrase,expected", CASES)
def test_nominative_phrase(phrase: str, expected: str) -> None:
    assert " ".join(nominative_phrase(phrase.split())) == expected
