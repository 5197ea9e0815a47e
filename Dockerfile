# Heraldo: one image for every process (`heraldo serve | worker | beat | migrate`); see compose.yaml.

# --- front-end assets: Chart.js pinned by package-lock.json, served from /static (no CDN) ---------
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- the application ------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HERALDO_DATA_DIR=/data

RUN groupadd --system --gid 10001 heraldo \
    && useradd --system --uid 10001 --gid heraldo --home-dir /app --no-create-home --shell /usr/sbin/nologin heraldo

WORKDIR /app

# Dependencies first, in their own layer, so a code change does not reinstall them. The editable
# install points Python at /app/src, so the code copied below is what runs.
COPY pyproject.toml README.md ./
COPY src/heraldo/__init__.py src/heraldo/__init__.py
RUN pip install -e .

# The whole repository: migrations/ lives at its root and is found relative to the source.
COPY . .
COPY --from=assets /assets/node_modules/chart.js/dist/chart.umd.js src/heraldo/web/static/vendor/chart.umd.js

RUN mkdir -p /data && chown heraldo:heraldo /data
USER heraldo
VOLUME ["/data"]
EXPOSE 8000

ENTRYPOINT ["heraldo"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
