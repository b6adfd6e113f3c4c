"""The demo county's last two monthly 研判会商 (held, the figures fixed, minutes written, decisions given
to stations and member units: one accepted, one late, one open), the next one planned on the rule's
date, and a 联席会议 of the member units (docs/meetings.md)."""

from datetime import date, datetime, time, timedelta

from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.meetings import queries, services
from fanzha.meetings.models import MeetingKind
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.prevention import duties

MINUTES = (
    "会议通报了{month}全县电信网络诈骗发案形势，刷单返利、虚假投资理财类案件仍居高位。\n"
    "会议要求各派出所对发案排名靠前的村（社区）开展集中宣传，各成员单位落实行业防范责任。"
)


def _month_before(day: date) -> Period:
    return Period.month_of(day).previous()


def create(admin) -> str:
    today = queries.today()
    stations = list(OrgUnit.objects.filter(kind=OrgKind.STATION).order_by("code")[:3])
    members = list(OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT, sector="学校").order_by("code")[:1])
    members += list(OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT, sector="银行").order_by("code")[:2])
    people = "县反诈中心 王建国 主任\n" + "\n".join(f"{s.name} 所长" for s in stations)
    made = []
    last = Period.month_of(today).previous()
    for month in (last.previous(), last):
        day = queries.consultation_day(month.year, month.first_month)
        figures = _month_before(day)
        meeting = services.register(
            admin,
            admin.org,
            services.MeetingInput(
                kind=MeetingKind.CONSULTATION,
                held_on=day,
                title=f"{day.year}年{day.month}月研判会商",
                figures_month=str(figures),
                venue="县公安局三楼会议室",
                chair="县反诈中心主任 王建国",
                attendee_units=stations + members,
                attendee_people=people,
                minutes=MINUTES.format(month=figures.label),
            ),
        )
        with clock.frozen(datetime.combine(day, time(17, 0), tzinfo=BEIJING)):  # confirmed that afternoon
            services.hold(admin, meeting)
        made.append(meeting)
    older, newer = made
    accepted = services.decide(
        admin,
        older,
        stations[0],
        "对发案排名前三的村（社区）开展入户集中宣传",
        older.held_on + timedelta(days=10),
    )
    duties.submit(admin, accepted.duty, "已对3个村（社区）开展入户宣传，走访1200户")
    duties.review(admin, accepted.duty, accept=True, note="")
    services.decide(
        admin, older, members[-1], "对涉诈开户开展专项排查", older.held_on + timedelta(days=15)
    )  # late
    services.decide(
        admin, newer, members[0], "组织全体师生观看反诈警示教育片", newer.held_on + timedelta(days=40)
    )
    upcoming = queries.next_consultation(today)
    services.register(
        admin,
        admin.org,
        services.MeetingInput(
            kind=MeetingKind.CONSULTATION,
            held_on=upcoming.day,
            title=f"{upcoming.day.year}年{upcoming.day.month}月研判会商",
            figures_month=str(_month_before(upcoming.day)),
        ),
    )
    joint_day = newer.held_on + timedelta(days=5)
    joint = services.register(
        admin,
        admin.org,
        services.MeetingInput(
            kind=MeetingKind.JOINT,
            held_on=joint_day,
            title="县打击治理电信网络诈骗联席会议",
            figures_month=str(_month_before(joint_day)),
            attendee_units=members,
            chair="县政府办 副主任",
        ),
    )
    if joint_day <= today:
        with clock.frozen(datetime.combine(joint_day, time(17, 0), tzinfo=BEIJING)):
            services.hold(admin, joint)
    return f"研判会商 3 次（下次 {upcoming.day:%Y-%m-%d}），联席会议 1 次，议定事项 3 项"
