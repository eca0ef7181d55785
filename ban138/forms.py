"""The login form: Django's, with the username's length actually enforced."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


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
