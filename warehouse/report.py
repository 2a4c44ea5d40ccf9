"""`newsdesk report`: one self-contained HTML page of charts over the analysts' views.

The charts are inline SVG drawn here, the styles inline CSS: the page needs no network, no
JavaScript and no files beside it, so it can be mailed or opened from a share as it is.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import duckdb

from .db import connection, read_wait

TEMPLATE = Path(__file__).with_name("report_template.html")
PALETTE = ("#2f6db5", "#d9822b", "#3a9e5c", "#c23b4b", "#7d5ba6", "#4a9fb0", "#8c6d31", "#d16ba5")
TOP_SPEAKERS = 12
TOP_ENTITIES = 6
TOP_OUTLETS = 12
LATEST_QUOTES = 25


def report_data(con: duckdb.DuckDBPyConnection) -> dict:
    """What the page shows, read from the views: plain lists of tuples, ready to draw.

    Keys: `totals` (articles, quotes, entities, first and last publication day), `speakers`
    (name, quotes), `outlets` (outlet, quotes), `entity_series` (name, label, bucket start, mentions)
    for the most mentioned entities, `bucket` (day, week or month), `latest` (published_at,
    speaker_name, cue, quote, title, url: statements by named people first), `gender` (gender,
    distinct persons quoted), `women_share` (outlet, label, month, percent of women among the
    people of known gender quoted) for the outlets with the most quotes.
    """

    def q(sql: str, *params: object) -> list[tuple]:
        return con.execute(sql, list(params)).fetchall()

    totals = q(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM entities), "
        "(SELECT min(day) FROM entity_daily), (SELECT max(day) FROM entity_daily)"
    )[0]
    first, last = totals[3], totals[4]
    span = (last - first).days if first and last else 0
    bucket = "day" if span <= 62 else "week" if span <= 731 else "month"
    return {
        "totals": dict(zip(("articles", "quotes", "entities", "first_day", "last_day"), totals, strict=True)),
        "speakers": q("SELECT speaker_name, quotes FROM top_speakers LIMIT ?", TOP_SPEAKERS),
        "outlets": q(
            "SELECT outlet, count(*) AS n FROM quote_attributions GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?",
            TOP_OUTLETS,
        ),
        "bucket": bucket,
        "entity_series": q(
            f"""
            WITH top AS (
                SELECT entity_id, sum(mentions) AS total FROM entity_daily
                GROUP BY entity_id ORDER BY total DESC, entity_id LIMIT ?
            )
            SELECT d.name, d.label, CAST(date_trunc('{bucket}', d.day) AS DATE) AS bucket, sum(d.mentions) AS mentions
            FROM entity_daily AS d JOIN top USING (entity_id)
            GROUP BY d.entity_id, d.name, d.label, bucket, top.total
            ORDER BY top.total DESC, d.entity_id, bucket
            """,
            TOP_ENTITIES,
        ),
        # statements by named people first: a few scare-quoted words ("yeet") or an unnamed
        # speaker's words come after them, however recent
        "latest": q(
            "SELECT published_at, speaker_name, cue, quote, title, url FROM quote_attributions "
            "ORDER BY CASE WHEN speaker_label = 'PERSON' AND kind <> 'partial' AND part_of_quote_id IS NULL "
            "THEN 0 WHEN speaker_label = 'PERSON' THEN 1 WHEN speaker_name IS NOT NULL THEN 2 ELSE 3 END, "
            "published_at DESC NULLS LAST, article_id, start_char LIMIT ?",
            LATEST_QUOTES,
        ),
        # distinct persons quoted, by the gender the text gives them
        "gender": q(
            "SELECT coalesce(speaker_gender, 'unknown') AS gender, count(DISTINCT speaker_entity_id) AS people "
            "FROM quote_attributions WHERE part_of_quote_id IS NULL AND speaker_label = 'PERSON' "
            "GROUP BY ALL ORDER BY people DESC, gender"
        ),
        "women_share": q(
            """
            WITH top AS (
                SELECT outlet, sum(quotes) AS n FROM source_gender GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?
            )
            SELECT s.outlet, 'women %', s.month, CAST(round(100 * any_value(s.share_women)) AS INTEGER)
            FROM source_gender AS s JOIN top USING (outlet)
            WHERE s.month IS NOT NULL AND s.share_women IS NOT NULL
            GROUP BY s.outlet, s.month, top.n ORDER BY top.n DESC, s.outlet, s.month
            """,
            TOP_ENTITIES,
        ),
    }


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(rows: list[tuple[str, int]], chart_id: str, label: str) -> str:
    """Horizontal bars, one per (name, value), largest first, as an SVG element."""
    if not rows:
        return f'<p class="empty" id="{chart_id}">No {label} yet.</p>'
    width, name_w, bar_h, gap = 640, 190, 22, 8
    top = max(v for _, v in rows) or 1
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        (
            f'<svg id="{chart_id}" class="chart bar" role="img" aria-label="{_e(label)}" viewBox="0 0 {width} '
            f'{height}" width="{width}" height="{height}">'
        )
    ]
    for i, (name, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round((width - name_w - 60) * value / top))
        parts.append(
            f'<g class="bar-row"><title>{_e(name)}: {value:,}</title>'
            f'<text class="name" x="{name_w - 8}" y="{y + bar_h * 0.7:.1f}" '
            f'text-anchor="end">{_e(_short(str(name), 28))}</text>'
            f'<rect x="{name_w}" y="{y}" width="{w}" height="{bar_h}" fill="{PALETTE[0]}" rx="2"/>'
            f'<text class="value" x="{name_w + w + 6}" y="{y + bar_h * 0.7:.1f}">{value:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(points: list[tuple[str, str, date, int]], chart_id: str, label: str) -> str:
    """One line per entity over the buckets, from (name, label, bucket, value) rows, with a legend."""
    if not points:
        return f'<p class="empty" id="{chart_id}">No {label} yet.</p>'
    buckets = sorted({p[2] for p in points})
    names = list(dict.fromkeys((p[0], p[1]) for p in points))
    series = {key: {b: 0 for b in buckets} for key in names}
    for name, lab, b, v in points:
        series[(name, lab)][b] = v
    width, height, left, right, top_pad, bottom = 640, 260, 44, 44, 12, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max(v for _, _, _, v in points) or 1

    def x(i: int) -> float:
        return left + (plot_w * i / (len(buckets) - 1) if len(buckets) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top_pad + plot_h - plot_h * v / top

    parts = [
        (
            f'<svg id="{chart_id}" class="chart line" role="img" aria-label="{_e(label)}" viewBox="0 0 {width} '
            f'{height}" width="{width}" height="{height}">'
        )
    ]
    for frac in (0, 0.5, 1):
        level = top * frac
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y(level) + 4:.1f}" text-anchor="end">{level:,.0f}</text>'
        )
    step = max(1, len(buckets) // 6)
    for i, b in enumerate(buckets):
        if i % step == 0 or i == len(buckets) - 1:
            parts.append(
                f'<text class="axis" x="{x(i):.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle">{b.isoformat()}</text>'
            )
    for k, (key, values) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        coords = " ".join(f"{x(i):.1f},{y(values[b]):.1f}" for i, b in enumerate(buckets))
        parts.append(
            f'<g class="series" data-entity="{_e(key[0])}"><title>{_e(key[0])} ({_e(key[1])})</title>'
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
        parts += [
            (
                f'<circle cx="{x(i):.1f}" cy="{y(values[b]):.1f}" r="3.5" fill="{colour}"><title>{_e(key[0])}, '
                f"{b}: {values[b]:,}</title></circle>"
            )
            for i, b in enumerate(buckets)
        ]
        parts.append("</g>")
    parts.append("</svg>")
    legend = "".join(
        (
            f'<li><span class="swatch" style="background:{PALETTE[k % len(PALETTE)]}"></span>{_e(name)} '
            f"<small>{_e(lab)}</small></li>"
        )
        for k, (name, lab) in enumerate(series)
    )
    return "".join(parts) + f'<ul class="legend">{legend}</ul>'


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL: the only kind the report makes a link (a `javascript:` or
    `data:` URL from a feed would run in the reader's browser)."""
    if not url:
        return False
    parts = urlsplit(url.strip())  # as browsers do: outer whitespace, tabs and newlines don't count
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def quotes_table(rows: list[tuple]) -> str:
    """The latest quotes as an HTML table: date, speaker, quote, article link."""
    if not rows:
        return '<p class="empty" id="latest-quotes">No quotes yet.</p>'
    body = []
    for published_at, speaker, cue, quote, title, url in rows:
        when = published_at.strftime("%Y-%m-%d %H:%M") if published_at else "—"
        article = f'<a href="{_e(url)}">{_e(title or url)}</a>' if is_web_url(url) else _e(title or url)
        who = _e(speaker) if speaker else '<span class="unknown">unknown</span>'
        body.append(
            f'<tr><td class="when">{when}</td><td class="who">{who}</td><td>“{_e(_short(quote, 240))}” '
            f'<span class="cue">{_e(cue)}</span></td><td>{article}</td></tr>'
        )
    return (
        '<table id="latest-quotes"><thead><tr><th>Published '
        "(UTC)</th><th>Speaker</th><th>Quote</th><th>Article</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render_report(data: dict, db_name: str, generated_at: datetime | None = None) -> str:
    """The whole page from `report_data`'s dict."""
    t = data["totals"]
    generated_at = generated_at or datetime.now(UTC)
    span = f"{t['first_day']} to {t['last_day']}" if t["first_day"] else "no dated mentions"
    return Template(TEMPLATE.read_text()).substitute(
        title=_e(f"newsdesk report: {db_name}"),
        db_name=_e(db_name),
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        articles=f"{t['articles']:,}",
        quotes=f"{t['quotes']:,}",
        entities=f"{t['entities']:,}",
        span=_e(span),
        speakers_chart=bar_chart(data["speakers"], "chart-speakers", "quoted people"),
        entities_chart=line_chart(data["entity_series"], "chart-entities", "entity mentions"),
        bucket=data["bucket"],
        outlets_chart=bar_chart(data["outlets"], "chart-outlets", "quotes per source"),
        latest_table=quotes_table(data["latest"]),
        gender_chart=bar_chart(data.get("gender", []), "chart-gender", "quoted people by gender"),
        women_chart=line_chart(data.get("women_share", []), "chart-women", "share of women among quoted people"),
        n_latest=len(data["latest"]),
    )


def write_report(db: str | Path, out: str | Path = "report.html") -> Path:
    """Read the database (read-only) and write the report page to `out`. Returns `out`."""
    out = Path(out)
    with connection(db, read_only=True, wait_seconds=read_wait()) as con:
        data = report_data(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data, Path(db).name), encoding="utf-8")
    return out
