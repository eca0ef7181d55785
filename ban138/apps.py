from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Ban138Config(AppConfig):
    name = "ban138"
    verbose_name = _("Ban chỉ đạo 138 — dùng chung")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from ban138 import audit, caching, navigation, otp, security
        from ban138.models import CommitteeProfile
        from ban138.roles import DISTRICT_WIDE, Role

        audit.connect_signals()
        caching.connect_signals()
        for signal in (post_save, post_delete):
            signal.connect(otp.forget_otp_rule, sender=CommitteeProfile, dispatch_uid="otp_rule")
        user_logged_in.connect(security.stamp_login, dispatch_uid="ban138.security.stamp_login")
        navigation.register_menu(
            navigation.MenuItem(_("Địa bàn"), "unit_list", frozenset(Role.values), order=90)
        )
        navigation.register_panel(
            navigation.Panel(
                "ban138/panels/my_commune.html",
                frozenset({Role.COMMUNE_OFFICIAL}),
                context=_my_commune_context,
                order=10,
            )
        )
        navigation.register_panel(
            navigation.Panel(
                "ban138/panels/communes.html",
                DISTRICT_WIDE,
                context=_communes_context,
                order=900,
            )
        )


def _my_commune_context(request):
    from ban138.access import bound_commune_id
    from ban138.models import AdministrativeUnit

    commune_id = bound_commune_id(request.user)
    return {"commune": AdministrativeUnit.objects.filter(pk=commune_id).first()}


def _communes_context(request):
    from ban138.models import AdministrativeUnit

    return {"communes": list(AdministrativeUnit.objects.communes().order_by("name"))}
