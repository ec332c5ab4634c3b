"""Uppsala goals portal: models, loading, views, rendering and charts; mkdocs glue in `glue`/`hooks`."""


def define_env(env):  # pragma: no cover - thin entry point for mkdocs-macros
    """mkdocs-macros entry point (module_name: macros); the real work is in `macros.glue`."""
    from .glue import define_env as _define_env

    _define_env(env)
