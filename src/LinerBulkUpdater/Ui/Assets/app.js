// The page of liner-bulk ui. Plain JS, no libraries: every request carries the page's token in a header
// (the server refuses state-changing requests without it), and everything the page shows comes from the
// tool's own check, dry run, run and report.
"use strict";
(() => {
  const token = document.querySelector("meta[name=liner-token]").content;
  const $ = (id) => document.getElementById(id);
  const words = {
    en: {
      check: "2. Check", checking: "Checking the file", previewButton: "Preview the changes", preview: "3. Preview (nothing is sent)",
      previewing: "Reading each lead from Liner and comparing", outcomes: "Rows by outcome", fields: "Rows by field changed",
      statuses: "Status changes", problems: "Rows that will not be sent as they are", changes: "Every row", row: "Row", prev: "← Previous", next: "Next →",
      sendOptions: "How to send", rps: "Requests a second (0: no limit)", concurrency: "Requests at once", undoFile: "Write an undo file (recommended)",
      liveDiff: "Send only what differs from Liner", verify: "Read each lead back to check Liner kept it", sendButton: "Send",
      progress: "4. Sending", stop: "Stop", stopAtOnce: "Stop at once", results: "5. Results", files: "Files", undoRun: "Undo this run (preview first)",
      runs: "Earlier runs", when: "Started (UTC)", file: "File", log: "Log", open: "Open", none: "none",
      rowsOf: (a, b) => `${a} of ${b} rows`, pace: (r) => `${r} rows/s`, left: (s) => `about ${s} left`, limit: (l) => `Liner's limit found: about ${l} requests/s`,
      paused: "Liner asked to slow down: paused", stopping: "Stopping: requests in flight finish, every row is reported",
      pageText: (a, b, n) => `rows ${a}–${b} of ${n}`, undoOf: (id) => `Applying the undo file of run ${id}`, file_: (f) => `File: ${f}`,
      exit: { 0: "Done: every row updated, unchanged, skipped or dry_run.", 1: "Finished: some rows failed, are invalid, not found or changed since (see the report).", 2: "Refused: nothing was sent.", 3: "Stopped part-way: the report lists every row." },
      stopped: (r) => `Why it stopped: ${r}`, refused: "Refused: ", noKey: "No API key: set the LINER_API_KEY environment variable (or Liner:ApiKey in the settings) and start liner-bulk ui again; or try it with --sandbox.",
      target: (u) => `Liner: ${u}`, kinds: { input: "input", report: "report", preview: "preview report", undo: "undo file", summary: "summary JSON" },
      tooLarge: (mb) => `The file is larger than ${mb} MB.`, noUndo: "This run wrote no undo file.", busy: "A send is already going.",
    },
    ru: {
      check: "2. Проверка", checking: "Проверяем файл", previewButton: "Показать изменения", preview: "3. Предпросмотр (ничего не отправляется)",
      previewing: "Читаем каждый лид из Liner и сравниваем", outcomes: "Строки по исходу", fields: "Строки по изменяемому полю",
      statuses: "Смена статусов", problems: "Строки, которые не уйдут как есть", changes: "Все строки", row: "Строка", prev: "← Назад", next: "Дальше →",
      sendOptions: "Как отправлять", rps: "Запросов в секунду (0 — без ограничения)", concurrency: "Запросов одновременно", undoFile: "Писать файл отмены (рекомендуется)",
      liveDiff: "Отправлять только то, что отличается от Liner", verify: "Перечитывать лид и проверять, что Liner сохранил", sendButton: "Отправить",
      progress: "4. Отправка", stop: "Остановить", stopAtOnce: "Остановить сразу", results: "5. Итог", files: "Файлы", undoRun: "Отменить этот запуск (сначала предпросмотр)",
      runs: "Прошлые запуски", when: "Начат (UTC)", file: "Файл", log: "Журнал", open: "Открыть", none: "нет",
      rowsOf: (a, b) => `${a} из ${b} строк`, pace: (r) => `${r} строк/с`, left: (s) => `осталось около ${s}`, limit: (l) => `Найден предел Liner: около ${l} запросов/с`,
      paused: "Liner попросил притормозить: пауза", stopping: "Останавливаемся: начатые запросы завершаются, в отчёте будет каждая строка",
      pageText: (a, b, n) => `строки ${a}–${b} из ${n}`, undoOf: (id) => `Применяем файл отмены запуска ${id}`, file_: (f) => `Файл: ${f}`,
      exit: { 0: "Готово: каждая строка updated, unchanged, skipped или dry_run.", 1: "Завершено: есть строки failed, invalid, not_found или changed_since (см. отчёт).", 2: "Отказ: ничего не отправлено.", 3: "Остановлено на полпути: в отчёте каждая строка." },
      stopped: (r) => `Почему остановлено: ${r}`, refused: "Отказ: ", noKey: "Нет ключа API: задайте переменную окружения LINER_API_KEY (или Liner:ApiKey в настройках) и запустите liner-bulk ui снова; или попробуйте с --sandbox.",
      target: (u) => `Liner: ${u}`, kinds: { input: "исходный файл", report: "отчёт", preview: "отчёт предпросмотра", undo: "файл отмены", summary: "сводка JSON" },
      tooLarge: (mb) => `Файл больше ${mb} МБ.`, noUndo: "Этот запуск не писал файл отмены.", busy: "Отправка уже идёт.",
    },
  };
  // The server chose from the browser's language; a choice made on the page wins.
  let lang = localStorage.getItem("liner-lang") || (document.documentElement.lang === "ru" ? "ru" : "en");
  const t = (key) => words[lang][key];
  let state = null, run = null, page = 0, timer = null, shownPhase = null;

  function applyLanguage() {
    document.documentElement.lang = lang;
    $("lang").value = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    if (state) showState();
    if (run) showRun(run);
  }

  async function api(method, path, body, headers) {
    const response = await fetch(path, { method, body, credentials: "same-origin", headers: Object.assign({ "X-Liner-Token": token }, headers || {}) });
    const json = response.headers.get("content-type")?.startsWith("application/json") ? await response.json() : {};
    if (!response.ok && response.status !== 202) throw Object.assign(new Error(json.error || response.statusText), { status: response.status });
    return json;
  }

  function notice(text) { $("notice").textContent = text || ""; $("notice").hidden = !text; }

  function cells(tbody, rows) {
    tbody.replaceChildren(...rows.map((row) => { const tr = document.createElement("tr"); row.forEach((c) => { const td = document.createElement("td"); td.textContent = c; tr.append(td); }); return tr; }));
  }

  function counts(ul, outcomes) {
    ul.replaceChildren(...Object.entries(outcomes).filter(([, n]) => n > 0).map(([name, n]) => { const li = document.createElement("li"); li.append(name + ": "); const b = document.createElement("b"); b.textContent = n; li.append(b); return li; }));
  }

  function seconds(s) { const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), x = Math.floor(s % 60); return [h, m, x].map((v) => String(v).padStart(2, "0")).join(":"); }

  async function upload(file) {
    if (!file) return;
    notice("");
    if (state && file.size > state.maxUploadMegabytes * 1048576) { notice(t("tooLarge")(state.maxUploadMegabytes)); return; }
    try {
      const answer = await api("POST", "/api/runs", file, { "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) });
      follow(answer.id);
    } catch (e) { notice(e.message); }
  }

  function follow(id) { page = 0; shownPhase = null; run = { id, phase: "checking", check: [], files: [] }; showRun(run); poll(); }

  async function poll() {
    clearTimeout(timer);
    if (!run) return;
    try { run = await api("GET", `/api/runs/${run.id}`); showRun(run); } catch (e) { notice(e.message); return; }
    if (run.phase === "new") { if (await post(`/api/runs/${run.id}/check`)) timer = setTimeout(poll, 500); return; }
    if (["checking", "previewing", "sending"].includes(run.phase)) timer = setTimeout(poll, 500);
    else { refreshState(); if (run.preview) rows(); }
  }

  function focusStep(id) { const h = $(id); if (h && document.activeElement === document.body) h.focus(); }

  function showRun(r) {
    $("step-check").hidden = false;
    $("run-title").textContent = $("preview-title").textContent = r.kind === "undo" ? t("undoOf")(r.of) : t("file_")(r.input || "");
    $("check-busy").hidden = r.phase !== "checking";
    cells($("check-lines").tBodies[0], (r.check || []).map(([label, text]) => [label, text]));
    $("refusal").hidden = !r.refusal;
    $("refusal").textContent = r.refusal ? t("refused") + r.refusal : "";
    $("preview").disabled = !["checked", "previewed", "done"].includes(r.phase);
    const previewing = r.phase === "previewing";
    $("step-preview").hidden = !(previewing || r.preview);
    $("preview-busy").hidden = !previewing;
    $("preview-facts").hidden = !r.preview || previewing;
    if (r.preview) {
      counts($("preview-outcomes"), r.preview.outcomes);
      cells($("preview-fields").tBodies[0], r.preview.fields.length ? r.preview.fields : [[t("none"), ""]]);
      cells($("preview-statuses").tBodies[0], r.preview.statuses.length ? r.preview.statuses : [[t("none"), ""]]);
      cells($("preview-problems").tBodies[0], r.preview.invalid.length ? r.preview.invalid.map((x) => [x.row, x.lead, x.outcome, x.error]) : [[t("none"), "", "", ""]]);
    }
    $("send").disabled = r.phase !== "previewed";
    const sending = r.phase === "sending";
    $("step-progress").hidden = !sending;
    $("stop").hidden = !sending;
    if (r.progress) {
      const p = r.progress;
      $("bar").max = Math.max(p.total, 1); $("bar").value = p.done;
      const parts = [t("rowsOf")(p.done, p.total), t("pace")(p.rowsPerSecond), t("left")(seconds(p.secondsLeft))];
      if (p.limitFound) parts.push(t("limit")(p.limitFound));
      if (p.paused) parts.push(t("paused"));
      if (p.stopping) parts.push(t("stopping"));
      $("progress-text").textContent = parts.join("; ");
      counts($("progress-outcomes"), p.outcomes);
      $("stop").textContent = p.stopping ? t("stopAtOnce") : t("stop");
    }
    $("step-results").hidden = !r.summary;
    if (r.summary) {
      const s = r.summary;
      $("results-text").textContent = `exit ${s.exitCode}: ${t("exit")[s.exitCode] || ""}` + (s.stopReason ? " " + t("stopped")(s.stopReason) : "");
      counts($("results-outcomes"), s.outcomes);
      $("undo-run").hidden = !r.files.some((f) => f.kind === "undo");
    }
    const links = $("results-files");
    links.replaceChildren(...r.files.map((f) => { const li = document.createElement("li"); li.append(link(r.id, f)); return li; }));
    $("log").textContent = r.log || "";
    if (r.phase !== shownPhase) {
      shownPhase = r.phase;
      focusStep({ checked: "h-check", refused: "h-check", previewed: "h-preview", sending: "h-progress", done: "h-results" }[r.phase]);
    }
  }

  function link(id, f) {
    const a = document.createElement("a");
    a.href = `/api/runs/${id}/files/${encodeURIComponent(f.name)}`;
    a.download = f.name;
    a.textContent = `${f.name} (${t("kinds")[f.kind] || f.kind})`;
    a.dataset.kind = f.kind;
    return a;
  }

  async function rows() {
    try {
      const answer = await api("GET", `/api/runs/${run.id}/rows?page=${page}`);
      cells($("preview-rows").tBodies[0], answer.rows.map((x) => [x.row, x.lead, x.outcome, x.changes, x.error]));
      const first = answer.total ? page * answer.pageSize + 1 : 0, last = Math.min((page + 1) * answer.pageSize, answer.total);
      $("page-text").textContent = t("pageText")(first, last, answer.total);
      $("page-prev").disabled = page === 0;
      $("page-next").disabled = last >= answer.total;
    } catch (e) { /* no preview report yet */ }
  }

  async function refreshState() {
    try { state = await api("GET", "/api/state"); showState(); } catch (e) { notice(e.message); }
  }

  function showState() {
    $("target").textContent = t("target")(state.baseUrl || "—");
    if (!state.keySet) notice(t("noKey"));
    if (!$("rps").value) { $("rps").value = state.rps; $("concurrency").value = state.concurrency; }
    $("runs-folder").textContent = state.runsFolder;
    const body = $("runs-table").tBodies[0];
    body.replaceChildren(...state.runs.map((r) => {
      const tr = document.createElement("tr");
      const when = document.createElement("td"); when.textContent = r.id.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z-.*/, "$1-$2-$3 $4:$5:$6");
      const file = document.createElement("td"); file.textContent = r.kind === "undo" ? `${r.input} (${t("kinds").undo})` : r.input;
      const files = document.createElement("td"); r.files.filter((f) => f.kind !== "input").forEach((f) => { files.append(link(r.id, f), document.createElement("br")); });
      const open = document.createElement("td"); const b = document.createElement("button"); b.type = "button"; b.textContent = t("open"); b.addEventListener("click", () => follow(r.id)); open.append(b);
      tr.append(when, file, files, open);
      return tr;
    }));
  }

  async function post(path, body) {
    try { await api("POST", path, body ? JSON.stringify(body) : "{}", { "Content-Type": "application/json" }); return true; } catch (e) { notice(e.message); return false; }
  }

  $("file").addEventListener("change", () => upload($("file").files[0]));
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("dragging"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("dragging"); upload(e.dataTransfer.files[0]); });
  $("upload").addEventListener("submit", (e) => e.preventDefault());
  $("preview").addEventListener("click", async () => { if (await post(`/api/runs/${run.id}/preview`)) { run.phase = "previewing"; poll(); } });
  $("send").addEventListener("click", async () => {
    const choices = { rps: Number($("rps").value), concurrency: Number($("concurrency").value), undo: $("undo").checked, verify: $("verify").checked, liveDiff: $("live-diff").checked };
    if (await post(`/api/runs/${run.id}/send`, choices)) { run.phase = "sending"; poll(); }
  });
  $("stop").addEventListener("click", () => post(`/api/runs/${run.id}/stop`));
  $("undo-run").addEventListener("click", async () => {
    try { const answer = await api("POST", `/api/runs/${run.id}/undo`, "{}", { "Content-Type": "application/json" }); follow(answer.id); } catch (e) { notice(e.message); }
  });
  $("page-prev").addEventListener("click", () => { page = Math.max(0, page - 1); rows(); });
  $("page-next").addEventListener("click", () => { page += 1; rows(); });
  $("lang").addEventListener("change", () => { lang = $("lang").value; localStorage.setItem("liner-lang", lang); applyLanguage(); });

  applyLanguage();
  refreshState();
  // A file picked before this script ran is taken now: the first step works without it.
  if ($("file").files.length) upload($("file").files[0]);
})();
