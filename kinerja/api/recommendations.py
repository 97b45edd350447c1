"""Placeholder: filled by its helper."""


def register(router):
    pass
