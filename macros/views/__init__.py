"""What each page shows: every page view is registered with its template (page_views.py, registry.py)
and returns a typed context built from the content (views.py); templates (views/templates/) format it
as HTML.

May import: text, content, structure, facts, publish.
"""
