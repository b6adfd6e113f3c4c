"""The model in use: the centre's active trained version, else the default model shipped in the
package. Loaded once per process and reloaded when the active version changes."""

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction

from fanzha.audit import log as audit
from fanzha.screening.data import DataError
from fanzha.screening.default import DEFAULT_MODEL
from fanzha.screening.model import Model
from fanzha.screening.models import Correction, ScreeningModel

MAX_TEXTS = 1000
logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict = {}


def model_dir() -> Path:
    return Path(settings.DATA_DIR) / "models"


def active_record() -> ScreeningModel | None:
    return ScreeningModel.objects.filter(is_active=True).first()


def current() -> tuple[Model, str]:
    """(model, version) in use."""
    record = active_record()
    key = record.version if record else "default"
    with _lock:
        if _loaded.get("key") != key:
            try:
                model = Model.load(model_dir() / record.file) if record else Model.load(DEFAULT_MODEL)
            except DataError:  # the version's file is gone or damaged: screen with the default, say so
                logger.error("研判模型版本 %s 的文件无法读取，改用默认模型", key)
                model, key = Model.load(DEFAULT_MODEL), "default"
            _loaded.update(key=record.version if record else "default", model=model, version=key)
        return _loaded["model"], _loaded["version"]


def classify(texts: list[str]) -> list[dict]:
    model, version = current()
    return [verdict | {"model": version} for verdict in model.classify(texts)]


@transaction.atomic
def register(model: Model, user=None, activate: bool = True) -> ScreeningModel:
    """Store a trained model as a new version (file under DATA_DIR/models/), optionally in use."""
    version = model.meta["version"]
    model.save(model_dir() / f"{version}.npz")
    record = ScreeningModel.objects.create(
        version=version,
        file=f"{version}.npz",
        source=str(model.meta.get("source", ""))[:200],
        rows=model.meta.get("rows", 0),
        labels=model.meta.get("labels", {}),
        dev_evaluation=model.meta.get("dev_evaluation"),
        trained_by=user if getattr(user, "pk", None) else None,
    )
    audit.record_change(user, "create", record, None, {"版本": version, "样本数": record.rows})
    if activate:
        activate_version(record, user)
    return record


@transaction.atomic
def activate_version(record: ScreeningModel, user=None) -> None:
    ScreeningModel.objects.exclude(pk=record.pk).update(is_active=False)
    record.is_active = True
    record.save(update_fields=["is_active"])
    audit.record_change(user, "update", record, None, {"启用版本": record.version})


DISAGREE_SCORE = 0.6


def annotate_preview(rows: list[dict]) -> None:
    """Import preview rows with a narrative get the suggested type, and a flag where the model is
    confident and the ledger row says otherwise."""
    with_text = [row for row in rows if row.get("narrative", "").strip()]
    for row, verdict in zip(with_text, classify([row["narrative"] for row in with_text]), strict=True):
        row["suggested"] = verdict["label"]
        row["suggested_score"] = verdict["score"]
        row["disagrees"] = verdict["label"] != row.get("fraud_type") and verdict["score"] >= DISAGREE_SCORE


def disagreements(cases, min_score: float = 0.8, batch: int = 2000) -> list[dict]:
    """Ledger rows whose recorded type the model, confidently, reads otherwise from the narrative."""
    found = []
    rows = list(cases.exclude(narrative="").values_list("id", "case_number", "narrative", "fraud_type__name"))
    for start in range(0, len(rows), batch):
        part = rows[start : start + batch]
        for (case_id, number, _text, recorded), verdict in zip(
            part, classify([r[2] for r in part]), strict=True
        ):
            if verdict["label"] != recorded and verdict["score"] >= min_score:
                found.append(
                    {
                        "id": case_id,
                        "case_number": number,
                        "recorded": recorded,
                        "suggested": verdict["label"],
                        "score": verdict["score"],
                        "rules": verdict["rules"],
                    }
                )
    return found


def record_choice_of_form(sender, user, case, data, **kwargs) -> None:
    """The case form was saved (`cases.signals.case_form_saved`): keep the person's choice."""
    record_choice(
        user,
        case.narrative,
        data.get("screening_suggestion", ""),
        case.fraud_type.name,
        case=case,
        version=data.get("screening_version", ""),
    )


def record_choice(
    user, text: str, suggested: str, chosen: str, case=None, version: str = ""
) -> Correction | None:
    """When the person chose another label than the one suggested, keep it for the next training."""
    if not text.strip() or not suggested or suggested == chosen:
        return None
    return Correction.objects.create(
        text=text, suggested=suggested, chosen=chosen, case=case, model_version=version, user=user
    )
