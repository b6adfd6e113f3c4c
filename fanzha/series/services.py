"""Every change to the series goes through here: linking saved cases at once (relink), the full
recompute (rebuild), and the analysts' decisions (confirm a cluster, cut a link, take a case out of
a cluster, the whitelist), each in one transaction and the decisions audited. A decision survives
every recompute: a cut link stays cut, a case taken out stays out, a confirmation moves with its
cluster's earliest case. A case's identifiers are the ledger's (cases.SuspectIdentifier) and those
other apps derive (series/sources.py: 资金链)."""

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.cases.models import SuspectIdentifier
from fanzha.imports.bulk import insert_rows
from fanzha.parameters import config
from fanzha.series import keys, rules, sources
from fanzha.series.models import (
    Cluster,
    Cut,
    Detachment,
    Key,
    KeyKind,
    Link,
    Member,
    WhitelistEntry,
)

IN_BATCH = 5_000  # ids per IN (…) list
# a larger set of saved cases (a big import) is linked by the full recompute instead
RELINK_AT_MOST = 20_000
ANALYZE_AFTER_ROWS = 100_000  # a recompute that wrote this many rows refreshes the planner's statistics
SHARED_LIMIT = "series.shared_limit"  # the rule parameter K (default rules.SHARED_LIMIT_DEFAULT)
CLUSTER_AUDIT = ("size", "confirmed_at", "confirmed_size", "confirm_reason")


def shared_limit() -> int:
    """K: an identifier held by more cases than this links nothing (a county setting)."""
    return int(config.current()[SHARED_LIMIT])


def whitelist() -> set[tuple[str, str]]:
    """The (kind, value) that link nothing; an account listed as 银行卡/账户 or 支付账户 links no
    资金链 either (a clearing or payment institution's account)."""
    listed = set(WhitelistEntry.objects.values_list("kind", "value"))
    accounts = {(KeyKind.FUNDS.value, v) for k, v in listed if k in (KeyKind.BANK, KeyKind.PAYMENT)}
    return listed | accounts


def muted(case_ids=None) -> set[tuple[int, str, str]]:
    """(case, kind, value): identifiers that no longer link a case taken out of a series (移出)."""
    rows = Detachment.objects.all()
    found = set()
    for part in [None] if case_ids is None else _chunks(case_ids):
        chosen = rows if part is None else rows.filter(case_id__in=part)
        for case_id, held in chosen.values_list("case_id", "keys"):
            found |= {(case_id, kind, value) for kind, value in held}
    return found


@dataclass
class Outcome:
    cases: int = 0  # cases whose identifiers were read
    keys: int = 0
    links: int = 0
    clusters: int = 0  # clusters written (all of them for a rebuild)
    joined: int = 0  # of the saved cases, those linked to a case outside them
    seconds: dict[str, float] = field(default_factory=dict)


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), IN_BATCH):
        yield values[start : start + IN_BATCH]


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


# --- incremental -----------------------------------------------------------------------------------


@transaction.atomic
def relink(case_ids) -> Outcome:
    """Link these (just saved) cases: their normalised identifiers, the links of every identifier they
    hold or held, and the clusters those touch."""
    ids = sorted(set(case_ids))
    if not ids:
        return Outcome()
    if len(ids) > RELINK_AT_MOST:
        outcome = rebuild()
        outcome.joined = _joined(ids)
        return outcome
    before: set[tuple[str, str]] = set()
    rows = []
    for part in _chunks(ids):
        before |= set(Key.objects.filter(case_id__in=part).values_list("kind", "value"))
        rows += SuspectIdentifier.objects.filter(case_id__in=part).values_list("case_id", "kind", "value")
        Key.objects.filter(case_id__in=part).delete()
    frame = _with_derived(
        keys.normalise(
            pl.DataFrame(
                rows, schema={"case_id": pl.Int64, "kind": pl.String, "value": pl.String}, orient="row"
            )
        ),
        sources.read(ids),
    )
    Key.objects.bulk_create(
        [Key(case_id=c, kind=k, value=v, level=n) for c, k, v, n in frame.iter_rows()], batch_size=2000
    )
    affected = before | set(frame.select("kind", "value").iter_rows())
    clusters = _relink(affected)
    return Outcome(cases=len(ids), keys=frame.height, clusters=clusters, joined=_joined(ids))


def _with_derived(found: pl.DataFrame, derived: pl.DataFrame) -> pl.DataFrame:
    """The ledger's normal forms (case_id, kind, value) and the derived identifiers (… , level)."""
    return pl.concat([found.with_columns(pl.lit(None, pl.Int64).alias("level")), derived]).unique(
        subset=["case_id", "kind", "value"], keep="first"
    )


def _relink_keys(affected: set[tuple[str, str]], limit: int, skipped: set[tuple[str, str]]):
    """Rewrite the links of these identifiers from who holds them now; → (the cases whose links
    changed, whether any link went away, the links new now)."""
    values = {value for _kind, value in affected}
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    before: set[tuple] = set()
    for part in _chunks(values):
        for kind, value, case_id in Key.objects.filter(value__in=part).values_list(
            "kind", "value", "case_id"
        ):
            holders[(kind, value)].append(case_id)
        old = Link.objects.filter(value__in=part)
        before |= set(old.values_list("low_id", "high_id", "kind", "value"))
    now: set[tuple] = set()
    for (kind, value), cases in holders.items():
        if not rules.links(len(cases), limit, (kind, value) in skipped):
            continue
        cases.sort()
        now |= {(a, b, kind, value) for i, a in enumerate(cases) for b in cases[i + 1 :]}
    gone, fresh = before - now, now - before
    still = {(k, v) for _a, _b, k, v in now}
    for kind, value in {(k, v) for _a, _b, k, v in gone} - still:  # an identifier that links no more
        Link.objects.filter(kind=kind, value=value).delete()
    for low, high, kind, value in gone:
        if (kind, value) in still:
            Link.objects.filter(low_id=low, high_id=high, kind=kind, value=value).delete()
    Link.objects.bulk_create(
        [Link(low_id=a, high_id=b, kind=k, value=v) for a, b, k, v in fresh], batch_size=2000
    )
    touched = {case for row in gone | fresh for case in row[:2]}
    return touched, bool(gone), fresh


def _relink(affected: set[tuple[str, str]]) -> int:
    """Relink these identifiers and update the clusters: a merge when links were only added (a case
    joining a series touches only that series), a recomputation of the touched clusters when one went."""
    touched, removed, added = _relink_keys(affected, shared_limit(), whitelist())
    if removed:
        return _recluster(touched)
    return _merge(touched, added)


def _merge(touched: set[int], added: set[tuple[int, int, str, str]]) -> int:
    """Links were only added: each cluster or lone case they join becomes one cluster, numbered by its
    smallest case id; members of the others are moved by one UPDATE. → clusters written."""
    if not added:
        return 0
    cut = set()
    for part in _chunks(touched):
        cut |= set(Cut.objects.filter(low_id__in=part).values_list("low_id", "high_id"))
    silent = muted(touched)
    edges = sorted({(a, b) for a, b, k, v in added if rules.joins(a, b, k, v, cut, silent)})
    cluster_of = {}
    for part in _chunks(touched):
        cluster_of.update(Member.objects.filter(case_id__in=part).values_list("case_id", "cluster_id"))
    clusters = {c.pk: c for c in Cluster.objects.filter(pk__in=set(cluster_of.values()))}
    nodes = np.array(sorted({cluster_of.get(c, c) for c in touched}), dtype=np.int64)
    low = np.array([cluster_of.get(a, a) for a, _b in edges], dtype=np.int64)
    high = np.array([cluster_of.get(b, b) for _a, b in edges], dtype=np.int64)
    groups = defaultdict(list)
    for node, anchor in zip(nodes.tolist(), rules.components(nodes, low, high).tolist(), strict=True):
        groups[anchor].append(node)
    now, written = timezone.now(), 0
    for anchor, group in groups.items():
        if len(group) < 2:
            continue
        merged = [clusters[n] for n in group if n in clusters]
        lone = [n for n in group if n not in clusters]
        target = clusters.get(anchor) or Cluster(pk=anchor)
        for old in merged:
            if old.confirmed_at and target.confirmed_at is None:
                target.confirmed_at, target.confirmed_by_id = old.confirmed_at, old.confirmed_by_id
                target.confirmed_size, target.confirm_reason = old.confirmed_size, old.confirm_reason
        target.size, target.updated_at = sum(c.size for c in merged) + len(lone), now
        target.save()
        others = [c.pk for c in merged if c.pk != anchor]
        Member.objects.filter(cluster_id__in=others).update(cluster_id=anchor)
        Cluster.objects.filter(pk__in=others).delete()
        Member.objects.bulk_create([Member(case_id=n, cluster_id=anchor) for n in lone])
        written += 1
    return written


def _recluster(touched: set[int]) -> int:
    """Recompute the components of the touched cases and of every case in their clusters (a set the
    links never leave); → the number of clusters written."""
    old_clusters: set[int] = set()
    for part in _chunks(touched):
        old_clusters |= set(Member.objects.filter(case_id__in=part).values_list("cluster_id", flat=True))
    members = set(touched)
    for part in _chunks(old_clusters):
        members |= set(Member.objects.filter(cluster_id__in=part).values_list("case_id", flat=True))
    links, cut = set(), set()
    for part in _chunks(members):
        links |= set(Link.objects.filter(low_id__in=part).values_list("low_id", "high_id", "kind", "value"))
        cut |= set(Cut.objects.filter(low_id__in=part).values_list("low_id", "high_id"))
    silent = muted(members)
    edges = {(a, b) for a, b, k, v in links if b in members and rules.joins(a, b, k, v, cut, silent)}
    case_ids = np.array(sorted(members), dtype=np.int64)
    pairs = np.array(sorted(edges), dtype=np.int64).reshape(-1, 2)
    anchors = rules.components(case_ids, pairs[:, 0], pairs[:, 1])
    for part in _chunks(members):
        Member.objects.filter(case_id__in=part).delete()
    frame = pl.DataFrame({"case_id": case_ids, "cluster_id": anchors})
    _insert_members(_write_clusters(frame, old_clusters))
    return frame.filter(pl.col("case_id") != pl.col("cluster_id"))["cluster_id"].n_unique()


def _write_clusters(frame: pl.DataFrame, old_clusters: set[int]) -> pl.DataFrame:
    """Write the Cluster rows of `frame` (case_id, cluster_id: its smallest case id; one-case
    components are dropped) and retire the old clusters that no longer anchor one (their members must
    be gone already); → the members to keep. A confirmation moves to the cluster that now holds its
    old cluster's earliest case."""
    sizes = frame.group_by("cluster_id").len().filter(pl.col("len") >= 2)
    kept = frame.join(sizes.select("cluster_id"), on="cluster_id", how="semi")
    size_of = dict(sizes.iter_rows())
    now = timezone.now()
    existing = {c.pk: c for part in _chunks(size_of) for c in Cluster.objects.filter(pk__in=part)}
    retired = [
        c for part in _chunks(old_clusters - set(size_of)) for c in Cluster.objects.filter(pk__in=part)
    ]
    home = dict(frame.filter(pl.col("case_id").is_in([c.pk for c in retired])).iter_rows())
    created = [
        Cluster(pk=anchor, size=n, updated_at=now) for anchor, n in size_of.items() if anchor not in existing
    ]
    new_by_id = {c.pk: c for c in created}
    for old in retired:
        target = existing.get(home.get(old.pk)) or new_by_id.get(home.get(old.pk))
        if old.confirmed_at and target is not None and target.confirmed_at is None:
            target.confirmed_at, target.confirmed_by_id = old.confirmed_at, old.confirmed_by_id
            target.confirmed_size, target.confirm_reason = old.confirmed_size, old.confirm_reason
    for part in _chunks([c.pk for c in retired]):
        Cluster.objects.filter(pk__in=part).delete()
    changed = []
    for anchor, cluster in existing.items():
        if cluster.size != size_of[anchor] or anchor in {home.get(o.pk) for o in retired}:
            cluster.size, cluster.updated_at = size_of[anchor], now
            changed.append(cluster)
    Cluster.objects.bulk_update(
        changed,
        ["size", "updated_at", "confirmed_at", "confirmed_by", "confirmed_size", "confirm_reason"],
        batch_size=2000,
    )
    if len(created) > 10_000:
        insert_rows(
            Cluster,
            pl.DataFrame({"id": [c.pk for c in created], "size": [c.size for c in created]}).with_columns(
                pl.lit(now).alias("updated_at"), pl.lit("").alias("confirm_reason")
            ),
        )
    else:
        Cluster.objects.bulk_create(created, batch_size=2000)
    return kept


def _insert_members(members: pl.DataFrame) -> None:
    if members.height > 10_000:
        insert_rows(Member, members.select("case_id", "cluster_id"))
    else:
        Member.objects.bulk_create(
            [Member(case_id=c, cluster_id=k) for c, k in members.select("case_id", "cluster_id").iter_rows()],
            batch_size=2000,
        )


def _delete_ids(model, column: str, ids: list[int]) -> None:
    """DELETE by a list of ids, in chunks, with no ORM collection (nothing cascades from these rows)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for part in _chunks(ids):
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"DELETE FROM {table} WHERE {connection.ops.quote_name(column)} IN ({marks})", part
            )


def _sync(model, fresh: pl.DataFrame, columns: list[str], schema: dict) -> tuple[int, int]:
    """Make the model's table hold exactly the rows of `fresh` (compared on `columns`): the rows that
    went are deleted, the new ones inserted, the rest left alone. → (deleted, inserted)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    stored = _read(f"SELECT id, {names} FROM {table}", {"id": pl.Int64, **schema})
    gone = stored.join(fresh, on=columns, how="anti", nulls_equal=True)["id"].to_list()
    new = fresh.join(stored, on=columns, how="anti", nulls_equal=True).select(columns)
    _delete_ids(model, "id", gone)
    insert_rows(model, new)
    return len(gone), new.height


def _joined(ids: list[int]) -> int:
    """How many of these cases are linked (by a link not cut) to a case outside them."""
    inside = set(ids)
    joined = set()
    cut = set()
    for part in _chunks(ids):
        cut |= set(Cut.objects.filter(low_id__in=part).values_list("low_id", "high_id"))
        cut |= set(Cut.objects.filter(high_id__in=part).values_list("low_id", "high_id"))
    silent = muted()
    for part in _chunks(ids):
        for field_name in ("low_id", "high_id"):
            rows = Link.objects.filter(**{f"{field_name}__in": part}).values_list(
                "low_id", "high_id", "kind", "value"
            )
            for low, high, kind, value in rows:
                if not rules.joins(low, high, kind, value, cut, silent):
                    continue
                if (low in inside) != (high in inside):
                    joined.add(low if low in inside else high)
    return len(joined)


# --- full recompute -------------------------------------------------------------------------------


def _read(sql: str, schema: dict) -> pl.DataFrame:
    """A query's rows as a frame: COPY on PostgreSQL (a million rows in about a second), else fetchall."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
                data = b"".join(bytes(block) for block in copy)
            if not data:
                return pl.DataFrame(schema=schema)
            return pl.read_csv(data, has_header=False, new_columns=list(schema), schema=schema)
        cursor.execute(sql)
        return pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")


def compute(
    identifiers: pl.DataFrame,
    limit: int,
    skipped: set[tuple[str, str]],
    cut: pl.DataFrame,
    derived: pl.DataFrame | None = None,
    silent: set[tuple[int, str, str]] = frozenset(),
):
    """The whole series from the ledger's identifiers (case_id, kind, value) and the derived ones
    (case_id, kind, value, level: sources.read()), the cut pairs and the identifiers muted for the
    cases taken out: → (keys, links, members) frames. Pure: no database (the benchmark times it alone)."""
    found = _with_derived(
        keys.normalise(identifiers), pl.DataFrame(schema=sources.SCHEMA) if derived is None else derived
    )
    holders = found.group_by("kind", "value").len("holders")
    skip = pl.DataFrame(list(skipped), schema={"kind": pl.String, "value": pl.String}, orient="row")
    linking = (
        holders.filter((pl.col("holders") >= 2) & (pl.col("holders") <= limit))
        .join(skip, on=["kind", "value"], how="anti")
        .select("kind", "value")
    )
    held = found.join(linking, on=["kind", "value"], how="semi")
    links = (
        held.join(held, on=["kind", "value"], suffix="_other")
        .filter(pl.col("case_id") < pl.col("case_id_other"))
        .select(pl.col("case_id").alias("low_id"), pl.col("case_id_other").alias("high_id"), "kind", "value")
    )
    mute = pl.DataFrame(
        list(silent), schema={"case_id": pl.Int64, "kind": pl.String, "value": pl.String}, orient="row"
    )
    joining = links.join(
        mute, left_on=["low_id", "kind", "value"], right_on=["case_id", "kind", "value"], how="anti"
    ).join(mute, left_on=["high_id", "kind", "value"], right_on=["case_id", "kind", "value"], how="anti")
    edges = joining.select("low_id", "high_id").unique().join(cut, on=["low_id", "high_id"], how="anti")
    linked = pl.concat([edges["low_id"], edges["high_id"]]).unique().sort()
    anchors = rules.components(linked.to_numpy(), edges["low_id"].to_numpy(), edges["high_id"].to_numpy())
    members = pl.DataFrame({"case_id": linked, "cluster_id": anchors})
    return found, links, members


@transaction.atomic
def rebuild() -> Outcome:
    """Recompute every key, link and cluster from the case ledger (after a change of K, or as a check);
    cuts, confirmations and the whitelist are kept and applied."""
    seconds = {}
    start = time.perf_counter()
    table = connection.ops.quote_name(SuspectIdentifier._meta.db_table)
    identifiers = _read(
        f"SELECT case_id, kind, value FROM {table}",
        {"case_id": pl.Int64, "kind": pl.String, "value": pl.String},
    )
    cut = _read(
        f"SELECT low_id, high_id FROM {connection.ops.quote_name(Cut._meta.db_table)}",
        {"low_id": pl.Int64, "high_id": pl.Int64},
    )
    seconds["read"] = time.perf_counter() - start
    start = time.perf_counter()
    derived = sources.read()
    found, links, members = compute(identifiers, shared_limit(), whitelist(), cut, derived, muted())
    seconds["compute"] = time.perf_counter() - start
    start = time.perf_counter()
    # only what changed is written: a recompute of an unchanged ledger reads and compares
    text = {"kind": pl.String, "value": pl.String}
    written = sum(
        _sync(
            Key,
            found,
            ["case_id", "kind", "value", "level"],
            {"case_id": pl.Int64, **text, "level": pl.Int64},
        )
    )
    written += sum(
        _sync(
            Link,
            links,
            ["low_id", "high_id", "kind", "value"],
            {"low_id": pl.Int64, "high_id": pl.Int64, **text},
        )
    )
    stored = _read(
        f"SELECT case_id, cluster_id FROM {connection.ops.quote_name(Member._meta.db_table)}",
        {"case_id": pl.Int64, "cluster_id": pl.Int64},
    )
    sizes = members.group_by("cluster_id").len().filter(pl.col("len") >= 2)
    kept = members.join(sizes, on="cluster_id", how="semi")
    moved = kept.join(stored, on=["case_id", "cluster_id"], how="anti")
    gone = stored.join(kept, on="case_id", how="anti")
    _delete_ids(Member, "case_id", moved["case_id"].to_list() + gone["case_id"].to_list())
    _write_clusters(members, set(Cluster.objects.values_list("id", flat=True)))
    _insert_members(moved)
    if connection.vendor == "postgresql" and written + moved.height > ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:  # the planner's statistics, before the pages read these tables
            for model in (Key, Link, Member, Cluster):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    seconds["write"] = time.perf_counter() - start
    return Outcome(
        cases=identifiers["case_id"].n_unique(),
        keys=found.height,
        links=links.height,
        clusters=sizes.height,
        seconds={name: round(value, 3) for name, value in seconds.items()},
    )


# --- decisions ------------------------------------------------------------------------------------


@transaction.atomic
def confirm_cluster(user, cluster: Cluster, reason: str) -> Cluster:
    """An analyst confirms the cluster as one series (串并确认), with a reason."""
    before = audit.snapshot(cluster, CLUSTER_AUDIT)
    cluster.confirmed_at, cluster.confirmed_by = timezone.now(), user
    cluster.confirmed_size, cluster.confirm_reason = cluster.size, reason.strip()
    cluster.save()
    audit.record_change(user, "update", cluster, before, audit.snapshot(cluster, CLUSTER_AUDIT))
    return cluster


@transaction.atomic
def cut_link(user, a: int, b: int, reason: str) -> Cut:
    """An analyst cuts the link between two cases, with a reason: they are no longer one series by
    that link, now and after every recompute."""
    low, high = _ordered(a, b)
    cut, _created = Cut.objects.update_or_create(
        low_id=low, high_id=high, defaults={"reason": reason.strip(), "user": user, "at": timezone.now()}
    )
    audit.record_change(user, "create", cut, None, {"low": low, "high": high, "reason": cut.reason})
    _recluster({low, high})
    return cut


@transaction.atomic
def restore_link(user, cut: Cut, reason: str) -> None:
    """Undo a cut (the two cases link again through what they share), with a reason."""
    before = {"low": cut.low_id, "high": cut.high_id, "reason": cut.reason}
    audit.record_change(user, "delete", cut, before, {"restore_reason": reason.strip()})
    pair = {cut.low_id, cut.high_id}
    cut.delete()
    _recluster(pair)


@transaction.atomic
def detach_case(user, cluster: Cluster, case_id: int, reason: str) -> Detachment:
    """移出此案: an analyst takes one case out of a cluster, with a reason, as one audited decision.
    Every link it has inside the cluster is cut: the identifiers by which it is linked there link it
    to nothing any more (now, after every recompute, after a re-import or save of the case, and to
    cases entered later that share them). The cluster's figures are recomputed without it."""
    members = set(Member.objects.filter(cluster=cluster).values_list("case_id", flat=True))
    if case_id not in members:
        raise ValueError("该案件不在本串并案组中")
    held = set()
    for field_name in ("low_id", "high_id"):
        for low, high, kind, value in Link.objects.filter(**{field_name: case_id}).values_list(
            "low_id", "high_id", "kind", "value"
        ):
            if (high if low == case_id else low) in members:
                held.add((kind, value))
    detachment = Detachment.objects.create(
        case_id=case_id,
        cluster_number=cluster.pk,
        cluster_size=cluster.size,
        keys=[list(key) for key in sorted(held)],
        reason=reason.strip(),
        user=user,
        at=timezone.now(),
    )
    _recluster({case_id})
    carried = None
    if case_id == cluster.pk and cluster.confirmed_at:  # the earliest case left: its confirmation stays
        rest = Cluster.objects.filter(members__case_id=min(members - {case_id}), confirmed_at__isnull=True)
        carried = rest.values_list("pk", flat=True).first()
        rest.update(
            confirmed_at=cluster.confirmed_at,
            confirmed_by=cluster.confirmed_by_id,
            confirmed_size=cluster.confirmed_size,
            confirm_reason=cluster.confirm_reason,
        )
    # one change row for the decision, which names where the cluster's confirmation went
    audit.record_change(
        user,
        "create",
        detachment,
        None,
        {
            "case": case_id,
            "cluster": cluster.pk,
            "identifiers": len(held),
            "reason": detachment.reason,
            **({"confirmation_kept_by": carried} if carried else {}),
        },
    )
    return detachment


@transaction.atomic
def undo_detachment(user, detachment: Detachment, reason: str) -> None:
    """撤销移出: the case links again through what it shares (with a reason, audited)."""
    case_id = detachment.case_id
    before = {"case": case_id, "cluster": detachment.cluster_number, "reason": detachment.reason}
    audit.record_change(user, "delete", detachment, before, {"undo_reason": reason.strip()})
    detachment.delete()
    linked = set(Link.objects.filter(low_id=case_id).values_list("high_id", flat=True))
    linked |= set(Link.objects.filter(high_id=case_id).values_list("low_id", flat=True))
    _recluster({case_id} | linked)


@transaction.atomic
def add_to_whitelist(user, kind: str, value: str, note: str) -> WhitelistEntry:
    entry = WhitelistEntry.objects.create(kind=kind, value=value, note=note.strip(), added_by=user)
    audit.record_change(user, "create", entry, None, audit.snapshot(entry, ("kind", "value", "note")))
    _relink({(kind, value)})
    return entry


@transaction.atomic
def remove_from_whitelist(user, entry: WhitelistEntry, reason: str) -> None:
    before = audit.snapshot(entry, ("kind", "value", "note"))
    audit.record_change(user, "delete", entry, before, {"reason": reason.strip()})
    key = (entry.kind, entry.value)
    entry.delete()
    _relink({key})
