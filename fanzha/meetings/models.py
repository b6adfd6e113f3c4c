"""研判会商 and 联席会议: the meetings of the centre as records — date, attendees, the figures tabled
(frozen when the meeting is held), minutes (纪要) and decisions that become member-unit duties
(prevention.Duty) — and the office's corrections to the holiday calendar (节假日日历) the monthly
会商's date is read from (docs/meetings.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class MeetingKind(models.TextChoices):
    CONSULTATION = "consultation", "研判会商"
    JOINT = "joint", "联席会议"


class MeetingState(models.TextChoices):
    PLANNED = "planned", "待召开"
    HELD = "held", "已召开"


class Meeting(models.Model):
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="召集单位", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("会议日期")
    title = models.CharField("会议名称", max_length=200)
    venue = models.CharField("地点", max_length=100, blank=True)
    chair = models.CharField("主持人", max_length=50, blank=True)
    figures_month = models.CharField("研判月份", max_length=7, help_text="如 2026-11：会上通报该月的发案数据")
    attendee_units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name="参会单位", blank=True, related_name="meetings_attended"
    )
    attendee_people = models.TextField("参会人员", blank=True, help_text="每行一人：单位 姓名 职务")
    minutes = models.TextField("会议纪要", blank=True)
    figures = models.JSONField("会上通报的数据", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    held_at = models.DateTimeField("确认召开时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_held(self) -> bool:
        return self.state == MeetingState.HELD


class Decision(models.Model):
    """A decision of a meeting (议定事项): a duty of one unit with a deadline, tracked as a
    prevention.Duty."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.CharField("议定事项", max_length=200)
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField("完成时限")
    duty = models.OneToOneField(
        "prevention.Duty",
        verbose_name="任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        ordering = ["deadline", "id"]

    def __str__(self):
        return f"{self.org} {self.text}"


class DayKind(models.TextChoices):
    WORKDAY = "workday", "工作日"
    HOLIDAY = "holiday", "节假日"
    LIBRARY = "library", "撤销更正（按节假日库）"


class HolidayOverride(models.Model):
    """One correction of the holiday calendar: a day made a 工作日 or a 节假日 (or the correction
    withdrawn). Rows are never changed: the latest row for a day is in force, the earlier ones are its
    history."""

    day = models.DateField("日期", db_index=True)
    kind = models.CharField("更正为", max_length=10, choices=DayKind.choices)
    note = models.CharField("说明", max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField("更正时间", default=timezone.now)

    class Meta:
        verbose_name = "节假日更正"
        verbose_name_plural = "节假日更正"
        ordering = ["day", "id"]

    def __str__(self):
        return f"{self.day} {self.get_kind_display()}"
