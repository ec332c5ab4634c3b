"""The records editors write: their Pydantic models (the single source of truth), the formats
and units of their values, how a content file is read (repository files only, YAML with every
value's line), the loaded content and one problem found in it.

May import: text, files.
"""
