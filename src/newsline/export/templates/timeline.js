/* newsline interactive timeline: a coverage chart, a zoomable axis, entry cards (each with why
 * it has its date), a search filter and an article panel. Shared by the HTML export (data
 * embedded) and the web UI (data fetched).
 *
 * Every piece of data reaches the page as a text node or an attribute set through the DOM,
 * never as markup: article text is untrusted.
 */
(function (global) {
  "use strict";

  var DAY = 86400000;
  var KINDS = ["explicit", "published", "aligned", "bounded"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var TICK_MONTHS = [1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 6000];

  function el(tag, props) {
    var node = document.createElement(tag);
    var key;
    for (key in props || {}) {
      if (key === "text") node.textContent = props[key];
      else if (key === "cls") node.className = props[key];
      else node.setAttribute(key, props[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === "") continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    for (var key in attrs || {}) node.setAttribute(key, String(attrs[key]));
    return node;
  }

  function day(iso) {
    var p = String(iso).split("-").map(Number);
    var d = new Date(0);
    d.setUTCFullYear(p[0], p[1] - 1, p[2]);
    return d.getTime();
  }

  function kind(datedBy) {
    return KINDS.indexOf(datedBy) >= 0 ? datedBy : "other";
  }

  function webUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function articleSource(a) {
    var named = (a.sources || []).filter(function (s) { return s && s.outlet; })[0];
    return (named && named.outlet) || a.agency || a.source || "";
  }

  function articleUrl(a) {
    var withUrl = (a.sources || []).filter(function (s) { return s && webUrl(s.url); })[0];
    return withUrl ? withUrl.url : webUrl(a.url);
  }

  function Timeline(root, options) {
    this.root = root;
    this.getArticle = options.getArticle;
    this.entries = [];
    this.px = 1;
    this.build();
    this.setTimeline(options.timeline);
  }

  Timeline.prototype.build = function () {
    var self = this;
    this.root.textContent = "";
    this.root.classList.add("nl-root");
    this.search = el("input", {
      type: "search", cls: "nl-search", placeholder: "Filter entries\u2026",
      "aria-label": "Filter entries"
    });
    this.count = el("span", { cls: "nl-count", "aria-live": "polite" });
    var legend = el("span", { cls: "nl-legend" });
    KINDS.forEach(function (k) {
      legend.appendChild(el("span", { cls: "nl-key nl-by-" + k, text: k }));
    });
    legend.appendChild(el("span", { cls: "nl-key nl-key-conflict", text: "conflict" }));
    var zoom = el("span", { cls: "nl-zoom" },
      el("button", { type: "button", "data-zoom": "out", title: "Zoom out", text: "\u2212" }),
      el("button", { type: "button", "data-zoom": "fit", title: "Fit to width", text: "Fit" }),
      el("button", { type: "button", "data-zoom": "in", title: "Zoom in", text: "+" }));
    this.axisWrap = el("div", { cls: "nl-axis-wrap" });
    this.axis = el("div", { cls: "nl-axis" });
    this.axisWrap.appendChild(this.axis);
    this.list = el("ol", { cls: "nl-entries" });
    this.panel = el("aside", { cls: "nl-panel", "aria-live": "polite" },
      el("p", { cls: "nl-panel-hint", text: "Click a sentence to read its source article here." }));
    this.coverage = el("figure", { cls: "nl-coverage" });
    this.root.appendChild(el("div", { cls: "nl-toolbar" }, this.search, this.count, zoom, legend));
    this.root.appendChild(this.coverage);
    this.root.appendChild(this.axisWrap);
    this.root.appendChild(el("div", { cls: "nl-body" }, this.list, this.panel));

    this.search.addEventListener("input", function () { self.filter(self.search.value); });
    zoom.addEventListener("click", function (ev) {
      var which = ev.target.getAttribute("data-zoom");
      if (which === "fit") self.fit();
      else if (which) self.zoom(which === "in" ? 1.6 : 1 / 1.6);
    });
    this.axisWrap.addEventListener("wheel", function (ev) {
      if (!ev.ctrlKey) return;
      ev.preventDefault();
      self.zoom(ev.deltaY < 0 ? 1.25 : 0.8, ev.clientX);
    }, { passive: false });
    this.axis.addEventListener("click", function (ev) {
      var marker = ev.target.closest(".nl-marker");
      if (marker) self.select(Number(marker.getAttribute("data-entry")), true);
    });
    this.coverage.addEventListener("click", function (ev) {
      var mark = ev.target.closest(".nl-cov-mark");
      if (mark) self.select(Number(mark.getAttribute("data-entry")), true);
    });
    this.list.addEventListener("click", function (ev) {
      var link = ev.target.closest(".nl-sentence, .nl-version, .nl-evidence-link");
      if (!link) return;
      ev.preventDefault();
      var index = Number(link.getAttribute("data-entry"));
      var at = link.hasAttribute("data-start") ? {
        start: Number(link.getAttribute("data-start")), end: Number(link.getAttribute("data-end"))
      } : null;
      self.select(index, false);
      self.showArticle(link.getAttribute("data-article"), link.getAttribute("data-text"), at);
    });
  };

  Timeline.prototype.setTimeline = function (timeline) {
    var self = this;
    this.timeline = timeline || { query: "", entries: [] };
    this.entries = (this.timeline.entries || []).map(function (entry, index) {
      var said = (entry.sentences || []).concat(entry.conflicts || []);
      var haystack = [entry.label].concat(said.map(function (s) {
        return [s.text, s.title, s.source].join(" ");
      })).join(" ").toLowerCase();
      var start = day(entry.start);
      // An open end ("after March 2024": null, or the last day there is) runs to the axis edge.
      var open = !entry.end || entry.end >= "9999-12-31";
      return { data: entry, index: index, start: start, open: open,
               end: open ? start + DAY : day(entry.end) + DAY,
               haystack: haystack, card: null, marker: null };
    });
    this.titles = articleTitles(this.timeline);
    this.list.textContent = "";
    this.entries.forEach(function (entry) { self.list.appendChild(self.card(entry)); });
    if (!this.entries.length) {
      this.list.appendChild(el("li", { cls: "nl-empty", text: "No dated events found for this query." }));
    }
    this.undated = null;
    if ((this.timeline.undated || []).length) {
      var list = el("ul", { cls: "nl-sentences" });
      this.timeline.undated.forEach(function (s) { list.appendChild(sentenceItem(s, -1, false)); });
      this.undated = {
        card: el("li", { cls: "nl-undated" },
          el("div", { cls: "nl-entry-head" }, el("strong", { text: "Not placed in time" })), list),
        haystack: this.timeline.undated.map(function (s) {
          return [s.text, s.title, s.source].join(" ");
        }).join(" ").toLowerCase()
      };
      this.list.appendChild(this.undated.card);
    }
    this.drawCoverage();
    this.fit();
    this.filter(this.search.value);
  };

  Timeline.prototype.card = function (entry) {
    var data = entry.data;
    var k = kind(data.dated_by);
    var head = el("div", { cls: "nl-entry-head" },
      el("time", { datetime: data.start, text: data.label }),
      el("span", { cls: "nl-badge nl-by-" + k, text: data.dated_by }),
      data.conflict ? el("span", { cls: "nl-badge nl-conflict-badge", text: "\u26a0 conflicting dates" }) : null,
      data.expected ? el("span", { cls: "nl-badge nl-planned-badge", text: "planned" }) : null);
    var sentences = el("ul", { cls: "nl-sentences" });
    (data.sentences || []).forEach(function (s) {
      sentences.appendChild(sentenceItem(s, entry.index, false));
    });
    var others = null;
    if ((data.conflicts || []).length) {
      others = el("div", { cls: "nl-others" },
        el("p", { cls: "nl-others-head", text: "Other sources date this differently:" }));
      var list = el("ul", { cls: "nl-sentences" });
      data.conflicts.forEach(function (s) { list.appendChild(sentenceItem(s, entry.index, true)); });
      others.appendChild(list);
    }
    var card = el("li", { cls: "nl-entry nl-by-" + k + (data.conflict ? " nl-conflict" : ""),
                          id: "nl-entry-" + entry.index, "data-entry": String(entry.index),
                          tabindex: "-1" }, head, sentences, others,
                  data.evidence ? this.why(data.evidence, entry.index) : null);
    entry.card = card;
    return card;
  };

  function sentenceItem(s, index, other) {
    var parts = [s.source, s.published, s.title];
    if (other) parts.unshift("dated " + span(s.start, s.end));
    var item = el("li", other ? { cls: "nl-other" } : null,
      s.expected ? el("span", { cls: "nl-planned", text: "(planned) " }) : null,
      el("a", { href: "#", cls: "nl-sentence", "data-entry": String(index),
                "data-article": s.article, "data-text": s.quote || s.text, text: s.text }),
      el("span", { cls: "nl-cite", text: parts.filter(Boolean).join(" \u00b7 ") }));
    if (s.matched) {
      var from = [s.matched.source, s.matched.title].filter(Boolean).join(", ");
      item.appendChild(el("span", { cls: "nl-cite nl-matched",
        text: "date from the matching sentence: \u201c" + (s.matched.text || "") + "\u201d (" + from + ")" }));
    }
    if (s.also && s.also.length) {
      var also = el("span", { cls: "nl-cite nl-also", text: "also reported by: " });
      s.also.forEach(function (v, n) {
        if (n) also.appendChild(document.createTextNode("; "));
        also.appendChild(el("a", { href: "#", cls: "nl-version", "data-entry": String(index),
          "data-article": v.article, "data-text": v.quote || v.text,
          text: [v.source, v.published, v.title].filter(Boolean).join(" \u00b7 ") }));
      });
      item.appendChild(also);
    }
    return item;
  }

  // Article titles the timeline knows (from its citations), to name evidence by.
  function articleTitles(timeline) {
    var titles = {};
    function add(s) {
      if (!s) return;
      if (s.article && s.title) titles[s.article] = s.title;
      if (s.matched && s.matched.article && s.matched.title) titles[s.matched.article] = s.matched.title;
      (s.also || []).forEach(add);
    }
    (timeline.entries || []).forEach(function (e) {
      (e.sentences || []).concat(e.conflicts || []).forEach(add);
    });
    (timeline.undated || []).forEach(add);
    return titles;
  }

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  // "Why this date": the reason in a sentence, who states it and when, then each time
  // expression (opening its article at it), report and borrowed date.
  Timeline.prototype.why = function (ev, index) {
    var self = this;
    var name = function (id) { return self.titles[id] || "article " + String(id).slice(0, 12); };
    var link = function (text, id, start, end, mark) {
      return el("a", { href: "#", cls: "nl-evidence-link", "data-entry": String(index),
                       "data-article": id, "data-start": String(start), "data-end": String(end),
                       "data-text": mark, text: text });
    };
    var list = el("ul", { cls: "nl-why-list" });
    (ev.mentions || []).forEach(function (m) {
      list.appendChild(el("li", { cls: "nl-why-mention" },
        link(quoted(m.text), m.article, m.start, m.end, m.text), " in " + name(m.article)));
    });
    (ev.reports || []).forEach(function (r) {
      list.appendChild(el("li", { cls: "nl-why-report" },
        "reported as news on its publication day, " + r.published + ": ",
        link(quoted(r.text), r.article, r.start, r.end, r.text), " (" + name(r.article) + ")"));
    });
    var source = function (s) {
      return s ? quoted(s.text) + " (" + [name(s.article), span(s.start, s.end)].join(", ") + ")" : "?";
    };
    (ev.aligned || []).forEach(function (c) {
      var how = c.similarity === null || c.similarity === undefined
        ? " shares its paragraph\u2019s match, " : " matches ";
      var close = typeof c.similarity === "number" ? ", similarity " + c.similarity : "";
      list.appendChild(el("li", { cls: "nl-why-aligned" },
        quoted(c.text) + " (" + name(c.article) + ")" + how + source(c.matched) + close));
    });
    (ev.bounded || []).forEach(function (c) {
      list.appendChild(el("li", { cls: "nl-why-bounded" },
        quoted(c.text) + " (" + name(c.article) + ") comes after " + source(c.before) +
        (c.after ? " and before " + source(c.after) : "")));
    });
    var counts = [ev.articles + (ev.articles === 1 ? " article" : " articles"),
                  ev.outlets + (ev.outlets === 1 ? " outlet" : " outlets")];
    if (ev.first_reported) {
      counts.push("first reported " + ev.first_reported +
        (ev.last_reported && ev.last_reported !== ev.first_reported ? ", last " + ev.last_reported : ""));
    }
    return el("details", { cls: "nl-why" },
      el("summary", { text: "Why this date" }),
      el("p", { cls: "nl-why-text", text: ev.why || "" }),
      el("p", { cls: "nl-why-counts", text: counts.join(" \u00b7 ") }),
      list.childNodes.length ? list : null);
  };

  // Matching articles per publication day as bars; the timeline's dates marked on them: each
  // date as a band in the strip above the bars (its whole interval), a day also as a line
  // through them. Sized to the figure's width when drawn.
  Timeline.prototype.drawCoverage = function () {
    var fig = this.coverage;
    var days = (this.timeline.coverage || []).filter(function (c) { return c && c.day; });
    fig.textContent = "";
    fig.hidden = !days.length;
    if (!days.length) return;
    var W = Math.max((fig.clientWidth || 800) - 18, 320), H = 120;
    var left = 30, right = 10, strip = 12, top = 4 + strip + 4, bottom = 20;
    var lo = day(days[0].day), hi = day(days[days.length - 1].day) + DAY;
    var minSpan = 14 * DAY;
    if (hi - lo < minSpan) { var pad = (minSpan - (hi - lo)) / 2; lo -= pad; hi += pad; }
    var most = Math.max.apply(null, days.map(function (c) { return c.articles; }));
    var x = function (t) { return left + (t - lo) / (hi - lo) * (W - left - right); };
    var y = function (n) { return top + (1 - n / most) * (H - top - bottom); };
    var f = function (v) { return v.toFixed(1); };
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
                             "class": "nl-cov-chart", "aria-label": "Matching articles per day" });
    var marks = svg("g", { "class": "nl-cov-marks" });
    chart.appendChild(marks);
    chart.appendChild(svg("line", { x1: left, x2: W - right, y1: y(0), y2: y(0), "class": "nl-cov-base" }));
    var barWidth = Math.max(DAY / (hi - lo) * (W - left - right) - 0.5, 2);
    days.forEach(function (c) {
      var t = day(c.day);
      var bar = svg("rect", { x: f(x(t)), y: f(y(c.articles)), width: f(barWidth),
                              height: f(y(0) - y(c.articles)), "class": "nl-cov-bar" });
      var tip = svg("title");
      tip.textContent = c.day + ": " + c.articles + (c.articles === 1 ? " article" : " articles");
      bar.appendChild(tip);
      chart.appendChild(bar);
    });
    var shown = 0;
    this.entries.forEach(function (entry) {
      entry.covMark = null;
      var end = entry.open ? hi : entry.end;
      if (end <= lo || entry.start >= hi) return;
      var a = x(Math.max(entry.start, lo)), b = x(Math.min(end, hi));
      var mark = svg("g", { "data-entry": entry.index,
                            "class": "nl-cov-mark nl-by-" + kind(entry.data.dated_by) });
      var tip = svg("title");
      tip.textContent = entry.data.label;
      mark.appendChild(tip);
      mark.appendChild(svg("rect", { x: f(a), y: 4, width: f(Math.max(b - a, 3)), height: strip,
                                     rx: 2, "class": "nl-cov-band" }));
      if (entry.data.granularity === "day") {
        mark.appendChild(svg("line", { x1: f(a + 1), x2: f(a + 1), y1: 4 + strip, y2: y(0),
                                       "class": "nl-cov-line" }));
      }
      marks.appendChild(mark);
      entry.covMark = mark;
      shown++;
    });
    var label = function (text, at, anchor) {
      var node = svg("text", { x: f(at), y: H - 5, "text-anchor": anchor, "class": "nl-cov-label" });
      node.textContent = text;
      chart.appendChild(node);
    };
    label(days[0].day, left, "start");
    if (days.length > 1) label(days[days.length - 1].day, W - right, "end");
    var count = svg("text", { x: left - 5, y: f(y(most) + 9), "text-anchor": "end", "class": "nl-cov-label" });
    count.textContent = String(most);
    chart.appendChild(count);
    var total = days.reduce(function (sum, c) { return sum + c.articles; }, 0);
    fig.appendChild(chart);
    fig.appendChild(el("figcaption", { cls: "nl-cov-caption",
      text: "Coverage: " + total + (total === 1 ? " matching article" : " matching articles") +
        " by publication day, " + days[0].day + " to " + days[days.length - 1].day +
        " (bars, at most " + most + " a day); marked above: " + shown + " of the timeline\u2019s " +
        this.entries.length + " dates that fall in this span (click one to see it)." }));
  };

  function span(start, end) {
    if (!start) return "unknown";
    if (!end || end >= "9999-12-31") return "after " + start;
    return start === end ? start : start + " \u2013 " + end;
  }

  Timeline.prototype.range = function () {
    var visible = this.entries;
    if (!visible.length) return null;
    var lo = Math.min.apply(null, visible.map(function (e) { return e.start; }));
    var hi = Math.max.apply(null, visible.map(function (e) { return e.open ? e.start + DAY : e.end; }));
    var pad = Math.max((hi - lo) * 0.02, 15 * DAY);
    return { lo: lo - pad, hi: hi + pad };
  };

  Timeline.prototype.fit = function () {
    var range = this.range();
    var width = Math.max(this.axisWrap.clientWidth || 800, 320) - 2;
    this.px = range ? width / ((range.hi - range.lo) / DAY) : 1;
    this.fitPx = this.px;
    this.draw();
    this.axisWrap.scrollLeft = 0;
  };

  Timeline.prototype.zoom = function (factor, clientX) {
    var wrap = this.axisWrap;
    var rect = wrap.getBoundingClientRect();
    var anchor = clientX === undefined ? wrap.clientWidth / 2 : clientX - rect.left;
    var dayAtAnchor = (wrap.scrollLeft + anchor) / this.px;
    this.px = Math.min(Math.max(this.px * factor, this.fitPx * 0.5), 400);
    this.draw();
    wrap.scrollLeft = dayAtAnchor * this.px - anchor;
  };

  Timeline.prototype.draw = function () {
    var self = this;
    var range = this.range();
    this.axis.textContent = "";
    if (!range) { this.axis.style.width = "100%"; this.axis.style.height = "32px"; return; }
    var px = this.px;
    var x = function (t) { return (t - range.lo) / DAY * px; };
    this.axis.style.width = Math.ceil(x(range.hi)) + "px";
    this.ticks(range, x);
    var lanes = [];
    this.entries.slice().sort(function (a, b) { return a.start - b.start || a.end - b.end; })
      .forEach(function (entry) {
        var left = x(entry.start);
        var width = Math.max(x(entry.open ? range.hi : entry.end) - left, 10);
        var lane = 0;
        while (lane < lanes.length && lanes[lane] > left - 3) lane++;
        lanes[lane] = left + width;
        var data = entry.data;
        var marker = el("button", {
          type: "button", "data-entry": String(entry.index),
          cls: "nl-marker nl-by-" + kind(data.dated_by) + (data.conflict ? " nl-conflict" : "") +
            (entry.open ? " nl-open" : ""),
          title: data.label + (data.conflict ? " (conflicting dates)" : ""),
          "aria-label": data.label
        });
        marker.style.left = left + "px";
        marker.style.width = width + "px";
        marker.style.top = (30 + lane * 16) + "px";
        if (entry.card && entry.card.hidden) marker.hidden = true;
        if (self.selected === entry.index) marker.classList.add("nl-selected");
        entry.marker = marker;
        self.axis.appendChild(marker);
      });
    this.axis.style.height = (40 + lanes.length * 16) + "px";
  };

  Timeline.prototype.ticks = function (range, x) {
    var monthPx = 30.44 * this.px;
    var step = TICK_MONTHS.filter(function (m) { return m * monthPx >= 64; })[0] || 12000;
    var first = new Date(range.lo);
    var y = first.getUTCFullYear();
    var m = step >= 12 ? 0 : first.getUTCMonth();
    if (step >= 12) y = Math.ceil(y / (step / 12)) * (step / 12);
    for (var guard = 0; guard < 2000; guard++) {
      var t = day(y + "-" + (m + 1) + "-1");
      if (t > range.hi) break;
      if (t >= range.lo) {
        var text = step >= 12 ? String(y) : (m === 0 ? MONTHS[m] + " " + y : MONTHS[m]);
        var tick = el("div", { cls: "nl-tick", text: text });
        tick.style.left = x(t) + "px";
        this.axis.appendChild(tick);
      }
      m += step;
      y += Math.floor(m / 12);
      m %= 12;
    }
  };

  Timeline.prototype.filter = function (query) {
    var words = String(query || "").toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    this.entries.forEach(function (entry) {
      var match = words.every(function (w) { return entry.haystack.indexOf(w) >= 0; });
      if (entry.card) entry.card.hidden = !match;
      if (entry.marker) entry.marker.hidden = !match;
      if (entry.covMark) entry.covMark.classList.toggle("nl-cov-hidden", !match);
      if (match) shown++;
    });
    if (this.undated) {
      var undated = this.undated;
      undated.card.hidden = !words.every(function (w) { return undated.haystack.indexOf(w) >= 0; });
    }
    var total = this.entries.length;
    this.count.textContent = words.length ? shown + " of " + total + " entries" : total + " entries";
  };

  Timeline.prototype.select = function (index, scroll) {
    var entry = this.entries[index];
    if (!entry) return;
    this.selected = index;
    this.entries.forEach(function (e) {
      if (e.card) e.card.classList.toggle("nl-selected", e === entry);
      if (e.marker) e.marker.classList.toggle("nl-selected", e === entry);
      if (e.covMark) e.covMark.classList.toggle("nl-selected", e === entry);
    });
    if (scroll && entry.card) {
      entry.card.scrollIntoView({ block: "nearest" });
      entry.card.focus({ preventScroll: true });
    }
  };

  Timeline.prototype.showArticle = function (id, sentence, at) {
    var self = this;
    this.panel.textContent = "";
    this.panel.appendChild(el("p", { cls: "nl-panel-hint", text: "Loading article\u2026" }));
    Promise.resolve(this.getArticle(id)).then(function (article) {
      self.renderArticle(article, id, sentence, at);
    }, function (error) {
      self.panel.textContent = "";
      self.panel.appendChild(el("p", { cls: "nl-error", text: "Cannot load article " + id + ": " + error }));
    });
  };

  // ``at``: character offsets in the article's text (its blocks joined by blank lines), as
  // evidence gives them; the text there is marked, else the first place ``sentence`` appears.
  Timeline.prototype.renderArticle = function (a, id, sentence, at) {
    var panel = this.panel;
    panel.textContent = "";
    if (!a) {
      panel.appendChild(el("p", { cls: "nl-error", text: "Article " + id + " is not available." }));
      return;
    }
    var url = articleUrl(a);
    var meta = [articleSource(a), a.published ? "published " + a.published : "date unknown"]
      .filter(Boolean).join(" \u00b7 ");
    panel.appendChild(el("h2", { cls: "nl-article-title", text: a.title || "(untitled)" }));
    panel.appendChild(el("p", { cls: "nl-article-meta" }, meta,
      url ? " \u00b7 " : "", url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" }) : null));
    (a.captions || []).forEach(function (c) {
      panel.appendChild(el("p", { cls: "nl-caption", text: c }));
    });
    var body = el("div", { cls: "nl-article-body" });
    var marked = null;
    var offset = 0;
    (a.blocks || [{ kind: "paragraph", text: a.text || "" }]).forEach(function (block) {
      var node = el(block.kind === "heading" ? "h3" : "p");
      var from = -1, length = 0;
      if (at && !marked && at.start >= offset && at.end <= offset + block.text.length &&
          (!sentence || block.text.slice(at.start - offset, at.end - offset) === sentence)) {
        from = at.start - offset;
        length = at.end - at.start;
      } else if (sentence && !marked && !at) {
        from = block.text.indexOf(sentence);
        length = sentence.length;
      }
      if (from >= 0) {
        marked = el("mark", { text: block.text.slice(from, from + length) });
        node.appendChild(document.createTextNode(block.text.slice(0, from)));
        node.appendChild(marked);
        node.appendChild(document.createTextNode(block.text.slice(from + length)));
      } else {
        node.textContent = block.text;
      }
      offset += block.text.length + 2;
      body.appendChild(node);
    });
    panel.appendChild(body);
    panel.appendChild(el("p", { cls: "nl-article-id", text: "article " + (a.id || id) }));
    // Scroll the panel only (not the page) to the cited sentence.
    panel.scrollTop = marked ? Math.max(marked.offsetTop - panel.clientHeight / 3, 0) : 0;
  };

  global.NewslineTimeline = {
    mount: function (root, options) { return new Timeline(root, options); }
  };
})(window);
