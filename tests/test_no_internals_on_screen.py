"""No internals on screen: the main pages of the demo county, and one page of each kind their links
lead to, show no plan file numbers (「000方案」「002 方案1」), configuration keys
(`indicators.excluded_statuses`), command-line hints (「运行 fanzha escalations」), model labels with ids
(「cases.case 12」), raw states (「new → signed」) or UTC times with seconds (the audit log shows
Beijing time to the minute)."""

import html
import re
from html.parser import HTMLParser

from django.apps import apps
from django.core.management import call_command

from fanzha.accounts.models import User
from fanzha.warnings import services
from fanzha.warnings.models import OrderStatus, VerificationOrder

PAGES = """/ /orgs/ /cases/ /cases/new/ /audit/ /audit/access/ /assessment/ranking/
/assessment/ranking/?level=village /assessment/outcomes/ /assessment/notices/ /assessment/assess/
/assessment/certify/ /assessment/certify/?kind=unit /assessment/targets/ /assessment/settings/
/prevention/coverage/ /prevention/activities/ /prevention/visits/ /prevention/visits/new/
/prevention/registrations/ /prevention/pledges/ /prevention/groups/ /prevention/duties/
/prevention/packages/ /warnings/stats/ /warnings/orders/ /warnings/followups/ /warnings/reviews/
/keypersons/persons/ /keypersons/dens/ /screening/models/ /campaigns/ /inspections/""".split()

INTERNALS = {
    "a plan's file number": re.compile(r"(?<![\w.-])00[0-4](?![\d.])\s*(?=[\u4e00-\u9fff：；、，）])"),
    "a configuration key": re.compile(r"\b[a-z]+\.[a-z]+_[a-z_]+\b"),
    "a command-line hint": re.compile(r"fanzha [a-z]+|运行\s*[a-z]"),
    "a model label": re.compile(
        r"\b({})\b(?!\.)".format("|".join(re.escape(m._meta.label_lower) for m in apps.get_models()))
    ),
    "a record id": re.compile(r"#\d+|\b(pk|id)\s*[=:]\s*\d+"),
    "a raw state": re.compile(r"\b[a-z_]{3,}\s*→\s*[a-z_]{3,}\b"),
    "a time with seconds or UTC": re.compile(r"\d\d:\d\d:\d\d|\+00:00|\bUTC\b|T\d\d:\d\d"),
}
DETAIL = re.compile(
    r'href="(/(?!accounts|static|api|admin)[a-z]+/[a-z/-]*(?:\d+|[A-Z0-9]{6,})/(?:\?[^"]*)?)"'
)


class Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or JSON data."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = Text()
    parser.feed(markup)
    return " ".join(parser.parts)


def test_main_pages_show_no_internals(transactional_db, client, capsys):
    """(transactional_db by name: the conftest puts the fraud types back after a flush.)"""
    call_command("demo", "--no-serve", "--per-year", "100")
    capsys.readouterr()
    client.force_login(User.objects.get(username="county_admin"))
    # a changed record with a state and a time, as the audit log holds them
    order = VerificationOrder.objects.filter(status=OrderStatus.NEW).first()
    assert order is not None
    services.sign(User.objects.get(username="county_admin"), order)
    queue, seen, shapes, found = list(PAGES), set(), set(), []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):  # a document the page links to
            continue
        page = response.content.decode()
        text = visible_text(page)
        for what, pattern in INTERNALS.items():
            found += [f"{url}: {what} 「{m.group(0)}」" for m in pattern.finditer(text)]
        for link in DETAIL.findall(page):
            link = html.unescape(link)
            shape = re.sub(r"\d+|[A-Z0-9]{6,}", "N", link.split("?")[0])
            if shape not in shapes:
                shapes.add(shape)
                queue.append(link)
    assert len(seen) > len(PAGES) + 8  # the detail pages were reached too
    audit = visible_text(client.get("/audit/").content.decode())
    assert f"{OrderStatus.NEW.label} → {OrderStatus.SIGNED.label}" in audit
    assert found == [], "\n".join(found)
