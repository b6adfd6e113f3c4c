"""Row errors, reported as 第N行「列名」：原因. N is the row number the user sees in Excel."""

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class RowError:
    """A reason a row is rejected — or, with `warning`, a remark on a row that is kept (提醒): a wrong
    check digit on a county that reads it so, a 合计 row skipped."""

    row: int  # 1-based row number in the sheet, as Excel shows it
    column: str  # the header as written in the user's file ('' for a whole-row problem)
    message: str
    warning: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        return f"{where}「{self.column}」：{self.message}" if self.column else f"{where}：{self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class FileError(ValueError):
    """The file as a whole cannot be read (format, encoding, missing required columns)."""
