"""Bar charts drawn on the server as SVG: no JavaScript, no charting library, nothing from a CDN.

This module only computes geometry from a list of (label, value) pairs; the templates
reports/admin/chart_*.html draw it. Each chart also gives the rows of its data table, built from
the same pairs, so what the bars say and what a screen reader hears cannot differ.

- HorizontalBarChart: one bar per category (a course, a place, a gender), its label above it and its
  number at its end. Lengths are percentages of the width, so the text keeps its size on a phone.
- GroupedBarChart: categories along the x axis (months), one bar per series in each, their numbers
  written above them. Drawn in a fixed viewBox, in a container that scrolls sideways when narrow.

Numbers are written in the active language's format (1.234.567 in Indonesian).
"""

import dataclasses
import math
import textwrap
from functools import cached_property

from django.utils.formats import number_format


def format_number(value, *, percent=False):
    text = number_format(value, decimal_pos=0, force_grouping=True)
    return f"{text} %" if percent else text


@dataclasses.dataclass(frozen=True)
class Datum:
    """A category and its number(s): one value per series, and numbers only the table shows (`extra`)."""

    label: str
    values: tuple
    extra: tuple = ()


class Chart:
    """What every chart has: ids for its title and description, and its data table."""

    template_name = ""

    def __init__(self, *, slug, title, description, label_heading, value_headings, data, percent=False, extra=()):
        self.slug = slug
        self.title = title
        self.description = description
        self.label_heading = label_heading
        self.value_headings = list(value_headings)
        self.extra_headings = list(extra)
        self.data = list(data)
        self.percent = percent

    @property
    def title_id(self):
        return f"{self.slug}-title"

    @property
    def desc_id(self):
        return f"{self.slug}-desc"

    def text(self, value):
        return format_number(value, percent=self.percent)

    @property
    def table_headings(self):
        return [self.label_heading, *self.value_headings, *self.extra_headings]

    @property
    def table_rows(self):
        """(label, [cells]): the charted values as the bars write them, then the extra numbers."""
        return [(datum.label, [*(self.text(value) for value in datum.values), *datum.extra]) for datum in self.data]


@dataclasses.dataclass(frozen=True)
class HorizontalBar:
    label: str
    label_lines: list  # the label wrapped to fit a phone's width; each line's baseline is LINE_HEIGHT apart
    text: str
    label_y: float  # the first line's baseline
    bar_y: float
    bar_width: float  # % of the chart's width
    text_x: float  # %
    text_y: float


class HorizontalBarChart(Chart):
    template_name = "reports/admin/chart_horizontal.html"
    LINE_HEIGHT = 16  # of the 13-pixel labels above each bar
    BAR_HEIGHT = 18
    GAP = 12  # below each bar
    # Labels are wrapped to this many characters (a phone's width), on at most MAX_LINES lines.
    LINE_CHARS = 40
    MAX_LINES = 3
    # The longest bar takes this share of the width; the rest is room for its number.
    BAR_AREA_PERCENT = 78

    def __init__(self, *, value_heading, **kwargs):
        super().__init__(value_headings=[value_heading], **kwargs)

    @property
    def height(self):
        last = self.bars[-1] if self.bars else None
        return round(last.bar_y + self.BAR_HEIGHT + self.GAP) if last else 0

    @cached_property
    def scale_max(self):
        if self.percent:
            return 100
        return max((datum.values[0] for datum in self.data), default=0) or 1

    def _lines(self, label):
        lines = textwrap.wrap(label, self.LINE_CHARS, break_long_words=False) or [""]
        if len(lines) > self.MAX_LINES:
            lines = [
                *lines[: self.MAX_LINES - 1],
                textwrap.shorten(" ".join(lines[self.MAX_LINES - 1 :]), self.LINE_CHARS, placeholder=" …"),
            ]
        return lines

    @cached_property
    def bars(self):
        bars, top = [], 0
        for datum in self.data:
            lines = self._lines(datum.label)
            bar_y = top + self.LINE_HEIGHT * len(lines) + 4
            width = round(self.BAR_AREA_PERCENT * min(datum.values[0], self.scale_max) / self.scale_max, 2)
            bars.append(
                HorizontalBar(
                    label=datum.label,
                    label_lines=lines,
                    text=self.text(datum.values[0]),
                    label_y=top + self.LINE_HEIGHT - 2,
                    bar_y=bar_y,
                    bar_width=width,
                    text_x=round(width + 1, 2),
                    text_y=bar_y + self.BAR_HEIGHT - 4,
                )
            )
            top = bar_y + self.BAR_HEIGHT + self.GAP
        return bars


@dataclasses.dataclass(frozen=True)
class VerticalBar:
    series: int
    text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    rotated: bool  # a number wider than its bar is written upwards


@dataclasses.dataclass(frozen=True)
class BarGroup:
    label: str
    label_lines: list
    label_x: float
    bars: list


@dataclasses.dataclass(frozen=True)
class Tick:
    text: str
    y: float


class GroupedBarChart(Chart):
    template_name = "reports/admin/chart_grouped.html"
    WIDTH = 640
    PLOT_HEIGHT = 200
    PLOT_LEFT = 56  # room for the axis's numbers
    PLOT_RIGHT = 8
    LABEL_ROOM = 40  # below the plot: two lines of category label
    CHAR_WIDTH = 6.5  # of the 11-unit numbers and labels, for fitting them to a bar or a group
    TICKS = 4

    def __init__(self, *, series, **kwargs):
        super().__init__(value_headings=series, **kwargs)
        self.series = list(series)

    @property
    def plot_right(self):
        return self.WIDTH - self.PLOT_RIGHT

    @property
    def group_width(self):
        return (self.plot_right - self.PLOT_LEFT) / max(len(self.data), 1)

    @property
    def bar_width(self):
        return min(18, self.group_width * 0.8 / max(len(self.series), 1))

    def _rotated(self, text):
        """A number wider than its bar is written upwards above it."""
        return len(text) * self.CHAR_WIDTH > self.bar_width + 2

    @cached_property
    def plot_top(self):
        """Room above the plot for the tallest bar's number: its length when written upwards."""
        rotated = [len(text) for text in self._texts() if self._rotated(text)]
        return round(12 + max(rotated, default=1) * self.CHAR_WIDTH)

    @property
    def plot_bottom(self):
        return self.plot_top + self.PLOT_HEIGHT

    @property
    def height(self):
        return self.plot_bottom + self.LABEL_ROOM

    def _texts(self):
        return [self.text(value) for datum in self.data for value in datum.values]

    @cached_property
    def tick_step(self):
        """A round step (1, 2, 2.5 or 5 times a power of ten) giving about TICKS grid lines."""
        top = max((value for datum in self.data for value in datum.values), default=0)
        if top <= self.TICKS:
            return 1
        raw = top / self.TICKS
        power = 10 ** math.floor(math.log10(raw))
        steps = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)  # whole numbers only
        return next(int(step * power) for step in steps if step * power >= raw)

    @cached_property
    def scale_max(self):
        top = max((value for datum in self.data for value in datum.values), default=0)
        return max(self.tick_step * math.ceil(top / self.tick_step), self.tick_step)

    def _y(self, value, plot_bottom):
        return round(plot_bottom - self.PLOT_HEIGHT * value / self.scale_max, 2)

    @cached_property
    def ticks(self):
        count, bottom = round(self.scale_max / self.tick_step), self.plot_bottom
        return [
            Tick(text=format_number(i * self.tick_step), y=self._y(i * self.tick_step, bottom))
            for i in range(count + 1)
        ]

    @cached_property
    def groups(self):
        group_width, bar_width, bottom = self.group_width, self.bar_width, self.plot_bottom
        max_chars = max(int(group_width / self.CHAR_WIDTH), 3)
        groups = []
        for index, datum in enumerate(self.data):
            centre = self.PLOT_LEFT + group_width * (index + 0.5)
            first_x = centre - bar_width * len(datum.values) / 2
            bars = []
            for series, value in enumerate(datum.values):
                x = round(first_x + series * bar_width, 2)
                y = self._y(value, bottom)
                text = self.text(value)
                rotated = self._rotated(text)
                centre_x = x + (bar_width - 2) / 2
                bars.append(
                    VerticalBar(
                        series=series,
                        text=text,
                        x=x,
                        y=y,
                        width=round(bar_width - 2, 2),
                        height=round(bottom - y, 2),
                        # Written upwards, the text's baseline sits half a glyph right of the bar's centre.
                        text_x=round(centre_x + 4 if rotated else centre_x, 2),
                        text_y=round(y - 4, 2),
                        rotated=rotated,
                    )
                )
            groups.append(
                BarGroup(
                    label=datum.label,
                    label_lines=textwrap.wrap(datum.label, max_chars, break_long_words=False) or [""],
                    label_x=round(centre, 2),
                    bars=bars,
                )
            )
        return groups
