"""Place names: what a country, a region or a town is called, and a product, a team or a song
is not.

The small tagger calls many capitalised words it does not know places: readers of the real
stories' lists found "Grammys", "Ferrari", "F1", "HoloLens", "Weibo", "Zenit", "Penelec" and a
song, "Filthy", listed as places. A place of the news is most often a country, a region of one,
or a town of 15,000 people or more. The names are GeoNames' (CC BY 4.0) as two pinned packages
carry them: ``geotext`` (towns of 15,000 and more, with their English names) and ``pycountry``
(ISO 3166 countries and their regions).
"""

from __future__ import annotations

import importlib.resources
import json
import re
import unicodedata
from functools import lru_cache

__all__ = ["place_names", "is_a_known_place", "place_key"]

#: What English news writes for places that the lists name otherwise.
_CUSTOMARY = frozenset({
    "us", "usa", "uk", "britain", "great britain", "england", "scotland", "wales", "northern ireland", "dc",
    "washington dc", "america", "south korea", "north korea", "russia", "iran", "syria", "vietnam", "laos",
    "bolivia", "venezuela", "tanzania", "moldova", "bosnia", "macedonia", "czech republic", "ivory coast",
    "east timor", "vatican", "palestine", "west bank", "gaza", "gaza strip", "tibet", "hong kong", "macau",
})
#: An alternate name kept from the towns' list: written as an English name is ("Cologne" for
#: Köln), not an airport code or a transliteration in lower case.
_ENGLISH_FORM = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
#: The romanised form word of a Chinese region's name in ISO 3166-2.
_REGION_FORM = re.compile(r" (?:sheng|shi|sar|(?:[a-z]+ )?zizhiqu)$")
#: What the name of an administrative place ends with ("Erie County", "Hainan Province").
_ADMINISTRATIVE_HEAD = re.compile(
    r"\b(?:county|province|village|district|prefecture|state|oblast|region|city|town|township|parish|borough|municipality)$"
)


def place_key(name: str) -> str:
    """A name as the lists are keyed: ASCII, lower case, no dots, hyphens as spaces, no "the"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z0-9 ]", "", folded.replace("-", " ").replace(".", ""))
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", folded).strip())


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every country, ISO region and town of 15,000 people or more, keyed (``place_key``), with
    their English alternate names (about 70,000 keys), loaded once a process."""
    names: set[str] = set(_CUSTOMARY)
    towns = importlib.resources.files("geotext") / "data" / "cities15000.txt"
    with towns.open(encoding="utf-8") as rows:
        for row in rows:
            columns = row.split("\t")
            if len(columns) < 4:
                continue
            names.update((place_key(columns[1]), place_key(columns[2])))
            names.update(place_key(a) for a in columns[3].split(",") if _ENGLISH_FORM.fullmatch(a))
    databases = importlib.resources.files("pycountry") / "databases"
    for country in json.loads((databases / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]:
        names.update(place_key(country[k]) for k in ("name", "common_name", "official_name") if k in country)
    for region in json.loads((databases / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]:
        names.add(_REGION_FORM.sub("", place_key(region["name"])))  # "Hebei Sheng" is Hebei in English
    names.discard("")
    return frozenset(names)


def is_a_known_place(name: str) -> bool:
    """Whether ``name`` is a country, a region or a town of the lists, or is named as an
    administrative place is ("Lixian County", "Helmand Province")."""
    key = place_key(name)
    return key in place_names() or bool(_ADMINISTRATIVE_HEAD.search(key))
