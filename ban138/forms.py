"""Core forms: the login form (Django's, with the username's length actually enforced) and a
model choice field that reads reference rows from the cache."""

import hashlib
import re

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from ban138 import caching


class LoginForm(AuthenticationForm):
    """Django sets the username's ``max_length`` after the field is built, so only the widget
    gets it and a 100 000-character name reaches django-axes, whose attempt row (255 characters)
    then fails on PostgreSQL with a 500 — found by fuzzing. Refuse it in the form instead."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(
            MaxLengthValidator(
                field.max_length or 150,
                message=_("Tên đăng nhập dài quá %(limit_value)d ký tự."),
            )
        )


class CachedChoiceIterator(ModelChoiceIterator):
    """The field's rows from the cache instead of a query (see CachedModelChoiceField)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows():
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows())


class CachedModelChoiceField(ModelChoiceField):
    """A ModelChoiceField over a small reference table (communes, crime groups, model types) that
    reads its rows from the cache rather than querying the table each time the form is rendered
    and again when it is cleaned. The rows are dropped when a reference list is written
    (ban138/caching.py), so use it only for tables marked ``reference_data``. The cache key is the
    queryset's SQL, so a queryset narrowed to the user's scope is cached as its own list."""

    iterator = CachedChoiceIterator

    def rows(self) -> list:
        query = self.queryset.query
        if query.is_empty():
            return []
        try:
            sql = str(query)
        except EmptyResultSet:  # narrowed to no unit at all (a user of no committee's scope)
            return []
        digest = hashlib.sha256(sql.encode()).hexdigest()[:32]
        return caching.shared(
            f"choices:{digest}", lambda: list(self.queryset.all()), depends_on=caching.REFERENCE
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = value.pk
        text = str(value)
        if re.fullmatch(r"[0-9]{1,18}", text):
            for row in self.rows():
                if row.pk == int(text):
                    return row
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
