"""Benchmark-only settings and URLs (``make bench``); never part of the product URLconf."""
