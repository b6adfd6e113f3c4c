import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if os.environ.get("FANZHA_SKIP_BROWSER") == "1":
        pytest.skip("FANZHA_SKIP_BROWSER=1")
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("需要 Debian 的 chromium（apt-get install chromium）；scripts/test 会自动安装")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    # a script or style the Content-Security-Policy blocks is a broken page: fail the test
    blocked = []
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text)
    )
    yield page
    context.close()
    assert blocked == []


ROLE_DAY_DIR = "build/role-days"  # README: 「各角色的一天」 screenshots land here on every test run


@pytest.fixture
def phone(browser):
    """A 390×844 phone (touch, mobile layout) for the field roles' pages."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def desk(browser):
    """A 1366×768 intranet PC, the usual office screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def shoot():
    """shoot(page, role, step) writes a full-page screenshot to build/role-days/<role>/<NN>-<step>.png,
    numbered in the order the test takes them, so a reader can walk a role's day step by step."""
    counters: dict[str, int] = {}

    def take(page, role: str, step: str):
        counters[role] = counters.get(role, 0) + 1
        folder = os.path.join(os.environ.get("FANZHA_ROLE_DAY_DIR", ROLE_DAY_DIR), role)
        os.makedirs(folder, exist_ok=True)
        if counters[role] == 1:
            for old in os.listdir(folder):
                os.remove(os.path.join(folder, old))
        page.screenshot(path=os.path.join(folder, f"{counters[role]:02d}-{step}.png"), full_page=True)

    return take
