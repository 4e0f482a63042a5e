"""Frozen value classes for the modules ``revtrack diff`` loads, without dataclasses' start-up cost.

``@dataclass(frozen=True)`` writes each class's methods as source text and
compiles it: about half a millisecond a class when the process starts, 3.5 ms
for the seven classes a ``revtrack diff`` of two files loads, 7% of its whole
run. :func:`frozen` gives those classes the same behaviour (fields from the
annotations in order, defaults, :class:`Factory` for a fresh default,
keyword or positional arguments, equality and hashing by value, a dataclass-
style repr, assignment refused) from shared closures, compiled once. Other
modules keep dataclasses.

>>> @frozen
... class Point:
...     x: int
...     y: int = 0
>>> p = Point(1)
>>> p, p == Point(x=1, y=0), hash(p) == hash(Point(1, 0))
(Point(x=1, y=0), True, True)
>>> p.x = 2
Traceback (most recent call last):
    ...
AttributeError: cannot assign to field 'x' of a frozen Point
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


class Factory:
    """A default made anew for each instance (dataclasses' ``default_factory``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


@dataclass_transform(frozen_default=True)
def frozen(cls: T) -> T:
    """Make ``cls`` a frozen value class of its annotated fields (see the module)."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
    for name, value in defaults.items():
        if isinstance(value, Factory):
            delattr(cls, name)  # the class must not hold the factory as a shared value
    known = frozenset(names)
    title = cls.__name__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{title}() takes at most {len(names)} arguments")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in known or name in values:
                raise TypeError(f"{title}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        state = self.__dict__
        for name in names:
            if name in values:
                state[name] = values[name]
            elif name in defaults:
                default = defaults[name]
                state[name] = default.make() if isinstance(default, Factory) else default
            else:
                raise TypeError(f"{title}() missing argument {name!r}")

    def _values(self) -> tuple:
        state = self.__dict__
        return tuple(state[name] for name in names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(names, _values(self), strict=True))
        return f"{cls.__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a frozen {title}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a frozen {title}")

    def __reduce__(self):  # pickling (the batch's workers) rebuilds through __init__
        return (cls, _values(self))

    for method in (__init__, __eq__, __hash__, __repr__, __setattr__, __delattr__, __reduce__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    cls.__match_args__ = names
    return cls
