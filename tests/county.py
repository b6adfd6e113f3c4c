"""The test county every suite starts from, built through the ORM in milliseconds:
示范县 → 青山镇 (东风村, 新村), 河东街道 (滨江社区, 新村); 城关派出所 covers 青山镇's villages, 河东派出所
河东街道's; 县第一中学 is a member unit. Two villages share the name 新村."""

from fanzha.orgs.models import OrgUnit, Population


def unit(code, name, kind, parent=None, **extra) -> OrgUnit:
    made = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
    made.save()
    return made


def build_county() -> dict:
    root = unit("361123000000", "示范县", "county")
    s1 = unit("361123S01", "城关派出所", "station", root)
    s2 = unit("361123S02", "河东派出所", "station", root)
    town = unit("361123100000", "青山镇", "town", root)
    street = unit("361123001000", "河东街道", "street", root)
    v1 = unit("361123100200", "东风村", "village", town, station=s1)
    v2 = unit("361123100201", "新村", "village", town, station=s1)
    c1 = unit("361123001001", "滨江社区", "community", street, station=s2)
    c2 = unit("361123001002", "新村", "village", street, station=s2)
    school = unit("361123X001", "县第一中学", "member_unit", root, sector="学校")
    for place, people in ((v1, 2000), (v2, 1500), (c1, 8000), (c2, 1200)):
        Population.objects.create(org=place, year=2024, population=people, households=people // 3)
    return {
        "root": root,
        "s1": s1,
        "s2": s2,
        "town": town,
        "street": street,
        "v1": v1,
        "v2": v2,
        "c1": c1,
        "c2": c2,
        "school": school,
    }
