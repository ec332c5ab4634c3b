"""Loading every content file and vocabulary, validating each with its model, and the
checks across files; every problem in Swedish with file, line, field, value and what is allowed.

May import: text, files, content, structure, facts.
"""
