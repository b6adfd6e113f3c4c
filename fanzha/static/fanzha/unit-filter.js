// A long select of org units (data-unit-filter, see fanzha/orgs/options.py) gets a search box above
// it: typing 「邵家」 keeps the options whose name holds it (a town's name keeps its whole group), the
// empty option and the selected one; clearing the box brings every option back. When one option
// is left it is chosen.
(() => {
  const MIN_OPTIONS = 25; // a short list (12 stations, 20 towns) is read at a glance

  function matches(text, words) {
    return words.every((word) => text.includes(word));
  }

  function attach(select) {
    if (select.dataset.unitFilterReady || select.options.length < MIN_OPTIONS) return;
    select.dataset.unitFilterReady = "1";
    const original = Array.from(select.children).map((child) => child.cloneNode(true));
    const box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1 unit-filter";
    box.placeholder = "输入名称筛选";
    box.setAttribute("aria-label", "筛选" + (select.labels && select.labels[0] ? select.labels[0].innerText : "单位"));
    select.parentNode.insertBefore(box, select);

    box.addEventListener("input", () => {
      const words = box.value.trim().split(/\s+/).filter(Boolean);
      const chosen = select.value;
      select.replaceChildren();
      for (const node of original) {
        if (node.tagName === "OPTGROUP") {
          const groupHit = matches(node.label, words);
          const group = node.cloneNode(false);
          for (const option of node.children) {
            if (!words.length || groupHit || matches(option.text, words) || option.value === chosen) {
              group.appendChild(option.cloneNode(true));
            }
          }
          if (group.children.length) select.appendChild(group);
        } else if (!words.length || node.value === "" || node.value === chosen || matches(node.text, words)) {
          select.appendChild(node.cloneNode(true));
        }
      }
      select.value = chosen;
      // one place left: take it (on a phone the list need not be opened at all)
      const left = Array.from(select.options).filter((option) => option.value !== "");
      if (words.length && left.length === 1 && select.value !== left[0].value) {
        select.value = left[0].value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function attachAll(root) {
    root.querySelectorAll("select[data-unit-filter]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => attachAll(document));
  document.addEventListener("htmx:load", (event) => attachAll(event.target));
})();
