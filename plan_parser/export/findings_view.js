/* plan-parser: a document's text with every finding highlighted, and the list of findings,
   linked both ways. Shared by the served page (plan-parser serve) and the static page of
   `plan-parser lint --format html`. Offsets are the API's: code points of the original text.

   makeView({doc, list, detail, counts}, {text, format, findings}, WORDS).render() */
"use strict";
var RANK = {info: 0, warning: 1, error: 2};

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/* markup characters of a markdown plan, hidden on the page: [start, end) ranges */
function markupRanges(text, format) {
  var ranges = [];
  if (format !== "md") return ranges;
  var re = /^#{1,6}[ \t]+|\*\*|__|^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$|\|/gm, m;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/* the API's offsets count code points; a page string counts UTF-16 units */
function toUnits(text, findings) {
  if (!/[\uD800-\uDFFF]/.test(text)) return findings;
  var units = [], u = 0;
  for (var ch of text) { units.push(u); u += ch.length; }
  units.push(u);
  return findings.map(function (f) { return Object.assign({}, f, {start: units[f.start], end: units[f.end]}); });
}

/* the text cut at every finding's and markup's bounds and line break; each piece knows the
   findings that cover it (overlapping findings nest: every one keeps its highlight) */
function pieces(text, findings, markup) {
  var cuts = new Set([0, text.length]);
  findings.forEach(function (f) { if (f.end > f.start) { cuts.add(f.start); cuts.add(f.end); } });
  markup.forEach(function (r) { cuts.add(r[0]); cuts.add(r[1]); });
  for (var i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) { cuts.add(i); cuts.add(i + 1); }
  var points = Array.from(cuts).filter(function (p) { return p >= 0 && p <= text.length; }).sort(function (a, b) { return a - b; });
  var starts = {}, ends = {}, mstarts = {}, mends = {};
  findings.forEach(function (f, i) {
    if (f.end <= f.start) return;
    (starts[f.start] = starts[f.start] || []).push(i);
    (ends[f.end] = ends[f.end] || []).push(i);
  });
  markup.forEach(function (r) { mstarts[r[0]] = (mstarts[r[0]] || 0) + 1; mends[r[1]] = (mends[r[1]] || 0) + 1; });
  var active = new Set(), hidden = 0, out = [];
  for (var k = 0; k + 1 < points.length; k++) {
    var a = points[k], b = points[k + 1];
    (ends[a] || []).forEach(function (i) { active.delete(i); });
    (starts[a] || []).forEach(function (i) { active.add(i); });
    hidden += (mstarts[a] || 0) - (mends[a] || 0);
    out.push({start: a, end: b, ids: Array.from(active), hidden: hidden > 0});
  }
  return out;
}

function severityOf(ids, findings) {
  var best = "info";
  ids.forEach(function (i) { if (RANK[findings[i].severity] > RANK[best]) best = findings[i].severity; });
  return best;
}

function makeView(parts, result, WORDS) {
  var findings = toUnits(result.text, result.findings);
  var prefix = parts.prefix || "";

  function renderDocument() {
    var text = result.text, format = result.format, box = parts.doc;
    box.textContent = "";
    var pins = {};
    findings.forEach(function (f, i) { if (f.end <= f.start) (pins[f.start] = pins[f.start] || []).push(i); });
    var line = null, number = 0;
    function newLine(at) {
      number += 1;
      line = el("div", {"class": "line", "id": prefix + "line-" + number});
      line.appendChild(el("span", {"class": "no"}, String(number)));
      line.appendChild(el("span", {"class": "tx"}));
      if (format === "md" && /^#{1,6}[ \t]/.test(text.slice(at, at + 8))) line.classList.add("h");
      box.appendChild(line);
    }
    function pin(i) {
      return el("span", {"class": "pin " + findings[i].severity, "data-f": String(i), "title": findings[i].message});
    }
    newLine(0);
    pieces(text, findings, markupRanges(text, format)).forEach(function (p) {
      var piece = text.slice(p.start, p.end);
      (pins[p.start] || []).forEach(function (i) { line.lastChild.appendChild(pin(i)); });
      delete pins[p.start];
      if (piece === "\n") { newLine(p.end); return; }
      var holder = line.lastChild;
      if (p.hidden) { holder.appendChild(el("span", {"class": "mk"}, piece)); return; }
      if (p.ids.length === 0) { holder.appendChild(document.createTextNode(piece)); return; }
      holder.appendChild(el("mark", {"class": severityOf(p.ids, findings) + (p.ids.length > 1 ? " depth2" : ""),
                                     "data-f": p.ids.join(" "),
                                     "title": p.ids.map(function (i) { return findings[i].message; }).join("\n")}, piece));
    });
    Object.keys(pins).forEach(function (at) {  /* a finding at the very end */
      pins[at].forEach(function (i) { line.lastChild.appendChild(pin(i)); });
    });
  }

  function renderList() {
    var list = parts.list;
    list.textContent = "";
    var counts = {error: 0, warning: 0, info: 0};
    findings.forEach(function (f, i) {
      counts[f.severity] += 1;
      var item = el("li", {"data-f": String(i), "id": prefix + "finding-" + i});
      item.appendChild(el("span", {"class": "sev " + f.severity}, WORDS.severity[f.severity]));
      item.appendChild(el("span", null, f.message));
      item.appendChild(el("span", {"class": "muted"}, "  (dòng " + f.line + ")"));
      list.appendChild(item);
    });
    if (!findings.length) list.appendChild(el("li", null, WORDS.none));
    if (parts.counts) parts.counts.textContent = "(" + counts.error + " " + WORDS.severity.error.toLowerCase() + ", " + counts.warning + " " + WORDS.severity.warning.toLowerCase() + ", " + counts.info + " " + WORDS.severity.info.toLowerCase() + ")";
  }

  function select(i, from) {
    var f = findings[i];
    [parts.doc, parts.list].forEach(function (box) {
      box.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
    });
    var item = document.getElementById(prefix + "finding-" + i);
    if (item) item.classList.add("selected");
    var marks = Array.prototype.filter.call(parts.doc.querySelectorAll("[data-f]"), function (m) { return m.getAttribute("data-f").split(" ").indexOf(String(i)) >= 0; });
    marks.forEach(function (m) { m.classList.add("selected"); });
    var detail = parts.detail;
    if (detail) {
      detail.textContent = "";
      detail.appendChild(el("div", null, f.message));
      detail.appendChild(el("div", {"class": "muted"}, WORDS.rule + ": " + f.rule + " · " + WORDS.severity[f.severity] + " · dòng " + f.line + ", cột " + f.column));
      if (f.suggestion) detail.appendChild(el("div", {"class": "fix"}, WORDS.suggestion + ": " + f.suggestion));
    }
    var target = from === "list" ? (marks[0] || document.getElementById(prefix + "line-" + f.line)) : item;
    if (target) { target.scrollIntoView({block: "center"}); target.classList.remove("flash"); void target.offsetWidth; target.classList.add("flash"); }
  }

  parts.doc.addEventListener("click", function (event) {
    var hit = event.target.closest("[data-f]");
    if (hit) select(Number(hit.getAttribute("data-f").split(" ")[0]), "doc");
  });
  parts.list.addEventListener("click", function (event) {
    var hit = event.target.closest("[data-f]");
    if (hit) select(Number(hit.getAttribute("data-f")), "list");
  });
  return {render: function () { renderDocument(); renderList(); }, select: select};
}
