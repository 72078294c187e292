# Verbatim on the embedded default: SQLite, in-process worker, local FAISS, offline models.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    VERBATIM_DATA_DIR=/data VERBATIM_HOST=0.0.0.0 VERBATIM_PORT=8000 HF_HUB_OFFLINE=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/verbatim
COPY pyproject.toml README.md Makefile ./
COPY app app
COPY pipelines pipelines
COPY models models
COPY migrations migrations
# The CPU build of torch first; an unpinned torch would pull the CUDA packages.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 || pip install torch==2.13.0
RUN pip install "setuptools<81" && pip install .
VOLUME /data
EXPOSE 8000
CMD ["verbatim", "serve"]
