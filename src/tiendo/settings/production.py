"""The default environment: `tiendo up`, `tiendo init` and deployments."""

from .base import *  # noqa: F403
