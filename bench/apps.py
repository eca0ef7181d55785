from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Load and benchmark tooling (``generate_data``, ``bench``). It reads every app, so it lives
    outside the core: ``ban138`` imports no app (the import-linter contract in pyproject.toml)."""

    name = "bench"
    verbose_name = "Công cụ đo hiệu năng"
