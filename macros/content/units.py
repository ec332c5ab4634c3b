"""Which numbers an indicator's unit allows: a share lies in 0–100, a count is never negative.

Shared by the Kolada importer (refuses a response outside the range) and the validator (reports a
series value outside its indicator's range), so both apply the same rule.
"""

from __future__ import annotations

import math

from macros.content.models import MAX_MAGNITUDE  # no value of any unit is larger

# unit -> (lowest, highest) allowed; None means unbounded. Kronor may be negative (a net result).
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "procent": (0.0, 100.0),
    "antal": (0.0, None),
    "kronor": (None, None),
}


def allowed_text(unit: str) -> str:
    """The unit's range in words, for messages: 'ett ändligt tal från 0 till 100'."""
    low, high = UNIT_RANGES.get(unit, (None, None))
    if low is not None and high is not None:
        return f"ett ändligt tal från {low:g} till {high:g} ({unit})"
    if low is not None:
        return f"ett ändligt tal, minst {low:g} och högst 10^15 ({unit})"
    return f"ett ändligt tal, högst 10^15 till beloppet ({unit})"


def value_problem(unit: str, value: object) -> str | None:
    """Why `value` cannot be published in `unit`, in Swedish; None when it can."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "värdet är inte ett tal"
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float, e.g. 10**400
        return "talet är för stort"
    if not math.isfinite(number):
        return "värdet är inte ett ändligt tal (NaN eller oändligt)"
    if abs(number) > MAX_MAGNITUDE:
        return "talet är för stort (högst 10^15 till beloppet)"
    low, high = UNIT_RANGES.get(unit, (None, None))
    if low is not None and number < low:
        return f"värdet är mindre än {low:g}"
    if high is not None and number > high:
        return f"värdet är större än {high:g}"
    return None
