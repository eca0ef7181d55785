from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "tips"
    verbose_name = _("Nguồn tin về tội phạm")

    def ready(self):
        from ban138 import navigation
        from ban138.roles import POLICE, Role
        from tips import checks, panels, signals  # noqa: F401  (day-off signal, key check)

        leaders = frozenset({Role.POLICE_LEADER})
        navigation.register_menu(
            navigation.MenuItem(
                _("Nguồn tin"), "tips:register", POLICE, order=10, badge=panels.attention_badge
            )
        )
        navigation.register_menu(
            navigation.MenuItem(_("Tiếp nhận nguồn tin"), "tips:create", POLICE, order=11)
        )
        navigation.register_menu(
            navigation.MenuItem(_("Chất lượng dữ liệu"), "tips:quality", leaders, order=12)
        )
        navigation.register_panel(
            navigation.Panel("tips/panels/work.html", POLICE, context=panels.work_lists, order=5)
        )
