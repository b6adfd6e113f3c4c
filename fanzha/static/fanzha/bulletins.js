// 通报: choosing a kind puts its last complete period in the period box and shows how to write one.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-period-defaults]").forEach((select) => {
    const input = document.getElementById(select.dataset.periodDefaults);
    const hint = document.getElementById(`${select.dataset.periodDefaults}-hint`);
    select.addEventListener("change", () => {
      const option = select.selectedOptions[0];
      if (input) input.value = option.dataset.default;
      if (hint) hint.textContent = `期间写法：${option.dataset.hint}`;
    });
  });
});

// 签发 cannot be undone: ask once before the form goes.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
