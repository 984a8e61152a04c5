// Behaviour that used to sit in inline handlers, which the Content-Security-Policy refuses.
"use strict";

// A form with data-confirm asks before it is sent; htmx asks itself for hx-confirm forms.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset && form.dataset.confirm;
  if (!question || (window.htmx && form.hasAttribute("hx-confirm"))) return;
  if (!window.confirm(question)) event.preventDefault();
});

// A form being sent is not sent again by a second click or an impatient tap: its buttons
// wait for the answer. (The server makes one row per form anyway, accounts.submissions:
// this spares the second request.) A form someone else sends (htmx, notes.js) or a
// question refused has its event cancelled already; htmx forms wait through htmx's events.
const SUBMITS = "button:not([type]), button[type=submit], input[type=submit]";

function holdButtons(form, held) {
  form.querySelectorAll(SUBMITS).forEach((button) => {
    button.disabled = held;
  });
  if (held) form.dataset.sending = "";
  else delete form.dataset.sending;
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method !== "post" || form.target) return;
  if ("sending" in form.dataset) {
    event.preventDefault();
    return;
  }
  // After the browser has read the pressed button's name and value into the request.
  setTimeout(() => holdButtons(form, true), 0);
  // A page that never comes (a lost connection) must not leave the form dead.
  setTimeout(() => holdButtons(form, false), 15000);
});

// Back to a page kept by the browser (the back button): its forms may be sent again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-sending]").forEach((form) => holdButtons(form, false));
});

document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt.closest && event.detail.elt.closest("form");
  if (form && event.detail.requestConfig.verb === "post") holdButtons(form, true);
});
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt.closest && event.detail.elt.closest("form");
  if (form && form.isConnected) holdButtons(form, false);
});

// A read-only field marked data-select-on-focus selects its text, ready to copy.
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});

// "Add a person": a button marked data-add-row copies its <template> row into the table
// above it, with the formset's next index, and counts it in TOTAL_FORMS. Without script
// the button sends the form, which the server shows again as typed with a row more.
function addFormRow(button) {
  const template = document.getElementById(button.dataset.addRow);
  const prefix = button.dataset.prefix;
  const total = document.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const body = template && total && template.closest("fieldset").querySelector("tbody");
  if (!body) return;
  const index = Number(total.value);
  const row = document.createElement("tbody");
  row.innerHTML = template.innerHTML.replaceAll("__prefix__", String(index));
  const added = row.firstElementChild;
  body.append(added);
  total.value = String(index + 1);
  const first = added.querySelector("select, input:not([type=hidden])");
  if (first) first.focus();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-add-row]");
  if (!button) return;
  // In place: the button would otherwise send the form for a row more (its way without script).
  event.preventDefault();
  addFormRow(button);
});

// Fields that belong to some kinds of item only (data-for-kinds="travel meal") show when
// the form's kind is one of them; a form whose kind is another field names it in
// data-kind-field (the seating plan's layout). Without script every group shows; the
// server ignores what does not apply.
function kindField(form) {
  return form.dataset.kindField || "kind";
}

function showFieldsForKind(form) {
  const name = kindField(form);
  const kind = form.querySelector(`select[name$='${name}'], input[name$='${name}']:checked`);
  if (!kind) return;
  form.querySelectorAll("[data-for-kinds]").forEach((group) => {
    group.hidden = !group.dataset.forKinds.split(" ").includes(kind.value);
  });
}

function setUpPage(root) {
  const forms = [...root.querySelectorAll("form")];
  if (root.matches && root.matches("form")) forms.push(root);
  forms.forEach((form) => {
    if (form.querySelector("[data-for-kinds]")) showFieldsForKind(form);
  });
}

// A new item's attendees follow its kind (a meal or a journey: the whole party; a visit:
// the leader, or as on the last such item), until the secretary ticks a box by hand.
function tickAttendeesForKind(form, kind) {
  const box = form.querySelector("[data-attendee-defaults]");
  if (!box || "touched" in box.dataset) return;
  const chosen = (JSON.parse(box.dataset.attendeeDefaults)[kind] || []).map(String);
  box.querySelectorAll("input[type=checkbox]").forEach((input) => {
    input.checked = chosen.includes(input.value);
  });
}

document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (!form) return;
  if (event.target.closest("[data-attendee-defaults]")) {
    event.target.closest("[data-attendee-defaults]").dataset.touched = "";
  }
  if (event.target.name.endsWith(kindField(form))) {
    if (form.querySelector("[data-for-kinds]")) showFieldsForKind(form);
    tickAttendeesForKind(form, event.target.value);
  }
});
document.addEventListener("DOMContentLoaded", () => setUpPage(document));
document.addEventListener("htmx:load", (event) => setUpPage(event.target));
