"""The API's OpenAPI document declares what operations answer, so fuzzers and clients know it."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_every_operation_declares_its_error_answers_and_the_idempotency_key(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "Error" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"400", "401", "403", "404", "409", "422"} <= declared, (method, path)
    report_post = document["paths"]["/api/v1/reports"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in report_post.get("parameters", [])]


def test_the_document_has_no_repeated_key_and_names_every_operation_in_vietnamese(client):
    """Swagger UI reads the document as YAML, which refuses a repeated key (a status declared
    by the operation as a number and again as a string); every summary is the Vietnamese one."""
    repeated = []

    def no_repeats(pairs):
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    document = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=no_repeats)
    assert repeated == []
    summaries = [
        operation.get("summary", "")
        for operations in document["paths"].values()
        for operation in operations.values()
    ]
    assert len(summaries) > 100
    english = [s for s in summaries if s.isascii()]
    assert english == []
    assert "Mở năm đánh giá" in summaries
