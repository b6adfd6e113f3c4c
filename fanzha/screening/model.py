"""The screening model: character 1–3-gram TF-IDF and a linear SVM with sigmoid-calibrated
probabilities (chosen by measurement on the dev splits, see the issue note), plus the rules that
explain. A model file is a pickle with its metadata and evaluation: load only files you made."""

import pickle
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from fanzha.screening import rules
from fanzha.screening.data import DataError, dev_split
from fanzha.screening.evaluation import evaluate

FORMAT = 1


@dataclass
class Model:
    pipeline: object
    meta: dict = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return list(self.pipeline.classes_)

    def classify(self, texts: list[str]) -> list[dict]:
        """One verdict per text, in order: label, score, the top 3 and the matched rules."""
        if not texts:
            return []
        probabilities = self.pipeline.predict_proba(texts)
        labels = self.labels
        verdicts = []
        for text, row in zip(texts, probabilities, strict=True):
            ranked = sorted(zip(labels, row, strict=True), key=lambda pair: -pair[1])[:3]
            verdicts.append(
                {
                    "text": text,
                    "label": ranked[0][0],
                    "score": round(float(ranked[0][1]), 4),
                    "top": [{"label": label, "p": round(float(p), 4)} for label, p in ranked],
                    "rules": rules.matched(text),
                }
            )
        return verdicts

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump({"format": FORMAT, "meta": self.meta, "pipeline": self.pipeline}, handle)
        return path

    @classmethod
    def load(cls, path: Path) -> "Model":
        with Path(path).open("rb") as handle:
            stored = pickle.load(handle)  # noqa: S301 - a model file the centre trained itself
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            raise DataError(f"「{path}」不是本平台训练的文本研判模型")
        return cls(stored["pipeline"], stored["meta"])


def _pipeline(smallest_class: int):
    if smallest_class < 2:
        raise DataError("每个类别至少需要 2 条样本")
    return make_pipeline(
        TfidfVectorizer(
            analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=1, max_features=400_000
        ),
        CalibratedClassifierCV(LinearSVC(C=1.0), method="sigmoid", cv=min(3, smallest_class)),
    )


def fit(rows: list[dict]) -> Model:
    counts = Counter(row["label"] for row in rows)
    if len(counts) < 2:
        raise DataError("训练数据至少需要 2 个类别")
    pipeline = _pipeline(min(counts.values()))
    pipeline.fit([row["text"] for row in rows], [row["label"] for row in rows])
    return Model(pipeline, {"labels": dict(sorted(counts.items())), "rows": len(rows)})


def train(rows: list[dict], source: str, dev_share: float = 0.2) -> Model:
    """Measure on a dev split held out of `rows`, then fit the model kept on all of them; the
    dev figures travel with the model."""
    started = time.perf_counter()
    part, dev = dev_split(rows, dev_share)
    evaluation = None
    if dev and min(Counter(r["label"] for r in part).values()) >= 2:
        candidate = fit(part)
        predicted = [v["label"] for v in candidate.classify([r["text"] for r in dev])]
        evaluation = evaluate([r["label"] for r in dev], predicted)
    model = fit(rows)
    model.meta |= {
        "source": source,
        "trained_at": timezone.now().isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "dev_evaluation": evaluation,
        "version": timezone.now().strftime("%Y%m%d%H%M%S"),
    }
    return model
