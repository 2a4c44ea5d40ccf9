"""Canonical URLs: the form two links to the same article share."""

from __future__ import annotations

import polars as pl

# Query parameters that track a click rather than name a page.
TRACKING_PARAMS = (
    r"(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|ref_url|cmpid|ocid"
    r"|_ga|_gl|yclid|smid|smtyp|mkt_tok|at_medium|at_campaign|at_custom\d|cmp|src|share|sr_share|__twitter_impression)"
)

# scheme :// host [:port] rest; the host part excludes credentials-free path, query and fragment.
_PARTS = r"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>[^/?#:]*)(?::(?<port>\d*))?(?<path>[^?#]*)(?<query>\?[^#]*)?"


def canonical_url(col: str = "url") -> pl.Expr:
    """`col` canonicalised, as `canonical_url`: scheme and host lower-cased, no `www.`, no default port
    (80 for http, 443 for https), no fragment, no tracking parameters (utm_*, fbclid, ...), no empty
    query, no trailing slash on the path. The path keeps its case (servers distinguish it).
    A value that is not an absolute URL is returned stripped, without its fragment. Null in, null out.
    """
    raw = pl.col(col).str.strip_chars()
    parts = raw.str.extract_groups(_PARTS)
    scheme = parts.struct.field("scheme").str.to_lowercase()
    host = parts.struct.field("host").str.to_lowercase().str.replace(r"^www\d?\.", "").str.strip_suffix(".")
    port = parts.struct.field("port")
    default_port = (port == "") | ((scheme == "http") & (port == "80")) | ((scheme == "https") & (port == "443"))
    port_part = pl.when(port.is_null() | default_port).then(pl.lit("")).otherwise(pl.lit(":") + port)
    path = parts.struct.field("path").str.replace(r"/+$", "")
    kept = (
        parts.struct.field("query")
        .fill_null("")
        .str.strip_prefix("?")
        .str.split("&")
        .list.eval(
            pl.element().filter((pl.element() != "") & ~pl.element().str.contains(f"^(?i){TRACKING_PARAMS}(?:=|$)"))
        )
        .list.join("&")
    )
    query = pl.when(kept == "").then(pl.lit("")).otherwise(pl.lit("?") + kept)
    rebuilt = pl.concat_str([scheme, pl.lit("://"), host, port_part, path, query])
    return (
        pl.when(parts.struct.field("scheme").is_not_null())
        .then(rebuilt)
        .otherwise(raw.str.replace(r"#.*$", ""))
        .alias("canonical_url")
    )
