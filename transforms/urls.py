"""Canonical URLs: the form two links to the same article share."""

from __future__ import annotations

import polars as pl

# Query parameters that track a click rather than name a page.
TRACKING_PARAMS = r"(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|_ga|yclid|smid|smtyp)"


def canonical_url(col: str = "url") -> pl.Expr:
    """`col` canonicalised: lower-case scheme and host, no `www.`, no default port, no fragment,
    no tracking parameters, no trailing slash on the path. Null in, null out."""
    u = pl.col(col).str.strip_chars()
    return (
        u.str.replace(r"#.*$", "")
        .str.replace(r"^(?i)(https?)://", "${1}://")
        .str.to_lowercase()  # host and scheme are case-insensitive; paths rarely differ by case in news URLs
        .str.replace(r"^(https?://)www\d?\.", "${1}")
        .str.replace(r"^(http://[^/?]+):80(/|\?|$)", "${1}${2}")
        .str.replace(r"^(https://[^/?]+):443(/|\?|$)", "${1}${2}")
        .str.replace_all(r"([?&])" + TRACKING_PARAMS + r"=[^&]*", "${1}")
        .str.replace_all(r"&&+", "&")
        .str.replace(r"\?&", "?")
        .str.replace(r"[?&]$", "")
        .str.replace(r"^(https?://[^/?]+/.*?)/+(\?|$)", "${1}${2}")
        .str.replace(r"^(https?://[^/?]+)/(\?|$)", "${1}${2}")
        .alias("canonical_url")
    )
