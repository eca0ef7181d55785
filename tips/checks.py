"""Start-up check of the informant keys against the stored ciphertext (issue 18).

A key missing from INFORMANT_KEYS, or a wrong one under a known id, would otherwise show only at
the first reveal — as an error in front of a police leader, weeks after the change. This check
reads the key ids the informant table and its history actually use and decrypts one sample per
key; in production an error stops `manage.py check --database default` and the web process
(ban138/wsgi.py runs the database checks before serving). Outside production it warns.
"""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


def _tables():
    from tips.models import Informant

    return (Informant.objects, Informant.history.model.objects)


def key_ids_in_use(manager, configured) -> set[str]:
    """The key ids of stored ciphertext: one indexed-free probe per configured id plus one to
    find an unknown id, so a large table is read at most once per key, never sorted."""
    from tips import crypto

    found = set()
    rows = manager.exclude(ciphertext="")
    for kid in configured:
        if rows.filter(ciphertext__startswith=f"{crypto.VERSION}:{kid}:").exists():
            found.add(kid)
    others = rows
    for kid in configured:
        others = others.exclude(ciphertext__startswith=f"{crypto.VERSION}:{kid}:")
    while True:
        sample = others.values_list("ciphertext", flat=True).first()
        if sample is None:
            return found
        kid = crypto.key_id_of(sample)
        if not kid:
            found.add("(không đọc được mã khoá)")
            return found
        found.add(kid)
        others = others.exclude(ciphertext__startswith=f"{crypto.VERSION}:{kid}:")


def key_problems() -> list[str]:
    """Vietnamese sentences, one per problem; empty when every stored ciphertext can open."""
    from tips import crypto

    keys = crypto.configured_keys()
    problems = []
    for manager in _tables():
        table = manager.model._meta.db_table
        in_use = key_ids_in_use(manager, list(keys))
        missing = sorted(in_use - set(keys))
        if missing:
            problems.append(
                f"Bảng {table} có dữ liệu mã hoá bằng khoá {', '.join(missing)} nhưng "
                "INFORMANT_KEYS không có khoá đó: thêm lại khoá cũ (không bao giờ bỏ khoá đã "
                "dùng, xem docs/DEPLOY.md)."
            )
        for kid in sorted(in_use & set(keys)):
            row = (
                manager.filter(ciphertext__startswith=f"{crypto.VERSION}:{kid}:")
                .values_list("ciphertext", "tip_id")
                .first()
            )
            if row is None:
                continue
            try:
                crypto.decrypt(row[0], tip_id=row[1])
            except crypto.InformantDecryptionError:
                problems.append(
                    f"Khoá {kid} trong INFORMANT_KEYS không mở được dữ liệu trong bảng {table}: "
                    "khoá sai (so với bản thứ hai của khoá)."
                )
    return problems


@checks.register(checks.Tags.database)
def informant_keys_open_the_stored_data(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    try:
        problems = key_problems()
    except DatabaseError:
        return []  # no table yet (before the first migrate): nothing to open
    level = checks.Error if settings.PRODUCTION else checks.Warning
    return [
        level(text, id="tips.E001" if settings.PRODUCTION else "tips.W001") for text in problems
    ]
