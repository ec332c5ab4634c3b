"""Writing files so a reader or a crash sees the old content or the new, never a part: one file
(atomic replace) or the whole built site (staged and swapped in).

May import: text.
"""
