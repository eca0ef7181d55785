from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from ban138 import navigation
        from ban138.roles import Role
        from reports.access import READERS
        from reports.dashboard import PANEL_MAX_AGE, chairman_panel

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
                # A full compile of the year to refresh: at a province's size (1M tips) about
                # 1.6 s, so the figures are recomputed every 10 minutes, not after every write.
                max_age=PANEL_MAX_AGE,
            )
        )
