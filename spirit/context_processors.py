from django.urls import reverse

# The same places, in the same order, on every page: (word, URL name, picture).
PLACES = [
    ("Home", "home", "home"),
    ("Findings", "evidence:list", "findings"),
    ("Meetings", "meetings:list", "meetings"),
    ("Seminars", "seminars:list", "seminars"),
]


def navigation(request):
    """The header's places, with the one the person is in marked as current."""
    path = request.path
    places = []
    for word, url_name, picture in PLACES:
        url = reverse(url_name)
        is_current = path == url if url == "/" else path.startswith(url)
        places.append({"word": word, "url": url, "picture": picture, "is_current": is_current})
    return {"navigation_places": places}
