"""Posts, their targets (one per social account), social accounts and media assets."""
