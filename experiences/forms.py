"""One form a step: each checks the shape of what the member gives, with easy-read errors.
What the steps keep and the words agreed to are in flow.py; sending is in services.py."""

from django import forms

from easyread.pictures import is_picture
from evidence.models import Tag, Theme
from experiences import flow
from experiences.audio import validate_recording
from experiences.models import Sharing

NULL_CHARACTERS = {"null_characters_not_allowed": "Remove the unusual characters."}
WORDS_MAX = 10_000


class WhatForm(forms.Form):
    words = forms.CharField(
        label="Type what happened",
        help_text="Use your own words. Say what happened and how you felt.",
        required=False,
        max_length=WORDS_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "max_length": f"Please make it shorter. The most is {WORDS_MAX:,} letters.",
            **NULL_CHARACTERS,
        },
    )
    recording = forms.FileField(
        label="Or choose a recording of you telling it",
        help_text="A sound file from your phone or computer. The biggest is 20 MB.",
        required=False,
        validators=[validate_recording],
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
        error_messages={"empty": "This file is empty. Choose another recording."},
    )
    remove_recording = forms.BooleanField(label="Delete my recording", required=False)
    helped_by_supporter = forms.BooleanField(
        label="I am helping someone to tell their story",
        help_text="Tick this if you are a supporter. We will ask about them, not you.",
        required=False,
    )

    def __init__(self, *args, has_recording=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_recording = has_recording
        self.fields["recording"].widget = forms.FileInput(attrs={"accept": "audio/*"})
        if not has_recording:
            del self.fields["remove_recording"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        keeps_recording = self.has_recording and not cleaned.get("remove_recording")
        if (
            not cleaned.get("words", "").strip()
            and not cleaned.get("recording")
            and not keeps_recording
        ):
            self.add_error("words", "Type what happened, or record it.")
        return cleaned


class PictureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PictureMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TopicForm(forms.Form):
    theme = PictureChoiceField(
        label="Which topic is it about?",
        help_text="Choose one picture. Or choose I am not sure.",
        queryset=Theme.objects.all(),
        required=False,
        empty_label="I am not sure",
        blank=True,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a topic from the pictures."},
    )
    tags = PictureMultipleChoiceField(
        label="Is it about any of these? (you do not have to choose)",
        help_text="Tick all that fit.",
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose from the pictures.",
            "invalid_pk_value": "Choose from the pictures.",
        },
    )

    def __init__(self, *args, helped_by_supporter=False, **kwargs):
        super().__init__(*args, **kwargs)
        if helped_by_supporter:
            self.fields["theme"].label = "Which topic is their story about?"

    def options(self, name):
        """(choice, picture) for each choice, to show as big picture buttons."""
        for choice in self[name]:
            value = choice.data["value"]
            instance = getattr(value, "instance", None)
            picture = instance.picture if instance else "not-sure"
            yield choice, picture if is_picture(picture) else "theme", []

    def theme_options(self):
        return list(self.options("theme"))

    def tag_options(self):
        return list(self.options("tags"))


class WhereForm(forms.Form):
    place = forms.CharField(
        label="Where did it happen? (you do not have to say)",
        help_text="For example: at the day centre, at home, on the bus, in Leeds.",
        required=False,
        max_length=200,
        error_messages={
            "max_length": "Please make it shorter. The most is 200 letters.",
            **NULL_CHARACTERS,
        },
    )


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        label="May we share it?",
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose if we may share it.",
            "invalid_choice": "Choose one of the 3 answers.",
        },
    )

    def __init__(self, *args, helped_by_supporter=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sharing"].choices = [
            (value, flow.sharing_label(value, helped_by_supporter)) for value in Sharing.values
        ]
        self.consent = {
            value: flow.consent_words(value, helped_by_supporter) for value in Sharing.values
        }

    def sharing_options(self):
        """(choice, picture, the exact words agreed, a sentence a line) for each answer."""
        return [
            (
                choice,
                flow.SHARING_PICTURES[choice.data["value"]],
                flow.sentences(self.consent[choice.data["value"]]),
            )
            for choice in self["sharing"]
        ]
