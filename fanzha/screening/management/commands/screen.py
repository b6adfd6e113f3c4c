import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanzha.cases.models import Case
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, render, summary
from fanzha.screening.data import DataError, read_jsonl
from fanzha.screening.default import demo_rows
from fanzha.screening.evaluation import evaluate
from fanzha.screening.model import Model, train
from fanzha.screening.service import disagreements, register

BATCH = 2000


def ledger_rows() -> list[dict]:
    """Confirmed cases (立案 or 破案) with a narrative: narrative → fraud type (a staff correction of a
    suggestion is already the case's type); plus the corrections made on the paste page."""
    from fanzha.cases.models import Case
    from fanzha.screening.models import Correction

    cases = Case.objects.filter(status__in=["filed", "solved"]).exclude(narrative="")
    rows = [
        {"text": t, "label": label}
        for t, label in cases.values_list("narrative", "fraud_type__name").iterator()
    ]
    rows += [
        {"text": t, "label": label}
        for t, label in Correction.objects.filter(case__isnull=True).values_list("text", "chosen")
    ]
    return rows


class Command(BaseCommand):
    help = (
        "文本研判：fanzha screen train --data 数据.jsonl|--from-db|--demo [--out 模型]；"
        "fanzha screen classify --model 模型 --in 输入.jsonl --out 输出.jsonl；"
        "fanzha screen eval --model 模型 --data 数据.jsonl"
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        trainer = actions.add_parser("train", help="训练并保存模型（同时在留出的20%开发集上评估）")
        source = trainer.add_mutually_exclusive_group(required=True)
        source.add_argument("--data", help='JSONL，每行 {"text", "label"}')
        source.add_argument(
            "--from-db",
            action="store_true",
            help="用台账中已立案/破案案件的简要案情和诈骗类型（含人工更正）训练，登记为新版本并启用",
        )
        source.add_argument(
            "--demo", action="store_true", help="用演示数据的案情模板训练（重建随包默认模型）"
        )
        trainer.add_argument("--out", help="模型文件（.npz）；--from-db 时可省略，模型存入数据目录")
        trainer.add_argument("--no-activate", action="store_true", help="--from-db 时只登记新版本，不启用")
        add_format(trainer, SUMMARY_FORMATS)
        classify = actions.add_parser("classify", help="逐行研判，输出与输入顺序一致")
        classify.add_argument("--model", required=True)
        classify.add_argument("--in", dest="source", required=True)
        classify.add_argument("--out", required=True)
        checker = actions.add_parser("audit", help="核对台账：简要案情与登记的诈骗类型明显不符的案件")
        checker.add_argument("--period", required=True, help="如 2024-03、2024Q1")
        checker.add_argument("--min-score", type=float, default=0.8)
        add_format(checker)
        evaluator = actions.add_parser("eval", help="在带标签的数据上评估模型")
        evaluator.add_argument("--model", required=True)
        evaluator.add_argument("--data", required=True)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except (DataError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None

    def _train(
        self, data=None, from_db=False, demo=False, out=None, no_activate=False, format="text", **options
    ):
        if not (out or from_db):
            raise CommandError("请用 --out 指定模型文件")
        if from_db:
            rows, source = ledger_rows(), "台账"
        elif demo:
            rows, source = demo_rows(), "演示案情模板"
        else:
            rows, source = read_jsonl(Path(data)), str(data)
        model = train(rows, source)
        if out:
            model.save(Path(out))
        outcome = {
            "rows": len(rows),
            "labels": len(model.labels),
            "seconds": model.meta["seconds"],
            "out": out,
        }
        outcome |= {"dev_evaluation": model.meta["dev_evaluation"], "version": None, "active": None}
        if from_db:
            record = register(model, activate=not no_activate)
            outcome |= {"version": record.version, "active": record.is_active}
            out = f"{out or ''} 已登记为版本 {record.version}{'（已启用）' if record.is_active else ''}"
        dev = model.meta["dev_evaluation"]
        figures = (
            f"开发集 macro-F1 {dev['macro_f1']:.4f}，准确率 {dev['accuracy']:.4f}"
            if dev
            else "样本太少，未做开发集评估"
        )
        text = f"已训练 {len(rows)} 条、{len(model.labels)} 类，用时 {model.meta['seconds']} 秒；{figures}；模型 {out}"
        self.stdout.write(summary(outcome, text, format))

    def _classify(self, model=None, source=None, out=None, **options):
        loaded = Model.load(Path(model))
        show = sys.stderr.isatty()
        done, started = 0, time.perf_counter()
        with (
            Path(source).open(encoding="utf-8-sig") as reader,
            Path(out).open("w", encoding="utf-8") as writer,
        ):
            batch: list[str] = []
            for number, line in enumerate(reader, start=1):
                if not line.strip():
                    continue
                try:
                    batch.append(json.loads(line)["text"])
                except (json.JSONDecodeError, KeyError, TypeError):
                    raise DataError(f"第{number}行：应为含「text」字段的 JSON") from None
                if len(batch) == BATCH:
                    done += self._write(loaded, batch, writer)
                    batch = []
                    if show:
                        sys.stderr.write(f"\r已研判 {done:,} 条")
            done += self._write(loaded, batch, writer)
        if show:
            sys.stderr.write("\n")
        self.stdout.write(f"已研判 {done} 条，用时 {time.perf_counter() - started:.1f} 秒：{out}")

    @staticmethod
    def _write(model, batch, writer) -> int:
        for verdict in model.classify(batch):
            writer.write(json.dumps(verdict, ensure_ascii=False) + "\n")
        return len(batch)

    def _audit(self, period=None, min_score=0.8, format="table", **options):
        try:
            span = parse_period(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        cases = Case.objects.filter(reported_at__gte=span.start, reported_at__lt=span.end).order_by("id")
        rows = disagreements(cases, min_score)
        columns = [
            ("case_number", "案件编号"),
            ("recorded", "登记类型"),
            ("suggested", "研判类型"),
            ("score", "可信度"),
        ]
        self.stdout.write(render(rows, columns, format))

    def _eval(self, model=None, data=None, **options):
        loaded = Model.load(Path(model))
        rows = read_jsonl(Path(data))
        predicted = []
        for start in range(0, len(rows), BATCH):
            predicted += [
                v["label"] for v in loaded.classify([r["text"] for r in rows[start : start + BATCH]])
            ]
        result = evaluate([r["label"] for r in rows], predicted)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
