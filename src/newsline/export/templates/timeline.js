/* newsline interactive timeline: a zoomable axis, entry cards, a search filter and an article
 * panel. Shared by the HTML export (data embedded) and the web UI (data fetched).
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
    this.root.appendChild(el("div", { cls: "nl-toolbar" }, this.search, this.count, zoom, legend));
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
    this.list.addEventListener("click", function (ev) {
      var link = ev.target.closest(".nl-sentence, .nl-version");
      if (!link) return;
      ev.preventDefault();
      var index = Number(link.getAttribute("data-entry"));
      self.select(index, false);
      self.showArticle(link.getAttribute("data-article"), link.getAttribute("data-text"));
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
                          tabindex: "-1" }, head, sentences, others);
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
    });
    if (scroll && entry.card) {
      entry.card.scrollIntoView({ block: "nearest" });
      entry.card.focus({ preventScroll: true });
    }
  };

  Timeline.prototype.showArticle = function (id, sentence) {
    var self = this;
    this.panel.textContent = "";
    this.panel.appendChild(el("p", { cls: "nl-panel-hint", text: "Loading article\u2026" }));
    Promise.resolve(this.getArticle(id)).then(function (article) {
      self.renderArticle(article, id, sentence);
    }, function (error) {
      self.panel.textContent = "";
      self.panel.appendChild(el("p", { cls: "nl-error", text: "Cannot load article " + id + ": " + error }));
    });
  };

  Timeline.prototype.renderArticle = function (a, id, sentence) {
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
    (a.blocks || [{ kind: "paragraph", text: a.text || "" }]).forEach(function (block) {
      var node = el(block.kind === "heading" ? "h3" : "p");
      var at = sentence && !marked ? block.text.indexOf(sentence) : -1;
      if (at >= 0) {
        marked = el("mark", { text: sentence });
        node.appendChild(document.createTextNode(block.text.slice(0, at)));
        node.appendChild(marked);
        node.appendChild(document.createTextNode(block.text.slice(at + sentence.length)));
      } else {
        node.textContent = block.text;
      }
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
