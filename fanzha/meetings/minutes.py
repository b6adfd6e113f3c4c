"""A meeting's 纪要 (minutes) as a Word document, through the reports machinery (the office's
template, letterhead, numbered sections and tables): the meeting's facts, the figures tabled, the
minutes as written, and the decisions with their units, deadlines and duty states."""

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings.models import Meeting
from fanzha.reports.content import Content, chinese_date, default_issuer
from fanzha.reports.tables import Section, Table
from fanzha.reports.word import render_docx

NUMERALS = "一二三四五六七八九十"


def attendees(meeting: Meeting) -> tuple[str, list[str]]:
    units = "、".join(u.display_name for u in meeting.attendee_units.order_by("path"))
    people = [line.strip() for line in meeting.attendee_people.splitlines() if line.strip()]
    return units, people


def figure_sections(figures: dict | None) -> tuple[list[str], list[Table]]:
    if not figures:
        return ["会议尚未确认召开，会上通报的数据在确认召开时生成。"], []
    text = (
        f"{figures['label']}，{figures['unit']}发案{figures['cases']}起（同比{figures['cases_yoy']}，"
        f"环比{figures['cases_mom']}），损失{figures['loss']}（同比{figures['loss_yoy']}），"
        f"万人发案数{figures['per_10k']}。"
    )
    tables = []
    for ranking in figures["rankings"]:
        columns = ["排名", "单位", "发案数", "损失", "万人发案数"]

        def rows(entries, rank_key="rank_cases"):
            return [[str(e[rank_key]), e["name"], str(e["cases"]), e["loss"], e["per_10k"]] for e in entries]

        tables.append(
            Table(f"{ranking['level']}发案数排名靠前", columns, rows(ranking["top"]), empty="本月无发案")
        )
        if ranking["bottom"]:
            tables.append(Table(f"{ranking['level']}发案数排名靠后", columns, rows(ranking["bottom"])))
        if ranking["top_per_10k"]:  # none: no case, or no population to divide by (member units)
            tables.append(
                Table(
                    f"{ranking['level']}万人发案数排名靠前",
                    columns,
                    rows(ranking["top_per_10k"], "rank_per_10k"),
                )
            )
    return [text], tables


def minutes_content(meeting: Meeting, today=None) -> Content:
    today = today or clock.now().astimezone(BEIJING).date()
    issuer = default_issuer(meeting.org.name) if meeting.org.parent_id is None else meeting.org.name
    units, people = attendees(meeting)
    facts = [f"{chinese_date(meeting.held_on)}，{meeting.org.name}召开{meeting.get_kind_display()}。"]
    if meeting.venue:
        facts[0] = facts[0].rstrip("。") + f"（地点：{meeting.venue}）。"
    if meeting.chair:
        facts.append(f"会议由{meeting.chair}主持。")
    if units:
        facts.append(f"参会单位：{units}。")
    if people:
        facts.append("参会人员：" + "；".join(people) + "。")
    figure_text, tables = figure_sections(meeting.figures)
    body = [p.strip() for p in meeting.minutes.splitlines() if p.strip()] or ["（纪要正文尚未填写）"]
    decisions = [
        [
            str(index),
            d.text,
            d.org.display_name,
            f"{d.deadline:%Y-%m-%d}",
            d.duty.get_status_display() if d.duty else "—",
        ]
        for index, d in enumerate(meeting.decisions.select_related("org", "duty"), start=1)
    ]
    sections = [
        Section("一、会议基本情况", facts),
        Section("二、发案形势研判", figure_text, tables),
        Section("三、会议内容", body),
        Section(
            "四、议定事项",
            ["会议议定以下事项，由责任单位按时限落实并报送落实情况，县反诈中心跟踪验收。"]
            if decisions
            else [],
            [
                Table(
                    "议定事项及落实情况", ["序号", "议定事项", "责任单位", "完成时限", "落实情况"], decisions
                )
            ],
        ),
    ]
    return Content(
        title=f"{meeting.title}纪要",
        issuer=issuer,
        number=f"{meeting.get_kind_display()}纪要",
        intro=f"{meeting.title}于{chinese_date(meeting.held_on)}召开，现将会议主要情况纪要如下：",
        sections=sections,
        signatory=issuer,
        dated=chinese_date(today),
        note="注：议定事项的落实情况以平台“成员单位任务”中的状态为准。",
    )


def minutes_docx(meeting: Meeting) -> bytes:
    return render_docx(minutes_content(meeting))
