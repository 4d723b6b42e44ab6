"""The HTML report of a screening run: one self-contained file."""

from __future__ import annotations

from sanctions_screen.report.html import build_html, render_report, write_report

__all__ = ["build_html", "render_report", "write_report"]
