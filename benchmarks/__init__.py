"""Benchmarks of stprogress against the peers a user would pick instead (run: ``python -m benchmarks.run``)."""
