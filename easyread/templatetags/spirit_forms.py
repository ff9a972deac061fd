from django import template

register = template.Library()


@register.filter
def is_group(field) -> bool:
    """Whether a form field is a set of radio buttons or tick boxes (shown in a fieldset)."""
    return field.widget_type in ("radioselect", "checkboxselectmultiple")


@register.filter
def error_target(field) -> str:
    """The id an error-summary link goes to: the field, or the first choice in a group."""
    return f"{field.auto_id}_0" if is_group(field) else field.auto_id


@register.filter
def described_by(field) -> str:
    """The ids of a field's hint and error message, for aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def widget_described(field):
    """The field's input, pointing screen readers at its hint and its error message."""
    ids = described_by(field)
    return field.as_widget(attrs={"aria-describedby": ids} if ids else None)


@register.filter
def first_field_id(form):
    """The id of the form's first visible field: where a whole-form error summary link goes."""
    fields = form.visible_fields()
    return fields[0].auto_id if fields else ""


@register.simple_tag(takes_context=True)
def error_prefix(context):
    """'Error: ' at the start of the page title when the page's form has a problem."""
    form = context.get("form")
    return "Error: " if getattr(form, "errors", None) else ""


@register.simple_tag(takes_context=True)
def optional(context, name):
    """A context value that a view sets only sometimes (allauth's ``token_fail``), else None."""
    return context.get(name)
