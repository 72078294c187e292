"""HTTP API routers: thin, they call services and never build queries or run pipelines themselves."""
