"""Small counts hidden so that nobody can be picked out of a small group: the one rule for every figure the
site publishes about people (the open data on /data/, reports.open_data; a forum's attendance on its page,
participation).

1. primary: a count from 1 to THRESHOLD - 1 is hidden (shown as "<5"; 0 is shown);
2. each measure after the first counts some of the people of the one before it (completions of
   enrolments, attendance of registrations), so a group whose earlier measure is hidden has the later one
   hidden too, with the same mark;
3. secondary: where groups add up to a total that is shown, a single hidden count could be recovered by
   subtraction. Wherever exactly one count of a sum is hidden, the next-smallest non-zero count of that sum
   is hidden too (its total when no other count is left), repeated until no sum has exactly one hidden
   count, since hiding one sum's total can leave another sum with one hidden count.
"""

from dataclasses import dataclass

# Counts from 1 to THRESHOLD - 1 are hidden.
THRESHOLD = 5
PRIMARY = "primary"  # the count itself is small: "<5"
SECONDARY = "secondary"  # hidden so that a small count cannot be worked out: "x" (CSV), "—" (page)


@dataclass(frozen=True)
class Figure:
    """One published count: ``count`` is None when hidden; ``small`` ("<5") or ``hidden`` ("—") say why."""

    count: int | None
    suppressed: str = ""

    @property
    def small(self):
        return self.suppressed == PRIMARY

    @property
    def hidden(self):
        return self.suppressed == SECONDARY


def small_counts_suppress(groups, sums, measures):
    """Mark the counts to hide, in place: each group's ``marks`` dict gets {measure: PRIMARY or SECONDARY}.

    ``groups`` are objects with an int attribute per measure and a ``marks`` dict; ``sums`` are pairs of
    (total, the groups adding up to it); ``measures`` are the attributes' names, each counting a part of
    the one before it (rule 2 of the module's docstring).
    """
    for group in groups:
        for measure in measures:
            if 0 < getattr(group, measure) < THRESHOLD:
                group.marks[measure] = PRIMARY
    for index, measure in enumerate(measures):
        if index:
            earlier = measures[index - 1]
            for group in groups:
                if earlier in group.marks:
                    group.marks.setdefault(measure, group.marks[earlier])
        _protect_sums(sums, measure)


def _protect_sums(sums, measure):
    """Until no sum has exactly one hidden count: hide the smallest non-zero shown part of such a sum
    (or its total when every part is zero or hidden)."""
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            if sum(measure in group.marks for group in (total, *parts)) != 1:
                continue
            shown = [group for group in parts if measure not in group.marks and getattr(group, measure) > 0]
            if not shown and measure not in total.marks and getattr(total, measure) > 0:
                shown = [total]
            if shown:
                min(shown, key=lambda group: getattr(group, measure)).marks[measure] = SECONDARY
                changed = True
