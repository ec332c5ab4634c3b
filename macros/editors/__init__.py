"""What editors' tools are given: JSON Schemas generated from the models and vocabularies.

May import: text, content, validation.
"""
