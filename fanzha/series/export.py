"""A cluster out of Fanzha: an xlsx workbook for people, and entities + links CSV files for i2
Analyst's Notebook and Gephi. Everything is written as the reader may see it (cases outside the
subtree by station and day only; accounts masked unless shown in clear, which is logged), and every
text cell goes through core.formulas.neutralise.

Columns (docs/series.md repeats them):
- Gephi nodes.csv: Id, Label, Type (案件 / 辖区外案件 / 标识 kind), Station, Date
- Gephi edges.csv: Source, Target, Type (Undirected), Weight (1), Label (the identifier's kind)
- i2 entities.csv: Entity ID, Entity Type, Label, Station, Date
- i2 links.csv: From Entity ID, To Entity ID, Link Type, Label
Entity ids: a case in the subtree is 「案件:<编号>」, one outside 「辖区外:<n>」, an identifier
「<kind>:<as shown>」 (so a masked account stays masked in the file)."""

from django.utils import timezone

from fanzha.core import export
from fanzha.core.money import format_yuan
from fanzha.series.queries import ClusterView

CASE_COLUMNS = ["案件编号", "报案时间", "派出所", "乡镇/街道", "诈骗类型", "损失金额（元）"]


def _day(row) -> str:
    return timezone.localtime(row.reported_at).strftime("%Y-%m-%d")


def case_rows(view: ClusterView):
    yield CASE_COLUMNS
    for r in view.cases:
        if r.pk is None:
            yield ["（辖区外案件）", _day(r), r.station, "", "", ""]
        else:
            yield [
                r.case_number,
                timezone.localtime(r.reported_at).strftime("%Y-%m-%d %H:%M"),
                r.station,
                r.town,
                r.fraud_type,
                format_yuan(r.loss_fen or 0, grouping=False),
            ]


def xlsx_response(view: ClusterView, filename: str):
    rows = list(case_rows(view))
    rows.append([])
    rows.append(["嫌疑人标识", "类型", "本组案件数", "共用案件总数", "是否串并"])
    rows += [
        [i.value, i.kind_label, i.in_cluster, i.holders, "串并" if i.links else i.why_not]
        for i in view.identifiers
    ]
    return export.xlsx_response(rows, filename, f"串并案组{view.cluster.pk}")


def _entities(view: ClusterView):
    """(id, type, label, station, date) of every case and identifier; (from, to, kind) of each holding."""
    nodes = view.network["nodes"]
    entity = {n["id"]: n["entity"] for n in nodes}
    entities = [(n["entity"], n["kind"], n["name"], n["station"], n["date"]) for n in nodes]
    links = [(entity[e["source"]], entity[e["target"]], e["kind"]) for e in view.network["links"]]
    return entities, links


def gephi_nodes(view: ClusterView, filename: str):
    entities, _links = _entities(view)
    rows = [["Id", "Label", "Type", "Station", "Date"], *([e[0], e[2], e[1], e[3], e[4]] for e in entities)]
    return export.csv_response(rows, filename)


def gephi_edges(view: ClusterView, filename: str):
    _entities_, links = _entities(view)
    rows = [
        ["Source", "Target", "Type", "Weight", "Label"],
        *([a, b, "Undirected", 1, kind] for a, b, kind in links),
    ]
    return export.csv_response(rows, filename)


def i2_entities(view: ClusterView, filename: str):
    entities, _links = _entities(view)
    rows = [["Entity ID", "Entity Type", "Label", "Station", "Date"], *(list(e) for e in entities)]
    return export.csv_response(rows, filename)


def i2_links(view: ClusterView, filename: str):
    _entities_, links = _entities(view)
    rows = [
        ["From Entity ID", "To Entity ID", "Link Type", "Label"],
        *([a, b, "持有", kind] for a, b, kind in links),
    ]
    return export.csv_response(rows, filename)


EXPORTS = {
    "gephi-nodes": gephi_nodes,
    "gephi-edges": gephi_edges,
    "i2-entities": i2_entities,
    "i2-links": i2_links,
}
