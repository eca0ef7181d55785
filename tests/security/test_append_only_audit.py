"""Issue 15.7: the informant-reveal log is append-only for every role, the superuser included."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from ban138.models import AppendOnlyError
from tests.tips.factories import make_tip
from tips import services
from tips.models import InformantReveal

pytestmark = pytest.mark.django_db


@pytest.fixture
def reveal(officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant={"name": "Người báo tin"})
    services.informant_reveal(tip=tip, by=leader)
    return InformantReveal.objects.get(tip=tip)


@pytest.fixture
def superuser(outsider):
    outsider.is_staff = outsider.is_superuser = True
    outsider.save()
    return outsider


def test_a_superuser_cannot_delete_or_change_a_reveal_in_the_admin(client_for, superuser, reveal):
    client = client_for(superuser)
    assert client.get(reverse("admin:tips_informantreveal_changelist")).status_code == 200
    delete_url = reverse("admin:tips_informantreveal_delete", args=[reveal.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:tips_informantreveal_changelist"),
        {"action": "delete_selected", "_selected_action": [reveal.pk], "post": "yes"},
    )
    change_url = reverse("admin:tips_informantreveal_change", args=[reveal.pk])
    client.post(change_url, {"username": "ai-do"})
    assert InformantReveal.objects.filter(pk=reveal.pk, username=reveal.username).exists()


def test_the_orm_refuses_to_change_or_delete_a_reveal(reveal):
    with pytest.raises(AppendOnlyError):
        reveal.delete()
    with pytest.raises(AppendOnlyError):
        InformantReveal.objects.filter(pk=reveal.pk).delete()
    with pytest.raises(AppendOnlyError):
        InformantReveal.objects.filter(pk=reveal.pk).update(username="ai-do")
    reveal.username = "ai-do"
    with pytest.raises(AppendOnlyError):
        reveal.save()
    assert InformantReveal.objects.get(pk=reveal.pk).username != "ai-do"


@pytest.mark.postgres
def test_the_database_refuses_a_raw_delete_or_update(reveal):
    for sql in (
        "DELETE FROM tips_informantreveal WHERE id = %s",
        "UPDATE tips_informantreveal SET username = 'ai-do' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [reveal.pk])
    assert InformantReveal.objects.get(pk=reveal.pk).username == reveal.username


@pytest.mark.postgres
def test_deleting_the_account_keeps_the_row_and_the_name(reveal, leader):
    name = leader.username
    leader.delete()
    row = InformantReveal.objects.get(pk=reveal.pk)
    assert row.user_id is None and row.username == name
