from django.db import models


def _unit_reference():
    """An org unit id kept for grouping: no constraint, no index of its own (the cache is rebuilt
    from the cases, and read by month)."""
    return models.ForeignKey(
        "orgs.OrgUnit",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )


class MonthTally(models.Model):
    """A derived cache, never edited: the case ledger summed by Beijing month and by everything a
    ranking groups or filters on (place, town, station, employer, status). Database triggers on the
    case table mark the months any write touches (DirtyMonth); a case import, a saved case or
    `fanzha summarize` recomputes them from the raw cases, and until then readers count those months
    from the cases (see assessment/month_cache.py). Rankings read hundreds of summary rows instead of
    hundreds of thousands of cases."""

    month = models.IntegerField("月份序号")  # year × 12 + month − 1
    # coarse rows sum a month by town and station only (place and employer empty): a station or town
    # ranking reads a few hundred of them instead of one row per village
    coarse = models.BooleanField(default=False)
    place = _unit_reference()
    town = _unit_reference()
    station = _unit_reference()
    employer = _unit_reference()
    status = models.CharField(max_length=10)
    cases = models.IntegerField()
    loss_fen = models.BigIntegerField()
    recovered_fen = models.BigIntegerField()

    class Meta:
        verbose_name = "月度汇总（派生缓存）"
        verbose_name_plural = "月度汇总（派生缓存）"
        indexes = [models.Index(fields=["coarse", "month"], name="monthtally_grain_month")]

    def __str__(self):
        return f"{self.month // 12}-{self.month % 12 + 1:02d} {self.place_id}: {self.cases}"


class DirtyMonth(models.Model):
    """A month whose summary is out of date: written by the triggers, cleared by the refresh."""

    month = models.IntegerField(primary_key=True)

    class Meta:
        verbose_name = "待重算月份"
        verbose_name_plural = "待重算月份"

    def __str__(self):
        return f"{self.month // 12}-{self.month % 12 + 1:02d}"
