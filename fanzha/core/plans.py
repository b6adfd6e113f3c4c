"""The plans (工作方案) the rules come from, by the titles a reader knows them by. In the code and the
research notes a plan is cited by its file number (「002 方案1」「000 篇二」); on screen and in
documents it is cited by its title (「《2024年打击整治电信网络诈骗工作方案》方案1」)."""

import re

TITLES = {
    "000": "《打击治理电信网络诈骗工作方案汇编》",
    "001": "《“防诈骗、不参与”法治宣传活动方案》",
    "002": "《2024年打击整治电信网络诈骗工作方案》",
    "003": "《无诈村(社区)、无诈单位创建工作方案》",
    "004": "《全民反诈工程实施方案》",
}

_CITATION = re.compile(r"(?<![\d.])(00[0-4])(?![\d.])\s*")


def cited(text: str) -> str:
    """`text` with every file number of a plan replaced by the plan's title."""
    if not text:
        return text
    return _CITATION.sub(lambda m: TITLES[m.group(1)], str(text))
