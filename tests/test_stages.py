"""The one stage registry (app/stages.py): every stage a handler reports is named, weighed and labelled there."""

import ast
import re
from pathlib import Path

import pytest

from app import stages

REPO = Path(__file__).resolve().parents[1]


def _reported_stages() -> set[str]:
    """Stage names handlers pass to a stage reporter: stages("name", ...) and stages.within("name")."""
    found: set[str] = set()
    for path in [*(REPO / "app" / "tasks").glob("*.py"), REPO / "app" / "services" / "recordings.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "stages") or (
                isinstance(func, ast.Attribute) and func.attr == "within"
            ):
                found.add(str(node.args[0].value))
    return found


def test_every_reported_stage_is_in_the_registry() -> None:
    reported = _reported_stages()
    assert {"parsing", "decoding", "transcribing", "embedding", "loading", "saving", "re-embedding"} <= reported
    assert reported <= set(stages.LABELS)


def test_no_progress_numbers_outside_the_registry() -> None:
    """Handlers say which stage and how far into it; the share each stage takes is the registry's alone."""
    literal = re.compile(r"report\(\s*\"[\w -]+\",\s*0?\.\d")
    for path in [*(REPO / "app").rglob("*.py")]:
        assert not literal.search(path.read_text()), path
    script = (REPO / "app" / "ui" / "static" / "app.js").read_text()
    assert "Embedding utterances" not in script  # labels come from the page, not a copy in the script


def test_plans_cover_the_bar_in_order() -> None:
    for plan in (stages.INGEST_RECORDING, stages.INGEST_TRANSCRIPT, *stages.PLANS.values()):
        spans = [plan.span(s.name) for s in plan.stages]
        assert spans[0][0] == 0.0 and spans[-1][1] == pytest.approx(1.0)
        assert all(a[1] == pytest.approx(b[0]) for a, b in zip(spans, spans[1:], strict=False))
    with pytest.raises(ValueError):
        stages.Plan((stages.Stage("a", "A", 0.5),))


def test_reporter_maps_a_stage_fraction_onto_the_bar() -> None:
    seen: list[tuple[str, float]] = []
    report = stages.INGEST_TRANSCRIPT.reporter(lambda stage, progress: seen.append((stage, progress)))
    report("parsing")
    report("embedding", 0.5)
    report.within("embedding")(2.0)  # clamped to the stage's end
    low, high = stages.INGEST_TRANSCRIPT.span("embedding")
    assert seen == [("parsing", 0.0), ("embedding", pytest.approx((low + high) / 2)), ("embedding", high)]
    with pytest.raises(KeyError):
        report("decoding")  # not a stage of a transcript


def test_labels_reach_the_pages_and_the_cli() -> None:
    from app.ui.templating import stage, templates

    assert stage("embedding") == "Embedding utterances" == stages.label("embedding")
    assert stage("some_new_stage") == "Some new stage"
    assert templates.env.globals["stage_labels"] == stages.LABELS
    assert "data-stages='{{ stage_labels | tojson }}'" in (REPO / "app" / "ui" / "templates" / "base.html").read_text()
    assert "app.stages import label" in (REPO / "app" / "cli.py").read_text()


def test_the_page_attribute_carries_every_label_intact() -> None:
    """The labels ride in a data attribute (no inline script, see the CSP test) and parse back as JSON."""
    import json
    from html.parser import HTMLParser

    from app.ui.templating import templates

    html = templates.env.from_string("<body data-stages='{{ stage_labels | tojson }}'>").render(
        stage_labels={**stages.LABELS, "odd": 'It\'s <b>&</b> "quoted"'}
    )
    found: dict[str, str] = {}

    class Body(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.update(json.loads(dict(attrs)["data-stages"] or "{}"))

    Body().feed(html)
    assert found == {**stages.LABELS, "odd": 'It\'s <b>&</b> "quoted"'}
