"""Rules for text itself: characters no editor's text may contain, text made safe for HTML and
XML, Swedish as the municipality writes it, and CSV cells that never run as formulas.

May import: nothing of ours.
"""
