"""入户宣传: the households of each village and the visits to them (入户宣传工作登记表).

`VisitedHousehold` keeps, per household and year, the date of its first visit: coverage ("households
visited of all households") is then a grouped count over at most one row per household, instead of a
distinct count over every visit. Services keep it in step with the visits (prevention/visits.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.scope import scoped_manager

_VILLAGE_SCOPE = (("village", PLACE_KINDS), ("village__station", (OrgKind.STATION,)))


class Household(models.Model):
    village = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="村/社区",
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind__in": PLACE_KINDS},
    )
    address = models.CharField("住址", max_length=200)
    grid = models.CharField("网格", max_length=50, blank=True)
    head_name = models.CharField("户主姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True, db_index=True)
    members = models.PositiveSmallIntegerField("户内人数", null=True, blank=True)

    objects = scoped_manager(*_VILLAGE_SCOPE)

    PERSONAL_DATA = {"phone": masking.mask_phone}  # masked in the change history (audit/personal.py)

    class Meta:
        verbose_name = "住户"
        verbose_name_plural = "住户"
        ordering = ["village__path", "address"]
        constraints = [
            models.UniqueConstraint(fields=["village", "address"], name="household_unique_address")
        ]

    def __str__(self):
        return f"{self.village} {self.address}"


class HouseholdVisit(models.Model):
    household = models.ForeignKey(
        Household, verbose_name="住户", on_delete=models.CASCADE, related_name="visits", db_index=False
    )
    # the household's village, copied so that coverage and scope never join the households
    village = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="村/社区", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    visited_on = models.DateField("走访日期")
    visitor = models.CharField("走访人", max_length=50)
    people_reached = models.PositiveSmallIntegerField("宣传人数", default=1)
    face_to_face = models.BooleanField("当面讲解", default=False, help_text="002：不能仅见面发放宣传品")
    card_issued = models.BooleanField("发放警民防骗卡", default=False)
    card_recipient = models.CharField("领卡人", max_length=50, blank=True)
    pledge_signed = models.BooleanField("签订承诺书", default=False)
    app_installed = models.BooleanField("安装国家反诈中心App", default=False)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager(*_VILLAGE_SCOPE)

    class Meta:
        verbose_name = "入户走访"
        verbose_name_plural = "入户走访"
        ordering = ["-visited_on", "-id"]
        # lookups by household use the unique (household, visited_on, visitor) index below
        indexes = [models.Index(fields=["village", "visited_on"], name="visit_village_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "visited_on", "visitor"], name="visit_unique_per_day_visitor"
            )
        ]

    def __str__(self):
        return f"{self.household} {self.visited_on:%Y-%m-%d}"


class VisitedHousehold(models.Model):
    """A household's first visit in a year (derived from HouseholdVisit; never entered)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, db_index=False)
    year = models.PositiveSmallIntegerField()
    village = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False)
    first_visited_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="visited_household_unique")]
        indexes = [models.Index(fields=["year", "village", "first_visited_on"], name="visited_year_village")]

    def __str__(self):
        return f"{self.household_id} {self.year}"
