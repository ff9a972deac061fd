from django.apps import AppConfig
from django.db.models.signals import post_migrate

FACILITATORS = "Facilitators"
# Facilitators may add, change and delete everything in these apps through the admin.
FACILITATOR_APPS = ["experiences", "evidence", "meetings", "seminars", "easyread", "mail"]


class SpiritConfig(AppConfig):
    name = "spirit"
    verbose_name = "SPIRIT portal"

    def ready(self):
        from core import page_cache
        from spirit import accounts

        # Not sender=self: this app migrates first, before the permissions of the apps
        # after it exist. Run after every app's migrations; the last run sees them all.
        post_migrate.connect(grant_facilitator_permissions, dispatch_uid="facilitators")
        page_cache.connect_signals()
        accounts.connect_signals()


def grant_facilitator_permissions(*, using="default", apps=None, **kwargs):
    """Keep the Facilitators group's permissions in step with the apps' models.

    The group itself is made by a migration; permissions of models added later are
    created after migrating, so they are granted here each time migrations run.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=FACILITATORS)
    # Only those it lacks: this runs once for each app, after every migrate and flush.
    missing = (
        Permission.objects.using(using)
        .filter(content_type__app_label__in=FACILITATOR_APPS)
        .exclude(group=group)
    )
    if missing_ids := list(missing.values_list("pk", flat=True)):
        group.permissions.add(*missing_ids)
