/* newsline web UI: query form -> GET /api/timeline -> the shared interactive timeline;
 * sentences open their article from GET /api/articles/{id}; uploads go to POST /api/ingest
 * with a progress bar. Errors arrive as {"error": {"code", "message"}} and are shown as text.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var view = null;
  var maxUpload = Infinity;

  function status(node, text, isError) {
    node.textContent = text;
    node.classList.toggle("ui-error", Boolean(isError));
  }

  function errorText(body, fallback) {
    return body && body.error && body.error.message ? body.error.message : fallback;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) throw new Error(errorText(body, "HTTP " + response.status));
        return body;
      });
    });
  }

  function plural(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
  }

  function mebibytes(bytes) {
    return (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 0) + " MiB";
  }

  function refreshHealth() {
    return getJson("/health").then(function (health) {
      var text = plural(health.articles, "article") + " in the store";
      if (health.token_required) text += " \u00b7 uploads need the server's token";
      status($("store-status"), text);
      $("token-label").hidden = !health.token_required;
      maxUpload = health.max_upload_bytes;
      $("upload-limit").textContent = mebibytes(maxUpload);
    }, function (error) {
      status($("store-status"), "Server not reachable: " + error.message, true);
    });
  }

  function queryParams() {
    var params = new URLSearchParams();
    params.set("q", $("q").value.trim());
    ["max_dates", "per_date", "since", "until"].forEach(function (name) {
      if ($(name).value) params.set(name, $(name).value);
    });
    if ($("any").checked) params.set("any", "true");
    return params;
  }

  function runQuery() {
    var params = queryParams();
    var button = $("query-form").querySelector("button");
    if (!params.get("q")) return;
    history.replaceState(null, "", "?" + params.toString());
    button.disabled = true;
    status($("query-status"), "Building the timeline\u2026");
    getJson("/api/timeline?" + params.toString()).then(function (timeline) {
      var count = timeline.entries.length;
      status($("query-status"), plural(count, "date") + " from " +
        plural(timeline.articles, "matching article"));
      if (!view) {
        view = NewslineTimeline.mount($("timeline"), {
          timeline: timeline,
          getArticle: function (id) { return getJson("/api/articles/" + encodeURIComponent(id)); }
        });
      } else {
        view.setTimeline(timeline);
      }
    }, function (error) {
      status($("query-status"), error.message, true);
    }).then(function () { button.disabled = false; });
  }

  function upload(event) {
    event.preventDefault();
    var files = $("files").files;
    if (!files.length) return;
    var form = new FormData();
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      form.append("files", files[i], files[i].name);
      total += files[i].size;
    }
    if (total > maxUpload) {
      $("upload-progress").hidden = true;
      status($("upload-status"), "too large: " + mebibytes(total) + " (limit " + mebibytes(maxUpload) + ")", true);
      return;
    }
    var xhr = new XMLHttpRequest();
    var bar = $("upload-progress");
    var button = $("upload-form").querySelector("button");
    xhr.open("POST", "/api/ingest");
    xhr.setRequestHeader("Accept", "application/json");
    if ($("token").value) xhr.setRequestHeader("Authorization", "Bearer " + $("token").value);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      button.disabled = false;
      bar.value = 100;
      if (xhr.status !== 200) {
        status($("upload-status"), errorText(body, "upload failed: HTTP " + xhr.status), true);
        return;
      }
      var failed = (body.failures || []).map(function (f) { return f.path + ": " + f.reason; });
      status($("upload-status"), plural(body.articles_new, "new article") + ", " +
        body.articles_known + " already known" +
        (failed.length ? "; failed: " + failed.join("; ") : ""), failed.length > 0);
      refreshHealth();
      if ($("q").value.trim()) runQuery();
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      status($("upload-status"), "upload failed: the connection was closed (is it over the size limit?)", true);
    });
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status($("upload-status"), "Uploading " + files.length + " file(s)\u2026");
    xhr.send(form);
  }

  $("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    runQuery();
  });
  $("upload-form").addEventListener("submit", upload);

  var initial = new URLSearchParams(location.search);
  ["q", "max_dates", "per_date", "since", "until"].forEach(function (name) {
    if (initial.get(name)) $(name).value = initial.get(name);
  });
  $("any").checked = initial.get("any") === "true";
  refreshHealth().then(function () { if ($("q").value.trim()) runQuery(); });
})();
