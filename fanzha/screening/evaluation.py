"""Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix."""

from collections import Counter


def evaluate(truth: list[str], predicted: list[str]) -> dict:
    labels = sorted(set(truth) | set(predicted))
    pairs = Counter(zip(truth, predicted, strict=True))
    per_class = {}
    for label in labels:
        tp = pairs[(label, label)]
        fp = sum(n for (t, p), n in pairs.items() if p == label and t != label)
        fn = sum(n for (t, p), n in pairs.items() if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    present = [label for label in labels if per_class[label]["support"]]
    return {
        "count": len(truth),
        "accuracy": sum(pairs[(label, label)] for label in labels) / len(truth) if truth else 0.0,
        "macro_f1": sum(per_class[label]["f1"] for label in present) / len(present) if present else 0.0,
        "per_class": per_class,
        "labels": labels,
        "confusion": [[pairs[(t, p)] for p in labels] for t in labels],
    }
