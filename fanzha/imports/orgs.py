"""Importing the org structure: county → towns/streets → villages/communities, police stations and
the villages each covers, member units with their sector, and population/households per year.

One row per unit, or one row per unit and year (the unit's columns repeated or left blank on the
later rows). Rows may come in any order: a parent can follow its children."""

import polars as pl

from fanzha.audit import log as audit
from fanzha.core.stages import run_stages
from fanzha.core.text import normalize
from fanzha.imports import cells
from fanzha.imports.errors import RowError
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Columns, Counts, Importer, column_errors
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit, Population
from fanzha.orgs.tree import move

HEADERS: dict[str, list[str]] = {
    "代码": ["单位代码", "区划代码", "机构代码", "编码", "组织代码"],
    "名称": ["单位名称", "机构名称", "组织名称"],
    "类型": ["单位类型", "机构类型", "层级"],
    "上级代码": ["上级单位代码", "上级编码", "父级代码", "所属单位代码"],
    "行业": ["所属行业", "单位行业"],
    "所属派出所代码": ["派出所代码", "管辖派出所代码", "所属派出所"],
    "年度": ["年份"],
    "人口": ["户籍人口", "常住人口", "人口数", "总人口"],
    "户数": ["户籍户数", "总户数"],
}
KIND_ALIASES = {
    "县": OrgKind.COUNTY,
    "区": OrgKind.COUNTY,
    "县区": OrgKind.COUNTY,
    "县/区": OrgKind.COUNTY,
    "县(区)": OrgKind.COUNTY,
    "市辖区": OrgKind.COUNTY,
    "乡": OrgKind.TOWN,
    "镇": OrgKind.TOWN,
    "乡镇": OrgKind.TOWN,
    "街道": OrgKind.STREET,
    "街道办": OrgKind.STREET,
    "街道办事处": OrgKind.STREET,
    "村": OrgKind.VILLAGE,
    "行政村": OrgKind.VILLAGE,
    "村委会": OrgKind.VILLAGE,
    "社区": OrgKind.COMMUNITY,
    "居委会": OrgKind.COMMUNITY,
    "社区居委会": OrgKind.COMMUNITY,
    "派出所": OrgKind.STATION,
    "公安派出所": OrgKind.STATION,
    "成员单位": OrgKind.MEMBER_UNIT,
    "单位": OrgKind.MEMBER_UNIT,
}
UNIT_FIELDS = ("name", "kind", "parent_id", "sector", "station_id")


class OrgImporter(Importer):
    kind = ImportKind.ORGS
    headers = HEADERS
    required_headers = ("代码", "名称", "类型")
    chunk_rows = 10_000_000  # rows refer to each other (parents, stations): validate the file as one

    def prepare(self) -> None:
        self.db_units = {u.code: u for u in OrgUnit.objects.select_related("parent")}
        # validate() runs in a worker thread and must not reach the database: read parents now
        self.db_parents = {code: u.parent.code for code, u in self.db_units.items() if u.parent_id}
        user = self.user
        self.scope_path = None
        if (
            user is not None
            and not user.is_superuser
            and user.org is not None
            and user.org.parent_id is not None
        ):
            self.scope_path = user.org.path

    def validate(self, chunk: pl.DataFrame, columns: Columns) -> tuple[pl.DataFrame, list[RowError]]:
        c = columns.cell
        kinds = {normalize(k): v.value for k, v in KIND_ALIASES.items()}
        kinds.update({normalize(label): value for value, label in OrgKind.choices})
        code = cells.required(cells.text(c("代码"), "v_code", "e_code", 32, fold_width=True), c("代码"))
        parsers = [
            code,
            cells.text(c("名称"), "v_name", "e_name", 100),
            cells.choice(c("类型"), "v_kind", "e_kind", kinds, "、".join(OrgKind.labels)),
            cells.text(c("上级代码"), "v_parent_code", "e_parent_code", 32, fold_width=True),
            cells.text(c("行业"), "v_sector", "e_sector", 50),
            cells.text(c("所属派出所代码"), "v_station_code", "e_station_code", 32, fold_width=True),
            cells.integer(c("年度"), "v_year", "e_year", 1990, 2100),
            cells.integer(c("人口"), "v_population", "e_population", 0, 200_000_000),
            cells.integer(c("户数"), "v_households", "e_households", 0, 100_000_000),
        ]
        header_of = {
            "code": "代码",
            "name": "名称",
            "kind": "类型",
            "parent_code": "上级代码",
            "sector": "行业",
            "station_code": "所属派出所代码",
            "year": "年度",
            "population": "人口",
            "households": "户数",
        }
        frame = run_stages(chunk, parsers)
        errors = column_errors(frame, {f"e_{n}": h for n, h in header_of.items()}, columns)
        errors += self._check_units(frame, columns)
        return frame, errors

    def _check_units(self, frame: pl.DataFrame, columns: Columns) -> list[RowError]:
        """Cross-row rules: one definition per code, parents and stations that exist, no cycles."""
        errors: list[RowError] = []
        h = columns.header
        self.units: dict[str, dict] = {}
        rows = frame.filter(pl.col("e_code").is_null()).select(
            "_row",
            "v_code",
            "v_name",
            "v_kind",
            "v_parent_code",
            "v_sector",
            "v_station_code",
            "v_year",
            "v_population",
            "v_households",
        )
        for row, code, name, kind, parent, sector, station, year, population, households in rows.iter_rows():
            known = self.units.get(code)
            if known is None:
                if code not in self.db_units and (not name or not kind):
                    missing = "名称" if not name else "类型"
                    errors.append(RowError(row, h(missing), f"新单位「{code}」必须填写{missing}"))
                    continue
                self.units[code] = {
                    "row": row,
                    "name": name,
                    "kind": kind,
                    "parent": parent,
                    "sector": sector,
                    "station": station,
                }
            else:
                for field, value, label in (
                    ("name", name, "名称"),
                    ("kind", kind, "类型"),
                    ("parent", parent, "上级代码"),
                ):
                    if value and known[field] and value != known[field]:
                        errors.append(
                            RowError(
                                row, h(label), f"与第{known['row']}行对同一代码「{code}」的{label}不一致"
                            )
                        )
            if (population is not None or households is not None) and year is None:
                errors.append(RowError(row, h("年度"), "填写了人口或户数，必须填写年度"))
        all_kinds = {code: u.kind for code, u in self.db_units.items()}
        all_kinds.update({code: u["kind"] or all_kinds.get(code) for code, u in self.units.items()})
        for code, unit in self.units.items():
            row, kind = unit["row"], all_kinds.get(code)
            parent = unit["parent"]
            if parent:
                if parent not in all_kinds:
                    errors.append(
                        RowError(row, h("上级代码"), f"找不到上级单位「{parent}」（文件和系统中都没有）")
                    )
                elif parent == code:
                    errors.append(RowError(row, h("上级代码"), "上级代码不能是本单位"))
            elif kind != OrgKind.COUNTY and code not in self.db_units:
                errors.append(RowError(row, h("上级代码"), "除县/区外，每个单位都要填写上级代码"))
            station = unit["station"]
            if station:
                if all_kinds.get(station) != OrgKind.STATION:
                    errors.append(RowError(row, h("所属派出所代码"), f"「{station}」不是已知的派出所代码"))
                elif kind not in PLACE_KINDS:
                    errors.append(RowError(row, h("所属派出所代码"), "只有村、社区需要填写所属派出所"))
            if self.scope_path and parent:
                parent_unit = self.db_units.get(parent)
                if parent_unit is not None and not parent_unit.path.startswith(self.scope_path):
                    errors.append(RowError(row, h("上级代码"), "上级单位不在您的管辖范围内"))
        errors += self._cycles(columns)
        return errors

    def _cycles(self, columns: Columns) -> list[RowError]:
        parent_of = dict(self.db_parents)
        parent_of.update({code: u["parent"] for code, u in self.units.items() if u["parent"]})
        errors = []
        for code, unit in self.units.items():
            seen, node = {code}, parent_of.get(code)
            while node:
                if node in seen:
                    errors.append(RowError(unit["row"], columns.header("上级代码"), "上级关系形成了循环"))
                    break
                seen.add(node)
                node = parent_of.get(node)
        return errors

    def write(self, valid: pl.DataFrame) -> Counts:
        counts = self._write_units(valid, apply=True)
        self._write_populations(valid, counts)
        return counts

    def plan(self, valid: pl.DataFrame) -> Counts:
        return self._write_units(valid, apply=False)

    def _write_units(self, valid: pl.DataFrame, apply: bool) -> Counts:
        counts = Counts()
        valid_codes = set(valid["v_code"].to_list())
        pending = {code: unit for code, unit in self.units.items() if code in valid_codes}
        # parents first: repeat passes until every unit whose parent exists is written
        while pending:
            ready = [code for code, u in pending.items() if not u["parent"] or u["parent"] not in pending]
            for code in ready:
                self._write_unit(code, pending.pop(code), counts, apply)
        return counts

    def _write_unit(self, code: str, row: dict, counts: Counts, apply: bool) -> None:
        """Create or update one unit (only count what would happen unless `apply`)."""
        existing = self.db_units.get(code)
        parent = self.db_units.get(row["parent"]) if row["parent"] else None
        station = self.db_units.get(row["station"]) if row["station"] else None
        if existing is None:
            unit = OrgUnit(
                code=code,
                name=row["name"],
                kind=row["kind"],
                parent=parent,
                sector=row["sector"] or "",
                station=station,
            )
            if apply:
                unit.save()
                audit.record_change(
                    self.user, "create", unit, None, audit.snapshot(unit, ("code", *UNIT_FIELDS))
                )
            counts.created += 1
        else:
            unit = existing
            before = audit.snapshot(unit, ("code", *UNIT_FIELDS))
            new = {
                "name": row["name"] or unit.name,
                "kind": row["kind"] or unit.kind,
                "sector": row["sector"] if row["sector"] else unit.sector,
                "station_id": station.pk if station else unit.station_id,
            }
            parent_changed = row["parent"] and (parent.pk if parent else None) != unit.parent_id
            changed = parent_changed or any(getattr(unit, k) != v for k, v in new.items())
            if not changed:
                counts.unchanged += 1
                return
            counts.updated += 1
            if not apply:
                return
            for key, value in new.items():
                setattr(unit, key, value)
            if parent_changed:
                move(unit, parent)
            else:
                unit.save()
            audit.record_change(
                self.user, "update", unit, before, audit.snapshot(unit, ("code", *UNIT_FIELDS))
            )
        self.db_units[code] = unit

    def _write_populations(self, valid: pl.DataFrame, counts: Counts) -> None:
        rows = valid.filter(pl.col("v_year").is_not_null()).select(
            "v_code", "v_year", "v_population", "v_households"
        )
        for code, year, population, households in rows.iter_rows():
            unit = self.db_units[code]
            record, created = Population.objects.get_or_create(
                org=unit, year=year, defaults={"population": population, "households": households}
            )
            if created:
                audit.record_change(
                    self.user, "create", record, None, {"population": population, "households": households}
                )
                continue
            before = {"population": record.population, "households": record.households}
            after = {
                "population": population if population is not None else record.population,
                "households": households if households is not None else record.households,
            }
            if before != after:
                record.population, record.households = after["population"], after["households"]
                record.save()
                audit.record_change(self.user, "update", record, before, after)
