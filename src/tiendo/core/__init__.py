"""Shared building blocks: Vietnamese number formats, the data folder, template helpers."""
