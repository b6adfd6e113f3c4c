"""Vectorised parsing in stages. A parser returns a list of stages, each a list of named column
expressions that may refer to columns of earlier stages. Running all parsers' stage k together
(`run_stages`) computes every intermediate once: deep `when/then` chains that repeat a costly
sub-expression (Unicode normalisation, regexes) would otherwise evaluate it many times per row."""

from dataclasses import dataclass, field

import polars as pl

TEMP_PREFIX = "_t_"


@dataclass
class Stages:
    value: str  # the column holding the parsed value (null when empty or invalid)
    error: str  # the column holding the Chinese reason (null when fine)
    steps: list[list[pl.Expr]] = field(default_factory=list)

    def temp(self, suffix: str) -> str:
        return f"{TEMP_PREFIX}{self.value}_{suffix}"

    def col(self, suffix: str) -> pl.Expr:
        return pl.col(self.temp(suffix))

    def add(self, *exprs: pl.Expr) -> "Stages":
        self.steps.append(list(exprs))
        return self


def run_stages(frame: pl.DataFrame, parsers: list[Stages]) -> pl.DataFrame:
    lazy = frame.lazy()
    depth = max((len(p.steps) for p in parsers), default=0)
    for index in range(depth):
        exprs = [expr for parser in parsers if index < len(parser.steps) for expr in parser.steps[index]]
        lazy = lazy.with_columns(exprs)
    temps = [name for name in lazy.collect_schema().names() if name.startswith(TEMP_PREFIX)]
    return lazy.drop(temps).collect()


def apply(frame: pl.DataFrame, parser: Stages) -> pl.DataFrame:
    return run_stages(frame, [parser])
