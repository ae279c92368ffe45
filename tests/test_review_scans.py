"""The scanned pages beside the recognised text: served by document id, as
PNG, behind login, and a Russian note when the scan file is gone or changed."""
from __future__ import annotations

import hashlib
import io
import os

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

import fixtures_build as fb
from registry.store import write_document
from review.app import create_app
from review.guard import SECURITY_HEADERS
from review.scans import MAX_WIDTH
from review_support import DOC_ID, SOURCE, logged_in, make_registry, record, result

SCAN_TEXT = SOURCE + "\nРаспознано со скана."


def page(width: int, height: int, mark: int) -> Image.Image:
    """A white page with a black box whose width tells the pages apart."""
    image = Image.new("L", (width, height), 255)
    ImageDraw.Draw(image).rectangle((10, 10, 10 + mark, 60), fill=0)
    return image


def encoded(images: list[Image.Image], fmt: str) -> bytes:
    buffer = io.BytesIO()
    first, *rest = images
    options = {"save_all": True, "append_images": rest} if rest else {}
    first.save(buffer, fmt, resolution=150, **options) if fmt == "PDF" else first.save(buffer, fmt, **options)
    return buffer.getvalue()


def add_scan(engine, path, data: bytes, fmt: str, member: str | None = None) -> str:
    """A document recognised by OCR from the file at ``path`` (written with
    ``data``), or from its archive member at container path ``member``."""
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    doc = result(record(), doc_id=sha, text=SCAN_TEXT)
    doc.source_path, doc.source_id, doc.format = str(path), sha, fmt
    doc.container_path = member
    doc.encoding, doc.encoding_confidence = "ocr", 0.91
    with Session(engine) as session, session.begin():
        write_document(session, doc)
    return sha


@pytest.fixture()
def engine(tmp_path):
    return make_registry(tmp_path / "registry.sqlite")


def png_of(response) -> Image.Image:
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


def test_review_scans_document_page_shows_each_pdf_page_beside_the_text(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.pdf",
                      encoded([page(600, 800, 100), page(600, 800, 300)], "PDF"), "pdf")
    client, _ = logged_in(engine)
    html = client.get(f"/documents/{doc_id}").text
    assert 'id="scan-pane"' in html and 'id="doc-text"' in html
    assert f'src="/documents/{doc_id}/pages/1"' in html and f'src="/documents/{doc_id}/pages/2"' in html
    assert "/pages/3" not in html


def test_review_scans_pdf_page_is_served_as_the_scanned_png(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.pdf",
                      encoded([page(600, 800, 100), page(600, 800, 300)], "PDF"), "pdf")
    client, _ = logged_in(engine)
    response = client.get(f"/documents/{doc_id}/pages/2")
    image = png_of(response).convert("L")
    assert image.size == (600, 800)
    assert image.getpixel((10 + 250, 30)) < 64          # page 2's box is 300 wide, page 1's 100
    assert response.content.startswith(b"\x89PNG")


def test_review_scans_page_answer_carries_the_security_headers(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.png", encoded([page(400, 500, 50)], "PNG"), "image")
    client, _ = logged_in(engine)
    response = client.get(f"/documents/{doc_id}/pages/1")
    assert response.status_code == 200
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_review_scans_tiff_frame_is_served_as_png(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.tiff",
                      encoded([page(400, 500, 50), page(400, 500, 200)], "TIFF"), "image")
    client, _ = logged_in(engine)
    assert f"/documents/{doc_id}/pages/2" in client.get(f"/documents/{doc_id}").text
    image = png_of(client.get(f"/documents/{doc_id}/pages/2")).convert("L")
    assert image.getpixel((10 + 150, 30)) < 64


def test_review_scans_wide_scan_is_shrunk_to_the_page_width(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.jpg",
                      encoded([page(MAX_WIDTH * 2, 1000, 50)], "JPEG"), "image")
    client, _ = logged_in(engine)
    assert png_of(client.get(f"/documents/{doc_id}/pages/1")).size == (MAX_WIDTH, 500)


def test_review_scans_page_needs_login(engine, tmp_path) -> None:
    doc_id = add_scan(engine, tmp_path / "scan.png", encoded([page(400, 500, 50)], "PNG"), "image")
    client = TestClient(create_app(engine, sync_interval=0))
    response = client.get(f"/documents/{doc_id}/pages/1", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_review_scans_missing_file_is_said_in_russian(engine, tmp_path) -> None:
    path = tmp_path / "scan.png"
    doc_id = add_scan(engine, path, encoded([page(400, 500, 50)], "PNG"), "image")
    path.unlink()
    client, _ = logged_in(engine)
    response = client.get(f"/documents/{doc_id}")
    assert response.status_code == 200
    assert 'id="scan-problem"' in response.text and "не найден" in response.text
    assert "/pages/1" not in response.text
    gone = client.get(f"/documents/{doc_id}/pages/1")
    assert gone.status_code == 404 and "не найден" in gone.text


def test_review_scans_changed_file_is_not_shown_as_the_scan(engine, tmp_path) -> None:
    path = tmp_path / "scan.png"
    doc_id = add_scan(engine, path, encoded([page(400, 500, 50)], "PNG"), "image")
    path.write_bytes(encoded([page(400, 500, 300)], "PNG"))
    client, _ = logged_in(engine)
    assert "изменён после загрузки" in client.get(f"/documents/{doc_id}").text
    assert client.get(f"/documents/{doc_id}/pages/1").status_code == 404


def test_review_scans_fifo_in_place_of_the_file_is_not_read(engine, tmp_path) -> None:
    path = tmp_path / "scan.png"
    doc_id = add_scan(engine, path, encoded([page(400, 500, 50)], "PNG"), "image")
    path.unlink()
    os.mkfifo(path)
    client, _ = logged_in(engine)
    assert "не найден" in client.get(f"/documents/{doc_id}").text
    assert client.get(f"/documents/{doc_id}/pages/1").status_code == 404


def test_review_scans_text_document_has_no_scan_pane(engine) -> None:
    client, _ = logged_in(engine)
    assert 'id="scan-pane"' not in client.get(f"/documents/{DOC_ID}").text


def test_review_scans_scan_inside_an_archive_is_served(engine, tmp_path) -> None:
    archive = fb.zip_bytes([("notes.txt", "текст".encode()),
                            ("scans/page.png", encoded([page(400, 500, 200)], "PNG"))])
    doc_id = add_scan(engine, tmp_path / "pack.zip", archive, "image", "pack.zip/scans/page.png")
    client, _ = logged_in(engine)
    assert f"/documents/{doc_id}/pages/1" in client.get(f"/documents/{doc_id}").text
    assert png_of(client.get(f"/documents/{doc_id}/pages/1")).convert("L").getpixel((160, 30)) < 64


def test_review_scans_scan_in_a_nested_archive_is_served(engine, tmp_path) -> None:
    inner = fb.zip_bytes([("page.tiff", encoded([page(400, 500, 200)], "TIFF"))])
    outer = fb.zip_bytes([("inner.zip", inner)])
    doc_id = add_scan(engine, tmp_path / "outer.zip", outer, "image", "outer.zip/inner.zip/page.tiff")
    client, _ = logged_in(engine)
    assert png_of(client.get(f"/documents/{doc_id}/pages/1")).size == (400, 500)


def test_review_scans_member_missing_from_the_archive_is_said(engine, tmp_path) -> None:
    archive = fb.zip_bytes([("other.png", encoded([page(400, 500, 200)], "PNG"))])
    doc_id = add_scan(engine, tmp_path / "pack.zip", archive, "image", "pack.zip/page.png")
    client, _ = logged_in(engine)
    assert "не найден" in client.get(f"/documents/{doc_id}").text
    assert client.get(f"/documents/{doc_id}/pages/1").status_code == 404
