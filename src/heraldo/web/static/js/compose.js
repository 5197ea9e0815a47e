// Compose form: a character count per chosen account, live. (Per-platform weighting arrives with the
// platform clients; until then this counts code points, as the sandbox does.)
(function () {
  const form = document.getElementById("compose-form");
  if (!form) return;
  const text = form.querySelector("#content");
  const boxes = form.querySelectorAll("input[name=account_ids]");
  function update() {
    const length = Array.from(text.value).length;
    boxes.forEach(function (box) {
      const out = form.querySelector('[data-count-for="' + box.value + '"]');
      const limit = parseInt(box.dataset.limit, 10);
      out.textContent = box.checked ? length + " / " + limit : "";
      out.classList.toggle("over", box.checked && length > limit);
    });
  }
  text.addEventListener("input", update);
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
})();
