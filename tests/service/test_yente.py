"""POST /match/{dataset}: yente's request and answer shapes."""

from __future__ import annotations

from tests.service.conftest import Running


def _query(**props: list[str]) -> dict[str, object]:
    return {"schema": "Person", "properties": props}


def test_answer_has_yentes_shape(service: Running) -> None:
    body = {
        "queries": {
            "q1": _query(
                name=["Ri Won Ho"],
                birthDate=["1964-07-17"],
                nationality=["kp"],
                passportNumber=["381310014"],
            ),
            "q2": {
                "schema": "Company",
                "properties": {"name": ["Yuk Tung Energy Pte Ltd"], "country": ["sg"]},
            },
            "q3": _query(name=["Maria Santos Oliveira"]),
        }
    }
    with service.client() as http:
        response = http.post("/match/un", params={"limit": 3, "algorithm": "logic-v1"}, json=body)
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"responses", "limit", "matcher"} and data["limit"] == 3
    assert data["ignored_params"] == ["algorithm"]
    assert set(data["responses"]) == {"q1", "q2", "q3"}
    first = data["responses"]["q1"]
    assert first["status"] == 200
    assert first["query"] == {
        "id": None,
        "schema": "Person",
        "properties": body["queries"]["q1"]["properties"],
    }  # type: ignore[index]
    result = first["results"][0]
    assert set(result) >= {
        "id",
        "schema",
        "caption",
        "score",
        "match",
        "features",
        "properties",
        "datasets",
    }
    assert (result["id"], result["schema"], result["caption"]) == ("KPi.033", "Person", "RI WON HO")
    assert result["match"] is True and 0.9 <= result["score"] <= 1.0
    assert result["datasets"] == ["un_sc_sanctions"]
    props = result["properties"]
    assert props["birthDate"] == ["1964-07-17"] and props["passportNumber"] == ["381310014"]
    assert props["topics"] == ["sanction"] and props["program"] == ["DPRK"]
    assert {"name", "date_of_birth", "identifier"} <= set(result["features"])
    assert first["total"] == {"value": len(first["results"]), "relation": "eq"}
    company = data["responses"]["q2"]["results"][0]
    assert company["id"] == "KPe.075" and company["schema"] == "Organization"
    assert company["properties"]["imoNumber"] == ["5987860"]
    assert data["responses"]["q3"]["results"] == []
    assert data["responses"]["q3"]["total"]["value"] == 0


def test_threshold_limit_and_vessel_imo(service: Running) -> None:
    body = {
        "queries": {
            "v": {
                "schema": "Vessel",
                "properties": {"name": ["Yuk Tung"], "imoNumber": ["5987860"]},
            }
        }
    }
    with service.client() as http:
        strict = http.post("/match/un?threshold=1.0&limit=1", json=body).json()
        loose = http.post("/match/un?threshold=0.5", json=body).json()
    (hit,) = strict["responses"]["v"]["results"]
    assert hit["id"] == "KPe.075" and "identifier" in hit["features"]
    assert loose["responses"]["v"]["results"][0]["match"] is True
    assert strict["matcher"]["threshold"] == 1.0


def test_unknown_dataset_and_schema_are_refused(service: Running) -> None:
    with service.client() as http:
        wrong_dataset = http.post("/match/ofac", json={"queries": {}})
        wrong_schema = http.post(
            "/match/un",
            json={"queries": {"a": {"schema": "Airplane", "properties": {"name": ["x"]}}}},
        )
        no_name = http.post("/match/default", json={"queries": {"a": _query(birthDate=["1960"])}})
    assert wrong_dataset.status_code == 404 and "un" in wrong_dataset.json()["detail"]
    assert wrong_schema.status_code == 422 and "Airplane" in wrong_schema.json()["detail"]
    assert no_name.status_code == 422 and "no name" in no_name.json()["detail"]
