"""Where things live and what they are called: each record's display name, its page's URL,
and how long listings are split into pages.

May import: text, content.
"""
