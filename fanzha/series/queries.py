"""The series' published read interface: a case's panel, a cluster as a reader may see it, and the
search by identifier. Outside the reader's subtree a case is shown by its station and day only (no
number, no personal data, no link): that a series crosses into another jurisdiction, not that
jurisdiction's case. The county office sees everything."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db.models import Count

from fanzha.cases.models import Case
from fanzha.core.masking import mask_account
from fanzha.orgs.scope import sees_everything
from fanzha.series import keys, services
from fanzha.series.models import (
    MASKED_KINDS,
    Cluster,
    Cut,
    Detachment,
    Key,
    KeyKind,
    Link,
    Member,
    WhitelistEntry,
)

GRAPH_CASES = 300  # a larger cluster's graph shows this many cases (the list shows them all)
KIND_LABELS = dict(KeyKind.choices)
LEVEL_NAMES = "一二三四五六七八九"
CUT, DETACHED = "已断开", "已移出"


def shown_value(kind: str, value: str, reveal: bool) -> str:
    return value if reveal or kind not in MASKED_KINDS else mask_account(value)


def level_name(level: int | None) -> str:
    """资金链 levels as the trace names them: 1 → 一级."""
    if not level:
        return ""
    return f"{LEVEL_NAMES[level - 1]}级" if level <= len(LEVEL_NAMES) else f"{level}级"


@dataclass
class CaseRow:
    """A case of a series as this reader may see it: pk None outside the subtree."""

    pk: int | None
    case_number: str
    station: str
    town: str
    reported_at: datetime
    fraud_type: str = ""
    loss_fen: int | None = None
    cut: str = ""  # CUT or DETACHED when this link no longer joins the cases
    level: str = ""  # 资金链: the account's level in this case's trace
    ref: int = field(default=0, repr=False)  # the case's id, for drawing only: never shown


@dataclass
class HeldIdentifier:
    kind: str
    value: str  # as the reader may see it (masked unless revealed)
    holders: int
    in_cluster: int = 0
    links: bool = True
    why_not: str = ""  # 「共用案件超过K起」 or the whitelist's note
    linked: list[CaseRow] = field(default_factory=list)
    levels: str = ""  # 资金链: the account's level(s) in the traces (「二级」「一级、二级」)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def masked(self) -> bool:
        return self.kind in MASKED_KINDS


def _rows(case_ids, user) -> dict[int, CaseRow]:
    """Each case as the reader may see it."""
    ids = list(case_ids)
    visible = set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    rows = {}
    for case in Case.objects.filter(pk__in=ids).select_related("station", "town", "fraud_type"):
        inside = case.pk in visible
        rows[case.pk] = CaseRow(
            pk=case.pk if inside else None,
            case_number=case.case_number if inside else "",
            station=str(case.station or ""),
            town=str(case.town or "") if inside else "",
            reported_at=case.reported_at,
            fraud_type=case.fraud_type.name if inside else "",
            loss_fen=case.loss_fen if inside else None,
            ref=case.pk,
        )
    return rows


def _why_not(kind: str, value: str, holders: int, limit: int, listed: dict) -> str:
    if (kind, value) in listed:
        return f"列入不串并标识（{listed[(kind, value)]}）"
    if holders > limit:
        return f"{holders} 起案件共用，超过 {limit} 起（多为客服热线或大型商户），不作串并"
    return ""


def _listed(pairs) -> dict[tuple[str, str], str]:
    """(kind, value) → the 不串并标识 note; an account listed as 银行卡/账户 or 支付账户 also as 资金链."""
    values = {v for _k, v in pairs}
    listed = {}
    for e in WhitelistEntry.objects.filter(value__in=values):
        listed[(e.kind, e.value)] = e.note
        if e.kind in (KeyKind.BANK, KeyKind.PAYMENT):
            listed[(KeyKind.FUNDS.value, e.value)] = e.note
    return listed


@dataclass
class CasePanel:
    cluster: Cluster | None
    linked: int  # cases linked directly, by a link not cut
    identifiers: list[HeldIdentifier]
    detachments: list[Detachment] = field(default_factory=list)  # 移出: latest first


def case_panel(case: Case, user, reveal: bool = False) -> CasePanel:
    """串并案 of one case: each of its identifiers with the cases holding it too, and its cluster."""
    own_levels = dict(
        ((k, v), n) for k, v, n in Key.objects.filter(case_id=case.pk).values_list("kind", "value", "level")
    )
    own = list(own_levels)
    limit = services.shared_limit()
    listed = _listed(own)
    holders = dict(
        ((k, v), n)
        for k, v, n in Key.objects.filter(value__in=[v for _k, v in own])
        .values_list("kind", "value")
        .annotate(n=Count("case_id"))
        .order_by()
    )
    links = list(Link.objects.filter(low_id=case.pk).values_list("high_id", "kind", "value")) + list(
        Link.objects.filter(high_id=case.pk).values_list("low_id", "kind", "value")
    )
    cut = {
        b if a == case.pk else a
        for a, b in Cut.objects.filter(low_id=case.pk).values_list("low_id", "high_id")
    } | set(Cut.objects.filter(high_id=case.pk).values_list("low_id", flat=True))
    others = {other for other, _k, _v in links}
    rows = _rows(others, user)
    silent = services.muted(others | {case.pk})
    levels = dict(
        ((c, k, v), n)
        for c, k, v, n in Key.objects.filter(case_id__in=others, kind=KeyKind.FUNDS).values_list(
            "case_id", "kind", "value", "level"
        )
    )
    by_key = defaultdict(list)
    joined = set()
    for other, kind, value in links:
        row = replace(rows[other])  # one row per identifier: its own state
        if other in cut:
            row.cut = CUT
        elif (case.pk, kind, value) in silent or (other, kind, value) in silent:
            row.cut = DETACHED
        else:
            joined.add(other)
        row.level = level_name(levels.get((other, kind, value)))
        by_key[(kind, value)].append(row)
    shown = []
    for kind, value in sorted(own):
        n = holders.get((kind, value), 1)
        why = _why_not(kind, value, n, limit, listed)
        linked = sorted(by_key.get((kind, value), []), key=lambda r: r.reported_at, reverse=True)
        shown.append(
            HeldIdentifier(
                kind,
                shown_value(kind, value, reveal),
                n,
                links=not why and n >= 2,
                why_not=why,
                linked=linked,
                levels=f"本案{level_name(own_levels[(kind, value)])}" if own_levels[(kind, value)] else "",
            )
        )
    member = Member.objects.filter(case_id=case.pk).select_related("cluster").first()
    detachments = list(Detachment.objects.filter(case_id=case.pk).select_related("user"))
    return CasePanel(member.cluster if member else None, len(joined), shown, detachments)


def visible_clusters(user):
    """Clusters with at least one case in the reader's subtree (the county office: all of them)."""
    if getattr(user, "is_authenticated", False) and sees_everything(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(members__case_id__in=Case.objects.visible_to(user).values("pk")).distinct()


@dataclass
class ClusterView:
    cluster: Cluster
    cases: list[CaseRow]  # by report time
    outside: int
    loss_fen: int  # of the cases in the reader's subtree
    fraud_types: list[tuple[str, int]]
    stations: list[tuple[str, int]]
    towns: list[tuple[str, int]]
    identifiers: list[HeldIdentifier]
    links: list[tuple[CaseRow, CaseRow, list[str], str]]  # a, b, identifiers (as shown), CUT/DETACHED/""
    cuts: list[Cut]
    detached: list[tuple[CaseRow, Detachment]]  # cases taken out (移出) of this series, latest first
    graph: dict  # what the page draws (the first GRAPH_CASES cases)
    network: dict  # every case: what the exports write


def cluster_view(cluster: Cluster, user, reveal: bool = False) -> ClusterView:
    member_ids = list(Member.objects.filter(cluster=cluster).values_list("case_id", flat=True))
    rows = _rows(member_ids, user)
    cases = sorted(rows.values(), key=lambda r: r.reported_at)
    inside = [r for r in cases if r.pk is not None]
    limit = services.shared_limit()
    level_of = {
        (c, k, v): n
        for c, k, v, n in Key.objects.filter(case_id__in=member_ids).values_list(
            "case_id", "kind", "value", "level"
        )
    }
    held = list(level_of)
    pairs = {(k, v) for _c, k, v in held}
    listed = _listed(pairs)
    total = dict(
        ((k, v), n)
        for k, v, n in Key.objects.filter(value__in=[v for _k, v in pairs])
        .values_list("kind", "value")
        .annotate(n=Count("case_id"))
        .order_by()
    )
    holders_in = defaultdict(set)
    for case_id, kind, value in held:
        holders_in[(kind, value)].add(case_id)
    # an identifier only cases outside the subtree hold is theirs: not shown
    seen_keys = {key for key, ids in holders_in.items() if any(rows[c].pk is not None for c in ids)}
    identifiers = []
    for kind, value in sorted(seen_keys, key=lambda k: (-len(holders_in[k]), k)):
        n = total.get((kind, value), 1)
        why = _why_not(kind, value, n, limit, listed)
        levels = sorted(
            {level_of[(c, kind, value)] for c in holders_in[(kind, value)] if rows[c].pk is not None} - {None}
        )
        identifiers.append(
            HeldIdentifier(
                kind,
                shown_value(kind, value, reveal),
                n,
                in_cluster=len(holders_in[(kind, value)]),
                links=not why and n >= 2,
                why_not=why,
                levels="、".join(level_name(level) for level in levels),
            )
        )
    cut_rows = list(Cut.objects.filter(low_id__in=member_ids).select_related("user")) + list(
        Cut.objects.filter(high_id__in=member_ids).exclude(low_id__in=member_ids).select_related("user")
    )
    cut_pairs = {(c.low_id, c.high_id) for c in cut_rows}
    silent = services.muted(member_ids)
    via, state = defaultdict(list), {}
    for low, high, kind, value in Link.objects.filter(low_id__in=member_ids).values_list(
        "low_id", "high_id", "kind", "value"
    ):
        if high not in rows:
            continue
        if (kind, value) in seen_keys:
            name = f"{KIND_LABELS[kind]} {shown_value(kind, value, reveal)}"
            if kind == KeyKind.FUNDS:
                ends = (level_name(level_of.get((c, kind, value))) for c in (low, high))
                name += "（" + " / ".join(ends) + "）"
            via[(low, high)].append(name)
        else:
            via[(low, high)].append("辖区外标识")
        if (low, high) in cut_pairs:
            state[(low, high)] = CUT
        elif (low, kind, value) in silent or (high, kind, value) in silent:
            state.setdefault((low, high), DETACHED)
        else:
            state[(low, high)] = ""
    links = [(rows[low], rows[high], names, state[(low, high)]) for (low, high), names in sorted(via.items())]
    return ClusterView(
        cluster=cluster,
        cases=cases,
        outside=len(cases) - len(inside),
        loss_fen=sum(r.loss_fen or 0 for r in inside),
        fraud_types=Counter(r.fraud_type for r in inside).most_common(),
        stations=Counter(r.station for r in cases).most_common(),
        towns=Counter(r.town for r in inside if r.town).most_common(),
        identifiers=identifiers,
        links=links,
        cuts=cut_rows,
        detached=detached_from(member_ids, seen_keys, user),
        graph=network(cases, held, seen_keys, reveal, GRAPH_CASES),
        network=network(cases, held, seen_keys, reveal),
    )


def detached_from(member_ids, seen_keys, user) -> list[tuple[CaseRow, Detachment]]:
    """The cases taken out (移出) of the series these cases form: those whose muted identifiers are
    held by its cases (as the reader may see them)."""
    holders = Key.objects.filter(value__in={value for _kind, value in seen_keys}).values("case_id")
    found = [
        d
        for d in Detachment.objects.filter(case_id__in=holders)
        .exclude(case_id__in=member_ids)
        .select_related("user")
        if any(tuple(key) in seen_keys for key in d.keys)
    ]
    rows = _rows({d.case_id for d in found}, user)
    return sorted(((rows[d.case_id], d) for d in found), key=lambda pair: pair[1].at, reverse=True)


def network(cases: list[CaseRow], held, seen_keys, reveal: bool, most: int | None = None) -> dict:
    """Cases and the identifiers they hold, as the reader may see them: nodes (id, name, category,
    entity: the id an export writes, kind) and links (source, target, kind). Cases outside the
    subtree are 「辖区外 n」 in report order; identifiers only they hold are left out."""
    shown = cases if most is None else cases[:most]
    nodes, edges, names = [], [], {}
    outside = 0
    for r in shown:
        if r.pk:
            names[r.ref] = f"c{r.ref}"
            nodes.append(
                {
                    "id": names[r.ref],
                    "name": r.case_number,
                    "category": 0,
                    "entity": f"案件:{r.case_number}",
                    "kind": "案件",
                    "station": r.station,
                    "date": f"{r.reported_at:%Y-%m-%d}",
                }
            )
        else:
            outside += 1
            names[r.ref] = f"x{outside}"
            nodes.append(
                {
                    "id": names[r.ref],
                    "name": f"辖区外 · {r.station} · {r.reported_at:%m-%d}",
                    "category": 1,
                    "entity": f"辖区外:{outside}",
                    "kind": "辖区外案件",
                    "station": r.station,
                    "date": f"{r.reported_at:%Y-%m-%d}",
                }
            )
    key_ids = {}
    for case_id, kind, value in sorted(held):
        if case_id not in names or (kind, value) not in seen_keys:
            continue
        label = KIND_LABELS[kind]
        if (kind, value) not in key_ids:
            key_ids[(kind, value)] = f"k{len(key_ids)}"
            text = shown_value(kind, value, reveal)
            nodes.append(
                {
                    "id": key_ids[(kind, value)],
                    "name": f"{label} {text}",
                    "category": 2,
                    "entity": f"{label}:{text}",
                    "kind": label,
                    "station": "",
                    "date": "",
                }
            )
        edges.append({"source": names[case_id], "target": key_ids[(kind, value)], "kind": label})
    return {
        "nodes": nodes,
        "links": edges,
        "categories": [{"name": "案件"}, {"name": "辖区外案件"}, {"name": "嫌疑人标识"}],
        "truncated": most is not None and len(cases) > most,
    }


@dataclass
class SearchHit:
    kind: str
    value: str
    holders: int
    cases: list[CaseRow]
    clusters: list[int]
    why_not: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def masked(self) -> bool:
        return self.kind in MASKED_KINDS


def search(text: str, user, reveal: bool = False, limit_cases: int = 50) -> list[SearchHit]:
    """Every normalised identifier the text may be, with the cases holding it (as the reader may see
    them, latest first) and their clusters."""
    forms = keys.search_keys(text)
    forms |= {(KeyKind.FUNDS.value, v) for k, v in forms if k in (KeyKind.BANK, KeyKind.PAYMENT)}  # 资金链
    if not user.has_perm("cases.view_pii"):  # as on the case list: accounts only for those who may see them
        forms = {(kind, value) for kind, value in forms if kind not in MASKED_KINDS}
    if not forms:
        return []
    values = {v for _k, v in forms}
    found = [
        ((kind, value), n)
        for kind, value, n in Key.objects.filter(value__in=values)
        .values_list("kind", "value")
        .annotate(n=Count("case_id"))
        .order_by("kind", "value")
        if (kind, value) in forms
    ]
    listed = _listed({key for key, _n in found})
    limit = services.shared_limit()
    hits = []
    for (kind, value), n in found:
        holders = Key.objects.filter(kind=kind, value=value).values("case_id")
        # the latest cases in the database (a hotline's thousands are never all read)
        latest = list(
            Case.objects.filter(pk__in=holders)
            .order_by("-reported_at", "-id")
            .values_list("pk", flat=True)[:limit_cases]
        )
        rows = _rows(latest, user)
        clusters = sorted(set(Member.objects.filter(case_id__in=latest).values_list("cluster_id", flat=True)))
        seen = (
            set(visible_clusters(user).filter(pk__in=clusters).values_list("pk", flat=True))
            if clusters
            else set()
        )
        hits.append(
            SearchHit(
                kind,
                shown_value(kind, value, reveal),
                n,
                [rows[pk] for pk in latest],
                [c for c in clusters if c in seen],
                _why_not(kind, value, n, limit, listed),
            )
        )
    return hits


def links_rule_text() -> str:
    limit = services.shared_limit()
    return f"同一标识由 2 至 {limit} 起案件共用时串并；超过 {limit} 起或列入不串并标识的只显示、不串并。"
