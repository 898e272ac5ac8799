"""The survey form residents fill in on the web; the JSON API takes the same answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.security.honeypot import HoneypotInput

from .elements import ELEMENTS
from .models import SUGGESTION_MAX, SurveyResponse


def _element_field(element):
    return forms.TypedChoiceField(
        label=element.name,
        help_text=element.question,
        choices=[(score, label) for score, label in enumerate(element.answers, start=1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one answer for this question."),
            "invalid_choice": _("Choose one of the four answers."),
        },
    )


def _profile_field(label, choices):
    return forms.ChoiceField(
        label=label,
        choices=[("", _("Prefer not to say"))] + list(choices),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the answers in the list.")},
    )


class SurveyForm(forms.Form):
    age_band = _profile_field(_("Age"), SurveyResponse.AgeBand.choices)
    sex = _profile_field(_("Sex"), SurveyResponse.Sex.choices)
    education = _profile_field(_("Education"), SurveyResponse.Education.choices)
    occupation = _profile_field(_("Occupation"), SurveyResponse.Occupation.choices)
    suggestion = forms.CharField(
        label=_("Suggestion for better service (optional)"),
        required=False,
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write names, phone numbers or other personal data."),
    )
    # A honeypot: people never see it, simple bots fill it in.
    # The honeypot: hidden from people (aria-hidden, off the tab order), filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            self.fields[element.field] = _element_field(element)
        # Elements first, in the regulation's order, then the optional profile.
        order = [element.field for element in ELEMENTS]
        self.order_fields(order)

    def element_fields(self):
        return [(element, self[element.field]) for element in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("age_band", "sex", "education", "occupation")]

    def answers(self) -> list[int]:
        return [self.cleaned_data[element.field] for element in ELEMENTS]

    def profile(self) -> dict:
        return {
            name: self.cleaned_data.get(name, "")
            for name in ("age_band", "sex", "education", "occupation")
        }

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
