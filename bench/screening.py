"""Text screening on the research sets (never shipped): dev-split macro-F1, training time, batch
throughput and one-text latency.

    python bench/screening.py [--data ../shared/data/screening]
"""

import argparse
import json
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target asks
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/data/screening"))
    args = parser.parse_args()
    import django

    django.setup()
    from fanzha.screening.data import dev_split, read_jsonl
    from fanzha.screening.evaluation import evaluate
    from fanzha.screening.model import fit

    for name in ("fraud8", "fbs14", "dialog2"):
        rows = read_jsonl(Path(args.data) / name / "train.jsonl")
        train, dev = dev_split(rows)
        started = time.perf_counter()
        model = fit(train)
        seconds = time.perf_counter() - started
        texts = [r["text"] for r in dev]
        predicted = [v["label"] for v in model.classify(texts)]
        # batch throughput as `screen classify` runs it: batches of 2,000, at least 20,000 texts, one core
        stream = (texts * (20_000 // len(texts) + 1))[:20_000]
        rates = []
        for _ in range(3):
            started = time.perf_counter()
            for at in range(0, len(stream), 2000):
                model.classify(stream[at : at + 2000])
            rates.append(len(stream) / (time.perf_counter() - started))
        batch = statistics.median(rates)
        single = []
        for text in texts[:200]:
            t = time.perf_counter()
            model.classify([text])
            single.append((time.perf_counter() - t) * 1000)
        result = evaluate([r["label"] for r in dev], predicted)
        print(
            json.dumps(
                {
                    "set": name,
                    "train_rows": len(train),
                    "dev_rows": len(dev),
                    "dev_macro_f1": round(result["macro_f1"], 4),
                    "dev_accuracy": round(result["accuracy"], 4),
                    "train_seconds": round(seconds, 1),
                    "batch_texts_per_s": round(batch),
                    "one_text_ms_median": round(statistics.median(single), 2),
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
