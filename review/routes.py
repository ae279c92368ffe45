"""The review pages: queue, document, changes (POST only, CSRF-checked),
overview. Documents are addressed by their database id only."""
from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any, Callable, Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Document, Validation
from registry.review_models import REVIEW_STATUSES, ReviewAudit, ReviewDocument
from review import cards, changes, charts, docview, highlight, overview
from review.fields import ADDABLE, TABLE_LABELS
from review.queue import PAGE_SIZE, Filters, facets, next_document, page, refresh, sync
from review.ru import ACTION_LABELS
from review.web import db, posted, user, wants_json

DOC_ID = re.compile(r"^[0-9a-f]{64}$")
MAX_PAGE = 100_000


def parse_day(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(request: Request) -> Filters:
    q = request.query_params
    status = q.get("status") if q.get("status") in REVIEW_STATUSES else None
    return Filters(status=status, doc_type=q.get("doc_type") or None, region=q.get("region") or None,
                   date_from=parse_day(q.get("date_from")), date_to=parse_day(q.get("date_to")),
                   q=(q.get("q") or "").strip()[:200] or None)


def load_document(session: Session, doc_id: str) -> Document:
    doc = session.get(Document, doc_id) if DOC_ID.match(doc_id) else None
    if doc is None or doc.text is None or doc.record_json is None:
        raise HTTPException(404, "Документ не найден.")
    return doc


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


def field_states(session: Session, doc_id: str) -> dict[tuple[str, str, str], str]:
    states: dict[tuple[str, str, str], str] = {}
    for v in session.scalars(select(Validation).where(Validation.document_id == doc_id)):
        states[(v.record_table, v.record_key, v.field)] = "accept"
    for a in session.scalars(select(ReviewAudit).where(ReviewAudit.document_id == doc_id,
                                                       ReviewAudit.action != "validate")
                             .order_by(ReviewAudit.id)):
        if a.action == "add":
            for name in (a.new_json or {}):
                states[(a.record_table, a.record_key, name)] = "add"
        else:
            states[(a.record_table, a.record_key, a.field)] = a.action
    return states


def done(request: Request, doc_id: str, anchor: str = "") -> Response:
    if wants_json(request):
        return JSONResponse({"ok": True, "focus": anchor})
    return RedirectResponse(f"/documents/{doc_id}" + (f"#{anchor}" if anchor else ""), status_code=303)


def refused(request: Request, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=400)
    raise HTTPException(400, message)


def add_routes(app: FastAPI) -> None:
    render = app.state.templates.TemplateResponse

    @app.get("/")
    def home() -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, session: Session = Depends(db)) -> Response:
        auth = user(request, session)
        maybe_sync(app, session)
        filters = filters_from(request)
        try:
            number = min(max(int(request.query_params.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            number = 1
        rows, total = page(session, filters, number)
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return render(request, "queue.html", {
            "auth": auth, "rows": rows, "total": total, "page": number, "pages": pages,
            "filters": filters, "params": params, "facets": cached(app, "facets", lambda: facets(session)),
            "first": (number - 1) * PAGE_SIZE})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(doc_id: str, request: Request, session: Session = Depends(db)) -> Response:
        auth = user(request, session)
        doc = load_document(session, doc_id)
        review = session.get(ReviewDocument, doc.id)
        if review is None:
            review = refresh(session, doc)
            session.commit()
        view = docview.build(doc.text, doc.record_json, field_states(session, doc.id))
        trail = list(session.scalars(select(ReviewAudit).where(ReviewAudit.document_id == doc.id)
                                     .order_by(ReviewAudit.id.desc()).limit(200)))
        return render(request, "document.html", {
            "auth": auth, "doc": doc, "review": review, "view": view,
            "text_html": highlight.render(doc.text, view.spans), "cards_html": cards.render(view),
            "next_id": next_document(session, review), "audit": trail,
            "addable": [(t, TABLE_LABELS[t]) for t in ADDABLE], "action_labels": ACTION_LABELS})

    @app.post("/documents/{doc_id}/change")
    async def change_value(doc_id: str, request: Request, session: Session = Depends(db)) -> Response:
        auth, data = await posted(request, session)
        doc = load_document(session, doc_id)
        table, key, field = data.get("table", ""), data.get("key", ""), data.get("field", "")
        try:
            changes.change(session, doc, auth.user_name, data.get("action", ""), table, key, field,
                           data.get("value"))
        except changes.ChangeError as exc:
            session.rollback()
            return refused(request, str(exc))
        session.commit()
        return done(request, doc.id, docview.dom_id("f", table, key, field))

    @app.post("/documents/{doc_id}/add")
    async def add_value(doc_id: str, request: Request, session: Session = Depends(db)) -> Response:
        auth, data = await posted(request, session)
        doc = load_document(session, doc_id)
        try:
            start, stop = int(data.get("start", "")), int(data.get("stop", ""))
            key = changes.add(session, doc, auth.user_name, data.get("table", ""), start, stop,
                              data.get("text", ""), data.get("value"))
        except ValueError as exc:  # ChangeError or a malformed offset
            session.rollback()
            message = str(exc) if isinstance(exc, changes.ChangeError) else "Неверные границы выделения."
            return refused(request, message)
        session.commit()
        return done(request, doc.id, docview.dom_id("rec", data["table"], key))

    @app.post("/documents/{doc_id}/validate")
    async def validate_document(doc_id: str, request: Request, session: Session = Depends(db)) -> Response:
        auth, _data = await posted(request, session)
        doc = load_document(session, doc_id)
        changes.mark_validated(session, doc, auth.user_name)
        session.commit()
        target = next_document(session, session.get(ReviewDocument, doc.id))
        url = f"/documents/{target}" if target else "/queue"
        if wants_json(request):
            return JSONResponse({"ok": True, "next": url})
        return RedirectResponse(url, status_code=303)

    @app.get("/overview", response_class=HTMLResponse)
    def overview_page(request: Request, session: Session = Depends(db)) -> Response:
        auth = user(request, session)
        maybe_sync(app, session)
        figures: dict[str, Any] = cached(app, "figures",
                                         lambda: overview.figures(session, app.state.baseline))
        return render(request, "overview.html", {
            "auth": auth, "figures": figures, "hbars": charts.hbars, "columns": charts.columns})
