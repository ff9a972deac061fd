from django.shortcuts import render


def seminar_list(request):
    """Seminars people can sign up for."""
    return render(request, "seminars/seminar_list.html")
