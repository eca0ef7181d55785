from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Đợt cao điểm")

    def ready(self):
        from ban138 import navigation
        from ban138.roles import Role
        from campaigns import panels

        every_role = frozenset(Role.values)
        navigation.register_menu(
            navigation.MenuItem(
                _("Đợt cao điểm"),
                "campaigns:list",
                every_role,
                order=30,
                badge=panels.overdue_badge,
            )
        )
        navigation.register_menu(
            navigation.MenuItem(_("Tuyên truyền"), "campaigns:outreach_list", every_role, order=35)
        )
        navigation.register_panel(
            navigation.Panel(
                "campaigns/panels/secretariat.html",
                frozenset({Role.SECRETARIAT}),
                context=panels.secretariat_context,
                order=30,
            )
        )
        navigation.register_panel(
            navigation.Panel(
                "campaigns/panels/awaiting_approval.html",
                frozenset({Role.CHAIRMAN}),
                context=panels.chairman_context,
                order=30,
            )
        )
