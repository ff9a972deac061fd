"""Pictures chosen by sight: a grid of pictures with their names, and a search box.

Without JavaScript it is a list of radio buttons, each with its picture and name. With
JavaScript (``static/js/picture-choice.js``), a box above the grid hides the pictures
whose names do not match what is typed, and says how many are shown. Facilitators' own
uploaded pictures (``OwnPicture``) come after the built-in ones, marked "Our own picture".
"""

from django import forms
from django.templatetags.static import static

from easyread.models import OwnPicture
from easyread.pictures import PICTURES, is_own, picture_path


class PictureChoiceWidget(forms.RadioSelect):
    template_name = "easyread/widgets/picture_choice.html"
    option_template_name = "easyread/widgets/picture_option.html"

    class Media:
        css = {"all": ["css/easyread-admin.css"]}
        js = ["js/picture-choice.js"]

    def get_context(self, name, value, attrs):
        # The uploaded pictures, read once for the whole grid (not once a picture).
        self.own = {picture.key: picture for picture in OwnPicture.objects.all()}
        return super().get_context(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["is_own"] = False
        option["title"] = value
        if value in PICTURES:
            option["picture_url"] = static(picture_path(value))
            option["description"] = PICTURES[value][1]
            option["title"] = value
        elif is_own(value) and value in getattr(self, "own", {}):
            own = self.own[value]
            option["picture_url"] = own.image.url
            option["description"] = own.alt_text
            option["title"] = own.name
            option["is_own"] = True
        return option
