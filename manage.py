#!/usr/bin/env python
"""Kept for habit; `kinerja` (kinerja.cli) is the same entry point."""

from kinerja.cli import main

if __name__ == "__main__":
    main()
