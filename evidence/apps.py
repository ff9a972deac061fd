from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save, pre_delete


class FindingsConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence library"

    def ready(self):
        from evidence import services
        from evidence.models import Finding, Source, Tag

        post_save.connect(services.finding_saved, sender=Finding, dispatch_uid="evidence_finding")
        post_save.connect(services.source_saved, sender=Source, dispatch_uid="evidence_source")
        post_save.connect(services.tag_saved, sender=Tag, dispatch_uid="evidence_tag")
        pre_delete.connect(services.tag_deleting, sender=Tag, dispatch_uid="evidence_tag_delete")
        m2m_changed.connect(
            services.finding_tags_changed,
            sender=Finding.tags.through,
            dispatch_uid="evidence_finding_tags",
        )
