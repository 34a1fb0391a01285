/* The map's hazard-area layer: SHA/CHA polygons fetched for the view and zoom.
 *
 * The server sends each area in view either as a dot (too small to see as a shape at this
 * zoom) or as a polygon simplified for the zoom; both are drawn on one canvas, styled by
 * type and status from the styles the map was built with. All the dots of an answer are one
 * layer, drawn in one pass. Where the dots would crowd (the opening zoom of a dense set) the
 * server counts them per screen cell instead, drawn as the finds' counted circles are
 * (minedash.countedCells). A click asks the server which areas lie under it (minedash.js
 * folds that into the spot's popup). Loaded after minedash.js, whose small helpers it uses.
 */
(function () {
  "use strict";

  var md = (window.minedash = window.minedash || {});

  function latlngs(rings) {
    return rings.map(function (polygon) {
      return polygon.map(function (flat) {
        var ring = [];
        for (var i = 0; i < flat.length; i += 2) { ring.push([flat[i + 1], flat[i]]); }
        return ring;
      });
    });
  }

  var DOT_RADIUS = 3, DOT_SLOP = 6;

  /* A dot of one style, drawn once on a small canvas (at the screen's pixel density) and then
     copied to each dot's place: far cheaper for the browser than thousands of circles. */
  function dotSprite(style) {
    var half = DOT_RADIUS + style.weight, size = 2 * half, density = L.Browser.retina ? 2 : 1;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = size * density;
    var ctx = canvas.getContext("2d");
    ctx.scale(density, density);
    ctx.beginPath();
    ctx.arc(half, half, DOT_RADIUS, 0, 2 * Math.PI);
    ctx.globalAlpha = Math.max(style.fillOpacity, 0.6);
    ctx.fillStyle = style.fillColor;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = style.weight;
    ctx.strokeStyle = style.color;
    ctx.stroke();
    canvas.half = half;
    canvas.size = size;
    return canvas;
  }

  /* Every dot of an answer as one layer of the hazard canvas, instead of one Leaflet layer
     each: projected in one loop, each drawn as a copy of its style's sprite. Not interactive (a
     click asks the server). It takes part in Leaflet 1.9's canvas renderer as its circles do:
     _project on zoom, _updatePath while the renderer draws. */
  var Dots = L.Path.extend({
    options: {interactive: false},
    initialize: function (lonlat, codes, styles, renderer) {
      L.setOptions(this, {renderer: renderer});
      this.lonlat = lonlat;
      this.codes = codes;
      this.styles = styles;
      this.xy = new Float64Array(lonlat.length);
      this.sprites = {};
    },
    _project: function () {
      var map = this._map, xy = this.xy, lonlat = this.lonlat, n = lonlat.length / 2;
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var i = 0; i < n; i++) {
        var p = map.latLngToLayerPoint([lonlat[2 * i + 1], lonlat[2 * i]]);
        xy[2 * i] = p.x;
        xy[2 * i + 1] = p.y;
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
      }
      var r = DOT_RADIUS + 4;  /* the largest sprite's half, stroke included */
      this._pxBounds = n ? L.bounds([minX - r, minY - r], [maxX + r, maxY + r]) : null;
    },
    _update: function () {
      if (this._map) { this._updatePath(); }
    },
    _empty: function () {
      return !this.codes.length;
    },
    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing || this._empty()) { return; }
      var ctx = renderer._ctx, xy = this.xy, codes = this.codes, sprites = this.sprites;
      ctx.globalAlpha = 1;
      for (var i = 0; i < codes.length; i++) {
        var sprite = sprites[codes[i]] || (sprites[codes[i]] = dotSprite(this.styles[codes[i]]));
        ctx.drawImage(sprite, xy[2 * i] - sprite.half, xy[2 * i + 1] - sprite.half,
                      sprite.size, sprite.size);
      }
    },
    near: function (at) {
      /* Whether a layer point is on a dot (with a few pixels to spare). */
      var xy = this.xy, reach = DOT_RADIUS + DOT_SLOP;
      for (var i = 0; i < xy.length; i += 2) {
        if (Math.abs(xy[i] - at.x) <= reach && Math.abs(xy[i + 1] - at.y) <= reach
            && Math.hypot(xy[i] - at.x, xy[i + 1] - at.y) <= reach) { return true; }
      }
      return false;
    },
  });

  md.HazardLayer = L.Layer.extend({
    initialize: function (ctx) {
      this.ctx = ctx;
      this.renderer = L.canvas({pane: "hazards", padding: 0.3});
      this.group = L.layerGroup();
      this.cells = L.layerGroup();
      this.filters = null;
      this.shapes = [];
      this.dots = null;
      this.lastUrl = null;
      this.request = null;
      this.first = null;
      this.schedule = md.debounce(this.refresh.bind(this), 60);
    },
    onAdd: function (map) {
      map.on("moveend", this.schedule, this);
      this.group.addTo(map);
      this.cells.addTo(map);
      this.lastUrl = null;
      this.refresh();
    },
    onRemove: function (map) {
      map.off("moveend", this.schedule, this);
      if (this.request) { this.request.abort(); }
      this.group.clearLayers();
      this.cells.clearLayers();
      this.shapes = [];
      this.dots = null;
      map.removeLayer(this.group);
      map.removeLayer(this.cells);
      this.setStatus("off", 0, 0, 0, 0);
    },
    setFilters: function (filters, first) {
      this.filters = filters;
      this.first = first || null;
      if (this._map) { this.refresh(); }
    },
    params: function (extra) {
      var f = this.filters, ctx = this.ctx;
      var params = {v: ctx.options.data, as_of: ctx.options.as_of || "",
                    districts: f.districts.join(","), parties: f.parties.join(","),
                    z: String(ctx.map.getZoom())};
      Object.keys(extra).forEach(function (key) { params[key] = extra[key]; });
      return new URLSearchParams(params).toString();
    },
    refresh: function () {
      if (!this._map || !this.filters) { return; }
      var b = this._map.getBounds().pad(0.25);
      var url = this.ctx.options.api + "/hazards?" + this.params({
        bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
          .map(function (x) { return x.toFixed(4); }).join(","),
      });
      md.fetchForView(this, url);
    },
    style: function (code) {
      var s = this.ctx.options.hazard_styles[code];
      return {renderer: this.renderer, interactive: false, color: s.color, fillColor: s.fillColor,
              fillOpacity: s.fillOpacity, weight: s.weight, dashArray: s.dashArray};
    },
    draw: function (data) {
      var dots = data.dots, shapes = data.shapes, styles = this.ctx.options.hazard_styles;
      var cells = data.cells || [];
      this.shapes = shapes.id.map(function (id, i) {
        return L.polygon(latlngs(shapes.rings[i]), this.style(shapes.code[i]));
      }, this);
      this.dots = new Dots(dots.lonlat, dots.code, styles, this.renderer);
      this.group.clearLayers();
      this.group.addLayer(L.layerGroup(this.shapes.concat([this.dots])));
      this.cells.clearLayers();
      if (cells.length) { this.drawCells(cells); }
      this.setStatus("on", data.total, shapes.id.length, dots.id.length, cells.length);
    },
    drawCells: function (cells) {
      var styles = this.ctx.options.hazard_styles;
      md.countedCells(this.ctx, this.cells, cells, {
        pane: "hazardCells", className: "md-cell-hazard",
        colour: function (code) { return styles[code].color; },  /* the outline: dark enough */
        tooltip: function (count, hectares, byStyle) {
          var byLabel = {}, labels = [];  /* released land is one label whatever its type */
          byStyle.forEach(function (n, code) {
            var label = styles[code].label;
            if (!n) { return; }
            if (!(label in byLabel)) { byLabel[label] = 0; labels.push(label); }
            byLabel[label] += n;
          });
          return "<b>" + md.say("cell_hazards", "Hazard areas: {count}", count) + "</b> ("
            + md.say("hectares_in_all", "{area} ha in all").replace("{area}", md.hectares(hectares))
            + ")<br>" + labels.map(function (label) { return label + ": " + md.fmt(byLabel[label]); })
              .join("<br>");
        },
      });
    },
    near: function (latlng) {
      /* Whether a click could be on a drawn area: inside a shape's bounds or by a dot. */
      var map = this._map;
      if (!map) { return false; }
      return this.shapes.some(function (shape) { return shape.getBounds().contains(latlng); })
        || Boolean(this.dots && this.dots._map && this.dots.near(map.latLngToLayerPoint(latlng)));
    },
    popupAt: function (latlng) {
      if (!this.near(latlng)) { return null; }
      var url = this.ctx.options.api + "/hazards/popup?" + this.params({
        lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6), lang: this.ctx.options.lang || "en",
      });
      var text = this.ctx.options.text || {};
      return fetch(url).then(function (response) {
        if (response.status === 409) {
          return text.stale_short || "The data changed: reload the page.";
        }
        return response.json().then(function (answer) { return answer.html || ""; });
      }).catch(function () { return ""; });
    },
    setStatus: function (mode, total, shapes, dots, cells) {
      var el = this.ctx.map.getContainer();
      md.whenPainted("hazards", function () {
        el.setAttribute("data-hazard-mode", mode);
        el.setAttribute("data-hazard-total", String(total));
        el.setAttribute("data-hazard-shapes", String(shapes));
        el.setAttribute("data-hazard-dots", String(dots));
        el.setAttribute("data-hazard-cells", String(cells));
      });
    },
  });
})();
