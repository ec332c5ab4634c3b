"""The Kolada importer: fetch a KPI for many municipalities and years into a series CSV,
never mixing measures and never corrupting a published value.

May import: text, files, content, validation.
"""
