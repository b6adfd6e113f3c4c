import re

from django.core.management import call_command

from fanzha.accounts.models import User
from fanzha.cases.models import Case
from fanzha.demo import generator
from fanzha.orgs.models import OrgUnit
from fanzha.warnings.models import VerificationOrder


def test_generated_county_looks_like_a_county():
    county = generator.county(seed=3)
    kinds = [u.kind for u in county.units]
    assert kinds.count("乡镇") + kinds.count("街道") == 20
    assert 260 <= kinds.count("村") + kinds.count("社区") <= 340
    assert kinds.count("派出所") == 12 and kinds.count("成员单位") == 150
    frame = generator.cases(county, total=5000, seed=3)
    losses = frame["损失金额"].cast(float)
    assert (losses >= 500_000).sum() >= 1  # a few major cases (≥ 50万)
    assert frame["案件编号"].n_unique() == frame.height
    phones = [p for cell in frame["嫌疑人电话"].to_list() for p in cell.split("；") if p]
    assert len(phones) > len(set(phones))  # some suspect identifiers recur across cases


def test_demo_command_creates_a_county_and_one_login_per_role(db, capsys):
    call_command("demo", "--no-serve", "--per-year", "100")
    out = capsys.readouterr().out
    assert OrgUnit.objects.count() > 400 and Case.objects.count() > 200
    logins = dict(re.findall(r"用户名 (\S+)\s+密码 (\S+)", out))
    # one per role, and the 止付冻结 desk's bank liaison (fanzha/demo/strike.py)
    assert len(logins) == 6 and len(set(logins.values())) == 6  # random, never a default
    for username, password in logins.items():
        user = User.objects.get(username=username)
        assert user.check_password(password)
        assert len(user.get_full_name()) >= 2  # someone by name: the name signs visits and orders
    # the platform's warnings name their person
    assert not VerificationOrder.objects.filter(warning__name="").exists()
    assert "协调：里程碑任务 10 项，督导检查 1 次" in out  # docs/coordination.md, on first login
    call_command("demo", "--no-serve")  # a second run keeps the data and prints no passwords
    assert "已有数据" in capsys.readouterr().out
