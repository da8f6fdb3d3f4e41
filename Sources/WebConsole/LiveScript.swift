/// The console's only script, served from the binary (`/static/live.js`; the pages' policy
/// allows scripts from the console itself and nothing inline). It follows a running deploy:
/// on a deploy page (`#deploy-live`) it opens the page's event stream and shows each node's
/// row as its phase changes (connecting, planning, sending), replaces it when the node is
/// done, then adds the summary. The rows are the server's own markup, the same the page
/// shows when loaded. Without script the page reloads itself until the deploy
/// is done (`HTML.page(reload:)`).
enum LiveScript {
    static let path = "/static/live.js"

    static let source = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          var live = document.getElementById("deploy-live");
          if (!live || live.getAttribute("data-state") === "done" || !window.EventSource) { return; }
          var rows = document.querySelector("#outcomes tbody");
          var count = document.getElementById("deploy-count");
          var followed = 0;
          var source = new EventSource(live.getAttribute("data-events"));
          source.addEventListener("open", function () { live.setAttribute("data-state", "following"); });
          source.addEventListener("node", function (event) {
            // A node's later row (its next phase, or done) replaces its earlier one.
            var template = document.createElement("template");
            template.innerHTML = event.data.trim();
            var row = template.content.firstElementChild;
            if (!row) { return; }
            var node = row.getAttribute("data-node");
            var earlier = Array.prototype.find.call(rows.rows, function (r) { return r.getAttribute("data-node") === node; });
            if (earlier) { rows.replaceChild(row, earlier); } else { rows.appendChild(row); }
            followed += 1;
            live.setAttribute("data-followed", String(followed));
            if (count) { count.textContent = String(rows.querySelectorAll("tr.outcome:not(.connecting):not(.planning):not(.sending)").length); }
          });
          source.addEventListener("done", function (event) {
            source.close();
            live.insertAdjacentHTML("beforeend", event.data);
            live.setAttribute("data-state", "done");
            var soFar = document.getElementById("deploy-so-far");
            if (soFar) { soFar.remove(); }
          });
          source.addEventListener("error", function () {
            if (source.readyState === EventSource.CLOSED) { live.setAttribute("data-state", "lost"); }
          });
        });

        """
}
