from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark content and views, installed only by ``bench.settings``."""

    name = "bench"
