"""The screening model: character 1–3-gram TF-IDF and one linear SVM whose scores are turned into
probabilities by sigmoid calibration fitted on out-of-fold scores (chosen by measurement on the dev
splits, see bench/README.md), plus the rules that explain.

Features at prediction time come from `features.CharNgramTfidf` (NumPy, equal to scikit-learn's). A model
file is a plain NumPy archive (.npz: vocabulary, idf, weights, calibration, labels and the
metadata as JSON), never a pickle: it loads with any scikit-learn release and cannot run code."""

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.utils import timezone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from fanzha.screening import rules
from fanzha.screening.data import DataError, dev_split
from fanzha.screening.evaluation import evaluate
from fanzha.screening.features import CharNgramTfidf

FORMAT = 2
NGRAMS = (1, 3)
C = 2.0


@dataclass
class Model:
    labels: list[str]
    terms: list[str]  # the vocabulary, in column order
    idf: np.ndarray
    coef: np.ndarray  # (classes, features), or (1, features) for two labels
    intercept: np.ndarray
    cal_a: np.ndarray  # sigmoid calibration per score column: p = 1 / (1 + exp(a·s + b))
    cal_b: np.ndarray
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        self.features = CharNgramTfidf(self.terms, self.idf)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        scores = self.features.transform(texts) @ self.coef.T + self.intercept
        calibrated = 1.0 / (1.0 + np.exp(scores * self.cal_a + self.cal_b))
        if len(self.labels) == 2:
            return np.hstack([1.0 - calibrated, calibrated])
        total = calibrated.sum(axis=1, keepdims=True)
        uniform = np.full_like(calibrated, 1.0 / len(self.labels))
        return np.divide(calibrated, total, out=uniform, where=total > 0)

    def classify(self, texts: list[str]) -> list[dict]:
        """One verdict per text, in order: label, score, the top 3 and the matched rules."""
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        best = np.argsort(-probabilities, axis=1)[:, :3]
        verdicts = []
        for text, row, order in zip(texts, probabilities, best, strict=True):
            verdicts.append(
                {
                    "text": text,
                    "label": self.labels[order[0]],
                    "score": round(float(row[order[0]]), 4),
                    "top": [{"label": self.labels[i], "p": round(float(row[i]), 4)} for i in order],
                    "rules": rules.matched(text),
                }
            )
        return verdicts

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                format=np.array(FORMAT),
                labels=np.array(self.labels),
                terms=np.array(self.terms),
                idf=self.idf.astype(np.float32),
                coef=self.coef.astype(np.float32),
                intercept=self.intercept.astype(np.float32),
                cal_a=self.cal_a.astype(np.float32),
                cal_b=self.cal_b.astype(np.float32),
                meta=np.array(json.dumps(self.meta, ensure_ascii=False)),
            )
        return path

    @classmethod
    def load(cls, path: Path) -> "Model":
        try:
            stored = np.load(Path(path), allow_pickle=False)
            if int(stored["format"]) != FORMAT:
                raise ValueError
        except (OSError, ValueError, KeyError):
            raise DataError(f"「{path}」不是本平台训练的文本研判模型") from None
        return cls(
            labels=stored["labels"].tolist(),
            terms=stored["terms"].tolist(),
            idf=stored["idf"],
            coef=stored["coef"],
            intercept=stored["intercept"],
            cal_a=stored["cal_a"],
            cal_b=stored["cal_b"],
            meta=json.loads(str(stored["meta"])),
        )


def fit(rows: list[dict]) -> Model:
    counts = Counter(row["label"] for row in rows)
    if len(counts) < 2:
        raise DataError("训练数据至少需要 2 个类别")
    if min(counts.values()) < 2:
        raise DataError("每个类别至少需要 2 条样本")
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, dtype=np.float32)
    features = vectorizer.fit_transform([row["text"] for row in rows])
    # one SVM on all rows predicts; the calibration comes from out-of-fold scores (ensemble=False)
    calibrated = CalibratedClassifierCV(
        LinearSVC(C=C), method="sigmoid", cv=min(3, min(counts.values())), ensemble=False
    )
    calibrated.fit(features, [row["label"] for row in rows])
    (pair,) = calibrated.calibrated_classifiers_
    svm = pair.estimator
    return Model(
        labels=[str(label) for label in calibrated.classes_],
        terms=[term for term, _ in sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])],
        idf=vectorizer.idf_.astype(np.float32),
        coef=np.asarray(svm.coef_, dtype=np.float32),
        intercept=np.asarray(svm.intercept_, dtype=np.float32),
        cal_a=np.array([c.a_ for c in pair.calibrators], dtype=np.float32),
        cal_b=np.array([c.b_ for c in pair.calibrators], dtype=np.float32),
        meta={"labels": dict(sorted(counts.items())), "rows": len(rows)},
    )


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
