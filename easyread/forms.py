"""Forms for the easy-read tools."""

from django import forms
from django.forms.renderers import TemplatesSetting

from easyread.choices import CONTRASTS, PICTURE_CHOICES, TEXT_SIZES


class FormRenderer(TemplatesSetting):
    """Every form field on a member page, ``{{ form.name.as_field_group }}``, is drawn by one
    template: easyread/field.html (label, hint, the easy-read error, then the input)."""

    field_template_name = "easyread/field.html"


class ReadingChoicesForm(forms.Form):
    """How big the words are, the colours, and pictures on or off."""

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
