// Behaviour that used to sit in inline handlers, which the Content-Security-Policy refuses.
"use strict";

// A form with data-confirm asks before it is sent; htmx asks itself for hx-confirm forms.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset && form.dataset.confirm;
  if (!question || (window.htmx && form.hasAttribute("hx-confirm"))) return;
  if (!window.confirm(question)) event.preventDefault();
});

// A read-only field marked data-select-on-focus selects its text, ready to copy.
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});

// "Add a person": a button marked data-add-row copies its <template> row into the table
// above it, with the formset's next index, and counts it in TOTAL_FORMS. Without script
// the button stays hidden and the empty rows the page came with are all there is.
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
  if (button) addFormRow(button);
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
  root.querySelectorAll("button[data-add-row]").forEach((button) => {
    button.hidden = false;
  });
  const forms = [...root.querySelectorAll("form")];
  if (root.matches && root.matches("form")) forms.push(root);
  forms.forEach((form) => {
    if (form.querySelector("[data-for-kinds]")) showFieldsForKind(form);
  });
}

document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form && event.target.name.endsWith(kindField(form)) && form.querySelector("[data-for-kinds]")) {
    showFieldsForKind(form);
  }
});
document.addEventListener("DOMContentLoaded", () => setUpPage(document));
document.addEventListener("htmx:load", (event) => setUpPage(event.target));
