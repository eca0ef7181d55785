from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from ban138 import navigation
        from ban138.roles import Role
        from reports.access import READERS
        from reports.dashboard import chairman_panel

        navigation.register_menu(
            navigation.MenuItem(
                _("Báo cáo tổng kết"),
                "reports:index",
                READERS | {Role.COMMUNE_OFFICIAL},
                order=60,
            )
        )
        navigation.register_panel(
            navigation.Panel(
                "reports/panels/chairman.html",
                frozenset({Role.CHAIRMAN}),
                context=chairman_panel,
                order=5,
            )
        )
