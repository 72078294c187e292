"""Pictures as inline SVG, drawn in Python (no chart library, nothing fetched): map, heat map, trends, copy tests.

Every chart is an <svg role="img"> with a <title> and a <desc> that says in words what it shows."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markupsafe import Markup, escape

# Tableau 10 (grey dropped): distinct hues that stay apart for the common colour-vision deficiencies.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#2f4b7c",
)
OTHER = "#8a8f98"
UNASSIGNED = "#c9cdd3"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _n(value: float) -> str:
    """A coordinate with one decimal: enough for the eye, a third of the bytes of repr()."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(kind: str, width: float, height: float, title: str, desc: str, *, scale: bool = True) -> tuple[str, str]:
    ident = _id(kind)
    size = "" if scale else f' width="{_n(width)}" height="{_n(height)}"'
    head = (
        f'<svg class="chart chart-{kind}" viewBox="0 0 {_n(width)} {_n(height)}"{size} role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return ident, head


def job_colours(job_ids: Sequence[int]) -> dict[int, str]:
    """The first ten jobs get a palette colour each; later ones share the 'other' grey."""
    return {job_id: PALETTE[i] if i < len(PALETTE) else OTHER for i, job_id in enumerate(job_ids)}


def scatter_map(data: dict, colours: dict[int, str], *, size: int = 560) -> Markup:
    """Utterances as dots on their 2-D PCA map, coloured by job (unassigned ones light grey, drawn underneath)."""
    points = data["points"]
    pad = 12
    inner = size - 2 * pad
    shown = len(points)
    sampled = f" (a sample of {shown:,} of {data['total']:,})" if data["total"] > shown else ""
    desc = (
        f"{shown:,} customer utterances{sampled} placed so that similar things said sit close together; "
        f"{sum(p['job_id'] is not None for p in points):,} belong to a job and are coloured by it."
    )
    _, head = _open("map", size, size, "Map of what customers said, coloured by job", desc)
    parts = [head, f'<rect x="0" y="0" width="{size}" height="{size}" fill="#fbfcfd" rx="6"/>']
    groups: dict[str, list[dict]] = {}
    for p in points:
        colour = UNASSIGNED if p["job_id"] is None else colours.get(p["job_id"], OTHER)
        groups.setdefault(colour, []).append(p)
    # Unassigned dots first, so the coloured ones are drawn on top; one <g> per colour keeps each dot short.
    for colour in (UNASSIGNED, OTHER, *PALETTE):
        if colour not in groups:
            continue
        radius, opacity = ("2.2", "0.7") if colour == UNASSIGNED else ("3.2", "0.85")
        parts.append(f'<g fill="{colour}" fill-opacity="{opacity}">')
        parts.extend(
            f'<circle cx="{_n(pad + p["x"] * inner)}" cy="{_n(pad + (1 - p["y"]) * inner)}" r="{radius}">'
            f"<title>{escape(_clip(p['text'], 90))}</title></circle>"
            for p in groups[colour]
        )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def region_map(points: Sequence[dict], cores: Sequence[dict], colours: dict[int, str], *, size: int = 560) -> Markup:
    """Core jobs as labelled regions on the 2-D map of what customers said.

    Each core job is an ellipse around the middle of its utterances (its spread on each axis), labelled with its
    title; the utterances themselves are faint dots underneath, so the picture reads as a map of places, not a blob.
    """
    pad = 14
    inner = size - 2 * pad
    titles = {c["id"]: c["title"] for c in cores}
    by_core: dict[int, list[dict]] = {}
    for p in points:
        if p["job_id"] in titles:
            by_core.setdefault(p["job_id"], []).append(p)
    desc = (
        f"{len(points):,} customer utterances placed so that similar things said sit close together; "
        f"{len(by_core)} core jobs drawn as labelled regions around their utterances."
    )
    _, head = _open("map", size, size, "Map of core jobs", desc)
    parts = [head, f'<rect x="0" y="0" width="{size}" height="{size}" fill="#fbfcfd" rx="6"/>']
    parts.append(f'<g fill="{UNASSIGNED}" fill-opacity="0.5">')
    parts.extend(
        f'<circle cx="{_n(pad + p["x"] * inner)}" cy="{_n(pad + (1 - p["y"]) * inner)}" r="1.6"/>' for p in points
    )
    parts.append("</g>")
    regions = []
    for core_id, members in sorted(by_core.items(), key=lambda kv: -len(kv[1])):
        xs = [pad + p["x"] * inner for p in members]
        ys = [pad + (1 - p["y"]) * inner for p in members]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        sx = (sum((x - cx) ** 2 for x in xs) / len(xs)) ** 0.5
        sy = (sum((y - cy) ** 2 for y in ys) / len(ys)) ** 0.5
        rx, ry = (min(inner * 0.3, max(10.0, 1.2 * v)) for v in (sx, sy))
        regions.append((core_id, cx, cy, rx, ry, len(members)))
    for core_id, cx, cy, rx, ry, count in regions:
        colour = colours.get(core_id, OTHER)
        note = f"{titles[core_id]}: {count:,} utterances"
        parts.append(
            f'<ellipse cx="{_n(cx)}" cy="{_n(cy)}" rx="{_n(rx)}" ry="{_n(ry)}" fill="{colour}" fill-opacity="0.16" '
            f'stroke="{colour}" stroke-width="2"><title>{escape(note)}</title></ellipse>'
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="4" fill="{colour}"/>'
        )
    # Labels last, nudged apart so no two overlap.
    placed: list[tuple[float, float, float]] = []
    for core_id, cx, cy, _, _, _ in sorted(regions, key=lambda r: r[2]):
        label = _clip(titles[core_id], 30)
        width = 6.6 * len(label)
        x = min(max(cx, pad + width / 2), size - pad - width / 2)
        y = cy - 8
        while any(abs(y - py) < 17 and abs(x - px) < (width + pw) / 2 for px, py, pw in placed):
            y += 17
        y = min(y, size - pad)
        placed.append((x, y, width))
        parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle" font-size="12" font-weight="600" fill="{INK}" '
            f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(label)}'
            f"<title>{escape(titles[core_id])}</title></text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _heat_fill(share: float) -> str:
    """A sequential blue from near-white (0) to deep blue (1)."""
    share = max(0.0, min(1.0, share))
    low, high = (241, 245, 251), (29, 78, 137)
    rgb = (round(lo + (hi - lo) * share) for lo, hi in zip(low, high, strict=True))
    return "#" + "".join(f"{c:02x}" for c in rgb)


def heatmap(matrix: dict, *, by_label: str, max_jobs: int = 25) -> Markup:
    """Jobs (rows) by group (columns): each cell the share of that group's interviews where the job comes up."""
    groups = matrix["groups"]
    jobs = matrix["jobs"][:max_jobs]
    label_w, cell_w, cell_h, head_h = 250, 92, 30, 46
    width, height = label_w + cell_w * len(groups) + 8, head_h + cell_h * len(jobs) + 8
    desc = (
        f"For {len(jobs)} jobs and {len(groups)} values of {by_label}: the share of interviews in each group where "
        "customers voice the job. Darker means more."
    )
    _, head = _open("heatmap", width, height, f"Jobs by {by_label}", desc, scale=False)
    parts = [head]
    for c, group in enumerate(groups):
        x = label_w + c * cell_w + cell_w / 2
        name = escape(_clip(group["value"], 13))
        parts.append(
            f'<text x="{_n(x)}" y="18" text-anchor="middle" font-size="12" font-weight="600" fill="{INK}">{name}'
            f"<title>{escape(group['value'])}</title></text>"
            f'<text x="{_n(x)}" y="34" text-anchor="middle" font-size="11" fill="{MUTED}">'
            f"{group['interviews']} int.</text>"
        )
    for r, job in enumerate(jobs):
        y = head_h + r * cell_h
        parts.append(
            f'<text x="{label_w - 10}" y="{_n(y + cell_h / 2 + 4)}" text-anchor="end" font-size="12" fill="{INK}">'
            f"{escape(_clip(job['title'], 34))}<title>{escape(job['title'])}</title></text>"
        )
        cells = {cell["group"]: cell for cell in job["cells"]}
        for c, group in enumerate(groups):
            cell = cells.get(group["value"], {"interviews": 0, "share": 0.0})
            share = float(cell.get("share") or 0.0)
            x = label_w + c * cell_w
            ink = "#ffffff" if share >= 0.5 else INK
            note = f"{job['title']} in {group['value']}: {cell['interviews']} of {group['interviews']} interviews"
            parts.append(
                f'<g><title>{escape(note)}</title><rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" rx="3" fill="{_heat_fill(share)}"/>'
                f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + cell_h / 2 + 4)}" text-anchor="middle" font-size="12" '
                f'fill="{ink}">{round(share * 100)}%</text></g>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_lines(matrix: dict, colours: dict[int, str], job_ids: Sequence[int]) -> Markup:
    """One line per job (those of job_ids, in that order): the share of each quarter's interviews voicing it."""
    quarters = [g["value"] for g in matrix["groups"]]
    rows = {j["id"]: j for j in matrix["jobs"]}
    jobs = [rows[i] for i in job_ids if i in rows]
    width, height = 640, 300
    left, right, top, bottom = 48, 36, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((float(c.get("share") or 0) for j in jobs for c in j["cells"]), default=0.0)
    ceiling = min(1.0, max(0.2, (int(peak * 10) + 1) / 10))
    desc = f"Share of interviews per quarter voicing each of the top {len(jobs)} jobs, over {len(quarters)} quarters."
    _, head = _open("trends", width, height, "Jobs by quarter", desc)
    parts = [head]
    for step in range(5):
        value = ceiling * step / 4
        y = top + plot_h * (1 - value / ceiling)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" font-size="11" fill="{MUTED}">'
            f"{round(value * 100)}%</text>"
        )

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if len(quarters) == 1 else plot_w * i / (len(quarters) - 1))

    for i, quarter in enumerate(quarters):
        parts.append(
            f'<text x="{_n(x_of(i))}" y="{height - bottom + 18}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{escape(quarter)}</text>'
        )
    for job in jobs:
        colour = colours.get(job["id"], OTHER)
        cells = {c["group"]: c for c in job["cells"]}
        coords = [
            (x_of(i), top + plot_h * (1 - float(cells.get(q, {}).get("share") or 0) / ceiling), cells.get(q))
            for i, q in enumerate(quarters)
        ]
        if len(coords) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for (x, y, cell), quarter in zip(coords, quarters, strict=True):
            count = (cell or {}).get("interviews", 0)
            note = f"{job['title']}, {quarter}: {count} interviews"
            parts.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}"><title>{escape(note)}</title></circle>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def rate_chart(variants: Sequence[dict], *, metric: str = "conversion", winner_id: int | None = None) -> Markup:
    """Per variant: the observed rate with its 95% interval, and beside it (below on a phone) the probability it is
    best; two pictures that each fit a phone rather than one that scrolled sideways there."""
    row_h, top, label_w = 34, 30, 150
    left_w, right_w = 200, 150
    axis_y = top + row_h * len(variants) + 4
    height = axis_y + 22
    ceiling = max([float(v.get("ci_high") or v.get("rate") or 0) for v in variants] + [0.01])
    ceiling = min(1.0, ceiling * 1.1)
    desc = "; ".join(
        f"{_clip(v['text'], 40)}: {metric} rate {100 * float(v.get('rate') or 0):.1f}% "
        f"(95% interval {100 * float(v.get('ci_low') or 0):.1f}–{100 * float(v.get('ci_high') or 0):.1f}%), "
        f"probability best {100 * float(v.get('prob_best') or 0):.0f}%"
        for v in variants
    )
    rate_w, best_w = label_w + left_w + 24, label_w + right_w + 8
    _, rate_head = _open("rates", rate_w, height, f"Copy test results: {metric} rate, 95% interval", desc)
    _, best_head = _open("best", best_w, top + row_h * len(variants) + 4, "Probability to be best", desc)
    x0, x1 = label_w, label_w + left_w
    rates = [
        rate_head,
        f'<text x="{x0}" y="14" font-size="12" font-weight="600" fill="{INK}">{metric.capitalize()} rate, '
        "95% interval</text>",
        f'<line x1="{x0}" x2="{x1}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>',
    ]
    best = [
        best_head,
        f'<text x="{label_w}" y="14" font-size="12" font-weight="600" fill="{INK}">Probability to be best</text>',
    ]
    for step in range(5):
        value = ceiling * step / 4
        x = x0 + left_w * step / 4
        rates.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{axis_y}" y2="{axis_y + 4}" stroke="{MUTED}"/>'
            f'<text x="{_n(x)}" y="{axis_y + 16}" text-anchor="middle" font-size="11" fill="{MUTED}">'
            f"{100 * value:.1f}%</text>"
        )
    for i, v in enumerate(variants):
        y = top + i * row_h + row_h / 2
        colour = PALETTE[i % len(PALETTE)]
        won = winner_id is not None and v["id"] == winner_id
        weight = ' font-weight="700"' if won else ""
        label = (
            f'<text x="{label_w - 10}" y="{_n(y + 4)}" text-anchor="end" font-size="12" fill="{INK}"{weight}>'
            f"{escape(_clip(v['text'], 20) + (' ★' if won else ''))}<title>{escape(v['text'])}</title></text>"
        )
        rate, low, high = (float(v.get(k) or 0) for k in ("rate", "ci_low", "ci_high"))
        prob = float(v.get("prob_best") or 0)

        def sx(value: float) -> float:
            return x0 + left_w * value / ceiling

        rates.append(
            label + f'<line x1="{x0}" x2="{x1}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}"/>'
            f'<line x1="{_n(sx(low))}" x2="{_n(sx(high))}" y1="{_n(y)}" y2="{_n(y)}" stroke="{colour}" '
            'stroke-width="3" stroke-linecap="round"/>'
            f'<circle cx="{_n(sx(rate))}" cy="{_n(y)}" r="5.5" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
        )
        best.append(
            label + f'<rect x="{label_w}" y="{_n(y - 8)}" width="{right_w - 44}" height="16" rx="3" fill="{GRID}"/>'
            f'<rect x="{label_w}" y="{_n(y - 8)}" width="{_n((right_w - 44) * prob)}" height="16" rx="3" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + right_w - 38}" y="{_n(y + 4)}" font-size="12" fill="{INK}">'
            f"{round(prob * 100)}%</text>"
        )
    rates.append("</svg>")
    best.append("</svg>")
    return Markup(f'<div class="rate-charts">{"".join(rates)}{"".join(best)}</div>')
