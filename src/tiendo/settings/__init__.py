"""Settings, one module per environment or integration.

- `base`: everything shared; values come from environment variables (see `env.py`).
- `database`, `email`, `security`: one integration each, imported by `base`.
- `production`: the default for `tiendo up` and deployments.
- `test`: the test suite (pytest sets it in pyproject.toml).
"""
