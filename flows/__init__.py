"""Prefect only: thin @flow/@task functions that call the newsfacts library, top to bottom."""
