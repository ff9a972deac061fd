import pytest
from django.urls import reverse

from meetings import seeds as meeting_seeds
from seminars import seeds
from seminars.models import Seminar, Survey, SurveyQuestion
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_seeds_load_the_launch_seminar_in_planning_and_are_idempotent():
    first = seeds.load()
    second = seeds.load()
    assert first == second
    seminar = Seminar.objects.get()
    assert seminar.stage == Seminar.Stage.PLANNING
    assert seminar.state == Seminar.State.PLANNING
    assert seminar.starts_at is None
    assert seminar.format == Seminar.Format.WORKSHOP
    assert seminar.opening_question == "What is research?"
    assert "Find out about the person sitting beside you." in seminar.opening_activity
    assert "Inclusive Research in Norway project" in seminar.date_plan
    assert "May 2016" in seminar.date_plan
    assert "podcasts" in seminar.format_description
    assert list(seminar.sessions.values_list("kind", flat=True)) == [
        "workshop",
        "talk",
        "discussion",
    ]
    survey = Survey.objects.get()
    assert survey.seminar == seminar
    assert list(survey.questions.values_list("text", flat=True)) == [
        "What should our key message be?",
        "Do you have your own idea for the key message?",
        "Who would you like to speak at the seminar?",
    ]
    assert SurveyQuestion.objects.get(order=1).choices.count() == 3


def test_seeds_link_the_seminar_to_the_second_meeting_once_meetings_exist():
    meeting_seeds.load()
    summary = seeds.load()
    seminar = Seminar.objects.get()
    assert seminar.planned_at.number == 2
    assert seminar.planned_at.is_published
    assert summary == (
        "1 seminar in planning (3 parts, planned at the second meeting), 1 survey with 3 questions"
    )


def test_seeded_seminar_page_explains_the_plan(client):
    meeting_seeds.load()
    seeds.load()
    html = client.get("/seminars/launch-seminar/").content.decode()
    assert "<h1>Our launch seminar: turning research into action</h1>" in html
    assert "<p>We have not chosen a date yet.</p>" in html
    assert "<p>We will find a date with the Inclusive Research in Norway project.</p>" in html
    assert "<strong>What is research?</strong>" in html
    assert (
        'href="/seminars/surveys/launch-seminar-planning/">Help us plan our launch seminar</a>'
        in html
    )


def test_a_member_answers_the_planning_survey_once_and_can_change_it(client):
    seeds.load()
    member = make_member()
    client.force_login(member)
    survey = Survey.objects.get()
    key, own, speakers = survey.questions.all()
    choice = key.choices.get(text="Research can be turned into action")
    url = reverse("seminars:survey", kwargs={"slug": survey.slug})
    response = client.post(
        url, {f"question_{key.pk}": choice.pk, f"question_{speakers.pk}": "Mel"}, follow=True
    )
    assert "Thank you. We have saved your answers." in response.content.decode()
    html = client.get(url).content.decode()
    assert f'value="{choice.pk}" id="id_question_{key.pk}_0" checked>' in html
    assert 'value="Mel"' not in html  # a textarea keeps its text between the tags
    assert ">\nMel</textarea>" in html
    client.post(url, {f"question_{own.pk}": "Research is for everyone"})
    [response] = survey.responses.all()
    assert [str(answer) for answer in response.answers.all()] == ["Research is for everyone"]


def test_the_survey_asks_visitors_to_log_in(client):
    seeds.load()
    response = client.get(reverse("seminars:survey", kwargs={"slug": "launch-seminar-planning"}))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_wrong_choice_in_the_survey_is_an_easy_read_error(client):
    seeds.load()
    client.force_login(make_member())
    key = SurveyQuestion.objects.get(order=1)
    url = reverse("seminars:survey", kwargs={"slug": "launch-seminar-planning"})
    response = client.post(url, {f"question_{key.pk}": "999999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Help us plan our launch seminar" in html
    assert html.count("Choose from the list.") == 2
