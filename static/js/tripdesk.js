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
