"""The demo workspace: generated sample data so a fresh install has something to look at."""
