"""A clue's value normalised like the case identifiers, and matched against cases, key persons and
households."""

from datetime import date

import pytest

from fanzha.clues import matching
from fanzha.clues.tests.helpers import case_with
from fanzha.keypersons.models import KeyPerson
from fanzha.prevention.models import Household


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("phone", "+86 138-0013-8000", "13800138000"),
        ("phone", "（0791）8888 6666", "079188886666"),
        ("phone", "008613800138000", "13800138000"),
        ("bank_card", "6222 0200-1234 5678 901", "6222020012345678901"),
        ("url", "HTTP://Fake-Bank.example/Login/", "http://fake-bank.example/login"),
        ("wechat", " wxid_ab12 ", "wxid_ab12"),
        ("qq", "１２３４５６７８", "12345678"),
    ],
)
def test_normalised_like_the_case_identifiers(kind, text, value):
    assert matching.normalise(kind, text) == value


@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        ("phone", "138abc", "电话号码只能含数字"),
        ("qq", "abc123", "QQ号应为数字"),
        ("bank_card", "12", "账户应为4到64位"),
        ("sms", "1", "线索类型应为"),
    ],
)
def test_a_value_that_is_not_one_says_why(kind, text, reason):
    with pytest.raises(ValueError, match=reason):
        matching.normalise(kind, text)


def test_matches_in_the_three_ledgers(county):
    held = case_with(county["c1"], "2026-11-02", value="+8613800138000")  # a case keeps the +86
    person = KeyPerson.objects.create(
        name="赵某",
        id_number="36112319800101001X",
        phone="13800138000",
        category="offender",
        village=county["v1"],
        registered_on=date(2025, 5, 1),
    )
    household = Household.objects.create(village=county["v2"], address="新村3号", phone="13800138000")
    case_with(county["v1"], "2026-10-01", kind="account", value="6222020012345678")
    (phone,), (card,), (none,) = (
        matching.find_many([("phone", "13800138000")]),
        matching.find_many([("bank_card", "6222020012345678")]),
        matching.find_many([("wechat", "nobody")]),
    )
    assert sorted((c.ledger, c.record_id, c.station_id) for c in phone) == [
        ("case", held.pk, county["s2"].pk),
        ("household", household.pk, county["s1"].pk),
        ("key_person", person.pk, county["s1"].pk),
    ]
    assert [(c.ledger, c.station_id) for c in card] == [("case", county["s1"].pk)]
    assert none == []


def test_a_batch_is_matched_with_one_query_per_ledger(county, django_assert_num_queries):
    case_with(county["c1"], "2026-11-02")
    with django_assert_num_queries(3):
        found = matching.find_many(
            [("phone", f"1380013800{i}") for i in range(10)] + [("url", "http://a.cn")]
        )
    assert len(found) == 11
