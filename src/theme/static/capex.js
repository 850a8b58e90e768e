// Sortable comparison tables (`table[data-sortable]`), added to pages that work without it:
// a button in each sortable column's header orders the rows by that column (figures and
// dates largest first, names A to Z; again for the other way) and `aria-sort` says how.
// Each row group (`tbody`: a commitment and its line of detail) moves as one.
(function () {
  "use strict";
  function key(group, col, kind) {
    var cell = group.rows[0] && group.rows[0].cells[col];
    var raw = cell ? cell.getAttribute("data-value") : null;
    if (raw === null || raw === "") return null;
    return kind === "number" ? parseFloat(raw) : raw;
  }
  function sortBy(table, heads, th, col, kind) {
    var first = kind === "text" ? "ascending" : "descending";
    var dir = th.getAttribute("aria-sort") === first ? (first === "ascending" ? "descending" : "ascending") : first;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    var groups = Array.prototype.slice.call(table.tBodies);
    var sign = dir === "ascending" ? 1 : -1;
    groups.sort(function (a, b) {
      var x = key(a, col, kind), y = key(b, col, kind);
      if (x === null || y === null) return (x === null) - (y === null);
      if (kind === "text") return sign * x.localeCompare(y, document.documentElement.lang);
      return x < y ? -sign : x > y ? sign : 0;
    });
    groups.forEach(function (g) { table.appendChild(g); });
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, heads, th, col, kind); });
    });
    table.classList.add("sortable");
  });
})();
