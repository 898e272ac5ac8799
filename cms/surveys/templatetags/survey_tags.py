from django import template

from cms.surveys.links import survey_path_for_complaint

register = template.Library()


@register.simple_tag
def survey_link_for(complaint):
    """Return the survey path for a closed, unrated complaint, or "" (no query while open)."""
    return survey_path_for_complaint(complaint) or ""
