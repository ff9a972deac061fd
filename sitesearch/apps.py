from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Search the whole site"

    def ready(self):
        from evidence.search import add_vocabulary_source
        from meetings.models import Meeting, MeetingPart, NextStep
        from seminars.models import Seminar, Session

        # The words of meetings and seminars are words search knows: "Norway" is not
        # corrected, and "Norwy" finds the next step about Norway.
        add_vocabulary_source(Meeting, "title", "summary")
        add_vocabulary_source(MeetingPart, "title", "easy_read", "led_by")
        add_vocabulary_source(NextStep, "what", "who")
        add_vocabulary_source(Seminar, "title", "description", "opening_question", "date_plan")
        add_vocabulary_source(Session, "title", "summary")
