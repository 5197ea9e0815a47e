"""One connector per platform behind a common interface; look them up with `registry.get_connector`."""
