"""The HTTP service: ``sanctions-screen serve`` (FastAPI on uvicorn). See docs/service.md.

Needs the ``service`` extra (``pip install "sanctions-screen[service]"``). Nothing in the
library imports this package; it imports the library.
"""

from __future__ import annotations

from sanctions_screen.service.app import create_app
from sanctions_screen.service.settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]
