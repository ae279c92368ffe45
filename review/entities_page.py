"""The librarian's entity pages: the list of schools, people and organisations
across documents (kind filter, name search), an entity's page (review.entity_view)
and its two corrections, merge and split, which call the audited functions of
registry/entity_edits.py as the logged-in librarian, after the CSRF check.

Registered by ``add_routes(app)`` (review/routes.py)."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from registry import entity_edits
from registry.entities import find_entities
from registry.entity_models import ENTITY_KINDS, Entity
from review import entity_view
from review.fields import CONTROL
from review.ru import VALUE_LABELS
from review.web import db, posted, user, wants_json

LIST_LIMIT = 200
ROLE_LABELS = VALUE_LABELS[("people", "event_roles")]
GENDER_LABELS = VALUE_LABELS[("people", "gender")]
MAX_ID = 2 ** 31 - 1


def entity_id_of(value: Any) -> Optional[int]:
    """A positive entity id from a path or form value; None when it is not one."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10 or not 0 < int(text) <= MAX_ID:
        return None
    return int(text)


def load_entity(session: Session, value: Any) -> Entity:
    entity_id = entity_id_of(value)
    entity = session.get(Entity, entity_id) if entity_id is not None else None
    if entity is None:
        raise HTTPException(404, "Сущность не найдена: возможно, её объединили с другой или разделили. "
                                 "Найдите её в списке сущностей.")
    return entity


def key_fields(entity: Entity) -> list[tuple[str, str]]:
    shown = []
    for name, label in entity_view.KEY_FIELDS[entity.kind]:
        value = getattr(entity, name)
        if value:
            shown.append((label, GENDER_LABELS.get(value, value) if name == "gender" else value))
    return shown


def as_written(found: list[entity_view.Mention]) -> list[tuple[str, int]]:
    """Each name as written, with how many rows (document mentions) use it."""
    counts: dict[str, int] = {}
    for mention in found:
        for text in mention.written:
            counts[text] = counts.get(text, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def done(request: Request, entity_id: int, note: str) -> Response:
    if wants_json(request):
        return JSONResponse({"ok": True, "entity": entity_id})
    return RedirectResponse(f"/entities/{entity_id}?done={note}", status_code=303)


NOTES = {"merged": "Сущности объединены; решение записано в журнал и сохранится при повторной обработке.",
         "split": "Отмеченные упоминания выделены в новую сущность; решение записано в журнал."}


def merge_work(request: Request, this: str, data: dict[str, str]) -> Response:
    auth = posted(request, data)
    target_id = entity_id_of(data.get("target_id") or data.get("target"))
    with db(request) as session:
        entity = load_entity(session, this)
        if target_id is None:
            raise HTTPException(400, "Выберите сущность, с которой объединить, или введите её номер.")
        if target_id == entity.id:
            raise HTTPException(400, "Нельзя объединить сущность с ней самой.")
        target = session.get(Entity, target_id)
        if target is None:
            raise HTTPException(400, f"Сущности № {target_id} нет.")
        if target.kind != entity.kind:
            raise HTTPException(400, f"Объединять можно только сущности одного вида: "
                                     f"«{entity_view.KIND_LABELS[entity.kind]}» и "
                                     f"«{entity_view.KIND_LABELS[target.kind]}» — разные.")
    try:
        kept = entity_edits.merge(request.app.state.engine, [entity.id, target_id], by=auth.user_name)
    except entity_edits.EntityEditError:
        raise HTTPException(409, "Объединение не выполнено: сущности изменились. Обновите страницу.") from None
    return done(request, kept, "merged")


def split_work(request: Request, this: str, data: dict[str, str], rows: list[str]) -> Response:
    auth = posted(request, data)
    row_ids = sorted({r for r in (entity_id_of(v) for v in rows) if r is not None})
    with db(request) as session:
        entity = load_entity(session, this)
    if not row_ids or len(row_ids) != len(rows):
        raise HTTPException(400, "Отметьте упоминания, которые нужно выделить в новую сущность.")
    try:
        new = entity_edits.split(request.app.state.engine, entity.id, row_ids, by=auth.user_name)
    except entity_edits.EntityEditError:
        raise HTTPException(400, "Разделение не выполнено: отметьте часть упоминаний этой сущности, "
                                 "но не все (обновите страницу, если их изменили).") from None
    return done(request, new, "split")


def add_routes(app: FastAPI) -> None:
    render = app.state.templates.TemplateResponse

    @app.get("/entities", response_class=HTMLResponse)
    def entities_list(request: Request) -> Response:
        kind = request.query_params.get("kind") or None
        kind = kind if kind in ENTITY_KINDS else None
        query = CONTROL.sub("", request.query_params.get("q") or "").strip()[:200] or None
        with db(request) as session:
            auth = user(request, session)
        found = find_entities(request.app.state.engine, kind, query, LIST_LIMIT)
        return render(request, "entities.html", {
            "auth": auth, "entities": found, "kind": kind, "q": query or "", "limit": LIST_LIMIT,
            "kinds": entity_view.KIND_LABELS})

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str, request: Request) -> Response:
        with db(request) as session:
            auth = user(request, session)
            entity = load_entity(session, entity_id)
            found = entity_view.mentions(session, entity)
            ties = (entity_view.people_of_school(session, entity, ROLE_LABELS) if entity.kind == "school"
                    else entity_view.places_of_person(session, entity, ROLE_LABELS) if entity.kind == "person"
                    else [])
            moments = entity_view.timeline(session, found, ROLE_LABELS)
            return render(request, "entity.html", {
                "auth": auth, "entity": entity, "kinds": entity_view.KIND_LABELS,
                "fields": key_fields(entity), "names": as_written(found), "mentions": found,
                "timeline": moments, "sources": {m.document_id: m.source for m in moments}, "ties": ties,
                "candidates": entity_view.candidates(session, entity),
                "journal": entity_view.journal(session, entity, found),
                "role_labels": ROLE_LABELS, "note": NOTES.get(request.query_params.get("done") or ""),
                "max_rows": entity_view.MAX_ROWS})

    @app.post("/entities/{entity_id}/merge")
    async def merge_entity(entity_id: str, request: Request) -> Response:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
        return await run_in_threadpool(merge_work, request, entity_id, data)

    @app.post("/entities/{entity_id}/split")
    async def split_entity(entity_id: str, request: Request) -> Response:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
        rows = [v for v in form.getlist("row") if isinstance(v, str)]
        return await run_in_threadpool(split_work, request, entity_id, data, rows)
