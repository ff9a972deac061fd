from django import template

register = template.Library()


@register.filter
def widget_described(field):
    """The field's input, pointing screen readers at its hint and its error message."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


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
