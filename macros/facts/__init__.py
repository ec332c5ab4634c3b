"""Facts derived from the records, never typed: current status, trend, mission counts, who is
concerned, status events, indicator progress.

May import: text, content, structure.
"""
