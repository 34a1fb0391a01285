/* The dashboard's map: layers, labels, finds fetched for the view, popups for a spot.
 *
 * minedash.init(map, base, options) builds the layers that do not depend on the filters
 * (once per mounted map); minedash.update(map, state) applies the sidebar's filters and
 * layer choices without rebuilding the map, so zoom and position stay. Finds and incidents
 * are fetched from the app's own endpoint for the visible area on every move: grid cells
 * with counts when many are in view (counted circles, drawn by countedCells for hazard areas
 * too), the individual points (on a canvas) when few are; a view
 * of the whole region at the zoom the map opens at comes with the state (`first`), unasked.
 * Every string that becomes HTML arrives escaped from the server; names go in as text.
 */
(function () {
  "use strict";

  var md = (window.minedash = window.minedash || {});
  /* Names sit above every data layer (they let clicks through), so dots and counted circles
     never hide a district's name. */
  var PANES = {countries: 350, districts: 400, hazards: 450, places: 600, incidents: 610,
               finds: 620, hazardCells: 625, cells: 630, labels: 640};
  var HIT_SLOP = 3;

  var NUMBERS = new Intl.NumberFormat("en-US");  /* the interface language's, set by init */
  var HECTARES = new Intl.NumberFormat("en-US", {maximumFractionDigits: 1});
  var TEXT = {};  /* the interface language's wording, from the server (options.text) */

  function fmt(n) { return NUMBERS.format(Math.round(n)); }

  function say(key, fallback, count) {
    var text = TEXT[key] || fallback;
    return count === undefined ? text : text.replace("{count}", fmt(count));
  }

  /* Once the browser has painted what a layer just added (canvas layers and markers are drawn
     in the next frame), says so: `report` writes the layer's status on the map's element, and
     drawnAt[kind] notes the time (what the tests and benchmarks wait for). */
  function whenPainted(kind, report) {
    requestAnimationFrame(function () {
      setTimeout(function () {
        report();
        md.drawnAt[kind] = performance.now();
        if (md.ctx) { reportFirstDraw(md.ctx); }
      }, 0);
    });
  }

  /* Once per mounted map, when the districts and every other layer it shows have been painted,
     tells the server (if the page waits for it: `drawn` in the view report), which then sends
     the page's charts. */
  function reportFirstDraw(ctx) {
    var report = ctx.viewReport, map = ctx.map;
    if (ctx.firstDrawReported || !report || !report.drawn) { return; }
    var kinds = ["districts"];
    [ctx.finds, ctx.incidents].forEach(function (layer) { kinds.push(layer.kind); });
    if (ctx.hazards && map.hasLayer(ctx.hazards)) { kinds.push("hazards"); }
    var painted = kinds.every(function (kind) { return md.drawnAt[kind] >= ctx.mountedAt; });
    if (!painted) { return; }
    ctx.firstDrawReported = true;
    fetch(report.drawn + "?" + new URLSearchParams({token: report.token}).toString(),
          {method: "POST", keepalive: true})
      .catch(function () { /* the page writes its charts after a short wait anyway */ });
  }

  /* Whether the view is at the zoom of the whole-region answer the state brought (`first`) and
     holds everything it covers (its extent; none when nothing is located), so the endpoint
     would answer exactly that. */
  function holdsFirst(layer) {
    var first = layer.first, map = layer._map;
    if (!first || map.getZoom() !== first.zoom) { return false; }
    var e = first.extent;
    return !e || map.getBounds().pad(0.25).contains(L.latLngBounds([e[1], e[0]], [e[3], e[2]]));
  }

  /* A layer's data for the view: the state's answer when it holds for the view, else asked of
     the endpoint. The same address is not asked twice, a newer request aborts an older one, and
     an answer that arrives after the layer left the map or was superseded is dropped. The layer
     has ctx, draw(data), first (or null), and keeps lastUrl and request. */
  function fetchForView(layer, url) {
    if (url === layer.lastUrl) { return; }
    layer.lastUrl = url;
    if (layer.request) { layer.request.abort(); layer.request = null; }
    if (holdsFirst(layer)) {
      layer.draw(layer.first.data);
      return;
    }
    var request = (layer.request = new AbortController());
    fetch(url, {signal: request.signal})
      .then(function (response) {
        if (response.status === 409) { layer.ctx.stale(); throw new Error("stale"); }
        return response.json();
      })
      .then(function (data) { if (layer._map && layer.request === request) { layer.draw(data); } })
      .catch(function () { /* aborted by a newer view, or stale: nothing to draw */ });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function nameElement(text, className) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function makeAccessible(layer, label, onActivate) {
    var el = layer.getElement && layer.getElement();
    if (!el) { return; }
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", label);
    if (!el._mdKeys) {
      el._mdKeys = true;
      L.DomEvent.on(el, "keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          L.DomEvent.preventDefault(event);
          onActivate();
        }
      });
    }
  }

  /* Counted circles, one per screen cell the server counted (rows of lon, lat, how many,
     their sum (items, hectares), then how many of each code): sized by the count, coloured by
     the commonest code, the count written in it, a tooltip on hover (look.tooltip(count, sum,
     byCode), written when first shown) and a click that zooms in. Every dense layer (finds,
     incidents, hazard areas) draws its counted view so; names step aside where they can. */
  function countedCells(ctx, group, cells, look) {
    var map = ctx.map;
    cells.forEach(function (cell) {
      var count = cell[2], sum = cell[3], byCode = cell.slice(4);
      var top = byCode.indexOf(Math.max.apply(null, byCode));
      var size = Math.round(22 + 6 * Math.log10(count));
      var marker = L.marker([cell[1], cell[0]], {
        pane: look.pane, keyboard: false,
        icon: L.divIcon({
          className: "md-cell " + look.className, iconSize: [size, size],
          html: '<span style="background:' + look.colour(top) + '">' + fmt(count) + "</span>",
        }),
      });
      marker.bindTooltip(function () {
        return look.tooltip(count, sum, byCode) + "<br><i>" + say("zoom_in", "Click to zoom in") + "</i>";
      }, {direction: "top"});
      marker.on("click", function (event) {
        L.DomEvent.stopPropagation(event);
        map.setView(event.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
      });
      group.addLayer(marker);
    });
    ctx.relabel();
  }

  /* ---------- finds and incidents, fetched for the view ---------- */

  var EventLayer = L.Layer.extend({
    initialize: function (ctx, kind) {
      this.ctx = ctx;
      this.kind = kind;
      this.renderer = L.canvas({pane: kind === "find" ? "finds" : "incidents", padding: 0.3});
      this.dots = L.layerGroup();
      this.cells = L.layerGroup();
      this.outlines = L.layerGroup();
      this.points = null;
      this.filters = null;
      this.lastUrl = null;
      this.request = null;
      this.first = null;
      this.schedule = debounce(this.refresh.bind(this), 60);
    },
    onAdd: function (map) {
      map.on("moveend", this.schedule, this);
      map.on("zoomend", this.project, this);
      this.dots.addTo(map);
      this.cells.addTo(map);
      this.outlines.addTo(map);
      this.lastUrl = null;
      this.refresh();
    },
    onRemove: function (map) {
      map.off("moveend", this.schedule, this);
      map.off("zoomend", this.project, this);
      if (this.request) { this.request.abort(); }
      this.dots.clearLayers();
      this.cells.clearLayers();
      map.removeLayer(this.dots);
      map.removeLayer(this.cells);
      map.removeLayer(this.outlines);
      this.points = null;
      this.setStatus("off", 0, 0);
    },
    setFilters: function (filters, outlines, first) {
      this.filters = filters;
      this.first = first || null;
      this.drawOutlines(outlines || []);
      if (this._map) { this.refresh(); }
    },
    url: function () {
      var map = this._map, ctx = this.ctx, f = this.filters;
      var b = map.getBounds().pad(0.25);
      var params = new URLSearchParams({
        kind: this.kind, v: ctx.options.data, as_of: ctx.options.as_of || "",
        start: f.start, end: f.end, districts: f.districts.join(","),
        devices: f.devices.join(","), parties: f.parties.join(","), z: String(map.getZoom()),
        bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
          .map(function (x) { return x.toFixed(4); }).join(","),
      });
      return ctx.options.api + "/events?" + params.toString();
    },
    refresh: function () {
      if (!this._map || !this.filters) { return; }
      fetchForView(this, this.url());
    },
    colour: function (code) {
      if (this.kind !== "find") { return this.ctx.base.incident_colour; }
      return this.ctx.base.categories[code].colour;
    },
    draw: function (data) {
      this.data = data;
      this.dots.clearLayers();
      this.cells.clearLayers();
      this.points = null;
      if (data.mode === "cells") { this.drawCells(data.cells); } else { this.drawPoints(data); }
      this.setStatus(data.mode, data.total, data.mode === "cells" ? data.cells.length : data.id.length);
    },
    drawPoints: function (data) {
      var markers = [], points = [];
      for (var i = 0; i < data.id.length; i++) {
        var qty = data.qty[i];
        var radius = this.kind === "find" ? 4 + 2 * Math.log10(1 + Math.max(qty, 0)) : 6;
        var colour = this.colour(data.cat[i]);
        var latlng = L.latLng(data.lat[i], data.lon[i]);
        markers.push(L.circleMarker(latlng, {
          renderer: this.renderer, interactive: false, radius: radius, color: colour,
          fillColor: colour, fillOpacity: 0.6, weight: 1.5,
        }));
        points.push({id: data.id[i], latlng: latlng, radius: radius, cat: data.cat[i], qty: qty});
      }
      this.dots.addLayer(L.layerGroup(markers));
      this.points = points;
      this.project();
    },
    project: function () {
      if (!this.points || !this._map) { return; }
      var map = this._map;
      this.points.forEach(function (p) { p.at = map.latLngToLayerPoint(p.latlng); });
    },
    drawCells: function (cells) {
      var ctx = this.ctx, self = this;
      countedCells(ctx, this.cells, cells, {
        pane: "cells", className: "md-cell-" + this.kind, colour: this.colour.bind(this),
        tooltip: function (count, items, byCategory) {
          if (self.kind !== "find") { return "<b>" + say("cell_incidents", "Incidents: {count}", count) + "</b>"; }
          var parts = byCategory.map(function (n, code) {
            return n ? ctx.base.categories[code].label + " " + fmt(n) : "";
          }).filter(Boolean).join(" · ");
          return "<b>" + say("cell_finds", "Reported finds: {count}", count) + "</b> ("
            + say("items_stated", "{count} items stated", items) + ")<br>" + parts;
        },
      });
    },
    drawOutlines: function (outlines) {
      var ctx = this.ctx;
      this.outlines.clearLayers();
      outlines.forEach(function (outline) {
        var shape = ctx.districtShapes[outline.district_id];
        if (!shape) { return; }
        var layer = L.geoJSON(shape, {
          pane: "districts",
          style: {color: outline.color, weight: 3, dashArray: "8 6", fill: false},
        });
        layer.bindTooltip(outline.tooltip, {sticky: true});
        layer.bindPopup(outline.popup, {maxWidth: 360, maxHeight: 320});
        this.outlines.addLayer(layer);
      }, this);
    },
    hits: function (layerPoint) {
      if (!this.points) { return []; }
      return this.points.filter(function (p) {
        return p.at && p.at.distanceTo(layerPoint) <= p.radius + HIT_SLOP;
      });
    },
    setStatus: function (mode, total, drawn) {
      var el = this.ctx.map.getContainer(), kind = this.kind;
      whenPainted(kind, function () {
        el.setAttribute("data-" + kind + "-mode", mode);
        el.setAttribute("data-" + kind + "-total", String(total));
        el.setAttribute("data-" + kind + "-drawn", String(drawn));
      });
    },
  });

  /* ---------- layers that do not depend on the filters ---------- */

  function countriesLayer(base) {
    return L.geoJSON({type: "FeatureCollection", features: base.countries.map(function (c) {
      return {type: "Feature", geometry: c.geometry, properties: {subject: c.subject}};
    })}, {
      pane: "countries", interactive: false,
      style: function (f) {
        return {color: "#777777", weight: 1, fillOpacity: 1,
                fillColor: f.properties.subject ? "#e8e4d8" : "#f7f7f2"};
      },
    });
  }

  function districtsLayer(ctx) {
    var shapes = L.featureGroup(), labels = L.layerGroup();
    ctx.base.districts.forEach(function (d) {
      ctx.districtShapes[d.id] = d.geometry;
      var layer = L.geoJSON(d.geometry, {pane: "districts", style: {weight: 1.5}});
      layer.mdId = d.id;
      layer.mdName = d.name;
      layer.on("click", function (event) {
        L.DomEvent.stopPropagation(event);
        ctx.spot(event.latlng, event.layerPoint, layer);
      });
      layer.on("add", function () { ctx.describeDistrict(layer); });
      ctx.districtLayers[d.id] = layer;
      shapes.addLayer(layer);
      if (d.label) {
        labels.addLayer(L.marker([d.label[1], d.label[0]], {
          pane: "labels", interactive: false, keyboard: false, mdPriority: 1 + d.area,
          icon: L.divIcon({className: "md-label md-district-label", iconSize: null,
                           html: nameElement(d.name, "md-label-text")}),
        }));
      }
    });
    ctx.labelGroups.push(labels);
    return L.layerGroup([shapes, labels]);
  }

  function placesLayer(ctx) {
    var markers = L.layerGroup(), labels = L.layerGroup();
    ctx.base.places.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], {
        pane: "places", radius: 6, color: "#333333", weight: 2, fillOpacity: 0.9,
        fillColor: p.proxy ? "#ffffff" : "#333333", dashArray: p.proxy ? "3 3" : null,
      });
      marker.mdPlace = p;
      marker.bindTooltip(p.tooltip);
      marker.on("click", function (event) {
        L.DomEvent.stopPropagation(event);
        ctx.spot(marker.getLatLng(), event.layerPoint, null);
      });
      marker.on("add", function () {
        makeAccessible(marker, p.name + (p.proxy ? say("place_approximate", " (place, approximate location)")
                                         : say("place", " (place)")), function () {
          ctx.spot(marker.getLatLng(), ctx.map.latLngToLayerPoint(marker.getLatLng()), null);
        });
      });
      ctx.placeMarkers.push(marker);
      markers.addLayer(marker);
      labels.addLayer(L.marker([p.lat, p.lon], {
        pane: "labels", interactive: false, keyboard: false, mdPriority: 1000,
        icon: L.divIcon({className: "md-label md-place-label", iconSize: null,
                         html: nameElement(p.name, "md-label-text")}),
      }));
    });
    ctx.labelGroups.push(labels);
    return L.layerGroup([markers, labels]);
  }

  /* ---------- labels that never overlap ---------- */

  function shifts(c, width, height) {
    if (c.el.classList.contains("md-district-label")) {
      return [[0, 0], [0, -height], [0, height]];
    }
    return [[0, 0], [-(width + 18), 0], [0, -height], [0, height]];  // right, left, above, below
  }

  /* The finds', incidents' and hazard areas' counted circles count the same screen cells, so
     they would sit on each other: each hazard circle steps aside, the shortest way (up to a
     screen cell) that clears the others and the hazard circles already placed, or else the way
     that overlaps them least, so its count stays readable. */
  var NUDGE_PIXELS = 64;  /* a screen cell (the server's CELL_PIXELS): never further */
  var ASIDE = [[-1, 0], [0, -1], [1, 0], [0, 1], [-0.7071, -0.7071], [0.7071, -0.7071],
               [-0.7071, 0.7071], [0.7071, 0.7071]];

  function circleOf(el) {
    var r = el.getBoundingClientRect();
    return {x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, r: r.width / 2};
  }

  function nudgeCells(ctx) {
    var spans = ctx.map.getPane("hazardCells").querySelectorAll(".md-cell > span");
    if (!spans.length) { return; }
    var taken = Array.prototype.map.call(ctx.map.getPane("cells").querySelectorAll(".md-cell > span"),
                                         circleOf);
    spans.forEach(function (span) {
      span.style.transform = "";
      var c = circleOf(span), best = {overlap: Infinity};
      ASIDE.forEach(function (d) {
        for (var step = 0; step <= NUDGE_PIXELS; step += 4) {
          var x = c.x + d[0] * step, y = c.y + d[1] * step, overlap = 0;
          taken.forEach(function (t) {  /* how far into another circle it would reach */
            overlap = Math.max(overlap, t.r + c.r + 1 - Math.hypot(t.x - x, t.y - y));
          });
          if (overlap < best.overlap || (overlap === best.overlap && step < best.step)) {
            best = {overlap: overlap, step: step, x: x, y: y};
          }
          if (!overlap) { return; }  /* clear: further this way is no better */
        }
      });
      if (best.step) {
        span.style.transform = "translate(" + Math.round(best.x - c.x) + "px," + Math.round(best.y - c.y) + "px)";
      }
      taken.push({x: best.x, y: best.y, r: c.r});
    });
  }

  function placeLabels(ctx) {
    var candidates = [];
    ctx.labelGroups.forEach(function (group) {
      if (!ctx.map.hasLayer(group)) { return; }
      group.eachLayer(function (marker) {
        var el = marker.getElement();
        if (el && el.firstChild) {
          candidates.push({el: el, text: el.firstChild, priority: marker.options.mdPriority});
        }
      });
    });
    if (candidates.length && getComputedStyle(candidates[0].text).whiteSpace !== "nowrap") {
      setTimeout(ctx.relabel, 100);  // the stylesheet that sizes labels is not applied yet
      return;
    }
    candidates.sort(function (a, b) { return b.priority - a.priority; });
    var taken = [];
    /* Counted circles are avoided when a shift clears them, never at the cost of a name. */
    nudgeCells(ctx);
    var circles = Array.prototype.map.call(
      ctx.map.getContainer().querySelectorAll(".md-cell > span"),
      function (el) { return el.getBoundingClientRect(); });
    function overlaps(r, boxes) {
      return boxes.some(function (t) {
        return r.left < t.right + 2 && r.right + 2 > t.left && r.top < t.bottom + 1 && r.bottom + 1 > t.top;
      });
    }
    function clashes(r, avoidCircles) {
      return overlaps(r, taken) || (avoidCircles && overlaps(r, circles));
    }
    candidates.forEach(function (c) {
      c.el.style.visibility = "hidden";
      c.text.style.position = "relative";
      c.text.style.left = "0px";
      c.text.style.top = "0px";
      var home = c.text.getBoundingClientRect();
      if (home.width === 0) { return; }
      var options = shifts(c, home.width, home.height);
      var tries = options.map(function (shift) { return [shift, true]; })
        .concat(options.map(function (shift) { return [shift, false]; }));
      for (var i = 0; i < tries.length; i++) {
        var dx = tries[i][0][0], dy = tries[i][0][1];
        var r = {left: home.left + dx, right: home.right + dx, top: home.top + dy, bottom: home.bottom + dy};
        if (!clashes(r, tries[i][1])) {
          c.text.style.left = dx + "px";
          c.text.style.top = dy + "px";
          taken.push(r);
          c.el.style.visibility = "visible";
          return;
        }
      }
    });
    var container = ctx.map.getContainer();
    container.setAttribute("data-labels-placed", String(Number(container.getAttribute("data-labels-placed") || 0) + 1));
  }

  /* ---------- the map's position and layers, kept in the page's URL ---------- */

  function shownCodes(ctx, report) {
    return report.codes.filter(function (code) { return ctx.map.hasLayer(ctx.overlays[code]); })
      .join(",");
  }

  /* Writes the map's position (and, once its own layer control was used, its layers) into the
   * page's URL and reports them to the server, which keeps them in the URL on later reruns. */
  function keepViewInUrl(ctx) {
    var map = ctx.map;
    function send() {
      var report = ctx.viewReport;
      var centre = map.getCenter(), zoom = String(map.getZoom());
      var lat = centre.lat.toFixed(4), lon = centre.lng.toFixed(4);
      var params = new URLSearchParams({token: report.token, lat: lat, lon: lon, zoom: zoom,
                                        generation: report.generation});
      var layers = ctx.toggled ? shownCodes(ctx, report) : null;
      if (layers !== null) { params.set("layers", layers); }
      try {
        var url = new URL(window.parent.location.href);
        url.searchParams.set("lat", lat);
        url.searchParams.set("lon", lon);
        url.searchParams.set("zoom", zoom);
        if (layers !== null && layers === report.defaults.join(",")) { url.searchParams.delete("layers"); }
        else if (layers !== null) { url.searchParams.set("layers", layers); }
        window.parent.history.replaceState(window.parent.history.state, "", url.toString());
      } catch (error) { /* not the app's own page: nothing to keep */ }
      fetch(report.url + "?" + params.toString(), {method: "POST", keepalive: true})
        .catch(function () { /* the URL in the address bar still has the position */ });
    }
    map.on("moveend", debounce(send, 250));
    ctx.reportLayers = debounce(function () { ctx.toggled = true; send(); }, 50);
  }

  /* ---------- the map ---------- */

  md.drawnAt = {};
  md.whenPainted = whenPainted;
  md.debounce = debounce;
  md.fetchForView = fetchForView;
  md.countedCells = countedCells;
  md.say = say;
  md.fmt = fmt;
  md.hectares = function (ha) { return HECTARES.format(ha); };

  md.init = function (map, base, options) {
    var ctx = (md.ctx = {
      map: map, base: base, options: options, districtShapes: {}, districtLayers: {},
      placeMarkers: [], labelGroups: [], styles: {}, overlays: {}, memory: null,
      mountedAt: performance.now(), firstDrawReported: false,
    });
    Object.keys(PANES).forEach(function (name) {
      var pane = map.createPane(name);
      pane.style.zIndex = String(PANES[name]);
      if (name === "finds" || name === "incidents" || name === "labels" || name === "hazards") {
        pane.style.pointerEvents = "none";
      }
    });
    map.getContainer().classList.add("md-map");
    TEXT = options.text || {};
    if (options.locale) {
      NUMBERS = new Intl.NumberFormat(options.locale);
      HECTARES = new Intl.NumberFormat(options.locale, {maximumFractionDigits: 1});
    }
    map.getContainer().setAttribute("aria-label", say("map", "Map of districts, places, finds and incidents"));

    ctx.overlays.districts = districtsLayer(ctx);  /* keyed by the layers' codes (geo/mapping/common.py) */
    ctx.overlays.places = placesLayer(ctx);
    ctx.finds = new EventLayer(ctx, "find");
    ctx.incidents = new EventLayer(ctx, "incident");
    ctx.overlays.finds = ctx.finds;
    ctx.overlays.incidents = ctx.incidents;
    if (md.HazardLayer) {
      ctx.hazards = new md.HazardLayer(ctx);
      ctx.overlays.hazards = ctx.hazards;
    }
    ctx.overlays.countries = countriesLayer(base);
    ctx.overlays.tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: map.getMaxZoom(), attribution: "&copy; OpenStreetMap contributors",
    });
    var scale = L.control.scale({imperial: false, position: "bottomleft"});
    scale._updateScale = function (bar, text, ratio) {  /* Leaflet writes "5 km": its unit worded */
      L.Control.Scale.prototype._updateScale.call(this, bar, text.replace(/ (k?m)$/, function (all, unit) {
        return " " + say(unit, unit);
      }), ratio);
    };
    scale.addTo(map);
    var labels = options.labels || {};
    ctx.labelOf = function (name) { return labels[name] || name; };
    ctx.nameOf = {};
    var shown = {};
    Object.keys(ctx.overlays).forEach(function (name) {
      shown[ctx.labelOf(name)] = ctx.overlays[name];
      ctx.nameOf[ctx.labelOf(name)] = name;
    });
    /* Collapsed to its button at every size (the sidebar has the same boxes), so it never
       covers a district at the opening view; an open popup stays clear of it. */
    ctx.control = L.control.layers(null, shown, {collapsed: true, position: "topright"}).addTo(map);
    ctx.control._layersLink.title = say("layers", "Map layers");
    ctx.control._layersLink.setAttribute("aria-label", say("layers", "Map layers"));
    map.on("popupopen", function (event) { ctx.clearOfControl(event.popup); });

    ctx.relabel = debounce(function () { placeLabels(ctx); }, 30);
    map.on("moveend zoomend resize viewreset overlayadd overlayremove", ctx.relabel);
    window.addEventListener("load", ctx.relabel);
    map.on("overlayadd overlayremove", function (event) { ctx.remember(event); });
    map.on("click", function (event) { ctx.spot(event.latlng, event.layerPoint, null); });
    map.on("mousemove", function (event) { ctx.hover(event); });

    ctx.describeDistrict = function (layer) {
      var style = ctx.styles[layer.mdId];
      if (!style) { return; }
      layer.eachLayer(function (path) {
        makeAccessible(path, style.aria, function () {
          ctx.spot(path.getCenter ? path.getCenter() : layer.getBounds().getCenter(), null, layer);
        });
        path.getElement().setAttribute("data-district", layer.mdId);
        path.getElement().setAttribute("data-state", style.state);
      });
    };

    /* Collapses the layer control and pans an open popup below the controls at the top (the
       layer control and the zoom buttons): the popup keeps that distance from the map's top
       edge, also when its content grows (Leaflet pans on update). On a narrow map it is made
       narrow enough to fit beside the edges. */
    ctx.clearOfControl = function (popup) {
      ctx.control.collapse();
      popup.options.maxWidth = Math.min(popup.options.maxWidth, map.getSize().x - 64);
      var container = map.getContainer(), top = 0;
      container.querySelectorAll(".leaflet-top .leaflet-control").forEach(function (control) {
        top = Math.max(top, control.getBoundingClientRect().bottom - container.getBoundingClientRect().top);
      });
      popup.options.autoPanPaddingTopLeft = L.point(5, Math.ceil(top) + 8);
      popup.update();
    };

    ctx.stale = function () {
      L.popup().setLatLng(map.getCenter())
        .setContent(say("stale", "The data changed since this map was drawn: reload the page.")).openOn(map);
    };

    ctx.remember = function (event) {
      if (!ctx.memory || ctx.applying) { return; }
      ctx.memory.layers[ctx.nameOf[event.name] || event.name] = event.type === "overlayadd";
      if (ctx.reportLayers) { ctx.reportLayers(); }
      try { window.sessionStorage.setItem("minedash-layer-control", JSON.stringify(ctx.memory)); }
      catch (error) { /* storage unavailable: the sidebar still keeps state */ }
    };

    ctx.hits = function (layerPoint) {
      var found = {find: [], incident: [], places: []};
      if (!layerPoint) { return found; }
      found.find = ctx.finds.hits(layerPoint);
      found.incident = ctx.incidents.hits(layerPoint);
      if (map.hasLayer(ctx.overlays.places)) {
        found.places = ctx.placeMarkers.filter(function (m) {
          return map.latLngToLayerPoint(m.getLatLng()).distanceTo(layerPoint) <= 9;
        });
      }
      return found;
    };

    ctx.spot = function (latlng, layerPoint, district) {
      var found = ctx.hits(layerPoint);
      var count = found.find.length + found.incident.length + found.places.length;
      var hazards = ctx.hazards && map.hasLayer(ctx.hazards) ? ctx.hazards.popupAt(latlng) : null;
      // null when no hazard area is drawn near the click: the district's popup opens at once
      function districtPopup() {
        if (district && ctx.styles[district.mdId]) {
          L.popup({maxWidth: 360, maxHeight: 320}).setLatLng(latlng)
            .setContent(ctx.styles[district.mdId].popup).openOn(map);
        }
      }
      if (!count) {
        if (!hazards) { districtPopup(); return; }
        hazards.then(function (html) {
          if (!html) { districtPopup(); return; }
          L.popup({maxWidth: 380, maxHeight: 340, className: "md-spot md-hazard-popup"})
            .setLatLng(latlng).setContent(html).openOn(map);
        });
        return;
      }
      var parts = found.places.map(function (m) { return m.mdPlace.popup; });
      var popup = L.popup({maxWidth: 380, maxHeight: 340, className: "md-spot"})
        .setLatLng(latlng).setContent(parts.concat([say("loading", "Loading…")]).join("<hr>")).openOn(map);
      var kinds = ["find", "incident"].filter(function (k) { return found[k].length; });
      Promise.all(kinds.map(function (kind) {
        var params = new URLSearchParams({
          kind: kind, v: options.data, as_of: options.as_of || "", lang: options.lang || "en",
          ids: found[kind].slice(0, 500).map(function (p) { return p.id; }).join(","),
          total: String(found[kind].length),
        });
        return fetch(options.api + "/popup?" + params.toString()).then(function (r) {
          if (r.status === 409) { return {html: say("stale_short", "The data changed: reload the page.")}; }
          return r.json();
        });
      }).concat(hazards ? [hazards.then(function (html) { return {html: html}; })] : []))
        .then(function (answers) {
        var header = count > 1 ? "<b>" + say("at_spot", "{count} items at this spot", count) + "</b>" : "";
        var html = [header].concat(parts, answers.map(function (a) { return a.html; }))
          .filter(Boolean).join("<hr>");
        popup.setContent(html);
      });
    };

    ctx.hoverTip = L.tooltip({direction: "top", offset: [0, -6]});
    ctx.hover = function (event) {
      var found = ctx.hits(event.layerPoint);
      var point = found.find[0] || found.incident[0];
      map.getContainer().classList.toggle("md-over-point", Boolean(point));
      if (!point) {
        if (map.hasLayer(ctx.hoverTip)) { map.closeTooltip(ctx.hoverTip); }
        return;
      }
      var what = found.find[0]
        ? base.categories[point.cat].label + (point.qty >= 0 ? " × " + fmt(point.qty) : "")
        : say("incident", "Mine incident");
      var more = found.find.length + found.incident.length - 1;
      ctx.hoverTip.setLatLng(point.latlng).setContent(
        what + (more > 0 ? " (" + say("more_here", "+{count} more here", more) + ")" : "")
        + " – " + say("details", "click for details"));
      if (!map.hasLayer(ctx.hoverTip)) { map.openTooltip(ctx.hoverTip); }
    };
    map.getContainer().setAttribute("data-md-ready", "1");
  };

  md.update = function (map, state) {
    var ctx = md.ctx;
    if (!ctx) { return; }
    ctx.styles = state.districts;
    Object.keys(ctx.districtLayers).forEach(function (id) {
      var layer = ctx.districtLayers[id], style = state.districts[id];
      if (!style) { return; }
      layer.setStyle({fillColor: style.fill, color: style.color, weight: 1.5, dashArray: style.dash,
                      fillOpacity: style.opacity});
      layer.unbindTooltip();
      layer.bindTooltip(style.tooltip, {sticky: true});
      if (map.hasLayer(layer)) { ctx.describeDistrict(layer); }
    });
    var first = state.first || {};
    ctx.finds.setFilters(state.filters, state.outlines.find, first.find);
    ctx.incidents.setFilters(state.filters, state.outlines.incident, first.incident);
    if (ctx.hazards) { ctx.hazards.setFilters(state.filters, first.hazards); }

    var saved = null;
    try { saved = JSON.parse(window.sessionStorage.getItem("minedash-layer-control") || "null"); }
    catch (error) { saved = null; }
    if (!saved || saved.token !== state.token) { saved = {token: state.token, layers: {}}; }
    ctx.memory = saved;
    ctx.applying = true;
    Object.keys(ctx.overlays).forEach(function (name) {
      var show = name in saved.layers ? saved.layers[name] : state.layers[name] !== false;
      var layer = ctx.overlays[name];
      if (show && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!show && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
    ctx.applying = false;
    [ctx.finds, ctx.incidents].forEach(function (layer) {
      if (!map.hasLayer(layer)) { layer.setStatus("off", 0, 0); }
    });
    if (state.view) {
      if (ctx.viewReport && ctx.viewReport.generation !== state.view.generation) {
        ctx.toggled = false;  /* the sidebar's layer boxes changed: they decide again */
      }
      ctx.viewReport = state.view;
      if (!ctx.viewKept) {
        ctx.viewKept = true;
        keepViewInUrl(ctx);
      }
    }
    ctx.relabel();
    map.getContainer().setAttribute("data-md-state", state.digest);
    whenPainted("districts", function () {});
  };
})();
