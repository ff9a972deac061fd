"""Forms for the easy-read tools."""

from django import forms
from django.forms.renderers import TemplatesSetting

from easyread.choices import CONTRASTS, LISTEN_SPEEDS, PICTURE_CHOICES, TEXT_SIZES


class FormRenderer(TemplatesSetting):
    """Every form field on a member page, ``{{ form.name.as_field_group }}``, is drawn by one
    template: easyread/field.html (label, hint, the easy-read error, then the input)."""

    field_template_name = "easyread/field.html"


class ReadingChoicesForm(forms.Form):
    """How big the words are, the colours, pictures on or off, and how fast Listen reads."""

    text = forms.ChoiceField(
        label="How big do you want the words?",
        choices=TEXT_SIZES.items(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how big you want the words.",
            "invalid_choice": "Choose how big you want the words.",
        },
    )
    contrast = forms.ChoiceField(
        label="Which colours do you want?",
        choices=CONTRASTS.items(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the colours you want.",
            "invalid_choice": "Choose the colours you want.",
        },
    )
    pictures = forms.ChoiceField(
        label="Do you want to see pictures beside the words?",
        choices=PICTURE_CHOICES.items(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose if you want pictures.",
            "invalid_choice": "Choose if you want pictures.",
        },
    )
    listen = forms.ChoiceField(
        label="How fast do you want Listen to read?",
        choices=LISTEN_SPEEDS.items(),
        widget=forms.RadioSelect,
        required=False,  # a form from before this choice keeps the normal speed
        error_messages={"invalid_choice": "Choose how fast you want Listen to read."},
    )

    def clean_listen(self) -> str:
        return self.cleaned_data.get("listen") or "normal"


class PageFeedbackForm(forms.Form):
    """ "Was this page easy to understand?": yes or no (a button each), and any words.
    Words alone are fine too; nothing at all is not."""

    page = forms.CharField(max_length=2000)
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No"), ("", "Only words")], required=False
    )
    words = forms.CharField(
        label="Tell us more",
        help_text="You do not have to write anything.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": "Please write less. You can write up to 500 letters."},
    )

    def clean_page(self) -> str:
        """Only a page of this site, as a path: "/findings/" (never another site)."""
        page = self.cleaned_data["page"].split("?", 1)[0].split("#", 1)[0]
        if not page.startswith("/") or page.startswith("//") or "\\" in page:
            raise forms.ValidationError("This is not a page of ours.")
        return page[:200]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("answer") and not (cleaned.get("words") or "").strip():
            raise forms.ValidationError("Please choose Yes or No, or write something.")
        return cleaned
