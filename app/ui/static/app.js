/* Verbatim pages: progressive enhancement in plain JavaScript (no build step, nothing loaded from elsewhere).
   Pages are server-rendered; this file wires actions to the JSON API under /api and shows live progress. */
(function () {
  "use strict";

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  // Stage labels come from the server's one stage registry (app/stages.py), carried by every page's body.
  const STAGES = document.body && document.body.dataset.stages ? JSON.parse(document.body.dataset.stages) : {};
  const TEST_POLL_MS = 3000; // copy-test results refresh while a test runs
  const stageLabel = (stage) => STAGES[stage] || (stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : "");

  // ------------------------------------------------------------------ API calls

  class ApiError extends Error {
    constructor(message, status, code) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** The message of the API's error envelope {"error": {"code", "message", "details"}}, or a plain fallback. */
  function envelopeMessage(body, status) {
    // The API marks code with backticks (`scope`); a page shows quotation marks instead.
    if (body && body.error && body.error.message) return body.error.message.replace(/`([^`]*)`/g, "“$1”").replace(/`/g, "");
    if (status === 401 || status === 403) return "You are not allowed to do that. Sign in again and retry.";
    if (status >= 500) return "Something went wrong on the server; nothing you saved was lost. Try again.";
    return status ? `The request failed (HTTP ${status}).` : "Could not reach the server. Check the connection and retry.";
  }

  function parseJson(text) {
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (_) {
      return null;
    }
  }

  /** The CSRF token the page was rendered with; every state-changing call sends it as X-CSRF-Token. */
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  async function api(method, url, body) {
    const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (method !== "GET" && method !== "HEAD") options.headers["X-CSRF-Token"] = csrfToken();
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (_) {
      throw new ApiError(envelopeMessage(null, 0), 0);
    }
    const data = parseJson(await response.text());
    if (!response.ok) throw new ApiError(envelopeMessage(data, response.status), response.status, data && data.error && data.error.code);
    return data;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Poll a task until it is done, failed or cancelled, calling onUpdate with each reading; resolves with the last one. */
  async function pollTask(taskId, onUpdate, interval) {
    let wait = interval || 1000;
    for (;;) {
      try {
        const task = await api("GET", `/api/tasks/${taskId}`);
        onUpdate(task);
        if (["done", "failed", "cancelled"].includes(task.status)) return task;
        wait = interval || 1000;
      } catch (error) {
        if (error.status === 404) throw error;
        wait = Math.min(wait * 2, 10000); // the server may be restarting: back off, keep trying
      }
      await sleep(wait);
    }
  }

  // ------------------------------------------------------------------ small UI helpers

  let toastTimer = null;
  function toast(message, isError) {
    const box = $("#toast");
    if (!box) return;
    box.textContent = message;
    box.classList.toggle("error", Boolean(isError));
    box.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => box.classList.remove("show"), isError ? 6000 : 2600);
  }

  function showError(element, message) {
    if (!element) return toast(message, true);
    element.textContent = message;
    element.hidden = !message;
  }

  /** Reload the page, then show a message and focus an element (kept across the reload in sessionStorage). */
  function reloadWith(message, focusSelector) {
    try {
      sessionStorage.setItem("verbatim:flash", JSON.stringify({ message, focus: focusSelector || null }));
    } catch (_) {
      /* private mode: the reload still happens */
    }
    window.location.reload();
  }

  function showFlash() {
    let flash = null;
    try {
      flash = JSON.parse(sessionStorage.getItem("verbatim:flash") || "null");
      sessionStorage.removeItem("verbatim:flash");
    } catch (_) {
      return;
    }
    if (!flash) return;
    if (flash.message) toast(flash.message);
    reveal(flash.focus && $(flash.focus));
  }

  /** Show TARGET: open the closed <details> around it (a job on the jobs page) and its own, focus and scroll to it. */
  function reveal(target) {
    if (!target) return;
    for (let node = target.parentElement; node; node = node.parentElement) if (node.tagName === "DETAILS") node.open = true;
    const own = target.tagName === "DETAILS" ? target : target.dataset.jobId ? target.querySelector(":scope > details") : null;
    if (own) own.open = true;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }

  /** A link to a job (#job-12, from a transcript line's job tag) opens that job on the jobs page. */
  function revealHash() {
    if (/^#job-\d+$/.test(window.location.hash)) reveal($(window.location.hash));
  }

  /** A speaker's name as pages show it: a diarizer's raw id such as SPEAKER_00 reads "Speaker 1". */
  function speakerName(name, label) {
    const chosen = (name || "").trim() || label || "";
    const raw = /^(?:speaker|spk)_(\d+)$/i.exec(chosen);
    return raw ? `Speaker ${Number(raw[1]) + 1}` : chosen;
  }

  function formatTime(seconds) {
    const total = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  function formatSize(bytes) {
    if (bytes < 1024) return `${bytes} bytes`;
    const units = ["KB", "MB", "GB"];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
  }

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ------------------------------------------------------------------ playing quotes

  /** Seek an <audio> element to `start` (waiting for its metadata when needed) and play; pause after `end`. */
  function playAt(audio, start, end) {
    const begin = () => {
      audio.dataset.stopAt = end ? String(Number(end) + 0.3) : "";
      audio.currentTime = Number(start) || 0;
      const playing = audio.play();
      if (playing && playing.catch) playing.catch((error) => toast(`Could not play the recording: ${error.message}`, true));
    };
    if (audio.readyState >= 1) begin();
    else {
      audio.addEventListener("loadedmetadata", begin, { once: true });
      audio.load();
    }
  }

  function watchStop(audio) {
    audio.addEventListener("timeupdate", () => {
      const stopAt = Number(audio.dataset.stopAt || 0);
      if (stopAt && audio.currentTime >= stopAt) {
        audio.dataset.stopAt = "";
        audio.pause();
        audio.dispatchEvent(new Event("quoteend"));
      }
    });
    // A seek by hand ends the quote: play on from there.
    audio.addEventListener("seeked", () => {
      const stopAt = Number(audio.dataset.stopAt || 0);
      if (stopAt && audio.currentTime > stopAt) audio.dataset.stopAt = "";
    });
  }

  function initPlayer() {
    const bar = $("#player");
    const audio = $("#player-audio");
    if (!bar || !audio) return;
    watchStop(audio);
    audio.addEventListener("error", () => {
      if (audio.getAttribute("src")) toast("The recording could not be loaded.", true);
    });
    document.addEventListener("click", (event) => {
      const button = event.target.closest("[data-play]");
      if (!button) return;
      event.preventDefault();
      bar.hidden = false;
      document.body.classList.add("has-player");
      $("#player-label").textContent = button.dataset.label || "Recording";
      if (audio.getAttribute("src") !== button.dataset.src) {
        audio.setAttribute("src", button.dataset.src);
      }
      playAt(audio, button.dataset.start, button.dataset.end);
    });
    $("#player-close").addEventListener("click", () => {
      audio.pause();
      bar.hidden = true;
      document.body.classList.remove("has-player");
    });
  }

  // ------------------------------------------------------------------ copy to clipboard

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = el("textarea", { className: "visually-hidden", readonly: "" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("copy refused");
  }

  function initCopy() {
    document.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-copy]");
      if (!button) return;
      try {
        await copyText(button.dataset.copy);
        toast("Quote copied to the clipboard");
      } catch (_) {
        toast("Could not copy: select the text and copy it by hand.", true);
      }
    });
  }

  // ------------------------------------------------------------------ projects page

  function initCreateProject() {
    const form = $("#create-project");
    if (!form) return;
    const error = $("#create-project-error");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = form.elements.name.value.trim();
      if (!name) {
        showError(error, "Give the project a name.");
        form.elements.name.focus();
        return;
      }
      const button = $("button[type=submit]", form);
      button.disabled = true;
      showError(error, "");
      try {
        const project = await api("POST", "/api/projects", { name });
        window.location.assign(`/projects/${project.id}`);
      } catch (failure) {
        showError(error, failure.message);
        button.disabled = false;
      }
    });
  }

  // ------------------------------------------------------------------ project page: interviews table and uploads

  const polled = new Set();
  let tableRefresh = null;

  function refreshInterviews() {
    const table = $("#interviews-table");
    if (!table) return;
    clearTimeout(tableRefresh);
    tableRefresh = setTimeout(async () => {
      try {
        const response = await fetch(`/fragments/projects/${table.dataset.projectId}/interviews`, {
          credentials: "same-origin",
          headers: { Accept: "text/html" },
        });
        if (!response.ok) return;
        const holder = el("div");
        holder.innerHTML = await response.text();
        const fresh = $("#interviews-table", holder);
        if (fresh) {
          $("#interviews-table").replaceWith(fresh);
          const counts = $("#project-counts");
          if (counts && fresh.dataset.counts) counts.textContent = fresh.dataset.counts;
          watchInterviewRows();
        }
      } catch (_) {
        /* keep the current table; the next update retries */
      }
    }, 250);
  }

  function watchInterviewRows() {
    $$("#interviews-table tr[data-task-id]").forEach((row) => {
      const taskId = row.dataset.taskId;
      if (polled.has(taskId)) return;
      polled.add(taskId);
      pollTask(taskId, (task) => {
        const current = $(`#interviews-table tr[data-task-id="${taskId}"]`) || row;
        const bar = $("progress", current);
        if (bar) bar.value = Math.round(task.progress * 100);
        const stage = $(".task-stage", current);
        if (stage) stage.textContent = `${stageLabel(task.stage)} · ${Math.round(task.progress * 100)}%`;
        const badge = $(".badge", current);
        if (badge && task.status === "running") {
          badge.textContent = "Processing";
          badge.className = "badge status-processing";
        }
      })
        .then(() => {
          polled.delete(taskId);
          refreshInterviews();
        })
        .catch(() => polled.delete(taskId));
    });
  }

  function uploadFile(projectId, file, metadata, onProgress) {
    return new Promise((resolve, reject) => {
      const data = new FormData();
      data.append("file", file, file.name);
      Object.entries(metadata).forEach(([key, value]) => data.append(key, value));
      const request = new XMLHttpRequest();
      request.open("POST", `/api/projects/${projectId}/interviews`);
      request.withCredentials = true;
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("X-CSRF-Token", csrfToken());
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      });
      request.addEventListener("load", () => {
        const body = parseJson(request.responseText);
        if (request.status >= 200 && request.status < 300 && body) resolve(body);
        else reject(new ApiError(envelopeMessage(body, request.status), request.status));
      });
      request.addEventListener("error", () => reject(new ApiError(envelopeMessage(null, 0), 0)));
      request.addEventListener("abort", () => reject(new ApiError("The upload was cancelled.", 0)));
      request.send(data);
    });
  }

  function initUpload() {
    const form = $("#upload-form");
    if (!form) return;
    // Once a project has interviews the form waits behind "Add interviews", above the table.
    const opener = $("#add-interviews");
    const card = $("#upload-card");
    if (opener && card) {
      opener.addEventListener("click", () => {
        card.hidden = !card.hidden;
        opener.setAttribute("aria-expanded", String(!card.hidden));
        if (!card.hidden) {
          card.scrollIntoView({ block: "nearest" });
          $("#upload-files").focus();
        }
      });
    }
    const projectId = form.dataset.projectId;
    const maxBytes = Number(form.dataset.maxBytes || 0);
    const input = $("#upload-files");
    const zone = $("#dropzone");
    const list = $("#upload-list");
    const submit = $("#upload-submit");
    const summary = $("#upload-summary");
    let pending = [];
    let uploading = 0;
    // Every file chosen since the last summary, the ones refused before upload (empty, too large) included, so the
    // summary counts what the person chose: "1 of 3 files processed", never "1 of 2".
    let refused = [];
    let round = [];
    const files = (n) => `${n} file${n === 1 ? "" : "s"}`;

    function update() {
      const count = pending.length;
      submit.disabled = count === 0;
      submit.textContent = count > 1 ? `Upload ${count} files` : "Upload";
      const unusable = refused.length ? ` ${files(refused.length)} cannot be uploaded (see above).` : "";
      if (count) summary.textContent = `${files(count)} ready to upload.${unusable}`;
      else if (!uploading) summary.textContent = refused.length ? unusable.trim() : "Choose or drop files to upload.";
    }

    /** The status line while a round of uploads runs: what is uploading, what is processing, what is done. */
    function progressLine() {
      const count = (phase) => round.filter((item) => item.phase === phase).length;
      const parts = [];
      const sending = count("waiting") + count("uploading");
      if (sending) parts.push(`Uploading ${files(sending)}`);
      if (count("processing")) parts.push(`Processing ${files(count("processing"))}`);
      if (count("done")) parts.push(`${count("done")} of ${files(round.length)} processed`);
      summary.textContent = `${parts.join(" · ")}…`;
    }

    function setStatus(item, text, state) {
      item.node.classList.remove("error", "done");
      if (state) item.node.classList.add(state);
      item.status.textContent = text;
    }

    function setPhase(item, phase) {
      item.phase = phase;
      if (uploading) progressLine();
    }

    function addFiles(files) {
      Array.from(files).forEach((file) => {
        const node = el("li", { className: "file-item" });
        const name = el("span", { className: "file-name" }, file.name);
        const remove = el("button", { type: "button", className: "button small ghost" }, "Remove");
        remove.appendChild(el("span", { className: "visually-hidden" }, ` ${file.name}`));
        const progress = el("progress", { max: "100", value: "0", "aria-label": `Upload of ${file.name}` });
        const status = el("p", { className: "file-status" }, `${formatSize(file.size)} · ready to upload`);
        node.append(name, remove, progress, status);
        list.appendChild(node);
        const item = { file, node, progress, status, remove, phase: "waiting" };
        remove.addEventListener("click", () => {
          pending = pending.filter((other) => other !== item);
          refused = refused.filter((other) => other !== item);
          node.remove();
          update();
          input.focus();
        });
        const problem = file.size === 0 ? "This file is empty." : maxBytes && file.size > maxBytes ? `This file is larger than the ${formatSize(maxBytes)} limit.` : "";
        if (problem) {
          setStatus(item, problem, "error");
          item.phase = "error";
          refused.push(item);
        } else pending.push(item);
      });
      update();
    }

    input.addEventListener("change", () => {
      addFiles(input.files);
      input.value = ""; // choosing the same file again must fire change again
    });
    ["dragenter", "dragover"].forEach((type) =>
      zone.addEventListener(type, (event) => {
        event.preventDefault();
        zone.classList.add("dragging");
      }),
    );
    ["dragleave", "dragend"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("dragging")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
    });
    // A file dropped next to the zone must not make the browser navigate away from the page.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());

    async function process(item, metadata) {
      item.remove.remove();
      setPhase(item, "uploading");
      setStatus(item, "Uploading 0%");
      let accepted;
      try {
        accepted = await uploadFile(projectId, item.file, metadata, (share) => {
          item.progress.value = Math.round(share * 100);
          setStatus(item, share < 1 ? `Uploading ${Math.round(share * 100)}%` : "Checking the file…");
        });
      } catch (error) {
        item.progress.value = 0;
        setStatus(item, `Not uploaded: ${error.message}`, "error");
        setPhase(item, "error");
        return;
      }
      setPhase(item, "processing");
      const interview = accepted.interview;
      item.progress.value = 0;
      item.progress.setAttribute("aria-label", `Processing of ${item.file.name}`);
      item.status.textContent = "";
      const link = el("a", { href: `/interviews/${interview.id}` }, interview.title);
      const text = el("span", {}, " · uploaded, waiting to be processed");
      item.status.append(link, text);
      refreshInterviews();
      try {
        const task = await pollTask(accepted.task.id, (reading) => {
          item.progress.value = Math.round(reading.progress * 100);
          text.textContent = ` · ${stageLabel(reading.stage)} ${Math.round(reading.progress * 100)}%`;
        });
        if (task.status === "done") {
          const fresh = await api("GET", `/api/interviews/${interview.id}`).catch(() => null);
          item.progress.value = 100;
          text.textContent = fresh ? ` · ready: ${fresh.utterance_count} utterances` : " · ready";
          item.node.classList.add("done");
          setPhase(item, "done");
        } else {
          text.textContent = ` · processing failed: ${task.error || "unknown reason"}`;
          item.node.classList.add("error");
          setPhase(item, "error");
        }
      } catch (error) {
        text.textContent = ` · ${error.message}`;
        item.node.classList.add("error");
        setPhase(item, "error");
      }
      refreshInterviews();
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!pending.length) return;
      const metadata = {};
      $$("input[name]:not([type=file]), select[name], textarea[name]", form).forEach((field) => {
        if (field.value.trim()) metadata[field.name] = field.value.trim();
      });
      const batch = pending;
      if (batch.length > 1) delete metadata.title; // one title for several files would make them indistinguishable
      pending = [];
      // A batch sent while another still runs joins its round: one status line counts both.
      if (!uploading) round = [];
      round.push(...refused, ...batch);
      refused = [];
      uploading += batch.length;
      update();
      progressLine();
      // Two at a time: parallel enough to overlap upload and processing, gentle on a small server.
      const queue = batch.slice();
      const worker = async () => {
        while (queue.length) await process(queue.shift(), metadata);
      };
      await Promise.all([worker(), worker()]);
      uploading -= batch.length;
      update();
      if (uploading) return progressLine(); // the round's last batch writes its summary
      if (pending.length) return; // files chosen meanwhile: the line says they are ready to upload
      const done = round.filter((item) => item.phase === "done").length;
      summary.textContent =
        done < round.length ? `${done} of ${files(round.length)} processed; see the errors above.` : `${files(done)} processed.`;
    });
  }

  // ------------------------------------------------------------------ interview page

  function initInterview() {
    const progress = $("#interview-progress[data-task-id]");
    if (progress) {
      pollTask(progress.dataset.taskId, (task) => {
        $("progress", progress).value = Math.round(task.progress * 100);
        $(".task-stage", progress).textContent = `${stageLabel(task.stage)} · ${Math.round(task.progress * 100)}%`;
      }).then((task) => reloadWith(task.status === "done" ? "Processing finished." : "Processing failed."));
    }

    const details = $("#details-form");
    if (details) {
      const toggle = $("#edit-details");
      const list = $("#details-list");
      const show = (open) => {
        details.hidden = !open;
        list.hidden = open;
        toggle.setAttribute("aria-expanded", String(open));
        if (open) details.elements.title.focus();
        else toggle.focus();
      };
      toggle.addEventListener("click", () => show(details.hidden));
      $("#cancel-details").addEventListener("click", () => show(false));
      details.addEventListener("submit", async (event) => {
        event.preventDefault();
        const error = $(".form-error", details);
        const changes = {};
        $$("input", details).forEach((input) => {
          const value = input.value.trim();
          if (value === input.defaultValue.trim()) return;
          if (input.name === "tags") changes.tags = value.split(",").map((t) => t.trim()).filter(Boolean);
          else changes[input.name] = value || null; // an emptied field clears the value
        });
        if (changes.title === null) return showError(error, "An interview needs a title.");
        if (!Object.keys(changes).length) return show(false);
        try {
          await api("PATCH", `/api/interviews/${details.dataset.interviewId}`, changes);
          reloadWith("Details saved.", "#meta-heading");
        } catch (failure) {
          showError(error, failure.message);
        }
      });
    }

    $$(".speaker-form").forEach((form) => {
      const initial = { name: form.elements.name.value, role: form.elements.role.value };
      const status = $(".form-status", form);
      form.elements.role.addEventListener("change", () => form.requestSubmit());
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const name = form.elements.name.value.trim();
        const role = form.elements.role.value;
        const changes = {};
        if (name && name !== initial.name) changes.name = name;
        if (role !== initial.role) changes.role = role;
        if (!name) {
          status.textContent = "A speaker needs a name.";
          status.classList.add("error");
          return;
        }
        if (!Object.keys(changes).length) {
          status.textContent = "Nothing to save.";
          status.classList.remove("error");
          return;
        }
        status.classList.remove("error");
        status.textContent = changes.role ? "Saving and re-deriving utterances…" : "Saving…";
        try {
          const speaker = await api("PATCH", `/api/interviews/${form.dataset.interviewId}/speakers/${form.dataset.speakerId}`, changes);
          Object.assign(initial, { name: speaker.name, role: speaker.role });
          $$(`[data-speaker-name="${speaker.id}"]`).forEach((node) => (node.textContent = speakerName(speaker.name, speaker.label)));
          $$(`[data-speaker-role="${speaker.id}"]`).forEach((node) => (node.textContent = speaker.role));
          $$(`.turn[data-speaker-id="${speaker.id}"]`).forEach((turn) => {
            turn.classList.remove(...[...turn.classList].filter((name) => name.startsWith("role-")));
            turn.classList.add(`role-${speaker.role}`);
          });
          if (speaker.task) {
            // A role change re-derives the interview in a task: follow it, then the counts and search are fresh.
            const done = await pollTask(speaker.task.id, (task) => {
              status.textContent = `Re-deriving utterances: ${stageLabel(task.stage)} · ${Math.round(task.progress * 100)}%`;
            });
            if (done.status !== "done") throw new Error(`Re-deriving the utterances ${done.status}: ${done.error || "see the task"}.`);
          }
          status.textContent = changes.role
            ? `Saved: ${speaker.name} is now ${speaker.role === "unknown" ? "of unknown role" : `the ${speaker.role}`}. Search is up to date.`
            : "Saved.";
          if (changes.role) {
            // The role change re-derived this interview's utterances: show their new count.
            const fresh = await api("GET", `/api/interviews/${form.dataset.interviewId}`).catch(() => null);
            const count = $("#utterance-count");
            if (fresh && count) count.textContent = `${fresh.utterance_count.toLocaleString("en")} utterance${fresh.utterance_count === 1 ? "" : "s"}`;
          }
        } catch (error) {
          status.textContent = error.message;
          status.classList.add("error");
        }
      });
    });

    const audio = $("#interview-audio");
    const transcript = $("#transcript");
    if (!audio || !transcript) return;
    watchStop(audio);
    const turns = $$(".turn[data-start]", transcript);
    const starts = turns.map((turn) => Number(turn.dataset.start));
    transcript.addEventListener("click", (event) => {
      if (window.getSelection && String(window.getSelection()).length) return; // selecting text, not playing
      if (event.target.closest("a, [data-save-quote]")) return; // a job tag or Save, not a seek
      const turn = event.target.closest(".turn[data-start]");
      if (!turn) return;
      playAt(audio, turn.dataset.start);
    });
    let current = null;
    audio.addEventListener("timeupdate", () => {
      const time = audio.currentTime;
      let low = 0;
      let high = starts.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (starts[mid] <= time + 0.05) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      const turn = found >= 0 ? turns[found] : null;
      if (turn === current) return;
      if (current) current.classList.remove("playing");
      current = turn;
      if (turn) {
        turn.classList.add("playing");
        if (!audio.paused) turn.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    });
    // Deep link #t=SECONDS: start the recording there.
    const match = /[#&]t=([\d.]+)/.exec(window.location.hash);
    if (match) playAt(audio, match[1]);
  }

  // ------------------------------------------------------------------ jobs page

  function initJobs() {
    const mine = $("#mine");
    if (mine) {
      const box = $("#mine-progress");
      const error = $("#mine-error");
      const follow = (taskId) => {
        box.hidden = false;
        mine.disabled = true;
        pollTask(taskId, (task) => {
          $("progress", box).value = Math.round(task.progress * 100);
          $(".task-stage", box).textContent = `${stageLabel(task.stage)} · ${Math.round(task.progress * 100)}%`;
        })
          .then((task) => {
            if (task.status === "done") reloadWith("Mining finished: the jobs are up to date.", "#main");
            else {
              box.hidden = true;
              mine.disabled = false;
              showError(error, `Mining failed: ${task.error || "unknown reason"}`);
            }
          })
          .catch((failure) => {
            mine.disabled = false;
            showError(error, failure.message);
          });
      };
      if (mine.dataset.taskId) follow(mine.dataset.taskId);
      mine.addEventListener("click", async () => {
        showError(error, "");
        mine.disabled = true;
        try {
          const started = await api("POST", `/api/projects/${mine.dataset.projectId}/mine`);
          follow(started.task.id);
        } catch (failure) {
          mine.disabled = false;
          showError(error, failure.message);
        }
      });
    }

    // The jobs a job may merge into are listed once in the page (data-merge-peers); a menu is filled when it opens.
    const peers = parseJson(($("[data-merge-peers]") || { dataset: {} }).dataset.mergePeers || "");
    const fillMergeMenu = (card) => {
      const select = $(`#merge-select-${card.dataset.jobId}`);
      if (!select || !peers || select.options.length > 1) return;
      (peers[select.dataset.peers] || [])
        .filter((id) => String(id) !== card.dataset.jobId)
        .forEach((id) => select.append(el("option", { value: String(id) }, peers.label[id] || `Job ${id}`)));
    };
    const forms = (card) => $$("[data-job-form]", card);
    const toggle = (card, name, button) => {
      forms(card).forEach((form) => {
        const show = form.dataset.jobForm === name && form.hidden;
        form.hidden = !show;
        if (show) $("input, select, textarea", form).focus();
      });
      $$("[aria-controls]", card).forEach((b) => b.setAttribute("aria-expanded", String(b === button && !$(`#${b.getAttribute("aria-controls")}`).hidden)));
    };

    document.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-job-action]");
      if (!button) return;
      const card = button.closest("[data-job-id]");
      const jobId = card.dataset.jobId;
      const error = $(".form-error", card);
      const action = button.dataset.jobAction;
      if (action === "merge") fillMergeMenu(card);
      if (action === "edit" || action === "merge") return toggle(card, action, button);
      if (action === "cancel") {
        forms(card).forEach((form) => (form.hidden = true));
        $$("[aria-controls]", card).forEach((b) => b.setAttribute("aria-expanded", "false"));
        return;
      }
      const status = { approve: "approved", reject: "rejected", restore: "proposed" }[action];
      if (!status) return;
      button.disabled = true;
      try {
        const job = await api("PATCH", `/api/jobs/${jobId}`, { status });
        const messages = {
          approved: `Approved “${job.title}”.`,
          rejected: `Rejected “${job.title}”: restore it from Rejected jobs at the end of the page.`,
          proposed: `Restored “${job.title}”.`,
        };
        reloadWith(messages[status], status === "rejected" ? "#main" : `#job-${jobId}`);
      } catch (failure) {
        button.disabled = false;
        showError(error, failure.message);
      }
    });

    document.addEventListener("submit", async (event) => {
      const form = event.target.closest("[data-job-form]");
      if (!form) return;
      event.preventDefault();
      const card = form.closest("[data-job-id]");
      const jobId = card.dataset.jobId;
      const error = $(".form-error", card);
      const submit = $("button[type=submit]", form);
      showError(error, "");
      submit.disabled = true;
      try {
        if (form.dataset.jobForm === "merge") {
          const other = form.elements.job_id.value;
          if (!other) throw new ApiError("Choose the job to merge into this one.", 0);
          await api("POST", `/api/jobs/${jobId}/merge`, { job_ids: [Number(other)] });
          reloadWith("Merged: the quotes of both jobs are now in one.", `#job-${jobId}`);
        } else {
          const changes = {};
          const title = form.elements.title.value.trim();
          if (title && title !== form.elements.title.defaultValue) changes.title = title;
          const candidate = form.elements.candidate ? form.elements.candidate.value : "";
          if (candidate !== "") changes.candidate = Number(candidate);
          else {
            const text = form.elements.statement_text.value.trim();
            if (text && text !== form.elements.statement_text.defaultValue.trim()) changes.statement_text = text;
          }
          if (!Object.keys(changes).length) throw new ApiError("Nothing changed.", 0);
          await api("PATCH", `/api/jobs/${jobId}`, changes);
          reloadWith("Saved. Re-mining keeps your edit.", `#job-${jobId}`);
        }
      } catch (failure) {
        submit.disabled = false;
        showError(error, failure.message);
      }
    });
  }

  // ------------------------------------------------------------------ messaging page

  const LETTERS = "ABCDEFGHIJ";
  const MAX_VARIANTS = 10;

  function initMessaging() {
    const form = $("#copy-test-form");
    if (!form) return;
    const holder = $("#variants");
    const error = $(".form-error", form);
    let active = null;

    const variants = () => $$("[data-variant]", holder);
    const sources = (variant) => {
      const phrases = JSON.parse(variant.dataset.phrases || "[]");
      const parts = [];
      if (variant.dataset.statement) parts.push("a job statement");
      if (phrases.length) parts.push(`${phrases.length} customer phrase${phrases.length > 1 ? "s" : ""}`);
      $(".variant-sources", variant).textContent = parts.length ? `Uses ${parts.join(" and ")}.` : "";
    };
    const relabel = () =>
      variants().forEach((variant, index) => {
        const label = $("label", variant);
        label.firstChild.textContent = `Variant ${LETTERS[index]}${index === 0 ? " (control)" : ""}`;
      });

    holder.addEventListener("focusin", (event) => {
      const variant = event.target.closest("[data-variant]");
      if (variant) active = variant;
    });

    $("#add-variant").addEventListener("click", () => {
      const count = variants().length;
      if (count >= MAX_VARIANTS) return toast(`A copy test has at most ${MAX_VARIANTS} variants.`, true);
      const id = `variant-${Date.now()}`;
      const variant = el("div", { className: "variant", "data-variant": "" });
      const label = el("label", { for: id });
      label.appendChild(document.createTextNode(`Variant ${LETTERS[count]}`));
      const area = el("textarea", { id, rows: "2", maxlength: "2000", required: "" });
      const remove = el("button", { type: "button", className: "button small ghost" }, "Remove");
      remove.appendChild(el("span", { className: "visually-hidden" }, ` variant ${LETTERS[count]}`));
      remove.addEventListener("click", () => {
        variant.remove();
        if (active === variant) active = null;
        relabel();
        $("#add-variant").focus();
      });
      variant.append(label, area, el("p", { className: "meta variant-sources", "aria-live": "polite" }), remove);
      holder.appendChild(variant);
      area.focus();
    });

    /** Add library text to the variant last edited (else the first empty one) and remember where it came from. */
    function use(text, kind, id) {
      const all = variants();
      const target = (active && holder.contains(active) && active) || all.find((v) => !$("textarea", v).value.trim()) || all[all.length - 1];
      const area = $("textarea", target);
      area.value = area.value.trim() ? `${area.value.trim()} ${text}` : text;
      if (kind === "statement") target.dataset.statement = id;
      else {
        const phrases = new Set(JSON.parse(target.dataset.phrases || "[]"));
        phrases.add(Number(id));
        target.dataset.phrases = JSON.stringify(Array.from(phrases));
      }
      active = target;
      sources(target);
      toast(`Added to ${$("label", target).firstChild.textContent}`);
    }

    document.addEventListener("click", (event) => {
      const phrase = event.target.closest("[data-use-phrase]");
      if (phrase) return use(phrase.dataset.text, "phrase", phrase.dataset.usePhrase);
      const statement = event.target.closest("[data-use-statement]");
      if (statement) return use(statement.dataset.text, "statement", statement.dataset.useStatement);
      return undefined;
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      showError(error, "");
      const name = form.elements.name.value.trim();
      if (!name) {
        showError(error, "Give the test a name.");
        return form.elements.name.focus();
      }
      const body = { name, metric: form.elements.metric.value, variants: [] };
      if (form.elements.job_id.value) body.job_id = Number(form.elements.job_id.value);
      if (form.elements.channel.value.trim()) body.channel = form.elements.channel.value.trim();
      variants().forEach((variant) => {
        const text = $("textarea", variant).value.trim();
        if (!text) return;
        const lower = text.toLowerCase();
        const entry = { text, phrase_ids: [] };
        // Only phrases still in the text count as used: the writer may have edited them out.
        $$("[data-use-phrase]").forEach((button) => {
          const ids = JSON.parse(variant.dataset.phrases || "[]");
          if (ids.includes(Number(button.dataset.usePhrase)) && lower.includes(button.dataset.text.toLowerCase()))
            entry.phrase_ids.push(Number(button.dataset.usePhrase));
        });
        if (variant.dataset.statement) entry.statement_id = Number(variant.dataset.statement);
        body.variants.push(entry);
      });
      if (body.variants.length < 2) return showError(error, "Write at least two variants: a control and a challenger.");
      const submit = $("button[type=submit]", form);
      submit.disabled = true;
      try {
        const test = await api("POST", `/api/projects/${form.dataset.projectId}/copy-tests`, body);
        reloadWith(`Copy test “${test.name}” started. Post its events to /api/copy-tests/${test.id}/events.`, `#test-${test.id}`);
      } catch (failure) {
        submit.disabled = false;
        showError(error, failure.message);
      }
    });
  }

  const testHtml = new Map(); // the last fragment seen per test, to swap the card only when it changed

  async function refreshTest(testId) {
    const response = await fetch(`/fragments/copy-tests/${testId}`, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new ApiError("Could not refresh the results.", response.status);
    const html = await response.text();
    const current = $(`#test-${testId}`);
    if (!current) return;
    const stamp = `Updated ${new Date().toLocaleTimeString()}`;
    // Swap only on change, so a keyboard user's focus inside the card is not lost for nothing.
    if (testHtml.get(testId) !== html) {
      testHtml.set(testId, html);
      const holder = el("div");
      holder.innerHTML = html;
      const fresh = $("[data-test-id]", holder);
      if (fresh) current.replaceWith(fresh);
    }
    const label = $(`#test-${testId} [data-updated]`);
    if (label) label.textContent = stamp;
  }

  function initCopyTests() {
    if (!$("[data-test-id]")) return;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        for (const card of $$("[data-test-id][data-status=running]")) {
          try {
            await refreshTest(card.dataset.testId);
          } catch (_) {
            /* the next tick retries */
          }
        }
      }
      setTimeout(tick, TEST_POLL_MS);
    };
    setTimeout(tick, TEST_POLL_MS);
    document.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-test-action]");
      if (!button) return;
      const card = button.closest("[data-test-id]");
      const testId = card.dataset.testId;
      const error = $(".form-error", card);
      try {
        if (button.dataset.testAction === "stop") {
          if (!window.confirm("Stop this test now? Its decision is taken on the data so far.")) return;
          await api("PATCH", `/api/copy-tests/${testId}`, { status: "stopped" });
        }
        await refreshTest(testId);
        const fresh = $(`#test-${testId} [data-test-action=refresh]`);
        if (fresh) fresh.focus();
      } catch (failure) {
        showError(error, failure.message);
      }
    });
  }

  // ------------------------------------------------------------------ collections

  /** "Save" beside any quote: pick a collection (or name a new one) in a dialog, then add the quote to it. */
  function initSave() {
    const dialog = $("#save-dialog");
    if (!dialog) return;
    const form = $("#save-form", dialog);
    const select = $("#save-collection", dialog);
    const name = $("#save-name", dialog);
    const error = $(".form-error", dialog);
    const projectId = dialog.dataset.projectId;
    let utteranceIds = [];
    let opener = null;
    const syncNew = () => {
      $("#save-new", dialog).hidden = select.value !== "";
      name.required = select.value === "";
    };
    select.addEventListener("change", syncNew);
    document.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-save-quote]");
      if (!button) return;
      opener = button;
      // A transcript line may hold several quotes (utterances): saving the line saves them all, in order.
      utteranceIds = button.dataset.saveQuote.split(" ").filter(Boolean).map(Number);
      showError(error, "");
      const quote = button.closest("li, .hit, .turn");
      const text = quote && $("blockquote, .hit-text, .turn-text", quote);
      $("#save-quote-text", dialog).textContent = text ? text.textContent.trim().slice(0, 220) : "";
      try {
        const listed = await api("GET", `/api/projects/${projectId}/collections`);
        const last = localStorage.getItem(`verbatim:collection:${projectId}`) || "";
        select.replaceChildren(el("option", { value: "" }, "New collection…"));
        listed.collections.forEach((c) => select.appendChild(el("option", { value: String(c.id) }, `${c.name} (${c.item_count})`)));
        select.value = listed.collections.some((c) => String(c.id) === last) ? last : listed.collections.length ? String(listed.collections[listed.collections.length - 1].id) : "";
      } catch (failure) {
        return toast(failure.message, true);
      }
      syncNew();
      dialog.showModal();
      (select.value ? select : name).focus();
    });
    $("#save-cancel", dialog).addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => opener && opener.focus());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      showError(error, "");
      try {
        let collectionId = select.value;
        let collectionName = select.selectedOptions[0] ? select.selectedOptions[0].textContent.replace(/ \(\d+\)$/, "") : "";
        if (!collectionId) {
          if (!name.value.trim()) throw new ApiError("Name the new collection.", 0);
          const created = await api("POST", `/api/projects/${projectId}/collections`, { name: name.value.trim() });
          collectionId = String(created.id);
          collectionName = created.name;
          name.value = "";
        }
        for (const utteranceId of utteranceIds) await api("POST", `/api/collections/${collectionId}/items`, { utterance_id: utteranceId });
        localStorage.setItem(`verbatim:collection:${projectId}`, collectionId);
        dialog.close();
        if (opener) {
          opener.firstChild.textContent = "Saved";
          opener.classList.add("saved");
        }
        toast(`Saved to “${collectionName}”`);
      } catch (failure) {
        showError(error, failure.message);
      }
    });
  }

  function initCollections() {
    const create = $("#collection-form");
    if (create) {
      create.addEventListener("submit", async (event) => {
        event.preventDefault();
        const error = $(".form-error", create);
        showError(error, "");
        try {
          const created = await api("POST", `/api/projects/${create.dataset.projectId}/collections`, { name: create.elements.name.value.trim() });
          window.location.assign(`/collections/${created.id}`);
        } catch (failure) {
          showError(error, failure.message);
        }
      });
    }
    const list = $("#collection-items");
    if (!list) return;
    document.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-remove-item]");
      if (!button) return;
      try {
        await api("DELETE", `/api/collections/${list.dataset.collectionId}/items/${button.dataset.removeItem}`);
        reloadWith("Removed from the collection.", "#main");
      } catch (failure) {
        toast(failure.message, true);
      }
    });
    // Play all: each recorded quote in turn; the player's "quoteend" moves to the next.
    const playAll = $("#play-all");
    const audio = $("#player-audio");
    if (!playAll || !audio) return;
    let queue = [];
    const next = () => {
      const button = queue.shift();
      $$(".collection-item.playing").forEach((item) => item.classList.remove("playing"));
      if (!button) {
        playAll.textContent = "Play all";
        return;
      }
      button.closest(".collection-item").classList.add("playing");
      button.click();
    };
    audio.addEventListener("quoteend", () => {
      if (queue.length || playAll.textContent === "Stop") setTimeout(next, 600);
    });
    playAll.addEventListener("click", () => {
      if (playAll.textContent === "Stop") {
        queue = [];
        audio.pause();
        playAll.textContent = "Play all";
        $$(".collection-item.playing").forEach((item) => item.classList.remove("playing"));
        return;
      }
      queue = $$("[data-play]", list);
      playAll.textContent = "Stop";
      next();
    });
  }

  /** The jobs page's pictures (heat map, map, trend) are drawn when opened: fetched once, then kept. The heat map's
      "Compare by" redraws it in place and keeps the choice in the address. */
  function initPictures() {
    const pictures = $$("details[data-picture]");
    if (!pictures.length) return;
    const draw = async (details, query) => {
      const body = $(".picture-body", details);
      const url = new URL(details.dataset.picture, window.location.href);
      if (query) url.searchParams.set("by", query);
      details.dataset.drawn = "loading";
      body.setAttribute("aria-busy", "true");
      body.innerHTML = '<p class="hint picture-wait">Drawing…</p>';
      try {
        const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
        if (!response.ok) throw new ApiError(`The picture could not be drawn (HTTP ${response.status}).`, response.status);
        body.innerHTML = await response.text();
        details.dataset.drawn = "";
      } catch (failure) {
        delete details.dataset.drawn;
        body.innerHTML = "";
        body.append(el("p", { class: "form-error", role: "alert" }, failure.message || "The picture could not be drawn."));
      } finally {
        body.removeAttribute("aria-busy");
      }
    };
    const by = new URLSearchParams(window.location.search).get("by");
    pictures.forEach((details) => {
      details.addEventListener("toggle", () => {
        if (details.open && details.dataset.drawn === undefined) draw(details, details.id === "heat" ? by : null);
      });
      if (details.open && details.dataset.drawn === undefined) draw(details, details.id === "heat" ? by : null);
    });
    document.addEventListener("submit", (event) => {
      const form = event.target.closest(".by-form");
      const details = form && form.closest("details[data-picture]");
      if (!details) return;
      event.preventDefault();
      const choice = form.elements.by.value;
      const address = new URL(window.location.href);
      address.searchParams.set("by", choice);
      address.hash = "heat";
      history.replaceState(null, "", address);
      draw(details, choice).then(() => {
        const select = $("select", details);
        if (select) select.focus();
      });
    });
    document.addEventListener("change", (event) => {
      const select = event.target.closest(".by-form select");
      if (select) select.form.requestSubmit();
    });
  }

  /** On a phone the filters (search, phrase library) fold away unless one is set, so the results come first. */
  function initSearchFilters() {
    if (!window.matchMedia("(max-width: 560px)").matches) return;
    $$("details.filters").forEach((filters) => {
      if (!("active" in filters.dataset)) filters.open = false;
    });
  }

  /** "Open all" and "Close all" for the jobs page's collapsed jobs. */
  function initExpand() {
    document.addEventListener("click", (event) => {
      const button = event.target.closest("[data-expand]");
      if (!button) return;
      const open = button.dataset.expand === "open";
      $$(".core-details, .job-details").forEach((details) => (details.open = open));
    });
  }

  // ------------------------------------------------------------------ start

  function start() {
    showFlash();
    revealHash();
    window.addEventListener("hashchange", revealHash);
    initPlayer();
    initCopy();
    initCreateProject();
    initUpload();
    watchInterviewRows();
    initInterview();
    initJobs();
    initMessaging();
    initCopyTests();
    initSave();
    initCollections();
    initExpand();
    initPictures();
    initSearchFilters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
