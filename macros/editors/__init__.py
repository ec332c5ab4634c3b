"""What editors' tools are given: JSON Schemas and the form editor at /admin/ (Decap CMS, its
configuration generated from the models and vocabularies).

May import: text, content, validation.
"""
