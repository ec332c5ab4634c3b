"""mkdocs hooks: add one generated page per record and write build-time assets. Thin by design."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from macros.glue import portal_for


def on_config(config: Any) -> Any:
    portal_for(config, reload=True)  # validate before anything is built; aborts cleanly on errors
    return config


def on_files(files: Files, config: Any) -> Files:
    for src_uri, markdown in portal_for(config).generated_pages().items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
