"""Forms: they check the shape of what people type. The rules (places, duplicates) are in
services.py. Every error message is one short easy-read sentence that says how to fix it."""

import re

from django import forms

from core.emails import normalise_email
from easyread.admin import ReadabilityTextarea
from seminars.models import Registration, Survey, SurveyQuestion
from seminars.services import AUDIENCES, message_recipients

NULL_CHARACTERS = {"null_characters_not_allowed": "Remove the unusual characters."}
YES_NO = [("yes", "Yes"), ("no", "No")]
PHONE_CHARACTERS = re.compile(r"^[0-9+()\-\s.]+$")


class PlainEmailField(forms.EmailField):
    """An email address in its plain form (someone@ｅｘａｍｐｌｅ.org is someone@example.org),
    made before it is checked, so a full-width keyboard still gives a good address."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class SignUpForm(forms.ModelForm):
    """The sign-up form: one idea per question, a hint where it helps."""

    name = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={
            "required": "Write your name.",
            "max_length": "Your name must be 200 letters or fewer.",
            **NULL_CHARACTERS,
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = PlainEmailField(
        label="Your email address",
        help_text="We send your place to this email.",
        max_length=254,
        error_messages={
            "required": "Write your email address.",
            "invalid": "Write your email address like name@example.org.",
            "max_length": "Your email address must be 254 letters or fewer.",
            **NULL_CHARACTERS,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Your phone number (you do not have to give it)",
        help_text="We only phone if something changes.",
        required=False,
        max_length=40,
        error_messages={
            "max_length": "Your phone number must be 40 numbers or fewer.",
            **NULL_CHARACTERS,
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    role = forms.ChoiceField(
        label="Who are you?",
        choices=Registration.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who you are.",
            "invalid_choice": "Choose who you are from the list.",
        },
    )
    access_needs = forms.MultipleChoiceField(
        label="What do you need to take part?",
        help_text="Tick all that you need. You can leave them all empty.",
        choices=Registration.AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose what you need from the list."},
    )
    access_needs_other = forms.CharField(
        label="Tell us more about what you need (you do not have to)",
        help_text="For example, food you cannot eat.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "Please write 2000 letters or fewer.",
            **NULL_CHARACTERS,
        },
    )
    has_support_worker = forms.TypedChoiceField(
        label="Is a support worker coming with you?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say if a support worker is coming with you.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    has_consented = forms.BooleanField(
        label="I agree that SPIRIT keeps my details until after the seminar",
        help_text="Only SPIRIT facilitators see them.",
        error_messages={"required": "Tick the box to say we can keep your details."},
    )
    # A honeypot: people never see it; computer programs that send spam fill it in.
    leave_empty = forms.CharField(
        label="Leave this box empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "phone",
            "role",
            "access_needs",
            "access_needs_other",
            "has_support_worker",
            "has_consented",
        ]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE_CHARACTERS.match(phone) or not 7 <= len(digits) <= 15):
            raise forms.ValidationError(
                "Write your phone number with numbers only, like 01234 567890."
            )
        return phone

    def clean_leave_empty(self):
        if self.cleaned_data["leave_empty"]:
            raise forms.ValidationError("Leave the last box empty.")
        return ""

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("access_needs") or []
        other = (cleaned.get("access_needs_other") or "").strip()
        if "other" in needs and not other:
            self.add_error("access_needs_other", "Tell us what else you need.")
        return cleaned

    def service_data(self) -> dict:
        """What the sign-up service needs, from the checked form."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SendLinkForm(forms.Form):
    """Ask for the secret link again: just the email address."""

    prefix = "link"  # it can sit on the sign-up page, beside that form's own email box

    email = PlainEmailField(
        label="Your email address",
        help_text="The address you signed up with.",
        max_length=254,
        error_messages=SignUpForm.base_fields["email"].error_messages,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SurveyForm(forms.Form):
    """A planning survey: one field for each question the facilitators set."""

    def __init__(self, *args, survey: Survey, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(questions)
        for question in self.questions:
            key = f"question_{question.pk}"
            self.fields[key] = self._field_for(question)
            earlier = self.initial.get(key)
            if question.kind == SurveyQuestion.Kind.CHOOSE_ONE and isinstance(earlier, list):
                self.initial[key] = earlier[0]

    @staticmethod
    def _field_for(question: SurveyQuestion) -> forms.Field:
        common = {
            "label": question.text,
            "help_text": question.hint,
            "required": question.is_required,
        }
        if question.kind == SurveyQuestion.Kind.IDEA:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=2000,
                error_messages={
                    "required": "Write your idea.",
                    "max_length": "Please write 2000 letters or fewer.",
                    **NULL_CHARACTERS,
                },
                **common,
            )
        choices = [(str(choice.pk), choice.text) for choice in question.choices.all()]
        if question.kind == SurveyQuestion.Kind.CHOOSE_MANY:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": "Tick at least 1 answer.",
                    "invalid_choice": "Choose from the list.",
                },
                **common,
            )
        return forms.ChoiceField(
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose 1 answer.",
                "invalid_choice": "Choose from the list.",
            },
            **common,
        )

    @staticmethod
    def initial_from(response) -> dict:
        """A member's earlier answers, to fill the form in again."""
        if response is None:
            return {}
        initial: dict[str, list[str] | str] = {}
        for answer in response.answers.all():
            key = f"question_{answer.question_id}"
            if answer.choice_id:
                initial.setdefault(key, []).append(str(answer.choice_id))
            else:
                initial[key] = answer.text
        return initial

    def answers(self) -> dict[int, list[int] | str]:
        """Question id: chosen choice ids, or the idea written."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            if question.kind == SurveyQuestion.Kind.IDEA:
                result[question.pk] = (value or "").strip()
            elif question.kind == SurveyQuestion.Kind.CHOOSE_MANY:
                result[question.pk] = [int(pk) for pk in value or []]
            else:
                result[question.pk] = [int(value)] if value else []
        return result


class EmailEveryoneForm(forms.Form):
    """A facilitator's easy-read message to everyone with a place, the waiting list, or
    both. The easy-read check shows under the message; it warns, it never blocks."""

    subject = forms.CharField(
        label="Subject (what the email is about)",
        max_length=150,
        help_text="For example: The room has changed.",
    )
    message = forms.CharField(
        label="Your message",
        help_text=(
            "Easy read: short sentences, one idea on each line. We add Hello and their name "
            "at the top, and the seminar's details and their secret link at the bottom."
        ),
        max_length=5000,
        widget=ReadabilityTextarea(attrs={"rows": 10}),
    )
    audience = forms.ChoiceField(
        label="Who gets it?",
        choices=[(key, label) for key, (label, _) in AUDIENCES.items()],
        initial="places",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience:
            self.first_person = message_recipients(self.seminar, audience).first()
            if self.first_person is None:
                self.add_error("audience", "Nobody is in this group yet. Choose another.")
        return cleaned

    def email_parts(self) -> dict:
        return {"subject": self.cleaned_data["subject"], "message": self.cleaned_data["message"]}
