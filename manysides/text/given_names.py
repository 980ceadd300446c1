"""Given names: what a person's name opens with, and a product's or a group's does not.

The small tagger calls many capitalised things of two words persons: readers of the real
stories' lists found "Boko Haram", "Google Glass", "Kill Bill", "App Store" and "Zero Shutter
Lag" listed as people. A person's full name opens with a given name; the lists are Faker's
(``faker``, pinned: the given names of its person providers, Latin-script locales), with the
family names that Chinese and Korean names open with in English news, which are ours.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

__all__ = ["given_names", "opens_with_a_given_name"]

#: Family names written first ("Zhang Yuanxun", "Moon Jae-in", "Kim Jong Un"): the common ones
#: of Chinese and Korean names as English news romanises them.
FAMILY_NAMES_WRITTEN_FIRST = frozenset(
    "Zhang Wang Li Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin Guo Luo Liang Song Zheng Xie Tang Feng "
    "Dong Xiao Cao Deng Peng Jiang Cai Xi Yu Han Ma Wei Jin Lu Pan Du Ding Shi Yao Fang Bai Qin Kong Xue Ye Yan "
    "Kim Lee Park Choi Jung Jeong Cho Kang Yoon Jang Lim Shin Kwon Hwang Ahn Yoo Hong Jeon Moon Ri Ryu Ban Roh".split()
)
#: The parts of Arabic names that no other name has ("Abdel Fattah al-Sisi", "Alaa Abdel-Fattah").
_ARABIC_OPENINGS = frozenset("Abd Abdel Abdul Abdal Abu al el bin ibn".split())
#: What ends only a person's name ("Rego Barros Jr").
_SUFFIXES = frozenset("Jr Sr II III IV".split())
#: A prefix before a given name's capital ("DeAndre", "LeBron", "JaVale").
_PREFIXED = re.compile(r"^(?:D[ae]|L[ae]|J[ae])(?=[A-Z])")
_LATIN_NAME = re.compile(r"[A-Za-zÀ-ÿ'’-]+")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every Latin-script given name of Faker's person providers (about 20,000), loaded once."""
    import faker.providers.person as providers

    names: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            listed = vars(provider).get(attribute)  # a class attribute: a tuple, or a dict of weights
            if isinstance(listed, (tuple, list, dict, set, frozenset)):
                names.update(n for n in listed if isinstance(n, str) and _LATIN_NAME.fullmatch(n))
    return frozenset(names)


def opens_with_a_given_name(name: str) -> bool:
    """Whether ``name`` (two words or more) is written as a person's is: it opens with a given
    name ("DAVID GREENE", "Frank-Walter Steinmeier", "DeAndre Hopkins"), initials ("A.J. Hinch")
    or a family name written first ("Zhang Yuanxun"), it has a part of an Arabic name
    ("Alaa Abdel-Fattah"), or it ends with "Jr"."""
    words = name.split()
    if re.fullmatch(r"(?:[A-Z]\.){1,3}", words[0]) or words[-1].rstrip(".") in _SUFFIXES:
        return True
    if any(part in _ARABIC_OPENINGS for w in words for part in re.split(r"[-’']", w)):
        return True
    first = words[0].split("-")[0]
    first = first[:1] + first[1:].lower() if first.isupper() else first  # a transcript's capitals
    return first in given_names() or first in FAMILY_NAMES_WRITTEN_FIRST or _PREFIXED.sub("", first) in given_names()
