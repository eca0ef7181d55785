"""The form that corrects or adds an informant's particulars (tips.services.informant_correct).
Its fields start empty — nothing is decrypted to fill them — and only those filled in change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ban138.text import nfc
from tips import informants


def _text(form, name):
    return nfc(form.cleaned_data.get(name) or "").strip()


class InformantCorrectionForm(forms.Form):
    name = forms.CharField(label=_("Họ tên"), max_length=120, required=False)
    id_number = forms.CharField(label=_("Số CCCD / CMND"), max_length=20, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    reason = forms.CharField(
        label=_("Lý do sửa, bổ sung"),
        max_length=300,
        help_text=_(
            "Ví dụ: người báo tin gọi lại, cho biết họ tên. Không ghi thông tin nhân thân ở đây."
        ),
    )

    def clean_name(self):
        return _text(self, "name")

    def clean_id_number(self):
        return informants.clean_id_number(_text(self, "id_number"))

    def clean_phone(self):
        return informants.clean_phone(_text(self, "phone"))

    def clean_address(self):
        return _text(self, "address")

    def clean_reason(self):
        return _text(self, "reason")

    def identity(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in informants.PARTICULARS}
