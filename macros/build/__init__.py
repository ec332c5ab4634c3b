"""One build: the portal context (validated content, charts, site files) and the pages it
generates, each with its view.

May import: text, files, content, structure, facts, validation, publish, views, editors.
"""
