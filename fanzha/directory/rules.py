"""The directory's rule: how many 专职联络员 a unit names."""

LIAISONS_MIN = 1
LIAISONS_MAX = 2


def liaison_problem(primary_count: int) -> str | None:
    """000：「要明確一至兩名專職聯絡員」. A unit that must name liaisons (member units and stations)
    names one or two 专职联络员 in post; 备岗联络员 do not count. None when it does, else the problem
    as the directory page shows it: 0 → 「未明确专职联络员」, 3 → 「专职联络员超过2名（现有3名）」."""
    if primary_count < LIAISONS_MIN:
        return "未明确专职联络员"
    if primary_count > LIAISONS_MAX:
        return f"专职联络员超过{LIAISONS_MAX}名（现有{primary_count}名）"
    return None
