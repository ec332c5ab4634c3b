"""The mkdocs plugin `portal`: the only code that knows mkdocs. Its options, the worker that
renders ahead on a second core, the search indexer's input and fixes to the theme's HTML.

May import: text, files, content, structure, facts, validation, publish, views, editors, build.
"""
