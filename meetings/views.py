from django.shortcuts import render


def meeting_list(request):
    """The next meeting first, then past meetings."""
    return render(request, "meetings/meeting_list.html")
