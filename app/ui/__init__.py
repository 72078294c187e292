"""The web UI: server-rendered pages (Jinja2) with inline SVG pictures and a small vanilla JS file for actions.

Thin like the API: pages call services and render templates; actions in the browser call the JSON API."""
