"""Records made by their slots' setters: the same as their constructor's."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field, fields
from datetime import date
from typing import Any

import pytest

from newsline.records import Event, Interval, TimeMention
from newsline.slots import maker

DAY = Interval(date(2010, 4, 20), date(2010, 4, 20), "day")
PART = TimeMention(0, 5, "April", "DATE", "2010-04")

# (class, positional arguments, keyword arguments)
RECORDS: list[tuple[type, tuple[Any, ...], dict[str, Any]]] = [
    (Event, ("a1", 0, "It sank.", 0, 8, DAY, "explicit"), {}),
    (Event, ("a1", 3, "It rained.", 40, 50, None, None, None, (), 2), {}),
    (Event, ("b2", 1, "Lead.", 5, 10, DAY, "published", None, ("Lead",), 1), {}),
    (Event, ("b2", 1, "Lead.", 5, 10, DAY, "aligned"), {"matched": ("a1", 4), "similarity": 0.5}),
    (Event, ("c", 2, "", 0, 0, None, None), {"neighbours": (("a1", 1),)}),
    (TimeMention, (0, 6, "Monday", "DATE", "2010-04-19"), {}),
    (TimeMention, (0, 5, "April", "DATE", "2010-04", "START", DAY, (PART,)), {}),
    (TimeMention, (3, 9, "2 days", "DURATION", "P2D"), {"mod": "APPROX"}),
    (Interval, (date(2010, 1, 1), date(2010, 12, 31), "year"), {}),
]


@pytest.mark.parametrize(("cls", "args", "kwargs"), RECORDS)
def test_made_is_the_constructors(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    made, expected = maker(cls)(*args, **kwargs), cls(*args, **kwargs)
    assert type(made) is cls
    assert made == expected and hash(made) == hash(expected)
    for each in fields(cls):
        assert getattr(made, each.name) == getattr(expected, each.name)
    with pytest.raises(FrozenInstanceError):
        made.start = 1


@dataclass(frozen=True, slots=True)
class _Factory:
    items: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        assert self.value >= 0


@dataclass(frozen=True)
class _Unslotted:
    value: int


@dataclass(slots=True)
class _Unfrozen:
    value: int


@dataclass(frozen=True, slots=True)
class _KeywordOnly:
    a: int = 0
    b: int = field(default=2, kw_only=True)
    c: int = 3


@dataclass(frozen=True, slots=True, init=False)
class _OwnInit:
    a: int

    def __init__(self, a: int) -> None:
        object.__setattr__(self, "a", a * 2)


@dataclass(frozen=True, slots=True)
class _HandInit:
    a: int

    def __init__(self, a: int) -> None:  # kept by dataclass (init=True writes none then)
        object.__setattr__(self, "a", a + 1)


@dataclass(frozen=True, slots=True)
class _OwnNew:
    a: int

    def __new__(cls, *args: object, **kwargs: object) -> _OwnNew:
        return super().__new__(cls)


@dataclass(frozen=True, slots=True)
class _Clash:
    made_: int


@pytest.mark.parametrize(
    "cls",
    [_Factory, _Checked, _Unslotted, _Unfrozen, _KeywordOnly, _OwnInit, _HandInit, _OwnNew, _Clash],
)
def test_refuses_what_init_does_more_for(cls: type) -> None:
    with pytest.raises(TypeError):
        maker(cls)
