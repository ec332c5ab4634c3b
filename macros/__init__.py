"""The goals portal's engine: content in, a static site out.

Subpackages by role, listed from the bottom up. A package may import only the packages its docstring
names under "May import" (tests/test_architecture.py checks this, type-only imports included, and that
no module imports another in a cycle):

- text: rules for text itself (characters refused, HTML/XML-safe text, Swedish forms, CSV cells)
- files: writing files safely (atomic replace, the staged site)
- content: the records editors write: models, how a file is read, the loaded content, a problem
- structure: what each record is called and where its page lives (names, URLs, listing pages)
- facts: what is derived, never typed (current status, trend, counts, events, progress)
- validation: loading every file and checking it, alone and across files
- publish: the files published beside the pages (feeds, open data, charts)
- views: each page's data and its template
- editors: what editors' tools are given (JSON Schemas)
- build: one build's context (portal) and the pages it generates
- plugin: the mkdocs plugin, its options and its speed-ups; the only code that knows mkdocs
- kolada: the Kolada importer
- review: what a change means for citizens (the pull-request summary)
"""
