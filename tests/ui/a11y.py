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


# Text whose colour against its background is under WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.7 px bold).
# Runs in the page: each visible element with its own text, its colour blended over the first opaque background up
# its ancestors (opacity included). Disabled controls are exempt (WCAG 1.4.3), as is text drawn in SVG charts and text
# over a background image or gradient, which this cannot measure.
CONTRAST_JS = """
() => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.backgroundImage !== "none") return null;
      const colour = parse(style.backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const found = [];
  for (const node of document.querySelectorAll("body *")) {
    if (node.closest("svg, [disabled], [aria-hidden='true'], .visually-hidden, option")) continue;
    const own = Array.from(node.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!own) continue;
    const rect = node.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const style = getComputedStyle(node);
    if (style.visibility !== "visible" || style.clip === "rect(0px, 0px, 0px, 0px)") continue;
    let opacity = 1;
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
    const back = background(node);
    const ink = parse(style.color);
    if (!back || !ink) continue;
    ink[3] *= opacity;
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const value = ratio(over(ink, back), back);
    if (value < (large ? 3 : 4.5)) {
      const texts = Array.from(node.childNodes).filter((c) => c.nodeType === 3);
      const text = texts.map((c) => c.textContent.trim()).join(" ");
      found.push(`${value.toFixed(2)}:1 "${text.slice(0, 40)}" (${node.tagName.toLowerCase()}.${node.className})`);
    }
  }
  return Array.from(new Set(found));
}
"""


def low_contrast(page) -> list[str]:
    """Text on the page (a Playwright page) under WCAG AA contrast, as readable lines (empty: it passes)."""
    return page.evaluate(CONTRAST_JS)
