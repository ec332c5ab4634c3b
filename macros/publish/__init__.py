"""The files published beside the pages: Atom feeds, open data and its DCAT catalogue,
indicator charts (and their cache).

May import: text, files, content, structure, facts.
"""
