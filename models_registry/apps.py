from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsRegistryConfig(AppConfig):
    name = "models_registry"
    verbose_name = _("Mô hình tự quản về ANTT")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from ban138 import caching, navigation
        from models_registry import panels
        from models_registry.access import READERS
        from models_registry.models import SecurityModel, StatusCheck

        def forget_badges(**_kwargs):
            caching.bump(panels.BADGE)

        # A model's quiet state moves with its own row and with each status check.
        for signal in (post_save, post_delete):
            for model in (SecurityModel, StatusCheck):
                uid = f"models_registry.badge.{model.__name__}"
                signal.connect(forget_badges, sender=model, weak=False, dispatch_uid=uid)

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
