from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save, pre_delete


class FindingsConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence library"

    def ready(self):
        from evidence import search
        from evidence.models import Finding, Source, Synonym, Tag

        post_save.connect(search.finding_saved, sender=Finding, dispatch_uid="evidence_finding")
        post_save.connect(search.source_saved, sender=Source, dispatch_uid="evidence_source")
        post_save.connect(search.tag_saved, sender=Tag, dispatch_uid="evidence_tag")
        post_save.connect(search.synonym_saved, sender=Synonym, dispatch_uid="evidence_synonym")
        pre_delete.connect(search.tag_deleting, sender=Tag, dispatch_uid="evidence_tag_delete")
        m2m_changed.connect(
            search.finding_tags_changed,
            sender=Finding.tags.through,
            dispatch_uid="evidence_finding_tags",
        )
