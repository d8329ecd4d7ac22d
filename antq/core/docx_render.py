"""Render a Word template (docxtpl: Jinja inside Word) into a document, strictly.

A plain function any app may call: `render_docx(template_path, context) -> bytes`. A
placeholder missing from the context is an error naming it, never an empty hole. Every text
of the context is made writable first (`antq.core.bounds.printable`): one bad name stored
before the input checks existed must not stop a document.
"""

import io
import re
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError

from .bounds import printable


class TemplateRenderError(ValueError):
    """The template could not be rendered; `placeholder` names the one at fault."""

    def __init__(self, placeholder: str, detail: str):
        super().__init__(detail)
        self.placeholder = placeholder
        self.detail = detail


_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')")


def _placeholder_of(error: Exception) -> str:
    text = str(error)
    match = _UNDEFINED.search(text)
    if match:
        return ".".join(part for part in match.groups() if part)
    return text


def _writable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _writable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_writable(item) for item in value]
    return value


def render_docx(template_path: str | Path | io.BytesIO, context: dict, *, title: str = "") -> bytes:
    """Fill the template with `context` and return the .docx bytes (`title`: its metadata)."""
    try:
        template = DocxTemplate(template_path)
        environment = Environment(undefined=StrictUndefined, autoescape=True)
        template.render(_writable(context), jinja_env=environment)
    except UndefinedError as error:
        raise TemplateRenderError(_placeholder_of(error), str(error)) from error
    except TemplateSyntaxError as error:
        raise TemplateRenderError(error.message or str(error), str(error)) from error
    except Exception as error:  # a damaged file, not a Word document
        raise TemplateRenderError("", str(error)) from error
    if title:
        template.docx.core_properties.title = printable(title)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
