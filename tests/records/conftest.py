"""The real matcher over the newest real UN snapshot, built once per session."""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.unlist.models import SanctionsList


@pytest.fixture(scope="session")
def screener(newest_list: SanctionsList) -> Screener:
    return Screener(newest_list)
