"""What ``make bench`` counts as the requests of a page: what a browser fetches to show it."""

from bench.pages import page_weight

PAGE = b"""<!doctype html><html><head>
<link rel="stylesheet" href="/static/css/spirit.css">
<link rel="icon" href="/favicon.ico" sizes="48x48">
<link rel="icon" href="/static/pictures/home.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">
<link rel="manifest" href="/manifest.webmanifest">
<script src="/static/js/spirit.js" defer></script>
</head><body><img src="/static/pictures/money.svg" alt=""></body></html>"""


def test_the_page_its_style_script_one_icon_and_the_manifest_are_counted():
    weight = page_weight(PAGE)

    # The page, its stylesheet, its script, one of the two icons and the manifest: the
    # picture is counted apart, and the home-screen icon is fetched only when saved there.
    assert weight["requests"] == 5
    assert weight["pictures"] == 1
