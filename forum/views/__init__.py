"""Blueprints by area. Views parse input, load or 404, call one action, commit, then render or redirect."""
