"""A small accessibility check of server-rendered HTML, with the standard library's parser.

It covers what a template can get wrong on its own: <html lang>, one <h1>, unique ids, a label for every form
control, an accessible name for every button and link, alt text on images, and a title or label on every SVG
that is not hidden from assistive technology."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

CONTROLS = {"input", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)
    children: list[_Element] = field(default_factory=list)
    parent: _Element | None = None

    def full_text(self) -> str:
        return " ".join(" ".join(self.text + [c.full_text() for c in self.children]).split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


def problems(html: str) -> list[str]:
    """Everything the check finds wrong with a page, as readable sentences (empty: the page passes)."""
    tree = _Tree()
    tree.feed(html)
    elements = list(tree.root.walk())
    found: list[str] = []
    by_id: dict[str, _Element] = {}
    for element in elements:
        ident = element.attrs.get("id")
        if ident:
            if ident in by_id:
                found.append(f"id {ident!r} is used twice")
            by_id[ident] = element
    html_tags = [e for e in elements if e.tag == "html"]
    if html_tags and not html_tags[0].attrs.get("lang"):
        found.append("<html> has no lang")
    if html_tags and sum(e.tag == "h1" for e in elements) != 1:
        found.append(f"{sum(e.tag == 'h1' for e in elements)} <h1> elements (want exactly one)")
    labelled = {e.attrs.get("for") for e in elements if e.tag == "label"}

    def hidden(element: _Element) -> bool:
        return any(a.attrs.get("aria-hidden") == "true" for a in [element, *element.ancestors()])

    def named_by(element: _Element) -> bool:
        references = element.attrs.get("aria-labelledby", "").split()
        return bool(references) and all(r in by_id and by_id[r].full_text() for r in references)

    for element in elements:
        tag, attrs = element.tag, element.attrs
        if tag in CONTROLS and attrs.get("type", "") not in UNLABELLED_INPUTS:
            if not (
                attrs.get("id") in labelled
                or any(a.tag == "label" for a in element.ancestors())
                or attrs.get("aria-label")
                or named_by(element)
            ):
                found.append(f"<{tag} name={attrs.get('name')!r} id={attrs.get('id')!r}> has no label")
        if tag == "button" or (tag == "input" and attrs.get("type") in {"submit", "button", "reset"}):
            if not (element.full_text() or attrs.get("aria-label") or attrs.get("value") or named_by(element)):
                found.append(f"a button has no accessible name: {attrs}")
        if tag == "a" and "href" in attrs and not hidden(element):
            if not (element.full_text() or attrs.get("aria-label") or named_by(element)):
                found.append(f"link to {attrs['href']!r} has no text")
        if tag == "img" and "alt" not in attrs:
            found.append(f"<img src={attrs.get('src')!r}> has no alt")
        if tag == "svg" and not hidden(element):
            has_title = any(c.tag == "title" and c.full_text() for c in element.children)
            if not (attrs.get("aria-label") or named_by(element) or has_title):
                found.append("an <svg> has neither a <title> nor a label")
            if attrs.get("role") != "img":
                found.append("an <svg> chart is missing role=img")
        if tag in {"audio", "video"} and not (attrs.get("aria-label") or named_by(element)):
            found.append(f"<{tag}> has no label")
    return found
