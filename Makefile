# Two commands on a fresh Debian machine with Python 3.11 (as root):
#   make run    installs everything and starts the app on the embedded SQLite store
#   make test   installs what the tests need and runs the whole suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test install assets system-packages lint bench clean i18n

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed assets

# Map assets come from the npm registry at set-up time and are served by the app itself.
assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	rm -rf static/vendor && mkdir -p static/vendor/leaflet static/vendor/leaflet.markercluster
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
	      node_modules/leaflet/dist/images static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
	   static/vendor/leaflet.markercluster/
	mkdir -p static/vendor/axe-core && cp node_modules/axe-core/axe.min.js static/vendor/axe-core/
	touch $@

# Debian packages the tests need: Chromium for the browser tests (Playwright never downloads
# a browser here), PostgreSQL with PostGIS for the store's tests on both backends (throwaway
# clusters), nginx and envsubst for the two-instance deployment test (see docs/deploy.md), and
# poppler-utils (pdftotext, pdfinfo) to read the brief's PDF.
DEBIAN_PACKAGES := chromium postgresql postgresql-15-postgis-3 nginx gettext-base poppler-utils
system-packages:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/bin/envsubst ] \
	    || [ ! -x /usr/bin/pdftotext ] \
	    || [ -z "$$(ls /usr/share/postgresql/*/extension/postgis.control 2>/dev/null)" ]; then \
		apt-get update -qq && apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; fi

# server.py is app.py plus the map's own endpoint (finds for the visible area).
run: install
	$(VENV)/bin/streamlit run server.py --server.port $(PORT)

# Interface text: extract every _()/n_()/N_() string, merge it into each language's catalog
# (locales/<lang>/LC_MESSAGES/minedash.po, kept in git), compile the .mo files. The app also
# compiles a .po in memory at start when its .mo is missing or older.
BABEL_KEYWORDS := --no-default-keywords -k _ -k n_:1,2 -k N_
i18n: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --sort-output --no-location \
		--project minedash --copyright-holder "The mine-clearance dashboard contributors" \
		-o locales/minedash.pot .
	$(VENV)/bin/pybabel update -i locales/minedash.pot -d locales -D minedash --ignore-obsolete
	$(VENV)/bin/pybabel compile -d locales -D minedash --statistics

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

test: $(VENV)/.dev-installed assets system-packages lint
	$(VENV)/bin/pytest -n 2 --dist loadfile

bench: $(VENV)/.dev-installed assets system-packages
	$(PY) -m bench.run
	$(PY) -m bench.map_scale
	$(PY) -m bench.figures_scale
	$(PY) -m bench.upload_scale
	$(PY) -m bench.robustness
	$(PY) -m bench.geodata_fuzz
	$(PY) -m bench.share_scale
	$(PY) -m bench.hazards_scale
	$(PY) -m bench.statements_eval
	$(PY) -m bench.statements_intake
	$(PY) -m bench.api_scale

clean:
	rm -rf $(VENV) node_modules static/vendor var
