"""Spreadsheet files that are safe to open: text that looks like a formula stays text.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can run as a
formula in Excel or LibreOffice (OWASP "CSV injection"). Every export writes such a cell
with a single quote in front, so the spreadsheet shows the text and runs nothing. This is
the one place that rule lives: the portal's own CSV files and django-import-export's
exports (``SafeExportResource``) both use it.
"""

from import_export import resources

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write in a cell: text that starts like a formula gets a quote first."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def safe_row(row: dict) -> dict:
    """A row for ``csv.DictWriter`` with every cell made safe."""
    return {key: safe_cell(value) for key, value in row.items()}


def unsafe_cell(value):
    """Undo ``safe_cell`` on a cell read back from one of our exports."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeExportResource(resources.ModelResource):
    """A django-import-export resource whose exported cells are made safe.

    Importing a file it exported takes the quote off again, so nothing changes.
    """

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = unsafe_cell(value)
        super().before_import_row(row, **kwargs)
