"""Shared set-up for the review page's browser tests: headless Chromium
(Debian's package) driven by Playwright, ``reestr review`` started as a
librarian starts it, and a registry on SQLite or on the tests' real
PostgreSQL server (tests/conftest_pg.py), one database per test module.

Without /usr/bin/chromium the browser tests are skipped locally and FAIL when
CI=true; without PostgreSQL's binaries only the PostgreSQL runs are skipped
(and fail under CI, as conftest_pg decides)."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ROOT = Path(__file__).resolve().parent.parent
REESTR = Path(sys.executable).parent / "reestr"
USER, PASSWORD = "librarian", "correct horse battery"
BACKENDS = ("sqlite", "postgresql")
VIEWPORT = {"width": 1400, "height": 1000}


def browser_available() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} not found (make installs Debian's chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed (pip install -e '.[test]')"
    if problem and os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run on CI: {problem}")
    if problem:
        pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([str(REESTR), *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    import urllib.request
    from urllib.error import URLError

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            urllib.request.urlopen(url + "/login", timeout=2).close()
            return
        except (URLError, ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(url)


@contextlib.contextmanager
def serving(db_url: str, *options: str) -> Iterator[str]:
    """``reestr review --db URL [options]`` on a free loopback port; yields its URL."""
    port = free_port()
    process = subprocess.Popen([str(REESTR), "review", "--db", db_url, "--port", str(port), *options],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@contextlib.contextmanager
def registry_url(request, folder: Path, name: str) -> Iterator[str]:
    """The URL of an empty registry for ``request.param`` ("sqlite" or
    "postgresql"): a file in ``folder``, or a new database ``name`` on the
    session's PostgreSQL server, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{folder / 'registry.sqlite'}"
        return
    server = request.getfixturevalue("pg_url")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    drop()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{server.rpartition('/')[0]}/{name}"
    finally:
        drop()
        admin.dispose()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the whole module (a new context per librarian)."""
    browser_available()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def watched(page) -> list[str]:
    """Collect the page's script errors and console errors into a list."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def log_in(page, url: str, name: str = USER, password: str = PASSWORD) -> None:
    from playwright.sync_api import expect

    page.goto(url + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Очередь документов")


def new_page(browser):
    """A page in a browser context of its own (its own cookies), and its error list."""
    page = browser.new_context(viewport=VIEWPORT, locale="ru-RU").new_page()
    return page, watched(page)


def librarian(browser, url: str, name: str = USER, password: str = PASSWORD):
    """A logged-in page in a context of its own, and its error list."""
    page, errors = new_page(browser)
    log_in(page, url, name, password)
    return page, errors


def select_text(page, fragment: str) -> None:
    """Drag the mouse over ``fragment`` in the document text, like a person would."""
    box = page.evaluate("""async (fragment) => {
        const root = document.getElementById('doc-text');
        const full = root.textContent;
        const start = full.indexOf(fragment), stop = start + fragment.length;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0, node, points = {};
        while ((node = walker.nextNode())) {
            const len = node.data.length;
            if (points.start === undefined && start < seen + len) points.start = [node, start - seen];
            if (points.stop === undefined && stop <= seen + len) points.stop = [node, stop - seen];
            seen += len;
        }
        const rect = (n, o) => { const r = document.createRange(); r.setStart(n, o); r.setEnd(n, o + 1);
                                 return r.getBoundingClientRect(); };
        // the page may still be scrolling smoothly to its current field: wait until it stands still
        const frame = () => new Promise((done) => requestAnimationFrame(done));
        const panes = [document.scrollingElement, ...document.querySelectorAll('.text-pane, .records-pane')];
        const where = () => panes.map((p) => p.scrollTop).join(' ');
        let last = null, still = 0;
        for (let i = 0; i < 300 && still < 5; i++) {
            await frame();
            still = where() === last ? still + 1 : 0;
            last = where();
        }
        points.start[0].parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
        await frame();
        const a = rect(points.start[0], points.start[1]);
        const b = rect(points.stop[0], points.stop[1] - 1);
        return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
    }""", fragment)
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def field(page, record_text: str, label: str):
    record = page.locator(".record", has_text=record_text).first
    return record.locator(".field", has=page.locator(".label", has_text=label)).first
