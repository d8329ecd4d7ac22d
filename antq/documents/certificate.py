"""The certificate of recognition on the documents engine: the province's Word template (or
the default one) filled with what `antq.evaluation.certificate` says it holds.

The .docx is made at once (a fill of one page); the PDF is that .docx converted by
LibreOffice on the worker, like every document of this app.
"""

from django.utils.translation import gettext as _

from antq.core.docx_render import render_docx
from antq.core.errors import NotFound
from antq.evaluation import selectors as evaluation
from antq.evaluation.certificate import certificate_content
from antq.evaluation.models import Recognition
from antq.units.models import Unit

KIND = "certificate"


def recognition_of(*, unit: Unit, year: int) -> Recognition:
    """The recognition in force a certificate is made of; NotFound when there is none."""
    recognition = evaluation.recognition_for(
        campaign=evaluation.year_of_unit(unit=unit, year=year), unit=unit
    )
    if recognition is None or not recognition.in_force:
        raise NotFound(
            _("%(unit)s has no recognition in force for %(year)s.")
            % {
                "unit": unit.name,
                "year": year,
            }
        )
    return recognition


def certificate_context(recognition: Recognition) -> dict:
    return certificate_content(recognition)


def certificate_docx(recognition: Recognition) -> bytes:
    from .services import template_for

    context = certificate_context(recognition)
    return render_docx(template_for(KIND, recognition.unit), context, title=context["title"])
