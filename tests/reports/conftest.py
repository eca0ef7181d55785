import secrets

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def informant_key(settings):
    # The tips app encrypts informants; demo data and tip factories need a key (no file written).
    settings.INFORMANT_KEYS = {"test1": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "test1"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(db, district):
    """The whole Khánh Sơn demo (2019–2021 tips, the seed's models, the 2020 report draft)."""
    from io import StringIO

    call_command("seed_demo", stdout=StringIO())
    return district
