"""Small charts drawn on the server as SVG: numbers in, an <svg> element out. No chart service, no script.

Each chart is an image to assistive technology (role="img", named by its <title> and <desc>); the page
shows the same numbers as a table beside it. Colours come from classes (bar, bar-alt, axis) that the
stylesheet sets, so the charts follow the light and dark themes. Built with ElementTree, which escapes
every label: a title typed by an admin cannot become markup.
"""
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
LABEL_WIDTH = 110  # px kept at the left of a bar chart for the labels
VALUE_WIDTH = 48  # px kept at the right for each bar's value
BAR_HEIGHT = 22
BAR_GAP = 8
AXIS_HEIGHT = 26  # px under a column chart for the day labels, at the size of body text
SCALE_HEIGHT = 28  # px above a column chart's tallest column for its scale, clear of the legend above


@dataclass(frozen=True)
class Series:
    """One stacked part of a column chart: its name (for the legend) and its CSS class."""

    name: str
    css_class: str


def _svg(chart_id: str, width: int | str, height: int, title: str, description: str, scales=True) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "width": str(width), "height": str(height),
        "role": "img", "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "id": chart_id,
    })
    if scales:
        svg.set("viewBox", f"0 0 {width} {height}")
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _text(parent: ET.Element, x: float | str, y: float, text: str, anchor: str = "start") -> None:
    ET.SubElement(parent, "text", {"x": x if isinstance(x, str) else f"{x:g}", "y": f"{y:g}",
                                   "text-anchor": anchor}).text = text


def _markup(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def bar_chart(chart_id: str, rows: Sequence[tuple[str, float]], *, title: str, description: str,
              width: int = 480, show=lambda value: f"{value:g}") -> Markup:
    """Horizontal bars, one per (label, value), longest = the largest value; `show` writes each value."""
    height = max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP)
    svg = _svg(chart_id, width, height, title, description)
    largest = max((value for _, value in rows), default=0) or 1
    room = width - LABEL_WIDTH - VALUE_WIDTH
    for index, (label, value) in enumerate(rows):
        top = index * (BAR_HEIGHT + BAR_GAP)
        middle = top + BAR_HEIGHT / 2 + 4
        _text(svg, 0, middle, label)
        length = room * value / largest
        ET.SubElement(svg, "rect", {"class": "bar", "x": str(LABEL_WIDTH), "y": str(top),
                                    "width": f"{max(length, 1 if value else 0):.1f}", "height": str(BAR_HEIGHT),
                                    "rx": "3"})
        _text(svg, LABEL_WIDTH + length + 6, middle, show(value))
    return _markup(svg)


def column_chart(chart_id: str, columns: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *,
                 title: str, description: str, height: int = 180, label_every: int = 7) -> Markup:
    """Stacked columns, one per (label, values by series), with every `label_every`-th label under the axis
    (the last one's always) and the tallest column's total at the top right as the scale.

    The chart is as wide as its column: across, everything is placed in percent and nothing is scaled, so
    the labels stay the size of the text around them at every width (a viewBox would scale them with the
    chart: too large on a wide screen, too small on a phone). Only the height is fixed, in pixels."""
    svg = _svg(chart_id, "100%", height, title, description, scales=False)
    svg.set("class", "fluid")
    base = height - AXIS_HEIGHT
    plot_height = base - SCALE_HEIGHT
    tallest = max((sum(values) for _, values in columns), default=0)
    step = 100 / max(1, len(columns))
    bar_width = step * 0.7
    ET.SubElement(svg, "line", {"class": "axis", "x1": "0", "x2": "100%", "y1": f"{base}", "y2": f"{base}"})
    _text(svg, "100%", SCALE_HEIGHT - 8, f"{tallest:,} at most", anchor="end")
    for index, (label, values) in enumerate(columns):
        x = index * step + (step - bar_width) / 2
        top = base
        for value, part in zip(values, series):
            if not value:
                continue
            size = plot_height * value / (tallest or 1)
            top -= size
            ET.SubElement(svg, "rect", {"class": part.css_class, "x": f"{x:.2f}%", "y": f"{top:.1f}",
                                        "width": f"{bar_width:.2f}%", "height": f"{size:.1f}"})
        if (len(columns) - 1 - index) % label_every == 0:  # counted back from the last, which is always labelled
            # Labels at the edges lean inwards, so that none is cut off.
            if index == len(columns) - 1:
                _text(svg, f"{x + bar_width:.2f}%", height - 6, label, anchor="end")
            elif index < label_every:  # the first label: centred, it would run off the left on a phone
                _text(svg, f"{x:.2f}%", height - 6, label)
            else:
                _text(svg, f"{x + bar_width / 2:.2f}%", height - 6, label, anchor="middle")
    return _markup(svg)
