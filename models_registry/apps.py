from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsRegistryConfig(AppConfig):
    name = "models_registry"
    verbose_name = _("Mô hình tự quản về ANTT")

    def ready(self):
        from ban138 import navigation
        from models_registry import panels
        from models_registry.access import READERS

        navigation.register_menu(
            navigation.MenuItem(
                _("Mô hình ANTT"), "models_registry:list", READERS, order=30, badge=panels.badge
            )
        )
        navigation.register_menu(
            navigation.MenuItem(_("Tổng hợp mô hình"), "models_registry:summary", READERS, order=31)
        )
        navigation.register_panel(panels.OFFICIAL_PANEL)
        navigation.register_panel(panels.COUNTS_PANEL)
