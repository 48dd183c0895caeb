"""Benchmarks and load tests: run by hand (python -m bench.<name>), never by the unit suite."""
