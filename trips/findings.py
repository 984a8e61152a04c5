"""The Finding of the feasibility checks: shared by trips.schedule and trips.standards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Finding:
    """One thing that makes the itinerary hard to live through: a warning, not an error.

    It is shown once, under the item where the problem starts (`at`: the later item of a
    pair), and belongs to the day on which that item starts.
    """

    rule: str  # one of RULES
    items: tuple[int, ...]  # pks of the items concerned, in time order
    message: str  # already translated, plain words naming the items and times
    day: date | None  # the trip-local day it concerns, for grouping
    at: int | None = None  # the item it is shown under; the last of `items` when not given

    def __post_init__(self) -> None:
        if self.at is None and self.items:
            object.__setattr__(self, "at", self.items[-1])

    @property
    def others(self) -> tuple[int, ...]:
        """The other items it names, to link to from the item it is shown under."""
        return tuple(pk for pk in self.items if pk != self.at)
