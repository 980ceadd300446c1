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

import importlib.metadata
import importlib.resources
import json
import os
import re
import tempfile
import unicodedata
from functools import lru_cache

from .minilm_int8 import cache_dir

__all__ = ["place_names", "is_a_known_place", "place_key"]

#: What English news writes for places that the lists name otherwise.
_CUSTOMARY = frozenset({
    "us", "usa", "uk", "britain", "great britain", "england", "scotland", "wales", "northern ireland", "dc",
    "washington dc", "america", "south korea", "north korea", "russia", "iran", "syria", "vietnam", "laos",
    "bolivia", "venezuela", "tanzania", "moldova", "bosnia", "macedonia", "czech republic", "ivory coast",
    "east timor", "vatican", "palestine", "west bank", "gaza", "gaza strip", "tibet", "hong kong", "macau",
})
#: An alternate name kept from the towns' list: written as an English name is ("Cologne" for
#: Köln), not an airport code or a transliteration in lower case (its key is its lower case).
_ENGLISH_FORM = re.compile(r"(?:(?<=^)|(?<=,))[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*(?=,|$)")
#: The romanised form word of a Chinese region's name in ISO 3166-2.
_REGION_FORM = re.compile(r" (?:sheng|shi|sar|(?:[a-z]+ )?zizhiqu)$")
#: What the name of an administrative place ends with ("Erie County", "Hainan Province") or opens
#: with before "of" ("City of Riverton", "State of Israel").
_ADMINISTRATIVE = "county|province|village|district|prefecture|state|oblast|region|city|town|township|parish|borough|municipality"
_ADMINISTRATIVE_PLACE = re.compile(rf"\b(?:{_ADMINISTRATIVE})$|^(?:{_ADMINISTRATIVE}|republic|kingdom|commonwealth) of \w")


_NOT_IN_A_KEY = re.compile(r"[^a-z0-9 ]")


def place_key(name: str) -> str:
    """A name as the lists are keyed: ASCII, lower case, no dots, hyphens as spaces, no "the"."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = " ".join(_NOT_IN_A_KEY.sub("", name.lower().replace("-", " ").replace(".", "")).split())
    return key[4:] if key.startswith("the ") else key


#: Bump when the keys change: the cached file's name carries it.
KEYS_VERSION = 1


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every country, ISO region and town of 15,000 people or more, keyed (``place_key``), with
    their English alternate names (about 73,000 keys), loaded once a process: from the user's
    cache (``text.minilm_int8.cache_dir``), where a first process writes them (0.17 s to build
    from the lists, 0.02 s to read back; a cold brief takes about 1.2 s)."""
    path = cache_dir() / f"places-v{KEYS_VERSION}-{_version('geotext')}-{_version('pycountry')}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    names = _built_place_names()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write("\n".join(sorted(names)))
        os.replace(out.name, path)  # several processes may write at once: the last rename wins, whole
    except OSError:
        pass  # a read-only cache: built again by the next process
    return names


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "0"


def _built_place_names() -> frozenset[str]:
    names: set[str] = set(_CUSTOMARY)
    towns = importlib.resources.files("geotext") / "data" / "cities15000.txt"
    with towns.open(encoding="utf-8") as rows:
        for row in rows:
            columns = row.split("\t", 4)
            if len(columns) < 4:
                continue
            names.add(place_key(columns[2]))  # the ASCII name; the name as written where it differs
            if columns[1] != columns[2]:
                names.add(place_key(columns[1]))
            names.update(a.lower().replace("-", " ") for a in _ENGLISH_FORM.findall(columns[3]))
    databases = importlib.resources.files("pycountry") / "databases"
    for country in json.loads((databases / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]:
        names.update(place_key(country[k]) for k in ("name", "common_name", "official_name") if k in country)
    for region in json.loads((databases / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]:
        names.add(_REGION_FORM.sub("", place_key(region["name"])))  # "Hebei Sheng" is Hebei in English
    names.discard("")
    return frozenset(names)


def is_a_known_place(name: str) -> bool:
    """Whether ``name`` is a country, a region or a town of the lists, or is named as an
    administrative place is ("Lixian County", "Helmand Province", "City of Riverton")."""
    key = place_key(name)
    return key in place_names() or bool(_ADMINISTRATIVE_PLACE.search(key))
