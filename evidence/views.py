from django.shortcuts import render


def finding_list(request):
    """The findings library."""
    return render(request, "evidence/finding_list.html")
