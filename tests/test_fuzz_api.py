"""The API's OpenAPI document declares what operations answer, so fuzzers and clients know it."""

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
