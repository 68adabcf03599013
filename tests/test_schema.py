"""Tests that the published JSON Schema and the converter agree, both ways."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from tests.test_serialize import load_problems

from stprogress import Portfolio, dumps, json_schema
from test_serialize import portfolios  # public portfolios, widened where the wire format is at stake

_VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())


class TestSchema:
    def test_is_a_valid_2020_12_schema(self) -> None:
        """The schema is itself valid under the 2020-12 meta-schema."""
        jsonschema.Draft202012Validator.check_schema(json_schema())
        assert "https://json-schema.org/draft/2020-12/schema" == json_schema()["$schema"]

    def test_shipped_file_matches(self) -> None:
        """The schema.json shipped in the package is exactly what json_schema() returns."""
        shipped = resources.files("stprogress").joinpath("schema.json").read_text("utf-8")
        assert json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n" == shipped

    @given(portfolios())
    def test_every_document_validates(self, portfolio: Portfolio) -> None:
        """The JSON of every valid portfolio validates against the schema."""
        errors = [e.message for e in _VALIDATOR.iter_errors(json.loads(dumps(portfolio)))]
        assert [] == errors

    def test_schema_rejects_unknown_keys(self) -> None:
        """The schema, like the loader, refuses keys it does not know."""
        document = {"schema": "stprogress/portfolio", "version": 1, "owner": "x", "tasks": [], "extra": 1}
        assert not _VALIDATOR.is_valid(document)

    @settings(suppress_health_check=list(HealthCheck), max_examples=15)
    @given(from_schema(json_schema()))
    def test_schema_instances_load_or_fail_cleanly(self, document: object) -> None:
        """An instance the schema accepts loads, or fails with ValidationError only."""
        problems = load_problems(json.dumps(document))
        assert all(p.location.startswith("$") and p.message for p in problems)
