// What this phone keeps of Tripdesk for reading without signal, and forgetting it at logout.
//
// A page that may be kept (data-offline-page on <body>: an office trip's note page and the
// party's day) registers the service worker (/sw.js, desk.offline) and asks it to keep this
// page and its sibling (data-offline-also) for this login (data-offline-key, accounts.offline):
// one visit is enough. Every other page tells the worker who is logged in now, so that
// another login's pages (or anyone's, on the login page) never stay on the phone.
//
// Logging out (the form marked data-logout in base.html) asks first when notes wait unsent
// (data-unsent-question), then deletes the notes, drafts and kept pages before the form is
// sent; the logout answer's Clear-Site-Data header does the same again.
"use strict";

(() => {
  const body = document.body;
  const key = body.dataset.offlineKey || "";
  const NOTES = "tripdesk-notes-";
  const CACHES = "tripdesk-";

  function storages() {
    const found = [];
    for (const name of ["localStorage", "sessionStorage"]) {
      try {
        if (window[name]) found.push(window[name]);
      } catch {
        // Storage refused (a private window): nothing is kept there either.
      }
    }
    return found;
  }

  // Notes queued and drafts with text, in either storage, for any trip on this phone.
  function unsentCount() {
    let count = 0;
    for (const storage of storages()) {
      for (const name of Object.keys(storage).filter((k) => k.startsWith(NOTES))) {
        try {
          const value = JSON.parse(storage.getItem(name));
          if (Array.isArray(value)) count += value.length;
          else if (value && value.fields && String(value.fields.text || "").trim()) count += 1;
        } catch {
          // Not ours to read: it goes at logout all the same.
        }
      }
    }
    return count;
  }

  function forgetNotes() {
    for (const storage of storages()) {
      Object.keys(storage)
        .filter((k) => k.startsWith(NOTES))
        .forEach((k) => storage.removeItem(k));
    }
  }

  async function forgetPages() {
    if (!window.caches) return;
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHES)).map((n) => caches.delete(n)));
  }

  // Before tripdesk.js holds the form's buttons (capture phase): a refused question leaves
  // the form as it was.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !("logout" in form.dataset)) return;
      event.preventDefault();
      if ("sending" in form.dataset) return;
      if (unsentCount() && !window.confirm(form.dataset.unsentQuestion)) return;
      form.dataset.sending = "";
      forgetNotes();
      // The caches go before the form does; a browser slow to answer does not keep the
      // person waiting (the answer's Clear-Site-Data clears them too).
      const enough = new Promise((resolve) => setTimeout(resolve, 2000));
      Promise.race([forgetPages().catch(() => {}), enough]).then(() => HTMLFormElement.prototype.submit.call(form));
    },
    true,
  );

  if (!("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;

  if ("offlinePage" in body.dataset && key) {
    const urls = [body.dataset.offlineAlso].filter(Boolean);
    // A page the worker did not serve (the first visit) is fetched again to be kept.
    if (!container.controller) urls.unshift(window.location.href);
    container.register(body.dataset.serviceWorker, { scope: "/" }).catch(() => {});
    container.ready.then((registration) => {
      if (registration.active) registration.active.postMessage({ type: "keep", key, urls });
    });
  } else {
    container.getRegistration("/").then((registration) => {
      if (registration && registration.active) registration.active.postMessage({ type: "login", key });
    });
  }
})();
