"""The org tree: county → towns/streets → villages/communities, police stations and member units.

The tree is an adjacency list plus a materialised path (/1/12/305/) kept by `OrgUnit.save()`;
a changed parent rewrites the descendants' paths in the same transaction (see `tree`)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction

from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.naming import display_name_expression, qualify
from fanzha.orgs.scope import scoped_manager
from fanzha.orgs.tree import TreeError, refuse_cycle, rewrite_subtree


class OrgUnit(models.Model):
    code = models.CharField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100, db_index=True)
    kind = models.CharField("类型", max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("路径", max_length=255, db_index=True, editable=False, default="")
    level = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sector = models.CharField("行业", max_length=50, blank=True)
    station = models.ForeignKey(
        "self",
        verbose_name="所属派出所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="covered_units",
        limit_choices_to={"kind": OrgKind.STATION},
    )
    has_service_duties = models.BooleanField(
        "具有服务管理职责", default=False, help_text="003 无诈单位标准4 只适用于具有服务管理职责的单位"
    )
    is_active = models.BooleanField("启用", default=True)

    objects = scoped_manager("id", ("station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["path"]
        permissions = [("import_orgs", "导入组织机构")]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        """Keep path and level; a new parent moves the whole subtree along (read from the database,
        not from parent objects in memory, which may predate an earlier move)."""
        with transaction.atomic():
            old_path = ""
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs = {"update_fields": ["path", "level"]}
            else:
                old_path = self._stored_path(self.pk, lock=True)
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "path", "level"}
            parent_path = self._stored_path(self.parent_id, lock=True) if self.parent_id else "/"
            refuse_cycle(self, old_path, parent_path)
            self.path = f"{parent_path}{self.pk}/"
            self.level = self.path.count("/") - 2
            kwargs.pop("force_insert", None)
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                rewrite_subtree(OrgUnit.objects.all(), old_path, self.path)

    def clean(self):
        super().clean()
        if self.pk is not None and self.parent_id is not None:
            try:
                refuse_cycle(self, self._stored_path(self.pk), self._stored_path(self.parent_id))
            except TreeError as error:
                raise ValidationError({"parent": str(error)}) from None

    @staticmethod
    def _stored_path(pk, lock: bool = False) -> str:
        """The path as stored; `lock` (inside the move's transaction) holds the row until it commits,
        so two moves at once cannot both pass refuse_cycle on PostgreSQL (SQLite has one writer)."""
        rows = OrgUnit.objects.filter(pk=pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("path", flat=True).first() or ""

    @property
    def display_name(self) -> str:
        """The unit's name as every page, export and document shows it (see `naming`): a village
        or community with its town before it. Select `parent` with the unit in lists."""
        if self.kind not in PLACE_KINDS or self.parent_id is None:
            return self.name
        return qualify(self.kind, self.name, self.parent.name)

    @staticmethod
    def display_names(ids=None) -> dict[int, str]:
        """{id: display name} of the units `ids` (every unit without), in one query."""
        units = OrgUnit.objects.all() if ids is None else OrgUnit.objects.filter(pk__in=list(ids))
        return dict(units.annotate(shown=display_name_expression()).values_list("id", "shown"))

    @property
    def full_name(self) -> str:
        """某某镇/某某村 — the path of names below the county."""
        return "/".join(u.name for u in self.ancestors(include_self=True) if u.parent_id is not None)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self, include_self=False):
        ids = self.ancestor_ids()
        if not include_self:
            ids = ids[:-1]
        by_id = OrgUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class Population(models.Model):
    """人口与户数 of one unit for one year: the denominator of 万人发案数 and of coverage rates."""

    org = models.ForeignKey(
        OrgUnit, verbose_name="组织", on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1990)])
    population = models.PositiveIntegerField("人口", null=True, blank=True)
    households = models.PositiveIntegerField("户数", null=True, blank=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "人口户数"
        verbose_name_plural = "人口户数"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="population_unique_org_year")]
        ordering = ["org__path", "-year"]

    def __str__(self):
        return f"{self.org} {self.year}"
