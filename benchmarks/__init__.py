"""Measurements of the program against reviewed data.

Run each with ``uv run python -m benchmarks.NAME``.
"""
