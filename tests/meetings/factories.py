"""Factories for meetings: make_<thing>(**overrides) helpers."""

import datetime

import factory

from meetings.models import Attendance, Decision, Meeting, MeetingPart, NextStep, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Member group {n}")
    address = "1 High Street"
    town = "Southampton"
    how_to_get_there = "Take the bus to the High Street.\nThe door is next to the bank."
    accessibility_notes = "There are no steps at the front door."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: n + 10)
    title = factory.Sequence(lambda n: f"Meeting number {n + 10}")
    slug = factory.Sequence(lambda n: f"meeting-{n + 10}")
    held_on = factory.Sequence(lambda n: datetime.date(2015, 1, 1) + datetime.timedelta(days=n))
    start_time = datetime.time(10, 30)
    end_time = datetime.time(15, 0)
    venue = factory.SubFactory(VenueFactory)
    summary = "We met and talked.\nWe had tea."
    status = Meeting.Status.PUBLISHED


class MeetingPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingPart

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Part about topic {n}")
    picture = "talk"
    led_by = "Mel"
    easy_read = "We talked about money.\nIt was a good talk."
    notes = "<p>The notes.</p>"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"We all agree: idea {n} is good.")


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NextStep

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    what = factory.Sequence(lambda n: f"Do thing number {n}.")
    who = "Andrew"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    status = Attendance.Status.PRESENT


def make_venue(**overrides):
    return VenueFactory(**overrides)


def make_meeting(**overrides):
    return MeetingFactory(**overrides)


def make_part(**overrides):
    return MeetingPartFactory(**overrides)


def make_decision(**overrides):
    return DecisionFactory(**overrides)


def make_next_step(**overrides):
    return NextStepFactory(**overrides)


def make_attendance(**overrides):
    return AttendanceFactory(**overrides)
