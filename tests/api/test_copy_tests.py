"""Copy tests keep the phrases each variant uses in one place: in order, each once, and ended tests learn from them.

Without models or interviews (phrases are written straight to the database); the end-to-end loop on real
interviews is in test_messaging.py."""

from sqlalchemy import func, select

from app.db import session_scope
from models import CopyVariant, CopyVariantPhrase, Phrase


def test_variant_phrases_are_stored_once_in_order_and_taught(client) -> None:
    project = client.post("/api/projects", json={"name": "Copy"}).json()["id"]
    factory = client.app.state.runtime.session_factory
    with session_scope(factory) as session:
        phrases = [Phrase(project_id=project, kind="pain", key=k, text=k) for k in ("late", "paste", "audit")]
        session.add_all(phrases)
        session.flush()
        p1, p2, p3 = (p.id for p in phrases)
    assert "phrase_ids" not in CopyVariant.__table__.c  # the link rows are the one home

    variants = [{"text": "Close in a day", "phrase_ids": [p3, p1, p3]}, {"text": "No more pasting", "phrase_ids": [p2]}]
    created = client.post(f"/api/projects/{project}/copy-tests", json={"name": "Headline", "variants": variants})
    assert created.status_code == 201, created.text
    test = created.json()
    assert [v["phrase_ids"] for v in test["variants"]] == [[p3, p1], [p2]]
    assert [v["phrase_ids"] for v in client.get(f"/api/copy-tests/{test['id']}").json()["variants"]] == [[p3, p1], [p2]]
    with session_scope(factory) as session:
        assert session.scalar(select(func.count()).select_from(CopyVariantPhrase)) == 3

    events = [
        {"id": f"i{variant['id']}-{n}", "variant_id": variant["id"], "type": "impression"}
        for variant in test["variants"]
        for n in range(3)
    ]
    assert client.post(f"/api/copy-tests/{test['id']}/events", json={"events": events}).status_code == 200
    assert client.patch(f"/api/copy-tests/{test['id']}", json={"status": "stopped"}).status_code == 200
    with session_scope(factory) as session:
        taught = dict(session.execute(select(Phrase.id, Phrase.tests_run).where(Phrase.project_id == project)).all())
    assert taught == {p1: 1, p2: 1, p3: 1}
