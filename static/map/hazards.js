/* The map's hazard-area layer: SHA/CHA polygons fetched for the view and zoom.
 *
 * The server sends each area in view either as a dot (too small to see as a shape at this
 * zoom) or as a polygon simplified for the zoom; both are drawn on one canvas, styled by
 * type and status from the styles the map was built with. A click asks the server which
 * areas lie under it (minedash.js folds that into the spot's popup). Loaded after
 * minedash.js, whose small helpers it uses.
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

  md.HazardLayer = L.Layer.extend({
    initialize: function (ctx) {
      this.ctx = ctx;
      this.renderer = L.canvas({pane: "hazards", padding: 0.3});
      this.group = L.layerGroup();
      this.filters = null;
      this.drawn = [];
      this.lastUrl = null;
      this.request = null;
      this.first = null;
      this.schedule = md.debounce(this.refresh.bind(this), 60);
    },
    onAdd: function (map) {
      map.on("moveend", this.schedule, this);
      this.group.addTo(map);
      this.lastUrl = null;
      this.refresh();
    },
    onRemove: function (map) {
      map.off("moveend", this.schedule, this);
      if (this.request) { this.request.abort(); }
      this.group.clearLayers();
      this.drawn = [];
      map.removeLayer(this.group);
      this.setStatus("off", 0, 0, 0);
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
      var layers = [], i;
      var dots = data.dots, shapes = data.shapes;
      for (i = 0; i < shapes.id.length; i++) {
        layers.push(L.polygon(latlngs(shapes.rings[i]), this.style(shapes.code[i])));
      }
      for (i = 0; i < dots.id.length; i++) {
        var options = this.style(dots.code[i]);
        options.radius = 3;
        options.fillOpacity = Math.max(options.fillOpacity, 0.6);
        options.dashArray = null;
        layers.push(L.circleMarker([dots.lonlat[2 * i + 1], dots.lonlat[2 * i]], options));
      }
      this.drawn = layers;
      this.group.clearLayers();
      this.group.addLayer(L.layerGroup(layers));
      this.setStatus("on", data.total, shapes.id.length, dots.id.length);
    },
    near: function (latlng) {
      /* Whether a click could be on a drawn area: inside a shape's bounds or by a dot. */
      var map = this._map;
      if (!map) { return false; }
      var at = map.latLngToLayerPoint(latlng);
      return this.drawn.some(function (layer) {
        if (layer.getRadius) {
          return map.latLngToLayerPoint(layer.getLatLng()).distanceTo(at) <= layer.getRadius() + 6;
        }
        return layer.getBounds().contains(latlng);
      });
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
    setStatus: function (mode, total, shapes, dots) {
      var el = this.ctx.map.getContainer();
      el.setAttribute("data-hazard-mode", mode);
      el.setAttribute("data-hazard-total", String(total));
      el.setAttribute("data-hazard-shapes", String(shapes));
      el.setAttribute("data-hazard-dots", String(dots));
      md.drawnAt.hazards = performance.now();
    },
  });
})();
