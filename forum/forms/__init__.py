"""Form shapes (WTForms), one module per area. They check shape only; the rules live in actions, whose
constants and enums give every length and choice here, and forms never save."""
from flask_wtf import FlaskForm

# Filters shared by the areas' forms.
strip = [lambda value: value.strip() if isinstance(value, str) else value]
# A list of one entry per line, stored as its entries alone: no CRLF (what browsers send), no blanks around an
# entry, no empty lines. Saving a form whose entries did not change then changes nothing, and logs nothing
# (outside test 7: a leading blank line was logged as a new word list, and came back one longer each save).
lines = [lambda value: "\n".join(entry.strip() for entry in value.splitlines() if entry.strip())
         if isinstance(value, str) else value]


class EmptyForm(FlaskForm):
    """A bare POST button: only the CSRF token."""


def choices(labels: dict) -> list:
    """SelectChoices from {enum member: label}, in the enum's order. A label dict that misses a member
    fails at import, so a new mode or reason cannot go unoffered. (SelectChoice, not tuples: WTForms
    3.3 deprecates tuple choices.)"""
    from wtforms.fields.choices import SelectChoice

    members = list(type(next(iter(labels))))
    missing = [m for m in members if m not in labels]
    if missing:
        raise KeyError(f"no label for {missing}")
    return [SelectChoice(member.value, labels[member]) for member in members]
