// reestr review: keyboard review, span <-> record navigation, adding a missed
// value from a text selection. Every POST carries the session's CSRF token in
// the X-CSRF-Token header; no document text is ever inserted as HTML.
"use strict";
(function () {
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  const FOCUS_KEY = "reestr-review-focus";

  function flash(message) {
    const box = document.getElementById("flash");
    if (!box) { return; }
    box.textContent = message;
    box.hidden = false;
    window.setTimeout(function () { box.hidden = true; }, 6000);
  }

  async function send(url, data) {
    const response = await fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" },
    });
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok) {
      const error = new Error(body.error || ("Ошибка " + response.status));
      error.body = body;
      throw error;
    }
    return body;
  }

  function after(promise) {
    promise.then(function (body) {
      if (body.next) { window.location.assign(body.next); return; }
      if (body.focus) { window.sessionStorage.setItem(FOCUS_KEY, body.focus); }
      window.location.reload();
    }).catch(function (err) { flash(err.message); });
  }

  function post(form, submitter) {
    // form.action is shadowed by an input named "action": read the attribute
    return send(form.getAttribute("action"), new FormData(form, submitter || undefined));
  }

  function enhanceForms() {
    document.querySelectorAll("form.js-post:not(#add-panel)").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        after(post(form, event.submitter));
      });
    });
  }

  // ---- spans and records -------------------------------------------------
  function segmentsOf(ids) {
    const out = [];
    ids.forEach(function (id) {
      document.querySelectorAll('#doc-text mark[data-s~="' + id + '"]').forEach(function (m) { out.push(m); });
    });
    return out;
  }

  function showSpans(ids) {
    document.querySelectorAll("mark.flash-span").forEach(function (m) { m.classList.remove("flash-span"); });
    const marks = segmentsOf(ids);
    marks.forEach(function (m) { m.classList.add("flash-span"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  }

  function spanIds(el) {
    const value = el && el.dataset.spans;
    return value ? value.split(" ").filter(Boolean) : [];
  }

  function bindNavigation() {
    document.querySelectorAll(".record .goto").forEach(function (button) {
      button.addEventListener("click", function () { showSpans(spanIds(button.closest(".record"))); });
    });
    const text = document.getElementById("doc-text");
    if (!text) { return; }
    text.addEventListener("click", function (event) {
      const mark = event.target.closest("mark.hl");
      if (!mark || !window.getSelection().isCollapsed) { return; }
      const record = document.getElementById(mark.dataset.r);
      if (!record) { return; }
      document.querySelectorAll(".record.flash-record").forEach(function (r) { r.classList.remove("flash-record"); });
      record.classList.add("flash-record");
      record.scrollIntoView({ block: "center", behavior: "smooth" });
      const first = record.querySelector(".field");
      if (first) { setCurrent(fields().indexOf(first), false); }
    });
  }

  // ---- keyboard review ---------------------------------------------------
  let current = -1;
  function fields() { return Array.from(document.querySelectorAll(".records-pane .field")); }

  function setCurrent(index, scroll) {
    const all = fields();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (f) { f.classList.remove("current"); });
    const field = all[current];
    field.classList.add("current");
    if (scroll !== false) { field.scrollIntoView({ block: "nearest" }); }
    const ids = spanIds(field).length ? spanIds(field) : spanIds(field.closest(".record"));
    showSpans(ids);
  }

  function changeField(field, action, value) {
    const record = field.closest(".record");
    const data = new FormData();
    data.append("action", action);
    data.append("table", record.dataset.table);
    data.append("key", record.dataset.key);
    data.append("field", field.dataset.field);
    data.append("version", field.dataset.version || "");
    if (value !== undefined) { data.append("value", value); }
    send(document.querySelector(".records-pane").dataset.changeUrl, data).then(function (body) {
      // after an action the cursor goes on to the next value still to check
      const next = nextPending(field, action === "reject");
      window.sessionStorage.setItem(FOCUS_KEY, next ? next.id : (body.focus || field.id));
      window.location.reload();
    }).catch(function (err) {
      const stale = err.body && err.body.version;
      if (stale) {
        // someone else changed it: show the stored value; the next action is made against it
        field.dataset.version = err.body.version;
        field.dataset.value = err.body.current === null ? "" : String(err.body.current);
        field.querySelector(".value").textContent = err.body.display;
        field.classList.add("stale");
      }
      flash(err.message);
    });
  }

  function nextPending(field, skipRecord) {
    const all = fields();
    const at = all.indexOf(field);
    const record = field.closest(".record");
    const order = all.slice(at + 1).concat(all.slice(0, at));
    return order.find(function (f) {
      return f.classList.contains("st-pending") && !(skipRecord && f.closest(".record") === record);
    }) || null;
  }

  function closeEdit(field) {
    const edit = field.querySelector(".edit");
    if (edit) { edit.remove(); }
  }

  function openEdit(field) {
    // The editor is built with DOM calls; the value is set as a property, never as HTML.
    let edit = field.querySelector(".edit");
    if (!edit) {
      edit = document.createElement("span");
      edit.className = "edit";
      let input;
      const long = field.dataset.kind === "text" && (field.dataset.value || "").length > 60;
      if (field.dataset.choices && field.dataset.kind === "choice") {
        input = document.createElement("select");
        const labels = (field.dataset.choiceLabels || field.dataset.choices).split("|");
        field.dataset.choices.split("|").forEach(function (choice, i) {
          const option = document.createElement("option");
          option.value = choice; option.textContent = labels[i] || choice;
          input.appendChild(option);
        });
      } else if (long) {
        // long values (decisions, plan items) in a text area; Enter saves, Shift+Enter breaks the line
        input = document.createElement("textarea");
        input.rows = Math.min(8, Math.ceil(field.dataset.value.length / 60) + 1);
      } else {
        input = document.createElement("input");
        if (field.dataset.kind === "date") { input.placeholder = "дд.мм.гггг"; }
        if (field.dataset.kind === "list") {
          input.placeholder = "через запятую: " + (field.dataset.choiceLabels || "").split("|").join(", ");
        }
      }
      input.name = "value";
      input.value = field.dataset.value;
      input.setAttribute("aria-label", field.querySelector(".label").textContent);
      const save = document.createElement("button");
      save.type = "button"; save.className = "save"; save.textContent = "Сохранить";
      save.addEventListener("click", function () { changeField(field, "edit", input.value); });
      const cancel = document.createElement("button");
      cancel.type = "button"; cancel.textContent = "Отмена";
      cancel.addEventListener("click", function () { closeEdit(field); });
      edit.append(input, save, cancel);
      field.appendChild(edit);
    }
    const input = edit.querySelector("input, select, textarea");
    input.focus();
    if (input.select) { input.select(); }
  }

  function docVersion() {
    const input = document.querySelector('#validate-form input[name="version"]');
    return input ? input.value : "";
  }

  function acceptAll(table, key) {
    const data = new FormData();
    data.append("table", table);
    if (key) { data.append("key", key); }
    data.append("version", docVersion());
    const url = document.querySelector(".records-pane").dataset.changeUrl.replace(/change$/, "accept");
    after(send(url, data));
  }

  function bindFields() {
    document.querySelectorAll(".record .accept-record").forEach(function (button) {
      const record = button.closest(".record");
      button.addEventListener("click", function () { acceptAll(record.dataset.table, record.dataset.key); });
    });
    document.querySelectorAll(".accept-section").forEach(function (button) {
      button.addEventListener("click", function () { acceptAll(button.dataset.table); });
    });
    fields().forEach(function (field, index) {
      field.addEventListener("click", function (event) {
        if (event.target.closest("button, input, select")) { return; }
        setCurrent(index, false);
      });
      field.querySelector(".accept").addEventListener("click", function () { changeField(field, "accept"); });
      field.querySelector(".reject").addEventListener("click", function () { changeField(field, "reject"); });
      field.querySelector(".edit-open").addEventListener("click", function () { setCurrent(index, false); openEdit(field); });
    });
  }

  function actOnCurrent(action) {
    const field = fields()[current];
    if (field) { changeField(field, action); }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select")) {
      const edit = target.closest(".edit");
      if (edit && event.key === "Escape") { edit.remove(); }
      if (edit && event.key === "Enter" && !event.shiftKey) { event.preventDefault(); edit.querySelector("button.save").click(); }
      return;
    }
    const all = fields();
    switch (event.key) {
      case "j": setCurrent(current + 1); break;
      case "k": setCurrent(current - 1); break;
      case "a": actOnCurrent("accept"); break;
      case "r": actOnCurrent("reject"); break;
      case "e": if (all[current]) { event.preventDefault(); openEdit(all[current]); } break;
      case "+": event.preventDefault(); openAdd(); break;
      case "u": { const undo = document.getElementById("undo-form"); if (undo) { after(post(undo)); } break; }
      case "n": { const next = document.getElementById("next-doc"); if (next) { window.location.assign(next.href); } break; }
      default: return;
    }
  }

  function restoreFocus() {
    const id = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
    const target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    const all = fields();
    const field = target.classList.contains("field") ? target : target.querySelector(".field");
    if (field) { setCurrent(all.indexOf(field)); } else { target.scrollIntoView({ block: "center" }); }
  }

  // ---- adding a missed value from a selection ----------------------------
  function codePoints(text) { return Array.from(text).length; }

  function offsetOf(container, node, offset) {
    // Python offset of a DOM boundary: the segment's data-o plus code points inside it.
    if (node.nodeType === Node.TEXT_NODE) {
      const seg = node.parentElement.closest("[data-o]");
      if (!seg || !container.contains(seg)) { return null; }
      return Number(seg.dataset.o) + codePoints(node.data.slice(0, offset));
    }
    if (node === container) {
      const child = container.childNodes[offset];
      return child ? Number(child.dataset.o) : Number(container.dataset.len);
    }
    const seg = node.closest ? node.closest("[data-o]") : null;
    if (!seg || !container.contains(seg)) { return null; }
    return Number(seg.dataset.o) + (offset > 0 ? codePoints(seg.textContent) : 0);
  }

  function recordChoices(panel) {
    // "attach to": the records of the chosen type already in the document
    const select = panel.elements.attach;
    const table = panel.elements.table.value;
    select.length = 1;
    document.querySelectorAll('.record[data-table="' + table + '"]:not(.rejected)').forEach(function (record) {
      const first = record.querySelector(".field .value");
      const option = document.createElement("option");
      option.value = record.dataset.key;
      option.textContent = "к записи: " + (first ? first.textContent : record.dataset.key);
      select.appendChild(option);
    });
  }

  function showPanel(panel, start, stop, selected, x, y) {
    panel.elements.start.value = start === null ? "" : start;
    panel.elements.stop.value = stop === null ? "" : stop;
    panel.elements.text.value = selected;
    panel.querySelector(".selected-text").textContent = selected;
    panel.querySelector(".selected").hidden = !selected;
    panel.querySelector(".fragment-label").hidden = !!selected;
    panel.style.left = Math.max(8, Math.min(x, window.innerWidth - 420)) + "px";
    panel.style.top = Math.max(8, Math.min(y, window.innerHeight - 260)) + "px";
    recordChoices(panel);
    panel.hidden = false;
    (selected ? panel.elements.table : panel.elements.fragment).focus();
  }

  function selectionRange(text) {
    const selection = window.getSelection();
    if (selection.isCollapsed || !selection.rangeCount) { return null; }
    const range = selection.getRangeAt(0);
    const start = offsetOf(text, range.startContainer, range.startOffset);
    const stop = offsetOf(text, range.endContainer, range.endOffset);
    if (start === null || stop === null || stop <= start) { return null; }
    return { start: start, stop: stop, text: selection.toString() };
  }

  function locate(text, fragment) {
    // a typed fragment -> its first place in the document (Python code point offsets)
    const full = text.textContent;
    const at = full.indexOf(fragment);
    if (!fragment || at < 0) { return null; }
    const start = codePoints(full.slice(0, at));
    return { start: start, stop: start + codePoints(fragment), text: fragment };
  }

  function bindSelection() {
    const text = document.getElementById("doc-text");
    const panel = document.getElementById("add-panel");
    if (!text || !panel) { return; }
    text.addEventListener("mouseup", function (event) {
      const found = selectionRange(text);
      if (found) { showPanel(panel, found.start, found.stop, found.text, event.clientX, event.clientY + 12); }
    });
    panel.elements.table.addEventListener("change", function () { recordChoices(panel); });
    panel.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!panel.elements.start.value) {
        const found = locate(text, panel.elements.fragment.value);
        if (!found) { flash("Такого фрагмента в тексте нет: введите его точно как в документе."); return; }
        panel.elements.start.value = found.start;
        panel.elements.stop.value = found.stop;
        panel.elements.text.value = found.text;
      }
      after(post(panel, event.submitter));
    });
    panel.querySelector(".add-cancel").addEventListener("click", function () { panel.hidden = true; });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; }
    });
  }

  function openAdd() {
    // keyboard access: the current selection (made with Shift+arrows in caret browsing) or a typed fragment
    const text = document.getElementById("doc-text");
    const panel = document.getElementById("add-panel");
    if (!text || !panel) { return; }
    const found = selectionRange(text);
    showPanel(panel, found ? found.start : null, found ? found.stop : null, found ? found.text : "",
              window.innerWidth / 2 - 200, 120);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceForms();
    bindNavigation();
    bindFields();
    bindSelection();
    document.addEventListener("keydown", onKey);
    restoreFocus();
  });
})();
