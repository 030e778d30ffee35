"""Headless Chromium for the browser tests, driven by Playwright.

The browser is the system's (Debian's ``chromium``; ``$NEWSLINE_CHROMIUM`` to point elsewhere),
never one that Playwright downloads. Where it or the playwright package is missing, the tests
that need it are skipped with the reason printed, never silently.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "out" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The Chromium binary to drive, if there is one."""
    named = os.environ.get("NEWSLINE_CHROMIUM")
    candidates = [named] if named else ["/usr/bin/chromium", shutil.which("chromium") or ""]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        where = os.environ.get("NEWSLINE_CHROMIUM") or "/usr/bin/chromium"
        return f"no Chromium at {where} (apt-get install -y chromium, or set $NEWSLINE_CHROMIUM)"
    return None


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """A headless Chromium for one test package (two at once would share a thread's loop)."""
    reason = why_no_browser()
    if reason:
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageWatch:
    """A page with every dialog, console error and uncaught exception recorded.

    ``bypass_csp`` turns the page's Content-Security-Policy off: the escaping tests use it to
    prove that escaping alone keeps injected markup inert (the policy is a second wall).
    """

    def __init__(self, browser: Any, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(
            viewport={"width": 1300, "height": 900}, bypass_csp=bypass_csp
        )
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        """Save a screenshot from the top of the page under out/artifacts/ (kept after the run)."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        self.context.close()


def expect_text(locator: Any, text: str) -> None:
    """Wait until ``locator`` contains ``text`` (no script evaluation, so CSP-safe)."""
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text)
