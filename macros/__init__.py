"""Municipal goals portal: models, loading, derived facts, views, rendering and charts, in plain Python;
the mkdocs integration is the one plugin class in `plugin.py`."""
