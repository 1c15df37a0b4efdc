"""State changes, one function each: check permission, apply the rules, change rows, flush.

Actions never commit: the view that calls one commits once, so actions compose and tests
roll back. They take the acting user as an argument and never read the request.
"""
from forum.actions.errors import Forbidden, Refused

__all__ = ["Forbidden", "Refused"]
