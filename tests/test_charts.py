"""forum/charts.py: numbers in, an accessible SVG out, without a request."""
import xml.etree.ElementTree as ET

from forum.charts import Series, bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_bar_chart_is_an_image_named_by_its_title_and_description():
    svg = parse(bar_chart("times", [("under 1 h", 4), ("1–6 h", 2)], title="Decisions", description="Six in all."))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "times-title times-desc"
    assert svg.find(f"{SVG}title").text == "Decisions" and svg.find(f"{SVG}title").get("id") == "times-title"
    assert svg.find(f"{SVG}desc").text == "Six in all."


def test_bars_are_as_long_as_their_values_and_carry_their_labels():
    svg = parse(bar_chart("b", [("a", 4), ("b", 2), ("c", 0)], title="t", description="d", width=480))
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert [text.text for text in svg.iter(f"{SVG}text")] == ["a", "4", "b", "2", "c", "0"]


def test_labels_are_text_not_markup():
    svg = parse(bar_chart("x", [("<script>alert(1)</script>", 1)], title="<b>t</b>", description="d"))
    assert svg.find(f"{SVG}title").text == "<b>t</b>"
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter(f"{SVG}b"))


def test_columns_stack_their_series_and_label_every_seventh_day_back_from_the_last():
    days = [(f"{n} Dec", (n % 3, 1)) for n in range(1, 31)]
    svg = parse(column_chart("d", days, [Series("people", "bar"), Series("automatic", "bar-alt")],
                             title="t", description="d", height=160))
    rects = list(svg.iter(f"{SVG}rect"))
    assert {rect.get("class") for rect in rects} == {"bar", "bar-alt"}
    # 30 days: 20 of them have acts by people (n % 3 ≠ 0), every one has an automatic act.
    assert len(rects) == 20 + 30
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert labels == ["3 at most", "2 Dec", "9 Dec", "16 Dec", "23 Dec", "30 Dec"]


def test_an_empty_chart_draws_no_bars():
    assert not list(parse(column_chart("e", [], [Series("p", "bar")], title="t", description="d")).iter(f"{SVG}rect"))
    assert not list(parse(bar_chart("e", [], title="t", description="d")).iter(f"{SVG}rect"))


def test_a_column_chart_fills_its_column_unscaled_and_draws_every_series_that_has_data():
    """Walk-through finding 13: a viewBox scaled the labels with the chart (too large at 1280 px, tiny at 390)."""
    days = [("1 Dec", (0, 2)), ("2 Dec", (3, 0)), ("3 Dec", (1, 1))]
    svg = parse(column_chart("d", days, [Series("people", "bar"), Series("automatic", "bar-alt")],
                             title="t", description="d"))
    assert svg.get("viewBox") is None and svg.get("width") == "100%" and svg.get("class") == "fluid"
    rects = list(svg.iter(f"{SVG}rect"))
    assert [rect.get("class") for rect in rects] == ["bar-alt", "bar", "bar", "bar-alt"]
    assert all(rect.get("x").endswith("%") and rect.get("width").endswith("%") for rect in rects)
    assert all(float(rect.get("x")[:-1]) + float(rect.get("width")[:-1]) <= 100 for rect in rects)
