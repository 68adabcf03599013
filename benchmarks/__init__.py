"""Benchmarks of stprogress against the peers a user would pick instead: ``python -m benchmarks.run``."""
