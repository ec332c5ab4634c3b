"""What each page shows: views build plain data from the content, templates (views/templates/)
format it as HTML.

May import: text, content, structure, facts, publish.
"""
