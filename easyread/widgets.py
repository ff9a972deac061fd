"""Pictures chosen by sight: a grid of pictures with their names, and a search box.

Without JavaScript it is a list of radio buttons, each with its picture and name. With
JavaScript (``static/js/picture-choice.js``), a box above the grid hides the pictures
whose names do not match what is typed, and says how many are shown.
"""

from django import forms
from django.templatetags.static import static

from easyread.pictures import PICTURES, picture_path


class PictureChoiceWidget(forms.RadioSelect):
    template_name = "easyread/widgets/picture_choice.html"
    option_template_name = "easyread/widgets/picture_option.html"

    class Media:
        css = {"all": ["css/easyread-admin.css"]}
        js = ["js/picture-choice.js"]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in PICTURES:
            option["picture_url"] = static(picture_path(value))
            option["description"] = PICTURES[value][1]
        return option
