import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db, district):
    """The whole Khánh Sơn demo (2019–2021 tips, the seed's models, the 2020 report draft)."""
    from io import StringIO

    call_command("seed_demo", stdout=StringIO())
    return district
