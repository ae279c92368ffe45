"""The review pages: queue, document, changes (POST only, CSRF-checked),
overview. Documents are addressed by their database id only.

Pages are plain functions (Starlette runs them in worker threads) with one
short session each; a change parses its form on the event loop (the body is
already in memory) and does the rest in a worker thread: the user check in
one short read, the change in one write transaction that first locks the
document (review.changes.writing)."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any, Callable, Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from registry.models import Document
from registry.review_models import REVIEW_STATUSES, ReviewAudit, ReviewDocument
from review import (adding, agreement, cards, changes, charts, docview, entities_page, entity_links,
                    highlight, overview, scans, undo, versions)
from review.fields import ADDABLE, CONTROL, TABLE_LABELS
from review.queue import (PAGE_SIZE, Filters, facets, next_document, page, refresh, sources, sync,
                          version_counts)
from review.ru import ACTION_LABELS
from review.search import FIELD_LABELS as SEARCH_FIELD_LABELS
from review.search import SEARCH_FIELDS, snippets
from review.web import db, form_data, posted, user, wants_json

DOC_ID = changes.DOC_ID
MAX_PAGE = 100_000


def parse_day(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def query_text(request: Request, name: str, limit: int = 200) -> Optional[str]:
    """A query parameter without control characters (a NUL breaks PostgreSQL)."""
    return CONTROL.sub("", request.query_params.get(name) or "").strip()[:limit] or None


def filters_from(request: Request) -> Filters:
    status, field = query_text(request, "status"), query_text(request, "field")
    return Filters(status=status if status in REVIEW_STATUSES else None,
                   doc_type=query_text(request, "doc_type"), region=query_text(request, "region"),
                   date_from=parse_day(query_text(request, "date_from")),
                   date_to=parse_day(query_text(request, "date_to")), q=query_text(request, "q"),
                   field=field if field in SEARCH_FIELDS else None,
                   warnings=bool(query_text(request, "warnings")),
                   conflicts=bool(query_text(request, "conflicts")),
                   reviewer=query_text(request, "reviewer", 128))


def load_document(session: Session, doc_id: str) -> Document:
    try:
        return changes.load(session, doc_id)
    except changes.NotFound:
        raise HTTPException(404, "Документ не найден.") from None


def maybe_sync(app: FastAPI, session: Session) -> None:
    if time.monotonic() - app.state.last_sync >= app.state.sync_interval:
        sync(session)
        session.commit()
        app.state.last_sync = time.monotonic()


def cached(app: FastAPI, name: str, compute: Callable[[], Any]) -> Any:
    """Aggregates over the whole queue, recomputed at most every sync interval."""
    store = app.state.cache
    now = time.monotonic()
    if name not in store or now - store[name][0] >= app.state.sync_interval:
        store[name] = (now, compute())
    return store[name][1]


def changed_since_validation(session: Session, review: ReviewDocument) -> list[ReviewAudit]:
    """What was changed after the document was last validated (it is back in review)."""
    if review.status == "validated" or review.validated_by is None:
        return []
    last = session.scalar(select(func.max(ReviewAudit.id)).where(
        ReviewAudit.document_id == review.document_id, ReviewAudit.action == "validate"))
    if last is None:
        return []
    return list(session.scalars(select(ReviewAudit).where(
        ReviewAudit.document_id == review.document_id, ReviewAudit.id > last)
        .order_by(ReviewAudit.id).limit(200)))


def second_look(app: FastAPI, user_name: str) -> Optional[str]:
    """Under two reviewers per document, the next document skips those this one validated."""
    return user_name if app.state.reviewers > 1 else None


def done(request: Request, doc_id: str, anchor: str = "") -> Response:
    if wants_json(request):
        return JSONResponse({"ok": True, "focus": anchor})
    return RedirectResponse(f"/documents/{doc_id}" + (f"#{anchor}" if anchor else ""), status_code=303)


def refused(request: Request, exc: changes.ChangeError) -> Response:
    """400 with the reason; 409 with the current value when the change was
    made against an older state than the stored one."""
    if isinstance(exc, changes.NotFound):
        raise HTTPException(404, "Документ не найден.")
    status = 409 if isinstance(exc, changes.Stale) else 400
    if wants_json(request):
        body = {"error": str(exc)}
        if isinstance(exc, changes.Stale):
            body.update(current=exc.current, display=exc.display, version=exc.version)
        return JSONResponse(body, status_code=status)
    raise HTTPException(status, str(exc))


def write(request: Request, doc_id: str, data: dict[str, Any],
          work: Callable[[Session, Document, str], Response]) -> Response:
    """Check the user, then run ``work`` in one write transaction on the locked document."""
    auth = posted(request, data)
    try:
        with changes.writing(request.app.state.engine, doc_id) as (session, doc):
            return work(session, doc, auth.user_name)
    except changes.ChangeError as exc:
        return refused(request, exc)


def add_routes(app: FastAPI) -> None:
    render = app.state.templates.TemplateResponse
    entities_page.add_routes(app)

    @app.get("/")
    def home() -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request) -> Response:
        filters = filters_from(request)
        try:
            number = min(max(int(request.query_params.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            number = 1
        with db(request) as session:
            auth = user(request, session)
            maybe_sync(app, session)
            rows, total = page(session, filters, number)
            files = sources(session, [r.document_id for r in rows])
            versions_of = version_counts(session, [r.document_id for r in rows])
            pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
            params = {k: v for k, v in request.query_params.items() if k != "page" and v}
            return render(request, "queue.html", {
                "auth": auth, "rows": rows, "files": files, "versions": versions_of, "total": total,
                "page": number,
                "pages": pages,
                "filters": filters, "params": params,
                "facets": cached(app, "facets", lambda: facets(session)),
                "search_fields": SEARCH_FIELD_LABELS,
                "snippets": snippets(session, filters.q, filters.field, [r.document_id for r in rows]),
                "first": (number - 1) * PAGE_SIZE})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(doc_id: str, request: Request) -> Response:
        with db(request) as session:
            auth = user(request, session)
            doc = load_document(session, doc_id)
            review = session.get(ReviewDocument, doc.id)
            if review is None:
                review = refresh(session, doc)
                session.commit()
            marks = versions.marks(session, doc.id)
            view = docview.build(doc.text, doc.record_json, marks.states, marks.version)
            if app.state.reviewers > 1:  # what «Документ проверен» accepts for this reviewer
                view.pending = len(changes.pending_values(session, doc, user=auth.user_name))
            trail = list(session.scalars(select(ReviewAudit).where(ReviewAudit.document_id == doc.id)
                                         .order_by(ReviewAudit.id.desc()).limit(200)))
            changed_after = changed_since_validation(session, review)
            return render(request, "document.html", {
                "auth": auth, "doc": doc, "review": review, "view": view,
                "version": versions.document_version(session, doc, review.status,
                                                     trail[0].id if trail else 0),
                "text_html": highlight.render(doc.text, view.spans),
                "cards_html": cards.render(view, entity_links.of_document(session, doc.id)),
                "next_id": next_document(session, review, second_look(app, auth.user_name)),
                "audit": trail,
                "changed_after": changed_after, "reviewers": app.state.reviewers,
                "validators": agreement.validators(session, doc.id) if app.state.reviewers > 1 else (),
                "scan": scans.scan_pages(session, doc) if scans.is_scan(doc) else None,
                "addable": [(t, TABLE_LABELS[t]) for t in ADDABLE], "action_labels": ACTION_LABELS})

    @app.get("/documents/{doc_id}/pages/{number}")
    def scan_page(doc_id: str, number: int, request: Request) -> Response:
        """Page ``number`` of the document's scan as PNG (review.scans)."""
        with db(request) as session:
            user(request, session)
            doc = load_document(session, doc_id)
            try:
                image = scans.page_png(session, doc, number)
            except scans.ScanUnavailable as why:
                raise HTTPException(404, str(why)) from None
        return Response(image, media_type="image/png")

    @app.post("/documents/{doc_id}/change")
    async def change_value(doc_id: str, request: Request) -> Response:
        data = await form_data(request)
        table, key, field = data.get("table", ""), data.get("key", ""), data.get("field", "")

        def work(session: Session, doc: Document, user_name: str) -> Response:
            changes.change(session, doc, user_name, data.get("action", ""), table, key, field,
                           data.get("value"), data.get("version"))
            return done(request, doc.id, docview.dom_id("f", table, key, field))

        return await run_in_threadpool(write, request, doc_id, data, work)

    @app.post("/documents/{doc_id}/add")
    async def add_value(doc_id: str, request: Request) -> Response:
        data = await form_data(request)

        def work(session: Session, doc: Document, user_name: str) -> Response:
            try:
                start, stop = int(data.get("start", "")), int(data.get("stop", ""))
            except ValueError:
                raise changes.ChangeError("Неверные границы выделения.") from None
            key = adding.add(session, doc, user_name, data.get("table", ""), start, stop,
                             data.get("text", ""), data.get("value"), data.get("attach") or None)
            return done(request, doc.id, docview.dom_id("rec", data["table"], key))

        return await run_in_threadpool(write, request, doc_id, data, work)

    @app.post("/documents/{doc_id}/accept")
    async def accept_values(doc_id: str, request: Request) -> Response:
        """Accept every untouched value of a record (table + key) or a section (table)."""
        data = await form_data(request)
        table, key = data.get("table", ""), data.get("key") or None

        def work(session: Session, doc: Document, user_name: str) -> Response:
            accepted = changes.accept_all(session, doc, user_name, table, key, data.get("version"))
            anchor = docview.dom_id("rec", table, key) if key else docview.dom_id("sec", table)
            if wants_json(request):
                return JSONResponse({"ok": True, "accepted": accepted, "focus": anchor})
            return done(request, doc.id, anchor)

        return await run_in_threadpool(write, request, doc_id, data, work)

    @app.post("/documents/{doc_id}/undo")
    async def undo_action(doc_id: str, request: Request) -> Response:
        """Undo the user's last action on the document."""
        data = await form_data(request)

        def work(session: Session, doc: Document, user_name: str) -> Response:
            row = undo.undo_last(session, doc, user_name, data.get("version"))
            anchor = (docview.dom_id("rec", row.record_table, row.record_key) if row.action == "add"
                      else docview.dom_id("f", row.record_table, row.record_key, row.field))
            return done(request, doc.id, anchor)

        return await run_in_threadpool(write, request, doc_id, data, work)

    @app.post("/documents/{doc_id}/validate")
    async def validate_document(doc_id: str, request: Request) -> Response:
        data = await form_data(request)

        def work(session: Session, doc: Document, user_name: str) -> Response:
            changes.mark_validated(session, doc, user_name, data.get("version"), app.state.reviewers)
            session.flush()
            target = next_document(session, session.get(ReviewDocument, doc.id),
                                   second_look(app, user_name))
            url = f"/documents/{target}" if target else "/queue"
            if wants_json(request):
                return JSONResponse({"ok": True, "next": url})
            return RedirectResponse(url, status_code=303)

        return await run_in_threadpool(write, request, doc_id, data, work)

    @app.get("/overview", response_class=HTMLResponse)
    def overview_page(request: Request) -> Response:
        with db(request) as session:
            auth = user(request, session)
            maybe_sync(app, session)
            figures: dict[str, Any] = cached(app, "figures",
                                             lambda: overview.figures(session, app.state.baseline,
                                                                      app.state.reviewers))
            return render(request, "overview.html", {
                "auth": auth, "figures": figures, "hbars": charts.hbars, "columns": charts.columns})
