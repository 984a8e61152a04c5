// Notes written on the road, where the signal comes and goes: nothing typed is ever lost.
//
// The form is sent with fetch(). Before sending, the note is queued in localStorage with its
// client key; it leaves the queue only once the server has answered that it has it. While
// notes wait, the "not sent yet" banner (in the page, translated with it) shows, and they are
// sent again when the connection returns and whenever the page loads. The server keeps a
// note resent under the same client key once. What is being typed is kept as a draft too.
// Without script the form posts normally.
//
// What waits is kept no longer than the page's data-queue-hours (NOTE_QUEUE_HOURS): older
// notes and drafts are dropped when the page loads, and the page says how many. An internal
// trip's page asks for data-storage="session": its notes then live in sessionStorage, gone
// with the browser tab. Logging out clears both (static/js/offline.js).
"use strict";

(() => {
  const form = document.querySelector("form[data-note-form]");
  const store = form && form.dataset.storage === "session" ? window.sessionStorage : window.localStorage;
  if (!form || !window.fetch || !store) return;

  const banner = document.getElementById("note-unsent");
  const sentMessage = document.getElementById("note-sent");
  const another = document.getElementById("note-another");
  const expiredMessage = document.getElementById("note-expired");
  const queueKey = form.dataset.queue;
  const draftKey = `${queueKey}-draft`;
  const keyInput = form.elements.namedItem("client_key");
  const hours = Number(form.dataset.queueHours) || 0;
  let sending = false;

  const read = (key, fallback, from = store) => {
    try {
      return JSON.parse(from.getItem(key)) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const write = (key, value, to = store) => {
    if (value === null || (Array.isArray(value) && !value.length)) to.removeItem(key);
    else to.setItem(key, JSON.stringify(value));
  };
  const queue = () => read(queueKey, []);
  // An entry keeps the time it was first queued: its age is counted from then.
  const keep = (entry) => {
    const waiting = queue();
    const earlier = waiting.find((e) => e.client_key === entry.client_key);
    const savedAt = (earlier && earlier.saved_at) || entry.saved_at || Date.now();
    write(queueKey, [...waiting.filter((e) => e.client_key !== entry.client_key), { ...entry, saved_at: savedAt }]);
  };
  const forget = (clientKey) => write(queueKey, queue().filter((e) => e.client_key !== clientKey));

  // Every note and draft waiting on this phone (any trip, either storage) older than the
  // hours allowed goes; one without a time (kept before times were) starts counting now.
  function dropExpired() {
    if (!hours) return 0;
    const now = Date.now();
    const oldest = now - hours * 3600 * 1000;
    let dropped = 0;
    for (const storage of [window.localStorage, window.sessionStorage]) {
      if (!storage) continue;
      for (const key of Object.keys(storage).filter((k) => k.startsWith("tripdesk-notes-"))) {
        const value = read(key, null, storage);
        const entries = Array.isArray(value) ? value : value ? [value] : [];
        const kept = entries.map((e) => ({ ...e, saved_at: e.saved_at || now })).filter((e) => e.saved_at >= oldest);
        dropped += entries.length - kept.length;
        write(key, Array.isArray(value) ? kept : kept[0] || null, storage);
      }
    }
    return dropped;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replaceAll("-", "");
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The note in the form: every field but the CSRF token (the page's own is sent each time).
  function current() {
    const fields = {};
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrfmiddlewaretoken" && name !== "client_key") fields[name] = value;
    }
    return { fields, client_key: keyInput.value };
  }

  function fill(entry) {
    form.reset();
    for (const element of form.elements) {
      if (!element.name || element.name === "csrfmiddlewaretoken") continue;
      const value = entry.fields[element.name];
      if (element.type === "checkbox") element.checked = value !== undefined;
      else if (element.type === "radio") element.checked = element.value === value;
      else if (element.name !== "client_key" && value !== undefined) element.value = value;
    }
    keyInput.value = entry.client_key;
  }

  function startAfresh() {
    form.reset();
    keyInput.value = newKey();
    write(draftKey, null);
  }

  function showState() {
    banner.hidden = queue().length === 0;
  }

  // "sent", "invalid" (the server refused the fields: 400), or "unsent" (no network, no
  // answer, an answer that is not the server's JSON, such as a login page).
  async function send(entry) {
    const body = new FormData();
    for (const [name, value] of Object.entries(entry.fields)) body.append(name, value);
    body.append("client_key", entry.client_key);
    body.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch {
      return "unsent";
    }
    const json = (response.headers.get("Content-Type") || "").includes("application/json");
    if (response.ok && json && !response.redirected) {
      forget(entry.client_key);
      return "sent";
    }
    return response.status === 400 && json ? "invalid" : "unsent";
  }

  async function sendQueued() {
    if (sending) return;
    sending = true;
    try {
      for (const entry of queue()) {
        if (entry.held) continue;
        const result = await send(entry);
        if (result === "unsent") break;
        if (result === "sent" && keyInput.value === entry.client_key) startAfresh();
        if (result === "invalid") {
          // Back into the form, to be corrected; no longer sent on its own.
          keep({ ...entry, held: true });
          fill(entry);
        }
      }
    } finally {
      sending = false;
      showState();
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const entry = current();
    keep(entry);
    write(draftKey, null);
    sentMessage.hidden = true;
    const button = event.submitter;
    if (button) button.disabled = true;
    const result = await send(entry);
    if (button) button.disabled = false;
    if (result === "sent") {
      startAfresh();
      sentMessage.hidden = false;
    } else if (result === "invalid") {
      // The page itself says what is wrong, with the text as it was typed.
      forget(entry.client_key);
      form.submit();
      return;
    }
    showState();
  });

  form.addEventListener("input", () => write(draftKey, { ...current(), saved_at: Date.now() }));

  another.addEventListener("click", () => {
    startAfresh();
    sentMessage.hidden = true;
    form.elements.namedItem("text").focus();
  });

  window.addEventListener("online", sendQueued);

  // On load: what waited too long goes, and the page says how much. Then a page that came
  // back with errors shows the server's copy; otherwise what was being typed (the draft,
  // newer than any note sent), or else the last note still waiting, goes back into the form.
  const dropped = dropExpired();
  if (dropped && expiredMessage) {
    expiredMessage.querySelector("[data-expired-count]").textContent = String(dropped);
    expiredMessage.hidden = false;
  }
  if (!form.querySelector(".errorlist")) {
    const waiting = queue();
    const draft = read(draftKey, null);
    if (draft) fill(draft);
    else if (waiting.length) fill(waiting[waiting.length - 1]);
  }
  showState();
  sendQueued();
})();
