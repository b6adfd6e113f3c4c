"""Labelled texts as JSONL (`{"text": ..., "label": ...}` a line), read with line-numbered errors,
and a deterministic, stratified dev split (never tune on what is evaluated)."""

import json
import random
from collections import defaultdict
from pathlib import Path


class DataError(ValueError):
    pass


def read_jsonl(path: Path, need_label: bool = True) -> list[dict]:
    rows = []
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(f"第{number}行：不是合法的 JSON（{error.msg}）") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise DataError(f"第{number}行：缺少文本字段「text」")
            if need_label and not isinstance(row.get("label"), str):
                raise DataError(f"第{number}行：缺少标签字段「label」")
            rows.append(row)
    return rows


def dev_split(rows: list[dict], share: float = 0.2, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Split each label's rows in the same proportion, reproducibly."""
    by_label: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_label[row["label"]].append(row)
    rng = random.Random(seed)
    train, dev = [], []
    for label in sorted(by_label):
        items = by_label[label][:]
        rng.shuffle(items)
        cut = round(len(items) * share)
        dev.extend(items[:cut])
        train.extend(items[cut:])
    return train, dev
